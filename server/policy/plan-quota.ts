/**
 * How many flight plans one principal — and all the pilots of one company together — may submit
 * per hour (a batch counts plan by plan), so a company cannot multiply its share by creating
 * pilots. A sliding window over real time: a client that files too much gets 429 QUOTA_EXCEEDED
 * with the seconds until enough of its window has passed. 0 turns a quota off. Each window is a
 * queue of times (oldest first), trimmed from the front: O(1) per plan, amortised.
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
    /** all the principals of one company together; 0: no company quota */
    readonly perCompanyHour = 0,
  ) {}

  /** Takes `n` plans from the principal's hour and from its company's, all or nothing. */
  take(principalId: string, n = 1, companyId?: string): void {
    const now = this.now();
    const mine = this.perHour > 0 ? this.window(`p:${principalId}`, now) : null;
    const company = companyId !== undefined && this.perCompanyHour > 0 ? this.window(`c:${companyId}`, now) : null;
    if (mine) this.check(mine, this.perHour, n, now, 'principal');
    if (company) this.check(company, this.perCompanyHour, n, now, 'company');
    for (const w of [mine, company]) if (w) for (let i = 0; i < n; i++) w.times.push(now);
    if (this.windows.size > 50_000) this.sweep(now);
  }

  private window(key: string, now: number): Window {
    let w = this.windows.get(key);
    if (!w) {
      w = { times: [], head: 0 };
      this.windows.set(key, w);
    }
    while (w.head < w.times.length && w.times[w.head] <= now - HOUR_MS) w.head++;
    if (w.head > 1024 && w.head * 2 > w.times.length) {
      w.times = w.times.slice(w.head);
      w.head = 0;
    }
    return w;
  }

  private check(w: Window, perHour: number, n: number, now: number, scope: 'principal' | 'company'): void {
    const used = w.times.length - w.head;
    if (used + n <= perHour) return;
    const freeAt = n > perHour ? now + HOUR_MS : w.times[w.head + used + n - perHour - 1] + HOUR_MS;
    const retryAfterS = Math.max(1, Math.ceil((freeAt - now) / 1000));
    throw new ApiError('QUOTA_EXCEEDED', `at most ${perHour} flight plans an hour per ${scope}; ${used} filed in the last hour`, { perHour, used, retryAfterS, scope });
  }

  private sweep(now: number): void {
    for (const [k, w] of this.windows) if (w.times.length === w.head || w.times[w.times.length - 1] <= now - HOUR_MS) this.windows.delete(k);
  }
}
