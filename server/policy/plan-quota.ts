/**
 * How many flight plans one principal may submit per hour (a batch counts plan by plan). A
 * sliding window over real time: a client that files too much gets 429 QUOTA_EXCEEDED with the
 * seconds until enough of its window has passed. 0 turns the quota off.
 */
import { ApiError } from '../errors.js';

const HOUR_MS = 3_600_000;

export class PlanQuota {
  private readonly windows = new Map<string, number[]>();
  constructor(
    readonly perHour: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes `n` plans from the principal's hour, all or nothing. */
  take(principalId: string, n = 1): void {
    if (this.perHour <= 0) return;
    const now = this.now();
    const times = (this.windows.get(principalId) ?? []).filter((t) => t > now - HOUR_MS);
    if (times.length + n > this.perHour) {
      const freeAt = n > this.perHour ? now + HOUR_MS : times[times.length + n - this.perHour - 1] + HOUR_MS;
      const retryAfterS = Math.max(1, Math.ceil((freeAt - now) / 1000));
      this.windows.set(principalId, times);
      throw new ApiError('QUOTA_EXCEEDED', `at most ${this.perHour} flight plans an hour per principal; ${times.length} filed in the last hour`, {
        perHour: this.perHour,
        used: times.length,
        retryAfterS,
      });
    }
    for (let i = 0; i < n; i++) times.push(now);
    this.windows.set(principalId, times);
    if (this.windows.size > 50_000) this.sweep(now);
  }

  private sweep(now: number): void {
    for (const [k, v] of this.windows) if (!v.length || v[v.length - 1] <= now - HOUR_MS) this.windows.delete(k);
  }
}
