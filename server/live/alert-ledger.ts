/**
 * The live pipeline's alerts in the store: which stored alert each open monitor episode is, the
 * yield alerts stored with approvals and sent with the next tick, and each tick's alerts written
 * in one transaction with their reports to UOM. The monitor decides; this keeps the record.
 */
import { prepareOutline } from '../../shared/geo/shape.js';
import type { AlertEvent, TrackUpdate } from '../../shared/monitor/conformance-monitor.js';
import { districtsTouched } from '../../shared/rules/station-routing.js';
import type { ServiceContext } from '../services/context.js';
import { AlertRepo, type StoredAlert } from '../store/alert-repo.js';
import { recordAlertsForUom } from '../uom/uom-outbox.js';
import { alertRecord } from './alert-record.js';

/** an alert as a tick sends it */
export type TickAlert = StoredAlert & { action: 'raise' | 'clear' };

export class AlertLedger {
  readonly repo: AlertRepo;
  /** episode key → id of the stored alert, while open */
  private readonly openIds = new Map<string, string>();
  /** yield alerts stored with an approval, to send with the next tick */
  private announced: string[] = [];
  /** alerts the reset closed, to send as cleared with the next tick */
  private closedByReset: StoredAlert[] = [];

  constructor(
    private readonly ctx: ServiceContext,
    /** the station of a plan the live pipeline knows */
    private readonly planStation: (planId: string) => string | undefined,
  ) {
    this.repo = AlertRepo.for(ctx.db);
  }

  /**
   * The monitor starts empty: the alerts it raised that are still open are closed (sent as cleared
   * with the next tick; each is raised again while it still holds) and their episodes forgotten.
   * Yields stand: an approval raised them, not the monitor; they are sent again with the next tick
   * and clear when their flight ends.
   */
  reset(at: string): void {
    this.openIds.clear();
    this.announced = [];
    this.ctx.db.transaction(() => {
      this.closedByReset.push(...this.repo.closeMonitorAlerts(at));
      for (const y of this.repo.list({ open: true, kind: 'yield', limit: 10_000 }).reverse()) {
        const state = y.planId ? this.ctx.plans.get(y.planId)?.state : undefined;
        if (y.planId && (state === 'approved' || state === 'active')) {
          this.openIds.set(`yield:${y.planId}:${y.id}`, y.id);
          this.announced.push(y.id);
        } else {
          // a flight no longer approved or in the air has nothing to yield (it ended while nobody watched)
          this.repo.clear(y.id, at);
          this.closedByReset.push({ ...y, clearedAt: at });
        }
      }
    })();
  }

  /** A yield alert stored with an approval: sent with the next tick; it clears when the flight ends. */
  announceYield(alertId: string, planId: string, byPlanId: string): void {
    this.openIds.set(`yield:${planId}:${byPlanId}`, alertId);
    this.announced.push(alertId);
  }

  /** The clear events of a flight's open yields (it has ended). */
  yieldClears(planId: string, at: string): AlertEvent[] {
    const prefix = `yield:${planId}:`;
    const events: AlertEvent[] = [];
    for (const key of this.openIds.keys()) {
      if (key.startsWith(prefix)) events.push({ action: 'clear', kind: 'yield', key, trackId: planId, planId, lng: 0, lat: 0, altitudeM: 0, tMs: Date.parse(at), message: 'the flight has ended' });
    }
    return events;
  }

  /** The clear events of every open alert the monitor raised (not the yields): a monitor that restarts empty. */
  monitorClears(tMs: number, message: string): AlertEvent[] {
    const events: AlertEvent[] = [];
    for (const [key, id] of this.openIds) {
      if (key.startsWith('yield:')) continue; // yields are the approvals' own
      const a = this.repo.get(id);
      if (!a || a.clearedAt) continue;
      events.push({ action: 'clear', kind: a.kind, key, trackId: a.trackId ?? '', ...(a.planId ? { planId: a.planId } : {}), lng: a.lng, lat: a.lat, altitudeM: a.altitudeM, tMs, message });
    }
    return events;
  }

  /**
   * A tick's alerts, in one transaction: the announced yields (placed where their aircraft was
   * last seen), then the monitor's raises and clears, and the raised ones reported to UOM. If it
   * fails nothing is written and the yields are announced again at the next tick.
   */
  write(tMs: number, events: readonly AlertEvent[], latest: ReadonlyMap<string, TrackUpdate>): TickAlert[] {
    const at = new Date(tMs).toISOString();
    const out: TickAlert[] = [];
    const announced = this.announced;
    this.announced = [];
    const closedByReset = this.closedByReset;
    this.closedByReset = [];
    // episodes opened (an id) and closed (null) by this tick, kept once the transaction commits
    const changed = new Map<string, string | null>();
    const openId = (key: string) => (changed.has(key) ? changed.get(key) : this.openIds.get(key));
    try {
      this.ctx.db.transaction(() => {
        for (const a of closedByReset) out.push({ ...a, action: 'clear' });
        for (const id of announced) {
          const a = this.repo.get(id);
          if (!a || a.clearedAt) continue;
          const track = a.planId ? [...latest.values()].find((u) => u.planId === a.planId) : undefined;
          if (track) {
            this.repo.move(id, track.id, track.lng, track.lat, track.altitudeM);
            Object.assign(a, { lng: track.lng, lat: track.lat, altitudeM: track.altitudeM, trackId: track.id });
          }
          out.push({ ...a, action: 'raise' });
        }
        for (const e of events) {
          if (e.action === 'raise') {
            const a = alertRecord(e, this.repo.nextId(), this.stationFor(e));
            this.repo.insert(a);
            changed.set(e.key, a.id);
            out.push({ ...a, action: 'raise' });
          } else {
            const id = openId(e.key);
            if (!id) continue;
            this.repo.clear(id, at);
            changed.set(e.key, null);
            const a = this.repo.get(id);
            if (a) out.push({ ...a, action: 'clear' });
          }
        }
        // safety-relevant alerts are reported to UOM in the same transaction
        recordAlertsForUom(
          this.ctx.db,
          out.filter((a) => a.action === 'raise'),
          (planId) => this.ctx.plans.get(planId)?.operatorId,
        );
      })();
    } catch (e) {
      this.announced = [...announced, ...this.announced];
      this.closedByReset = [...closedByReset, ...this.closedByReset];
      throw e;
    }
    for (const [key, id] of changed) {
      if (id) this.openIds.set(key, id);
      else this.openIds.delete(key);
    }
    return out;
  }

  /** The station that owns an alert: the plan's, else the B station of the district it is over, else A. */
  private stationFor(e: AlertEvent): string {
    const station = e.planId ? this.planStation(e.planId) : undefined;
    if (station) return station;
    const d = districtsTouched(this.ctx.airspace.routing, [prepareOutline({ type: 'Circle', center: [e.lng, e.lat], radiusM: 1 })]);
    return d.length === 1 ? d[0].stationId : this.ctx.aStationId;
  }
}
