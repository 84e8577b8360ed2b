/**
 * Observed airspace use: each fresh track's position is added to an H3 grid once every
 * `intervalMs` of clock time (aircraft-seconds and distinct flights per cell and hour); hours
 * older than `keepHours` are dropped. The tracks are spread over the interval by a hash of their
 * id, so each tick samples about 1/10 of them and the cost stays off any single tick.
 */
import { UtilisationGrid } from '../../shared/planner/h3-utilisation.js';
import { hashString } from '../../shared/util/prng.js';
import type { LiveTraffic } from '../live/live-traffic.js';

export class TrackUsageRecorder {
  readonly grid: UtilisationGrid;
  private lastS = -Infinity;
  private readonly slots: number;
  private readonly slotOf = new Map<string, number>();
  constructor(
    live: LiveTraffic,
    readonly resolution = 7,
    private readonly intervalMs = 10_000,
    private readonly keepHours = 48,
  ) {
    this.grid = new UtilisationGrid(resolution);
    this.slots = Math.max(1, Math.round(intervalMs / 1000));
    live.listeners.add((b) => this.sample(live, b.tMs));
  }

  private slot(id: string): number {
    let s = this.slotOf.get(id);
    if (s === undefined) {
      if (this.slotOf.size > 200_000) this.slotOf.clear();
      s = hashString(id) % this.slots;
      this.slotOf.set(id, s);
    }
    return s;
  }

  private sample(live: LiveTraffic, nowMs: number): void {
    const nowS = Math.floor(nowMs / 1000);
    if (nowS <= this.lastS) return;
    const due = new Set<number>();
    for (let s = Math.max(this.lastS + 1, nowS - this.slots + 1); s <= nowS; s++) due.add(((s % this.slots) + this.slots) % this.slots);
    const seconds = this.intervalMs / 1000;
    for (const t of live.tracks()) {
      if (nowMs - t.tMs > this.intervalMs || !due.has(this.slot(t.id))) continue;
      this.grid.addTrack(t.planId ?? t.id, t.lng, t.lat, nowMs, seconds);
    }
    if (Math.floor(nowS / 3600) !== Math.floor(this.lastS / 3600)) this.grid.pruneBefore(nowMs - this.keepHours * 3_600_000);
    this.lastS = nowS;
  }
}
