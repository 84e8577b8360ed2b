/**
 * Delivery of the UOM outbox to YUKONG_UOM_URL: HTTP POST of JSON batches (≤ 100 records and ≤ 1 MiB, oldest
 * first), at least once, idempotent by record id (a record may arrive twice, always with the same
 * id), one batch in flight at a time, timer-driven (unref'd timers, async fetch: the event loop and
 * the live tick never wait on it). Pending records live in the database, so a restart resumes
 * where delivery stopped.
 *
 * Answers:
 * - 2xx: the whole batch is delivered.
 * - 400, 409, 410, 411, 413, 415, 422 and every other 4xx not listed below: the receiver refuses
 *   the content. A batch of several records is halved and sent again at once (down to single
 *   records, so one bad record never holds back the others); a single refused record is marked
 *   `failed` with the error and skipped (it stays in the table; `OutboxRepo.requeueFailed`).
 * - 401, 403, 404, 405, 407 (our credentials or address are wrong), 408, 421, 425, 429, 3xx
 *   (redirects are not followed), 5xx, network errors and timeouts: the batch is retried with
 *   exponential back-off and jitter: the n-th failure in a row waits between d/2 and d,
 *   d = min(max, base·2^(n−1)) (so the waits never shrink until the cap), or Retry-After when
 *   longer (capped too). Nothing is ever dropped for being retried too often.
 */
import { UOM_BATCH_SCHEMA, type UomOutboxStatus } from '../../shared/schemas/uom.js';
import type { OutboxRepo, OutboxRow } from '../store/outbox-repo.js';

/** Real-time timers (injectable: tests drive back-off with their own). */
export interface UomTimers {
  /** milliseconds, monotonic */
  now(): number;
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const REAL_TIMERS: UomTimers = {
  now: () => performance.now(),
  set: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  clear: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface UomDeliveryOptions {
  outbox: OutboxRepo;
  /** the receiver; null: records accumulate as pending until one is configured */
  url: string | null;
  /** time stamps (delivered at, attempted at): the server's clock */
  clock?: () => number;
  timers?: UomTimers;
  /** jitter in [0, 1); seed it in tests (e.g. createPrng(seed).next) */
  random?: () => number;
  /** records per POST, 1..100 (default 100) */
  batchSize?: number;
  /** and at most this many bytes of records per POST (default 1 MiB; a single larger record goes alone) */
  batchMaxBytes?: number;
  /** a POST must be answered within this (default 10 s) */
  timeoutMs?: number;
  /** back-off base and cap (default 1 s and 5 min) */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** look for new records this often when idle (default 5 s); commits call nudge() sooner */
  idleMs?: number;
  /** a nudge waits this long so that records committed together travel together (default 50 ms) */
  nudgeMs?: number;
  /** extra request headers (e.g. the platform's credentials) */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  log?: (level: 'info' | 'warn', message: string) => void;
  /** `source` of each batch (default 'yukong') */
  source?: string;
  /** delivered track-position records are deleted once delivered longer ago than this (server clock; default 24 h) */
  trackRetentionMs?: number;
  /**
   * Asked before each batch: false holds delivery (of several servers, one that can no longer count
   * on being the primary, after a stall, until it knows); the records stay pending. Default: always.
   */
  active?: () => boolean;
}

/** How often (real time) delivered position records past their retention are pruned. */
const PRUNE_EVERY_MS = 60_000;

export type AttemptOutcome = { kind: 'delivered' } | { kind: 'retry'; error: string; retryAfterMs?: number } | { kind: 'refused'; error: string };

const RETRYABLE_4XX = new Set([401, 403, 404, 405, 407, 408, 421, 425, 429]);
export const MAX_BATCH = 100;

/** Retry-After as milliseconds (delta-seconds or an HTTP date), or undefined. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const t = Date.parse(value);
  return Number.isFinite(t) ? Math.max(0, t - nowMs) : undefined;
}

/** What an HTTP answer means for the batch. */
export function classifyStatus(status: number, bodySnippet: string, retryAfterMs?: number): AttemptOutcome {
  if (status >= 200 && status < 300) return { kind: 'delivered' };
  const error = `HTTP ${status}${bodySnippet ? `: ${bodySnippet}` : ''}`;
  if (status >= 400 && status < 500 && !RETRYABLE_4XX.has(status)) return { kind: 'refused', error };
  return { kind: 'retry', error, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
}

/** The wait after the n-th retryable failure in a row (n ≥ 1): in [d/2, d], d = min(max, base·2^(n−1)); Retry-After when longer, capped. */
export function backoffDelay(failures: number, baseMs: number, maxMs: number, random: () => number, retryAfterMs?: number): number {
  const d = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(failures - 1, 0), 40));
  const jittered = Math.round(d / 2 + random() * (d / 2));
  return retryAfterMs === undefined ? jittered : Math.max(jittered, Math.min(maxMs, Math.round(retryAfterMs)));
}

/** scheme://host/path of a URL: no credentials, no query. */
export function redactUrl(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname}`;
}

const snippet = (s: string) => s.replace(/\s+/g, ' ').trim().slice(0, 300);

export class UomDelivery {
  private readonly outbox: OutboxRepo;
  private readonly active: () => boolean;
  private readonly url: string | null;
  private readonly clock: () => number;
  private readonly timers: UomTimers;
  private readonly random: () => number;
  private readonly batchSize: number;
  private readonly batchMaxBytes: number;
  private readonly timeoutMs: number;
  private readonly baseMs: number;
  private readonly maxMs: number;
  private readonly idleMs: number;
  private readonly nudgeMs: number;
  private readonly headers: Record<string, string>;
  private readonly fetchFn: typeof fetch;
  private readonly log: (level: 'info' | 'warn', message: string) => void;
  private readonly source: string;
  private readonly trackRetentionMs: number;
  private lastPruneAt = Number.NEGATIVE_INFINITY;

  private running = false;
  private timer: unknown = null;
  private dueAt: number | null = null;
  private inFlight: Promise<void> | null = null;
  private inFlightCount = 0;
  private abort: AbortController | null = null;
  /** current batch size: halved while isolating a refused record, doubled back on success */
  private limit: number;
  private failures = 0;
  private lastError: { at: string; message: string } | null = null;
  /** real-time waits chosen after retryable failures (most recent last; diagnostics and tests) */
  readonly backoffs: number[] = [];

  constructor(o: UomDeliveryOptions) {
    if (o.url !== null) {
      const u = new URL(o.url); // throws on a malformed URL: a configuration error at start
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`YUKONG_UOM_URL must be http(s), not ${u.protocol}`);
    }
    this.outbox = o.outbox;
    this.url = o.url;
    this.active = o.active ?? (() => true);
    this.clock = o.clock ?? Date.now;
    this.timers = o.timers ?? REAL_TIMERS;
    this.random = o.random ?? Math.random;
    this.batchSize = Math.max(1, Math.min(MAX_BATCH, Math.floor(o.batchSize ?? MAX_BATCH)));
    this.batchMaxBytes = Math.max(1, o.batchMaxBytes ?? 1_048_576);
    this.timeoutMs = o.timeoutMs ?? 10_000;
    this.baseMs = o.backoffBaseMs ?? 1_000;
    this.maxMs = o.backoffMaxMs ?? 5 * 60_000;
    this.idleMs = o.idleMs ?? 5_000;
    this.nudgeMs = o.nudgeMs ?? 50;
    this.headers = o.headers ?? {};
    this.fetchFn = o.fetch ?? fetch;
    this.log = o.log ?? (() => {});
    this.source = o.source ?? 'yukong';
    this.trackRetentionMs = o.trackRetentionMs ?? 24 * 3_600_000;
    this.limit = this.batchSize;
  }

  get enabled(): boolean {
    return this.url !== null;
  }

  /** Starts delivering (pending records first, from the database). Without a URL it does nothing. */
  start(): void {
    if (this.running || this.url === null) return;
    this.running = true;
    this.schedule(0);
  }

  /** New records were committed: deliver soon, unless backing off or already busy (the loop looks again after each batch). */
  nudge(): void {
    if (!this.running || this.inFlight || this.failures > 0) return;
    const due = this.timers.now() + this.nudgeMs;
    if (this.dueAt !== null && this.dueAt <= due) return;
    this.schedule(this.nudgeMs);
  }

  /** Stops: no new attempt; a request in flight is aborted (its records stay pending) and awaited, so the database may close after. */
  async stop(): Promise<void> {
    this.running = false;
    this.clearTimer();
    this.abort?.abort(new Error('delivery stopped'));
    await this.inFlight;
  }

  status(): UomOutboxStatus {
    const counts = this.outbox.counts();
    return {
      ...counts,
      oldestPendingAt: this.outbox.oldestPendingAt(),
      delivery: this.running ? 'on' : 'off',
      url: this.url === null ? null : redactUrl(this.url),
      lastDeliveredAt: this.outbox.lastDeliveredAt(),
      lastError: this.lastError ?? this.outbox.lastError(),
      consecutiveFailures: this.failures,
      nextAttemptInMs: this.failures > 0 && this.dueAt !== null ? Math.max(0, Math.round(this.dueAt - this.timers.now())) : null,
      inFlight: this.inFlightCount,
    };
  }

  private clearTimer(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    this.dueAt = null;
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    this.clearTimer();
    this.dueAt = this.timers.now() + ms;
    this.timer = this.timers.set(() => {
      this.timer = null;
      this.dueAt = null;
      this.inFlight = this.runOnce().finally(() => {
        this.inFlight = null;
        this.inFlightCount = 0;
      });
    }, ms);
  }

  /** One attempt: the oldest pending records, one POST, its outcome recorded, the next attempt scheduled. */
  private async runOnce(): Promise<void> {
    if (!this.running || this.url === null) return;
    if (!this.active()) {
      this.schedule(this.idleMs);
      return;
    }
    let batch: OutboxRow[];
    try {
      batch = this.outbox.pending(this.limit, this.batchMaxBytes);
    } catch (e) {
      // the database is unavailable (closing?): try again later rather than die
      this.log('warn', `UOM outbox unreadable: ${(e as Error).message}`);
      this.schedule(this.idleMs);
      return;
    }
    if (batch.length === 0) {
      this.schedule(this.idleMs);
      return;
    }
    this.inFlightCount = batch.length;
    const outcome = await this.post(batch);
    if (!this.running && outcome.kind !== 'delivered') return; // stopped mid-flight: the records stay pending
    const at = new Date(this.clock()).toISOString();
    const ids = batch.map((r) => r.id);
    switch (outcome.kind) {
      case 'delivered':
        this.outbox.markDelivered(ids, at);
        if (this.failures > 0) this.log('info', `UOM delivery recovered after ${this.failures} failed attempt(s)`);
        this.failures = 0;
        this.limit = Math.min(this.batchSize, this.limit * 2);
        this.prune();
        this.schedule(0);
        return;
      case 'refused':
        this.failures = 0;
        if (batch.length > 1) {
          // find the refused record(s): halve and send again at once
          this.outbox.markAttempt(ids, at, outcome.error);
          this.limit = Math.ceil(batch.length / 2);
        } else {
          this.outbox.markFailed(ids, at, outcome.error);
          this.log('warn', `UOM refused record ${ids[0]}: ${outcome.error}`);
        }
        this.lastError = { at, message: outcome.error };
        this.schedule(0);
        return;
      case 'retry': {
        this.prune(); // positions keep arriving while the receiver is away: the old ones go
        this.failures += 1;
        this.outbox.markAttempt(ids, at, outcome.error);
        this.lastError = { at, message: outcome.error };
        const wait = backoffDelay(this.failures, this.baseMs, this.maxMs, this.random, outcome.retryAfterMs);
        this.backoffs.push(wait);
        if (this.backoffs.length > 100) this.backoffs.shift();
        if (this.failures === 1 || (this.failures & (this.failures - 1)) === 0) this.log('warn', `UOM delivery failed ${this.failures}× in a row (${outcome.error}); next attempt in ${wait} ms`);
        this.schedule(wait);
        return;
      }
    }
  }

  /**
   * Position records past their retention go — delivered ones, and pending ones too (real-time data
   * nobody can use a day late) — in bounded deletes repeated while there are more, for at most
   * ~50 ms, at most once a minute.
   */
  private prune(): void {
    const t = this.timers.now();
    if (t - this.lastPruneAt < PRUNE_EVERY_MS) return;
    this.lastPruneAt = t;
    const before = new Date(this.clock() - this.trackRetentionMs).toISOString();
    let deleted = 0;
    for (let n = -1; n !== 0 && this.timers.now() - t < 50; ) {
      n = this.outbox.pruneDelivered('track.positions', before) + this.outbox.prunePendingOlderThan('track.positions', before);
      deleted += n;
    }
    if (deleted > 0) this.log('info', `UOM outbox: ${deleted} position record(s) older than ${Math.round(this.trackRetentionMs / 3_600_000)} h deleted`);
  }

  private async post(batch: OutboxRow[]): Promise<AttemptOutcome> {
    const abort = new AbortController();
    this.abort = abort;
    // the records are stored as the JSON they are sent as: no parse and re-serialise
    const body = `{"schema":${JSON.stringify(UOM_BATCH_SCHEMA)},"source":${JSON.stringify(this.source)},"sentAt":${JSON.stringify(new Date(this.clock()).toISOString())},"records":[${batch.map((r) => r.body).join(',')}]}`;
    try {
      const res = await this.fetchFn(this.url as string, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...this.headers },
        body,
        redirect: 'manual',
        signal: AbortSignal.any([abort.signal, AbortSignal.timeout(this.timeoutMs)]),
      });
      const text = await res.text(); // read to the end: frees the connection, and explains a refusal
      return classifyStatus(res.status, res.ok ? '' : snippet(text), parseRetryAfter(res.headers.get('retry-after'), Date.now()));
    } catch (e) {
      const err = e as Error;
      const why =
        err.name === 'TimeoutError'
          ? `no answer within ${this.timeoutMs} ms`
          : err.name === 'AbortError'
            ? 'aborted'
            : `${err.message}${(err.cause as Error | undefined)?.message ? ` (${(err.cause as Error).message})` : ''}`;
      return { kind: 'retry', error: why };
    } finally {
      if (this.abort === abort) this.abort = null;
    }
  }
}
