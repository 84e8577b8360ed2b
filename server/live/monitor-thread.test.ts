import { afterEach, describe, expect, it } from 'vitest';
import { VolumeIndex } from '../../shared/airspace/volume-index.js';
import { ConformanceMonitor, DEFAULT_MONITOR_CONFIG, type AlertEvent, type TrackUpdate } from '../../shared/monitor/conformance-monitor.js';
import type { Zone } from '../../shared/schemas/zone.js';
import { createPrng } from '../../shared/util/prng.js';
import { FLUSH_EVERY, MonitorThread } from './monitor-thread.js';

let thread: MonitorThread | null = null;
afterEach(async () => {
  await thread?.close();
  thread = null;
});

describe('MonitorThread', () => {
  it('sends a long ingest in several batches as it goes, with operations in their places: the in-thread monitor’s events, in order', async () => {
    const rng = createPrng(3);
    const n = 3 * FLUSH_EVERY + 123;
    const t0 = Date.parse('2026-12-01T02:00:00Z');
    // unidentified aircraft seen by radar, packed closely enough that some lose separation
    const at = (i: number, tMs: number): TrackUpdate => ({
      id: `R${i}`,
      lng: 106.5 + rng.range(0, 0.02),
      lat: 29.5 + rng.range(0, 0.02),
      altitudeM: 60 + rng.range(0, 40),
      speedMps: 10,
      headingDeg: 0,
      tMs,
      source: ['radar'],
    });
    const ticks = [0, 1, 2].map((k) => Array.from({ length: n }, (_, i) => at(i, t0 + k * 1000)));
    // each tick drops a few tracks between updates (their alerts clear in place)
    const drops = (k: number) => new Set([7 + k, FLUSH_EVERY + 1 + k, 2 * FLUSH_EVERY + 50 + k]);

    const ref = new ConformanceMonitor(new VolumeIndex<Zone>(), DEFAULT_MONITOR_CONFIG);
    const expected: AlertEvent[][] = [];
    for (const [k, updates] of ticks.entries()) {
      const out: AlertEvent[] = [];
      for (const [i, u] of updates.entries()) {
        out.push(...ref.update(u));
        if (drops(k).has(i)) out.push(...ref.drop(u.id, u.tMs));
      }
      out.push(...ref.separation(t0 + k * 1000), ...ref.lostLinks(t0 + k * 1000));
      expected.push(out);
    }

    thread = new MonitorThread(DEFAULT_MONITOR_CONFIG);
    // the batches that cross to the worker, counted as they are posted
    const port = (thread as unknown as { port: { postMessage: (m: { kind: string }, t?: unknown) => void } }).port;
    const post = port.postMessage.bind(port);
    let batches = 0;
    port.postMessage = (m, t) => {
      if (m.kind === 'batch') batches++;
      post(m, t);
    };
    const got: AlertEvent[][] = [];
    const perTick: number[] = [];
    for (const [k, updates] of ticks.entries()) {
      const before = batches;
      for (const [i, u] of updates.entries()) {
        thread.add(u, false);
        if (drops(k).has(i)) thread.op({ op: 'drop', id: u.id, tMs: u.tMs });
      }
      // sent as they were added, before the tick asks
      perTick.push(batches - before);
      got.push((await thread.tick(t0 + k * 1000)).events);
    }
    expect(perTick).toEqual([3, 3, 3]);
    expect(expected[0].filter((e) => e.kind === 'loss-of-separation').length).toBeGreaterThan(0);
    expect(expected.flat().filter((e) => e.action === 'clear').length).toBeGreaterThan(0);
    expect(got).toEqual(expected);
  }, 30_000);

  it('a batch that cannot be sent fails the worker at the next tick, and nothing more is sent to it', async () => {
    thread = new MonitorThread(DEFAULT_MONITOR_CONFIG);
    const port = (thread as unknown as { port: { postMessage: (m: { kind: string }, t?: unknown) => void } }).port;
    const post = port.postMessage.bind(port);
    let sent = 0;
    let refuse = true;
    port.postMessage = (m, t) => {
      if (m.kind === 'batch' && refuse) {
        refuse = false;
        throw new Error('could not be cloned');
      }
      if (m.kind === 'batch') sent++;
      post(m, t);
    };
    const u: TrackUpdate = { id: 'R1', lng: 106.5, lat: 29.5, altitudeM: 80, speedMps: 10, headingDeg: 0, tMs: 0, source: ['radar'] };
    thread.add(u, false);
    expect(() => thread?.flush()).not.toThrow();
    thread.add({ ...u, tMs: 1000 }, false);
    thread.flush();
    expect(sent).toBe(0);
    await expect(thread.tick(1000)).rejects.toThrow(/a batch could not be sent: could not be cloned/);
  });

  it('a worker that stops answering is given up after the answer timeout, not left to hold the tick', async () => {
    const t0 = Date.parse('2026-12-01T02:00:00Z');
    thread = new MonitorThread(DEFAULT_MONITOR_CONFIG, { answerTimeoutMs: 300 });
    // it answers while it works (the first tick waits for the worker to start and warm up)
    expect((await thread.tick(t0)).seq).toBe(1);
    thread.stall(20_000);
    const asked = performance.now();
    await expect(thread.tick(t0 + 1000)).rejects.toThrow(/did not answer: tick 2 not answered within 300 ms/);
    const waitedMs = performance.now() - asked;
    expect(waitedMs).toBeGreaterThanOrEqual(290);
    expect(waitedMs).toBeLessThan(5000);
    // given up for good: the next tick fails at once, also the blocking one
    const again = performance.now();
    expect(() => thread?.tickSync(t0 + 2000)).toThrow(/failed: tick 2 not answered/);
    expect(performance.now() - again).toBeLessThan(100);
  });

  it('the blocking tick is bounded by the same timeout', () => {
    thread = new MonitorThread(DEFAULT_MONITOR_CONFIG, { answerTimeoutMs: 300 });
    // the first tick waits for the worker to start and warm up (seconds on a busy machine); then the timeout holds
    expect(thread.tickSync(Date.parse('2026-12-01T02:00:00Z')).seq).toBe(1);
    thread.stall(20_000);
    const asked = performance.now();
    expect(() => thread?.tickSync(Date.parse('2026-12-01T02:00:01Z'))).toThrow(/tick 2 not answered within 300 ms/);
    expect(performance.now() - asked).toBeLessThan(5000);
  });
});
