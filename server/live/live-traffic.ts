import { type ConformanceMonitor, DEFAULT_MONITOR_CONFIG, type AlertEvent, type MonitorConfig, type TrackUpdate } from '../../shared/monitor/conformance-monitor.js';
import { Surveillance } from '../../shared/sim/surveillance.js';
import { TERMINAL_STATES } from '../../shared/rules/plan-state-machine.js';
import type { Station } from '../../shared/schemas/station.js';
import { expectedRefusal } from '../errors.js';
import { systemActor } from '../policy/actor.js';
import type { AlertRepo } from '../store/alert-repo.js';
import type { ServiceContext } from '../services/context.js';
import type { PlanEvent } from '../store/misc-repos.js';
import { actOnPlan, markConformance } from '../services/plan-actions.js';
import type { MonitorThread } from './monitor-thread.js';
import { MonitorHost, type MonitorTick } from './monitor-host.js';
import { AlertLedger, type TickAlert } from './alert-ledger.js';
import { lookUpPlan, type PlanInfo } from './live-plans.js';
import { UomTrackReporter } from './uom-track-reporter.js';
import { trackJson } from './track-json.js';

/** the states a plan has ended in (a flight landed, revoked, cancelled; or never flown) */
const ENDED_STATES: ReadonlySet<string> = new Set(TERMINAL_STATES);

export const MONITOR = systemActor('monitor', 'conformance monitor');
/** tracks whose stream JSON is written between two looks at whether the monitor's worker has answered */
const JSON_SLICE = 500;

export interface TickBatch {
  tMs: number;
  tracks: TrackUpdate[];
  /**
   * the stream JSON (trackJson) of the first tracks, as many as were written while the monitor's
   * worker computed (the stream writes the others)
   */
  trackJson?: string[];
  alerts: TickAlert[];
}

export interface LiveTrafficOptions {
  /**
   * Positions of registered aircraft go to the UOM outbox once the tick's batch is handed to the
   * stream (uom-track-reporter.ts), at most one per aircraft per this many milliseconds of the
   * server's clock; 0 or absent: not recorded (no receiver configured).
   */
  uomTrackIntervalMs?: number;
  /** close alerts an earlier run left open (default); a server joining others leaves them to the primary */
  closeOpenAlertsAtStart?: boolean;
  /**
   * Run the conformance monitor in a worker thread: ingest never waits for it, and `tickAsync`
   * leaves the thread free while the worker computes the tick's events. Off: in this thread (the
   * reference path; same events in the same order).
   */
  worker?: boolean;
}

/** a tick's tracks, and the stream JSON of those written before the monitor's events were back */
interface Early {
  tracks: TrackUpdate[];
  trackJson: string[];
}

export class LiveTraffic {
  /** where the monitor runs: a worker thread, or this one */
  private readonly host: MonitorHost;
  /** told when the worker fails and the monitor moves to this thread (the app's log) */
  onMonitorFailure: ((e: unknown) => void) | null = null;
  /** told when a plan's conformance could not be written (the tick's batch goes out all the same) */
  onConformanceFailure: ((e: unknown) => void) | null = null;
  /** where several servers share a database: whether this server may still act as the primary (asked again after an await) */
  primaryConfirmed: (() => boolean) | null = null;
  /** told when positions could not be written to the UOM outbox (they are reported at the next tick) */
  onUomFailure: ((tMs: number, failures: unknown[]) => void) | null = null;
  /** the positions of the last tick being written, a slice at a time */
  private uomReporting: Promise<unknown[]> | null = null;
  /** measurement and reference hook: every tick's monitor events, in order */
  onEvents: ((tMs: number, events: AlertEvent[]) => void) | null = null;
  readonly surveillance: Surveillance;
  private readonly ledger: AlertLedger;
  readonly listeners = new Set<(b: TickBatch) => void>();
  private readonly latest = new Map<string, TrackUpdate>();
  private changed = new Map<string, TrackUpdate>();
  private readonly planCache = new Map<string, PlanInfo>();
  /** positions of registered aircraft to UOM */
  private readonly uom: UomTrackReporter;
  /**
   * `primary`: monitors what it ingests and sends out each tick. `mirror` (a server that is not the
   * primary of several): hands what it ingests to `forward` and streams the primary's ticks.
   */
  role: 'primary' | 'mirror' = 'primary';
  /** counts resets of the monitor: a tick computed before one is not written after it */
  private generation = 0;
  forward: ((updates: TrackUpdate[]) => void) | null = null;

  constructor(
    private readonly ctx: ServiceContext,
    stations: Station[],
    config: MonitorConfig = DEFAULT_MONITOR_CONFIG,
    options: LiveTrafficOptions = {},
  ) {
    this.uom = new UomTrackReporter(ctx, options.uomTrackIntervalMs ?? 0, (id) => this.plan(id));
    this.host = new MonitorHost(ctx.airspace.zones, config, options.worker ?? false);
    // the worker failed: plans are looked up again with their volumes, and what it had open is cleared
    this.host.onFallBack = (e, tMs) => {
      this.planCache.clear();
      this.onMonitorFailure?.(e);
      return this.ledger.monitorClears(tMs, 'the conformance monitor restarted in the main thread');
    };
    this.surveillance = new Surveillance(stations);
    this.ledger = new AlertLedger(ctx, (planId) => this.plan(planId)?.stationId);
    // a plan that changes state is looked up again
    ctx.listeners.add(this.onPlanEvent);
    // the monitor starts empty: alerts left open by an earlier run can no longer clear themselves
    if (options.closeOpenAlertsAtStart ?? true) this.resetAlerts();
  }

  private readonly onPlanEvent = (e: PlanEvent): void => {
    this.planCache.delete(e.planId);
    // yields are the primary's to send and clear (a server that becomes the primary reads them from the store)
    if (this.role !== 'primary') return;
    if (e.kind === 'yield') {
      const y = e.payload as { by?: string; alertId?: string };
      if (y.alertId) this.announceYield(y.alertId, e.planId, y.by ?? '?');
    }
    const state = (e.payload as { state?: string } | undefined)?.state;
    if (state === 'completed' || state === 'cancelled' || state === 'revoked') this.endYields(e.planId, e.at);
  };

  /**
   * Starts the monitor empty and closes the alerts it raised that are still open (by an earlier
   * run, or by the primary before this one): they could never clear themselves, and what this
   * server watched before it was a mirror is out of date. They go out as cleared with the next
   * tick, and each is raised again while it still holds; a flight's yield stands (alert-ledger.ts).
   */
  resetAlerts(): void {
    this.ledger.reset(new Date(this.ctx.clock()).toISOString());
    this.generation += 1;
    this.host.reset();
  }

  /**
   * The primary (of several servers) monitors, writes alerts and sends each tick; a mirror streams
   * the primary's ticks. A server that becomes the primary starts its monitor empty (resetAlerts).
   */
  setRole(role: 'primary' | 'mirror'): void {
    const promoted = role === 'primary' && this.role !== 'primary';
    this.role = role;
    if (promoted) this.resetAlerts();
  }

  /** A tick of the primary, seen on a mirror: its tracks become this server's picture, and its stream sends it. */
  mirror(batch: TickBatch): void {
    for (const u of batch.tracks) {
      const airborne = u.altitudeM > 0.5 || u.speedMps > 0.5;
      if (airborne) this.latest.set(u.id, u);
      else this.latest.delete(u.id);
    }
    for (const l of this.listeners) l(batch);
  }

  /** Turns position reporting to UOM on (interval in ms of the server's clock) or off (0). */
  setUomTrackInterval(ms: number): void {
    this.uom.setInterval(ms);
  }

  /** the stored alerts */
  get alerts(): AlertRepo {
    return this.ledger.repo;
  }

  /** alerts the monitor holds open */
  get openAlertCount(): number {
    return this.host.openAlertCount;
  }
  /** the monitor runs in a worker thread */
  get threaded(): boolean {
    return this.host.threaded;
  }
  /** the in-thread monitor (unused while the worker thread monitors) */
  get monitor(): ConformanceMonitor {
    return this.host.monitor;
  }
  /** the monitor's worker thread, while it monitors */
  get monitorThread(): MonitorThread | null {
    return this.host.worker;
  }
  /** why the monitor's worker was given up (the monitor then runs in this thread); null while it works */
  get monitorFailure(): string | null {
    return this.host.failure;
  }
  /** Stops the monitor's worker thread, if any. */
  async close(): Promise<void> {
    this.ctx.listeners.delete(this.onPlanEvent);
    this.uom.stop();
    await this.uomReporting;
    this.planCache.clear();
    await this.host.close();
  }

  get trackCount(): number {
    return this.latest.size;
  }
  tracks(): TrackUpdate[] {
    return [...this.latest.values()];
  }

  private plan(id: string): PlanInfo | undefined {
    let p = this.planCache.get(id);
    if (!p) {
      p = lookUpPlan(this.ctx, id, !this.host.threaded);
      if (!p) return undefined;
      this.planCache.set(id, p);
    }
    return p;
  }

  /** Position reports (network telemetry and/or surveillance) into the monitor. */
  ingest(updates: TrackUpdate[]): void {
    if (this.role === 'mirror') {
      this.forward?.(updates);
      return;
    }
    this.host.begin();
    for (const u of updates) {
      const plan = u.planId ? this.plan(u.planId) : undefined;
      const airborne = u.altitudeM > 0.5 || u.speedMps > 0.5;
      // a flight that has ended and reports from the ground is over: following it would only raise
      // a lost link when it falls silent. One revoked in the air was watched until now
      // (alert-service.ts, endedInFlight): its landing ends its track, with nothing to complete
      if (plan && !airborne && ENDED_STATES.has(plan.state)) {
        if (plan.state === 'completed' || !this.latest.has(u.id)) continue;
        // one ended in the air touches down: its last report goes out (the maps see it land) and its track ends
        this.latest.set(u.id, u);
        this.changed.set(u.id, u);
        this.host.update(u, plan);
        this.dropTrack(u.id, u.tMs);
        continue;
      }
      this.latest.set(u.id, u);
      this.changed.set(u.id, u);
      if (plan && plan.state === 'approved' && airborne) {
        try {
          actOnPlan(this.ctx, MONITOR, plan.id, 'activate', 'first airborne report', { code: 'airborne' });
        } catch (e) {
          expectedRefusal(e); /* ended or changed meanwhile */
        }
      }
      this.host.update(u, plan);
      if (plan && plan.state === 'active' && !airborne && u.source.includes('network')) {
        // landed: the flight is over
        try {
          actOnPlan(this.ctx, MONITOR, plan.id, 'complete', 'landed', { code: 'landed' });
        } catch (e) {
          expectedRefusal(e); /* already completed */
        }
        this.dropTrack(u.id, u.tMs);
      }
    }
    this.host.end();
  }

  /**
   * An operator approved a higher-priority plan over an airborne flight: the flight is asked to
   * yield (never revoked by the system). The alert was stored with the approval; it is sent to the
   * flight's company and station at the next tick, placed where the aircraft was last seen.
   */
  announceYield(alertId: string, planId: string, byPlanId: string): void {
    this.ledger.announceYield(alertId, planId, byPlanId);
  }

  /** A flight that has landed (or ended otherwise) has nothing left to yield: its yield alerts clear at the next tick. */
  private endYields(planId: string, at: string): void {
    const events = this.ledger.yieldClears(planId, at);
    if (!events.length) return;
    // kept in their place among the monitor's events
    this.host.echo(events);
  }

  /** Whether a track of the plan is followed (in the air, or silent in the air): on the primary and, from its ticks, on a mirror. */
  hasTrackOf(planId: string): boolean {
    for (const u of this.latest.values()) if (u.planId === planId) return true;
    return false;
  }

  /** Forget a track that is gone (e.g. a rogue aircraft that landed); its open alerts clear next tick. */
  dropTrack(id: string, tMs: number): void {
    this.host.drop(id, tMs);
    this.latest.delete(id);
    this.uom.forget(id);
  }

  /** End of a tick: separation and lost links, alerts persisted in one transaction, one batch out. */
  tick(tMs: number): TickBatch {
    if (this.role === 'mirror') return { tMs, tracks: [], alerts: [] }; // the primary monitors and sends
    const changed = this.takeChanged();
    return this.reportedSync(this.finish(tMs, this.host.tick(tMs), changed));
  }

  /** The batch, once its positions due have gone to UOM (written now; failures told, never thrown: the batch is out). */
  private reportedSync(batch: TickBatch): TickBatch {
    const failures = this.uom.reportSync(batch.tracks, batch.tMs);
    if (failures.length) this.onUomFailure?.(batch.tMs, failures);
    return batch;
  }

  /**
   * The same tick without blocking this thread while the worker computes it (with the monitor in
   * this thread, the same as `tick`). Updates ingested meanwhile belong to the next tick.
   */
  async tickAsync(tMs: number): Promise<TickBatch> {
    if (!this.host.threaded || this.role === 'mirror') return this.tick(tMs);
    const generation = this.generation;
    const changed = this.takeChanged();
    const tracks = [...changed.values()];
    const json: string[] = [];
    const r = await this.host.tickAsync(tMs, (answered) => {
      // while the worker computes, and only while: the stream's JSON, a slice at a time (the
      // fan-out writes the rest once the batch is handed, which then never waits for this)
      while (json.length < tracks.length && !answered()) {
        const end = Math.min(tracks.length, json.length + JSON_SLICE);
        for (let i = json.length; i < end; i++) json.push(trackJson(tracks[i]));
      }
    });
    if (!r) {
      // the worker failed: the monitor goes on in this thread, and the tracks go out with this tick
      this.restoreChanged(changed);
      return this.tick(tMs);
    }
    // another server took the primary lease while the worker computed: the alerts are its to write now
    if (!this.isPrimary()) return { tMs, tracks: [], alerts: [] };
    // the monitor was reset meanwhile (this server became the primary again): its events are of before; the tracks go with the next tick
    if (generation !== this.generation) {
      this.restoreChanged(changed);
      return { tMs, tracks: [], alerts: [] };
    }
    const batch = this.finish(tMs, r, changed, { tracks, trackJson: json });
    // the picture is out: now the interop feed, a slice at a time (awaited by close)
    const reporting = this.uom.report(batch.tracks, tMs);
    this.uomReporting = reporting;
    const failures = await reporting;
    if (this.uomReporting === reporting) this.uomReporting = null;
    if (failures.length) this.onUomFailure?.(tMs, failures);
    return batch;
  }

  /** (read again after an await: the role may change meanwhile) */
  private isPrimary(): boolean {
    return this.role === 'primary' && (this.primaryConfirmed?.() ?? true);
  }

  private takeChanged(): Map<string, TrackUpdate> {
    const changed = this.changed;
    this.changed = new Map();
    return changed;
  }
  /** a tick's tracks that did not go out: they go with the next one (unless updated since) */
  private restoreChanged(changed: Map<string, TrackUpdate>): void {
    for (const [id, u] of changed) if (!this.changed.has(id)) this.changed.set(id, u);
  }

  private finish(tMs: number, { events, offPlan: offPlanOf }: MonitorTick, changed: Map<string, TrackUpdate>, early?: Early): TickBatch {
    this.onEvents?.(tMs, events);
    let out: TickAlert[];
    try {
      out = this.ledger.write(tMs, events, this.latest);
    } catch (e) {
      // nothing was written: the tracks go out with the next tick, and the events are written then
      // (the monitor holds its episodes open: a raise lost here would not come again while it holds)
      this.restoreChanged(changed);
      this.host.echo(events);
      throw e;
    }
    // plans fly nonconforming while an off-plan alert is open
    const touched = new Map<string, string>();
    for (const e of events) if (e.planId && e.kind.startsWith('off-plan')) touched.set(e.planId, e.message);
    if (touched.size) {
      const offPlan = offPlanOf();
      try {
        markConformance(this.ctx, new Map([...touched].map(([id, why]) => [id, { conformance: offPlan.has(id) ? ('nonconforming' as const) : ('conforming' as const), why }])));
      } catch (e) {
        // the alerts are written: the batch still goes out (a plan's flag is set again with its next off-plan event)
        this.onConformanceFailure?.(e);
      }
    }
    const batch: TickBatch = early ? { tMs, tracks: early.tracks, trackJson: early.trackJson, alerts: out } : { tMs, tracks: [...changed.values()], alerts: out };
    for (const l of this.listeners) l(batch);
    return batch;
  }
}
