/**
 * How many flight plans one principal may submit per hour (a batch counts plan by plan). A
 * sliding window over real time: a client that files too much gets 429 QUOTA_EXCEEDED with the
 * seconds until enough of its window has passed. 0 turns the quota off. Each principal's window
 * is a queue of times (oldest first), trimmed from the front: O(1) per plan, amortised.
 */
import { ApiError } from '../errors.js';

const HOUR_MS = 3_600_000;

interface Window {
  times: number[];
  head: number;
}

export class PlanQuota {
  private readonly windows = new Map<string, Window>();
  constructor(
    readonly perHour: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes `n` plans from the principal's hour, all or nothing. */
  take(principalId: string, n = 1): void {
    if (this.perHour <= 0) return;
    const now = this.now();
    let w = this.windows.get(principalId);
    if (!w) {
      w = { times: [], head: 0 };
      this.windows.set(principalId, w);
    }
    while (w.head < w.times.length && w.times[w.head] <= now - HOUR_MS) w.head++;
    if (w.head > 1024 && w.head * 2 > w.times.length) {
      w.times = w.times.slice(w.head);
      w.head = 0;
    }
    const used = w.times.length - w.head;
    if (used + n > this.perHour) {
      const freeAt = n > this.perHour ? now + HOUR_MS : w.times[w.head + used + n - this.perHour - 1] + HOUR_MS;
      const retryAfterS = Math.max(1, Math.ceil((freeAt - now) / 1000));
      throw new ApiError('QUOTA_EXCEEDED', `at most ${this.perHour} flight plans an hour per principal; ${used} filed in the last hour`, { perHour: this.perHour, used, retryAfterS });
    }
    for (let i = 0; i < n; i++) w.times.push(now);
    if (this.windows.size > 50_000) this.sweep(now);
  }

  private sweep(now: number): void {
    for (const [k, w] of this.windows) if (w.times.length === w.head || w.times[w.times.length - 1] <= now - HOUR_MS) this.windows.delete(k);
  }
}
