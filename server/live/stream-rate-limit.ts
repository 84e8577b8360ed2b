/**
 * Inbound rate limit of one stream connection: a token bucket (`ratePerS`, bursts of `burst`).
 * A message over the limit is dropped unprocessed; the first of an episode is answered with an
 * `error` RATE_LIMITED; a client that stays over the limit (`floodExcess` dropped messages, or
 * `floodMs` without the bucket refilling) is a flood and is disconnected. An episode ends when the
 * bucket has refilled (the client was quiet long enough), so bursts now and then are never a flood.
 */
export interface RateLimitOptions {
  ratePerS: number;
  burst: number;
  /** this many messages over the limit in one episode: flood */
  floodExcess: number;
  /** over the limit this long without the bucket refilling: flood */
  floodMs: number;
}

/** accept: process it; reject: drop it silently; notify: drop it and tell the client (once per episode); flood: disconnect */
export type RateVerdict = 'accept' | 'reject' | 'notify' | 'flood';

export class InboundRateLimit {
  private tokens: number;
  private last: number;
  private excess = 0;
  private overSince: number | null = null;
  private notified = false;

  constructor(
    private readonly o: RateLimitOptions,
    nowMs: number,
  ) {
    this.tokens = o.burst;
    this.last = nowMs;
  }

  /** Messages dropped in the current episode. */
  get excessMessages(): number {
    return this.excess;
  }

  take(nowMs: number): RateVerdict {
    const elapsed = Math.max(0, nowMs - this.last);
    this.last = nowMs;
    this.tokens = Math.min(this.o.burst, this.tokens + (elapsed * this.o.ratePerS) / 1000);
    if (this.overSince !== null && this.tokens >= this.o.burst) {
      // quiet long enough to refill: the episode is over
      this.overSince = null;
      this.excess = 0;
      this.notified = false;
    }
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 'accept';
    }
    this.excess++;
    this.overSince ??= nowMs;
    if (this.excess >= this.o.floodExcess || nowMs - this.overSince >= this.o.floodMs) return 'flood';
    if (!this.notified) {
      this.notified = true;
      return 'notify';
    }
    return 'reject';
  }
}
