/**
 * Observed airspace use: every `intervalMs` of clock time, each fresh track's position is added
 * to an H3 grid (aircraft-seconds and distinct flights per cell and hour); hours older than
 * `keepHours` are dropped. Sampling keeps the cost off the 1 Hz tick.
 */
import { UtilisationGrid } from '../../shared/planner/h3-utilisation.js';
import type { LiveTraffic } from '../live/live-traffic.js';

export class TrackUsageRecorder {
  readonly grid: UtilisationGrid;
  private lastMs = -Infinity;
  constructor(live: LiveTraffic, readonly resolution = 7, private readonly intervalMs = 10_000, private readonly keepHours = 48) {
    this.grid = new UtilisationGrid(resolution);
    live.listeners.add((b) => this.sample(live, b.tMs));
  }

  private sample(live: LiveTraffic, nowMs: number): void {
    if (nowMs - this.lastMs < this.intervalMs) return;
    const seconds = Number.isFinite(this.lastMs) ? Math.min(nowMs - this.lastMs, 3 * this.intervalMs) / 1000 : this.intervalMs / 1000;
    for (const t of live.tracks()) {
      const age = nowMs - t.tMs;
      if (age > this.intervalMs) continue;
      this.grid.addTrack(t.planId ?? t.id, t.lng, t.lat, nowMs, seconds);
    }
    if (Math.floor(nowMs / 3_600_000) !== Math.floor(this.lastMs / 3_600_000)) this.grid.pruneBefore(nowMs - this.keepHours * 3_600_000);
    this.lastMs = nowMs;
  }
}
