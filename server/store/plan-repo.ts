/** Flight-plan documents in SQLite. Thin: the service decides, this stores. */
import { noteChange, onRollback } from '../cluster/change-notes.js';
import type { FlightPlan } from '../../shared/schemas/flight-plan-record.js';
import { preparedVolumes } from '../../shared/airspace/prepared-cache.js';
import { unionBBox } from '../../shared/geo/shape.js';
import type { BBox } from '../../shared/geo/types.js';
import { parseDocument, stringifyDocument } from './document-json.js';
import { type Db, storeKindOf } from './sql-db.js';

export interface PlanFilter {
  states?: string[];
  stationIds?: string[];
  operatorId?: string;
  bbox?: BBox;
  limit?: number;
  afterSeq?: number;
  /** newest first (the limit then keeps the newest); default oldest first */
  newestFirst?: boolean;
}

/** how many plan numbers a server draws from PostgreSQL's shared sequence at once */
export const PG_NUMBER_BLOCK = 16;

export function planBBox(p: FlightPlan): BBox {
  return unionBBox(preparedVolumes(p.volumes).map((v) => v.bbox));
}

export class PlanRepo {
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly getStmt;
  private readonly nextSeqStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(`INSERT INTO plans (id, state, priority, station_id, operator_id, submitted_by, emergency, deadline, time_start, time_end, bbox, doc, version, created_at, updated_at)
      VALUES (@id, @state, @priority, @station_id, @operator_id, @submitted_by, @emergency, @deadline, @time_start, @time_end, @bbox, @doc, @version, @created_at, @updated_at)`);
    this.updateStmt = db.prepare(`UPDATE plans SET state = @state, station_id = @station_id, doc = @doc, version = @version, updated_at = @updated_at WHERE id = @id AND version = @version - 1`);
    this.getStmt = db.prepare('SELECT doc FROM plans WHERE id = ?');
    this.nextSeqStmt = db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM plans');
    this.pgNext = storeKindOf(db) === 'postgres' ? db.prepare(`SELECT nextval('yk_plan_number') AS n FROM generate_series(1, ${PG_NUMBER_BLOCK}) ORDER BY n`) : null;
  }
  private readonly pgNext;
  /** plan numbers drawn from the shared sequence and not used yet (ascending) */
  private pgNumbers: number[] = [];

  private lastSeq = -1;

  /** The next plan id; callers insert it in the same synchronous turn (ids follow the row sequence). */
  nextId(): string {
    // servers sharing PostgreSQL draw plan numbers from one sequence, a block at a time (one round
    // trip per PG_NUMBER_BLOCK plans, not one per decision); a server's numbers ascend in the order
    // it takes them, and numbers it drew but never used are gaps, as a rolled-back nextval is
    if (this.pgNext) {
      if (!this.pgNumbers.length) this.pgNumbers = (this.pgNext.all() as { n: number | string }[]).map((r) => Number(r.n));
      return `FP-${String(this.pgNumbers.shift()).padStart(7, '0')}`;
    }
    if (this.lastSeq < 0) this.lastSeq = (this.nextSeqStmt.get() as { n: number }).n - 1;
    return `FP-${String(this.lastSeq + 1).padStart(7, '0')}`;
  }

  private row(p: FlightPlan) {
    const starts = p.volumes.map((v) => v.timeStart).sort();
    const ends = p.volumes.map((v) => v.timeEnd).sort();
    return {
      id: p.id,
      state: p.state,
      priority: p.priority,
      station_id: p.station.id,
      operator_id: p.operatorId ?? null,
      submitted_by: p.submittedBy,
      emergency: p.emergency ? 1 : 0,
      deadline: p.deadline ?? null,
      time_start: starts[0] ?? '',
      time_end: ends[ends.length - 1] ?? '',
      bbox: JSON.stringify(p.volumes.length ? planBBox(p) : [0, 0, 0, 0]),
      doc: stringifyDocument(p),
      version: p.version,
      created_at: p.createdAt,
      updated_at: p.updatedAt,
    };
  }

  insert(p: FlightPlan): void {
    this.insertStmt.run(this.row(p));
    noteChange(this.db, { k: 'plan', id: p.id });
    onRollback(this.db, () => {
      this.lastSeq = -1; // the next id is read from the store again
    });
    this.lastSeq = Math.max(this.lastSeq, Number(p.id.slice(3)));
  }

  /** Optimistic update: the caller bumps `version`; a stale version throws. */
  update(p: FlightPlan): void {
    const r = this.updateStmt.run(this.row(p));
    if (r.changes !== 1) throw new Error(`stale update of plan ${p.id}`);
    noteChange(this.db, { k: 'plan', id: p.id });
  }

  get(id: string): FlightPlan | null {
    const r = this.getStmt.get(id) as { doc: string } | undefined;
    return r ? parseDocument<FlightPlan>(r.doc) : null;
  }

  list(f: PlanFilter): FlightPlan[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (f.states?.length) {
      where.push(`state IN (${f.states.map(() => '?').join(',')})`);
      args.push(...f.states);
    }
    if (f.stationIds?.length) {
      where.push(`station_id IN (${f.stationIds.map(() => '?').join(',')})`);
      args.push(...f.stationIds);
    }
    if (f.operatorId !== undefined) {
      where.push('operator_id = ?');
      args.push(f.operatorId);
    }
    if (f.afterSeq !== undefined) {
      where.push('seq > ?');
      args.push(f.afterSeq);
    }
    // with a bbox the limit applies after filtering, so it cannot go into SQL
    const sqlLimit = f.limit && !f.bbox;
    if (sqlLimit) args.push(f.limit);
    const sql = `SELECT doc, bbox FROM plans ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq${f.newestFirst ? ' DESC' : ''}${sqlLimit ? ' LIMIT ?' : ''}`;
    const rows = this.db.prepare(sql).all(...args) as { doc: string; bbox: string }[];
    const out: FlightPlan[] = [];
    for (const r of rows) {
      if (f.bbox) {
        const b = JSON.parse(r.bbox) as BBox;
        if (b[0] > f.bbox[2] || b[2] < f.bbox[0] || b[1] > f.bbox[3] || b[3] < f.bbox[1]) continue;
      }
      out.push(parseDocument<FlightPlan>(r.doc));
      if (f.limit && out.length >= f.limit) break;
    }
    return out;
  }

  /** Plans the indexes must hold after a restart. */
  live(): FlightPlan[] {
    return this.list({ states: ['pending', 'approved', 'active'] });
  }
}
