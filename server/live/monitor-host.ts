/**
 * Where the conformance monitor runs: in a worker thread (ingest never waits for it; an async tick
 * leaves this thread free while the worker computes) or in this thread (the reference path: the
 * same events in the same order). A worker that fails (it died, or left a tick unanswered) is
 * given up for good and monitoring goes on in this thread, never stops: the monitor here starts
 * empty, so the owner is asked for the clears of what the worker had open (`onFallBack`).
 */
import type { VolumeIndex } from '../../shared/airspace/volume-index.js';
import { ConformanceMonitor, type AlertEvent, type MonitorConfig, type TrackUpdate } from '../../shared/monitor/conformance-monitor.js';
import type { Zone } from '../../shared/schemas/zone.js';
import type { PlanInfo } from './live-plans.js';
import { MonitorThread } from './monitor-thread.js';

/** A tick's events, and (asked only when some were off-plan) the plans with an off-plan alert open. */
export interface MonitorTick {
  events: AlertEvent[];
  offPlan: () => Set<string | undefined>;
}

export class MonitorHost {
  /** the in-thread monitor (unused while the worker thread monitors) */
  readonly monitor: ConformanceMonitor;
  private thread: MonitorThread | null;
  private workerOpenAlerts = 0;
  /** counts resets: a tick asked for before one does not set the count after it */
  private epoch = 0;
  /** events decided in this thread since the last tick (the in-thread monitor's, drops, echoes) */
  private pending: AlertEvent[] = [];
  /** plan lookups whose definition the worker has */
  private readonly synced = new WeakSet<PlanInfo>();
  /** why the worker was given up; null while it works (or none was started) */
  failure: string | null = null;
  /** the worker was given up at tMs: the clears of what it had open (the owner keeps the record) */
  onFallBack: ((e: unknown, tMs: number) => AlertEvent[]) | null = null;

  constructor(
    private readonly zones: VolumeIndex<Zone>,
    config: MonitorConfig,
    worker: boolean,
  ) {
    this.monitor = new ConformanceMonitor(zones, config);
    this.thread = worker ? new MonitorThread(config) : null;
  }

  /** the monitor runs in a worker thread */
  get threaded(): boolean {
    return this.thread !== null;
  }
  /** the monitor's worker thread, while it monitors */
  get worker(): MonitorThread | null {
    return this.thread;
  }
  /** alerts the monitor holds open */
  get openAlertCount(): number {
    return this.thread ? this.workerOpenAlerts : this.monitor.openAlertCount;
  }

  /** Before a batch of updates: the worker gets the zones when they changed. */
  begin(): void {
    this.thread?.syncZones(this.zones);
  }
  /** One update, in order, with its plan (if it has one). */
  update(u: TrackUpdate, plan: PlanInfo | undefined): void {
    const t = this.thread;
    if (!t) {
      this.monitor.update(u, plan, this.pending);
      return;
    }
    // a plan looked up again (its cache entry was dropped) is compared with what the worker has
    if (plan && !this.synced.has(plan)) {
      t.syncPlan(plan.id, plan.recorded, plan.category, plan.approvedZoneIds);
      this.synced.add(plan);
    }
    t.add(u, plan !== undefined);
  }
  /** After a batch of updates: the worker gets what is left of it. */
  end(): void {
    this.thread?.flush();
  }
  /** A track is forgotten; its open alerts clear with the next tick. */
  drop(id: string, tMs: number): void {
    if (this.thread) this.thread.op({ op: 'drop', id, tMs });
    else this.pending.push(...this.monitor.drop(id, tMs));
  }
  /** Events decided elsewhere, kept in their place among the monitor's. */
  echo(events: AlertEvent[]): void {
    if (this.thread) this.thread.op({ op: 'echo', events });
    else this.pending.push(...events);
  }
  /** The monitor forgets every track and open alert. */
  reset(): void {
    this.epoch += 1;
    this.monitor.reset();
    this.pending = [];
    this.workerOpenAlerts = 0;
    if (this.thread) {
      this.thread.op({ op: 'reset' });
      this.thread.flush();
    }
  }

  /** The tick's events, waiting for the worker on this thread. */
  tick(tMs: number): MonitorTick {
    if (this.thread) {
      // only the worker's answer is in question here
      try {
        this.thread.syncZones(this.zones);
        const r = this.thread.tickSync(tMs);
        this.workerOpenAlerts = r.openAlerts;
        return { events: r.events, offPlan: () => new Set(r.offPlan) };
      } catch (e) {
        this.fallBack(e, tMs);
      }
    }
    const events = [...this.pending, ...this.monitor.separation(tMs), ...this.monitor.lostLinks(tMs)];
    this.pending = [];
    return { events, offPlan: () => this.monitor.offPlanIds() };
  }

  /**
   * The tick's events without blocking this thread while the worker computes them; `meanwhile` is
   * called (and keeps this thread) until it returns false or the worker has answered. Null when
   * the worker failed: monitoring has moved to this thread, and `tick` gives the events.
   */
  async tickAsync(tMs: number, meanwhile: (answered: () => boolean) => void): Promise<MonitorTick | null> {
    const thread = this.thread;
    if (!thread) return this.tick(tMs);
    thread.syncZones(this.zones);
    const epoch = this.epoch;
    const reply = thread.tick(tMs);
    meanwhile(() => thread.answered);
    try {
      const r = await reply;
      if (epoch === this.epoch) this.workerOpenAlerts = r.openAlerts;
      return { events: r.events, offPlan: () => new Set(r.offPlan) };
    } catch (e) {
      this.fallBack(e, tMs);
      return null;
    }
  }

  private fallBack(e: unknown, tMs: number): void {
    const failed = this.thread;
    if (!failed) return;
    this.thread = null;
    this.failure = e instanceof Error ? e.message : String(e);
    void failed.close().catch(() => {});
    this.pending.push(...(this.onFallBack?.(e, tMs) ?? []));
  }

  /** Stops the worker, if any. */
  async close(): Promise<void> {
    await this.thread?.close();
  }
}
