import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPrng } from '../../shared/util/prng.js';
import { openDatabase, type Db } from '../store/database.js';
import { OUTBOX_MIGRATION_SQL, OutboxRepo } from '../store/outbox-repo.js';
import { backoffDelay, classifyStatus, parseRetryAfter, redactUrl, UomDelivery, type UomDeliveryOptions, type UomTimers } from './uom-delivery.js';

/** Timers on a virtual clock: the test fires them one by one. */
class FakeTimers implements UomTimers {
  t = 0;
  private queue: { at: number; fn: () => void }[] = [];
  /** every wait asked for, in order */
  readonly waits: number[] = [];
  now() {
    return this.t;
  }
  set(fn: () => void, ms: number) {
    const e = { at: this.t + ms, fn };
    this.queue.push(e);
    this.waits.push(ms);
    return e;
  }
  clear(h: unknown) {
    this.queue = this.queue.filter((e) => e !== h);
  }
  get size() {
    return this.queue.length;
  }
  nextWait() {
    return Math.min(...this.queue.map((e) => e.at)) - this.t;
  }
  /** Fires the earliest timer and lets the attempt it starts run to its end (it always schedules the next). */
  async fire(): Promise<void> {
    this.queue.sort((a, b) => a.at - b.at);
    const e = this.queue.shift();
    if (!e) throw new Error('no timer');
    this.t = e.at;
    e.fn();
    for (let i = 0; i < 1000 && this.queue.length === 0; i++) await new Promise((r) => setImmediate(r));
  }
}

interface Sent {
  ids: string[];
  body: { schema: string; source: string; sentAt: string; records: { id: string }[] };
}

/** A fake receiver: `answer` decides each POST. */
function receiver(answer: (s: Sent, n: number) => Response | Promise<Response>) {
  const sent: Sent[] = [];
  const fetchFn = (async (_url: string, init: RequestInit) => {
    const body = JSON.parse(init.body as string);
    const s = { ids: body.records.map((r: { id: string }) => r.id), body };
    sent.push(s);
    return answer(s, sent.length);
  }) as unknown as typeof fetch;
  return { sent, fetchFn };
}

let db: Db;
let outbox: OutboxRepo;
let timers: FakeTimers;
let worker: UomDelivery | null;
beforeEach(() => {
  db = openDatabase(':memory:');
  if (!OutboxRepo.for(db)) db.exec(OUTBOX_MIGRATION_SQL);
  outbox = OutboxRepo.for(db) as OutboxRepo;
  timers = new FakeTimers();
  worker = null;
});
afterEach(async () => {
  await worker?.stop();
  db.close();
});

const add = (n: number, prefix = 'FP') => {
  for (let i = 1; i <= n; i++)
    outbox.insert({ id: `${prefix}-${i}:${i}`, kind: 'plan.approved', planId: `${prefix}-${i}`, eventAt: `2026-12-01T00:00:00.000Z`, body: { id: `${prefix}-${i}:${i}`, n: i } });
};
const make = (o: Partial<UomDeliveryOptions>) => {
  worker = new UomDelivery({ outbox, url: 'https://uom.example/api/records?key=secret', timers, random: createPrng(7).next, clock: () => Date.parse('2026-12-01T03:00:00Z'), ...o });
  return worker;
};
const ok = () => new Response('{"ok":true}', { status: 200 });

describe('answers and waits', () => {
  it('2xx delivers; content refusals are permanent; the rest is retried', () => {
    expect(classifyStatus(200, '').kind).toBe('delivered');
    expect(classifyStatus(204, '').kind).toBe('delivered');
    for (const s of [400, 409, 413, 415, 422]) expect(classifyStatus(s, 'no').kind).toBe('refused');
    for (const s of [301, 401, 403, 404, 408, 429, 500, 502, 503, 504]) expect(classifyStatus(s, '').kind).toBe('retry');
    expect(classifyStatus(422, 'bad field')).toEqual({ kind: 'refused', error: 'HTTP 422: bad field' });
    expect(classifyStatus(503, '', 2000)).toEqual({ kind: 'retry', error: 'HTTP 503', retryAfterMs: 2000 });
  });

  it('reads Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('3', 0)).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter(null, 0)).toBeUndefined();
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
  });

  it('back-off doubles with jitter in [d/2, d], never shrinks before the cap, and stays under the cap', () => {
    const rnd = createPrng(1).next;
    const waits = Array.from({ length: 12 }, (_, i) => backoffDelay(i + 1, 1000, 300_000, rnd));
    for (let i = 0; i < waits.length; i++) {
      const d = Math.min(300_000, 1000 * 2 ** i);
      expect(waits[i]).toBeGreaterThanOrEqual(d / 2);
      expect(waits[i]).toBeLessThanOrEqual(d);
      if (i > 0 && d < 300_000) expect(waits[i]).toBeGreaterThanOrEqual(waits[i - 1]);
    }
    expect(backoffDelay(1000, 1000, 300_000, () => 0.999)).toBeLessThanOrEqual(300_000);
    // Retry-After when it is longer, capped
    expect(backoffDelay(1, 1000, 300_000, () => 0, 20_000)).toBe(20_000);
    expect(backoffDelay(1, 1000, 300_000, () => 0, 3_600_000)).toBe(300_000);
  });

  it('shows the receiver without credentials or query', () => {
    expect(redactUrl('https://user:pw@uom.example:8443/records?key=secret')).toBe('https://uom.example:8443/records');
    expect(() => new UomDelivery({ outbox, url: 'ftp://uom.example/' })).toThrow(/http/);
    expect(() => new UomDelivery({ outbox, url: 'not a url' })).toThrow();
  });
});

describe('the delivery worker', () => {
  it('sends batches of at most 100, oldest first, as one JSON document each', async () => {
    add(250);
    const r = receiver(() => ok());
    make({ fetch: r.fetchFn }).start();
    for (let i = 0; i < 4; i++) await timers.fire();
    expect(r.sent.map((s) => s.ids.length)).toEqual([100, 100, 50]);
    expect(r.sent.flatMap((s) => s.ids)).toEqual(Array.from({ length: 250 }, (_, i) => `FP-${i + 1}:${i + 1}`));
    expect(r.sent[0].body).toMatchObject({ schema: 'yukong.uom.batch/1', source: 'yukong', sentAt: '2026-12-01T03:00:00.000Z' });
    expect(r.sent[0].body.records[0]).toEqual({ id: 'FP-1:1', n: 1 });
    expect(outbox.counts()).toEqual({ pending: 0, delivered: 250, failed: 0 });
    // idle: it looks again later
    expect(timers.nextWait()).toBe(5000);
    expect(worker?.status()).toMatchObject({
      pending: 0,
      delivered: 250,
      delivery: 'on',
      url: 'https://uom.example/api/records',
      lastDeliveredAt: '2026-12-01T03:00:00.000Z',
      consecutiveFailures: 0,
      nextAttemptInMs: null,
    });
  });

  it('retries 5xx with growing, jittered, capped waits, the same for the same seed; nothing is lost', async () => {
    const run = async (seed: number) => {
      db.exec('DELETE FROM uom_outbox');
      add(3);
      timers = new FakeTimers();
      const r = receiver((_s, n) => (n <= 7 ? new Response('busy', { status: 503 }) : ok()));
      const w = make({ fetch: r.fetchFn, random: createPrng(seed).next, backoffBaseMs: 1000, backoffMaxMs: 16_000 });
      w.start();
      const waits: number[] = [];
      for (let i = 0; i < 8; i++) {
        await timers.fire();
        if (i < 7) {
          waits.push(timers.nextWait());
          expect(w.status()).toMatchObject({ pending: 3, consecutiveFailures: i + 1, nextAttemptInMs: waits[i], lastError: { message: 'HTTP 503: busy' } });
        }
      }
      expect(outbox.counts()).toEqual({ pending: 0, delivered: 3, failed: 0 });
      expect(w.status()).toMatchObject({ consecutiveFailures: 0, nextAttemptInMs: null });
      // every attempt carried the same ids: duplicates only as retries
      expect(new Set(r.sent.map((s) => s.ids.join()))).toEqual(new Set(['FP-1:1,FP-2:2,FP-3:3']));
      expect(w.backoffs).toEqual(waits);
      await w.stop();
      return waits;
    };
    const waits = await run(11);
    const caps = [1000, 2000, 4000, 8000, 16_000, 16_000, 16_000];
    waits.forEach((w, i) => {
      expect(w).toBeGreaterThanOrEqual(caps[i] / 2);
      expect(w).toBeLessThanOrEqual(caps[i]);
    });
    for (let i = 1; i < 5; i++) expect(waits[i]).toBeGreaterThanOrEqual(waits[i - 1]);
    expect(await run(11)).toEqual(waits);
    expect(await run(12)).not.toEqual(waits);
    expect(outbox.all().every((r) => r.attempts === 8)).toBe(true);
  });

  it('honours Retry-After on 429, and retries (never fails) on 401/403/404: those are our configuration', async () => {
    add(1);
    const statuses = [429, 401, 403, 404];
    const r = receiver((_s, n) => (n <= statuses.length ? new Response('', { status: statuses[n - 1], headers: n === 1 ? { 'retry-after': '30' } : {} }) : ok()));
    make({ fetch: r.fetchFn }).start();
    await timers.fire();
    expect(timers.nextWait()).toBe(30_000);
    for (let i = 0; i < 4; i++) await timers.fire();
    expect(outbox.counts()).toEqual({ pending: 0, delivered: 1, failed: 0 });
  });

  it('a refused batch is halved until the refused record is alone: it alone fails, every other record is delivered', async () => {
    add(100);
    const bad = 'FP-37:37';
    const r = receiver((s) => (s.ids.includes(bad) ? new Response('{"error":"registration unknown"}', { status: 422 }) : ok()));
    make({ fetch: r.fetchFn }).start();
    for (let i = 0; i < 40 && outbox.counts().pending > 0; i++) await timers.fire();
    expect(outbox.counts()).toEqual({ pending: 0, delivered: 99, failed: 1 });
    expect(outbox.all().find((x) => x.id === bad)).toMatchObject({ state: 'failed', lastError: 'HTTP 422: {"error":"registration unknown"}' });
    expect(r.sent.length).toBeLessThanOrEqual(20);
    expect(worker?.status().lastError?.message).toContain('422');
    expect(worker?.backoffs).toEqual([]); // no back-off for refusals
    // records committed later go in full batches again
    add(100, 'LATER');
    await timers.fire();
    expect(r.sent.at(-1)?.ids.length).toBeGreaterThan(50);
  });

  it('network errors and timeouts are retried; stop aborts a request in flight and leaves its records pending', async () => {
    add(2);
    let release: (() => void) | null = null;
    let n = 0;
    const fetchFn = (async (_u: string, init: RequestInit) => {
      n += 1;
      if (n === 1) throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') });
      // the second hangs until aborted
      return new Promise<Response>((_resolve, reject) => {
        release = () => reject(new DOMException('aborted', 'AbortError'));
        init.signal?.addEventListener('abort', () => release?.());
      });
    }) as unknown as typeof fetch;
    const w = make({ fetch: fetchFn });
    w.start();
    await timers.fire();
    expect(w.status().lastError?.message).toBe('fetch failed (connect ECONNREFUSED 127.0.0.1:9)');
    // fire the retry: the request hangs
    const hung = timers.fire();
    await new Promise((r) => setImmediate(r));
    expect(w.status().inFlight).toBe(2);
    await w.stop();
    await Promise.race([hung, new Promise((r) => setTimeout(r, 50))]);
    expect(outbox.counts()).toEqual({ pending: 2, delivered: 0, failed: 0 });
    expect(w.status()).toMatchObject({ delivery: 'off', inFlight: 0 });
    expect(timers.size).toBe(0);
  });

  it('a commit nudges an idle worker (50 ms) instead of waiting for the next look', async () => {
    const r = receiver(() => ok());
    const w = make({ fetch: r.fetchFn });
    w.start();
    await timers.fire(); // nothing pending
    expect(timers.nextWait()).toBe(5000);
    add(1);
    w.nudge();
    w.nudge();
    expect(timers.size).toBe(1);
    expect(timers.nextWait()).toBe(50);
    await timers.fire();
    expect(r.sent).toHaveLength(1);
  });

  it('without a URL it never starts: records accumulate as pending and the status says so', () => {
    add(3);
    const w = new UomDelivery({ outbox, url: null, timers });
    w.start();
    w.nudge();
    expect(timers.size).toBe(0);
    expect(w.enabled).toBe(false);
    expect(w.status()).toEqual({
      pending: 3,
      delivered: 0,
      failed: 0,
      oldestPendingAt: '2026-12-01T00:00:00.000Z',
      delivery: 'off',
      url: null,
      lastDeliveredAt: null,
      lastError: null,
      consecutiveFailures: 0,
      nextAttemptInMs: null,
      inFlight: 0,
    });
  });
});
