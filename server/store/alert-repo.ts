/** Alerts raised by conformance monitoring: persisted, listed, cleared, acknowledged. */
import { noteChange } from '../cluster/change-notes.js';
import type { Alert } from '../../shared/schemas/track.js';
import { type Db, storeKindOf } from './sql-db.js';

export interface StoredAlert extends Alert {
  otherTrackId?: string;
  zoneId?: string;
  clearedAt?: string;
}

type Row = Record<string, string | number | null>;
const fromRow = (r: Row): StoredAlert => ({
  id: r.id as string,
  kind: r.kind as Alert['kind'],
  severity: r.severity as Alert['severity'],
  stationId: r.station_id as string,
  lng: r.lng as number,
  lat: r.lat as number,
  altitudeM: r.altitude_m as number,
  message: r.message as string,
  raisedAt: r.raised_at as string,
  ...(r.track_id ? { trackId: r.track_id as string } : {}),
  ...(r.plan_id ? { planId: r.plan_id as string } : {}),
  ...(r.other_track_id ? { otherTrackId: r.other_track_id as string } : {}),
  ...(r.zone_id ? { zoneId: r.zone_id as string } : {}),
  ...(r.cleared_at ? { clearedAt: r.cleared_at as string } : {}),
  ...(r.acknowledged_at ? { acknowledgedAt: r.acknowledged_at as string, acknowledgedBy: r.acknowledged_by as string } : {}),
});

const repos = new WeakMap<Db, AlertRepo>();

export class AlertRepo {
  /** The one repository of a database (alert ids come from its counter: every writer must share it). */
  static for(db: Db): AlertRepo {
    let r = repos.get(db);
    if (!r) {
      r = new AlertRepo(db);
      repos.set(db, r);
    }
    return r;
  }

  private readonly insertStmt;
  private readonly clearStmt;
  private readonly nextStmt;
  private lastSeq = -1;
  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(`INSERT INTO alerts (id, kind, severity, track_id, plan_id, other_track_id, zone_id, station_id, lng, lat, altitude_m, message, raised_at)
      VALUES (@id, @kind, @severity, @trackId, @planId, @otherTrackId, @zoneId, @stationId, @lng, @lat, @altitudeM, @message, @raisedAt)`);
    this.clearStmt = db.prepare('UPDATE alerts SET cleared_at = ? WHERE id = ? AND cleared_at IS NULL');
    this.nextStmt = db.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM alerts');
    this.pgNext = storeKindOf(db) === 'postgres' ? db.prepare("SELECT nextval('yk_alert_number') AS n") : null;
  }
  private readonly pgNext;
  nextId(): string {
    // servers sharing PostgreSQL draw alert numbers from one sequence
    if (this.pgNext) return `AL-${String((this.pgNext.get() as { n: number }).n).padStart(7, '0')}`;
    if (this.lastSeq < 0) this.lastSeq = (this.nextStmt.get() as { n: number }).n;
    this.lastSeq += 1;
    return `AL-${String(this.lastSeq).padStart(7, '0')}`;
  }
  insert(a: StoredAlert): void {
    this.insertStmt.run({ trackId: null, planId: null, otherTrackId: null, zoneId: null, ...a });
    noteChange(this.db, { k: 'alert', id: a.id });
  }
  clear(id: string, at: string): void {
    this.clearStmt.run(at, id);
    noteChange(this.db, { k: 'alert', id });
  }
  /** Where the aircraft was when an alert raised elsewhere (an approval) was first announced. */
  move(id: string, trackId: string, lng: number, lat: number, altitudeM: number): void {
    this.db.prepare('UPDATE alerts SET track_id = ?, lng = ?, lat = ?, altitude_m = ? WHERE id = ?').run(trackId, lng, lat, altitudeM, id);
  }
  /** Close every open alert the monitor raised (it begins with no tracks); yields stand (an approval raised them). Returns those closed. */
  closeMonitorAlerts(at: string): StoredAlert[] {
    const open = (this.db.prepare("SELECT * FROM alerts WHERE cleared_at IS NULL AND kind <> 'yield' ORDER BY seq").all() as Row[]).map(fromRow);
    this.db.prepare("UPDATE alerts SET cleared_at = ? WHERE cleared_at IS NULL AND kind <> 'yield'").run(at);
    for (const a of open) noteChange(this.db, { k: 'alert', id: a.id });
    return open.map((a) => ({ ...a, clearedAt: at }));
  }
  acknowledge(id: string, by: string, at: string): boolean {
    return this.db.prepare('UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL').run(at, by, id).changes === 1;
  }
  get(id: string): StoredAlert | null {
    const r = this.db.prepare('SELECT * FROM alerts WHERE id = ?').get(id) as Row | undefined;
    return r ? fromRow(r) : null;
  }
  list(f: { stationIds?: string[]; open?: boolean; kind?: string; planIds?: string[]; operatorId?: string; limit?: number }): StoredAlert[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (f.stationIds) {
      where.push(`station_id IN (${f.stationIds.map(() => '?').join(',') || "''"})`);
      args.push(...f.stationIds);
    }
    if (f.operatorId !== undefined) {
      // a company's alerts: those of its plans, joined in SQL (never a list of every plan it filed)
      where.push('plan_id IN (SELECT id FROM plans WHERE operator_id = ?)');
      args.push(f.operatorId);
    }
    if (f.planIds) {
      where.push(`plan_id IN (${f.planIds.map(() => '?').join(',') || "''"})`);
      args.push(...f.planIds);
    }
    if (f.open) where.push('cleared_at IS NULL');
    if (f.kind) {
      where.push('kind = ?');
      args.push(f.kind);
    }
    args.push(f.limit ?? 500);
    return (this.db.prepare(`SELECT * FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`).all(...args) as Row[]).map(fromRow);
  }
}
