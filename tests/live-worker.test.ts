/**
 * The live pipeline's monitor in a worker thread against the in-thread reference: the same seeded
 * simulation through both gives the same alert events, in the same order, at the same times, and
 * the same stored alerts and plan states.
 */
import { describe, expect, it } from 'vitest';
import { buildApp } from '../server/app.js';
import { configFromEnv } from '../server/config.js';
import { MONITOR_ANSWER_TIMEOUT_MS } from '../server/live/monitor-thread.js';
import { trackJson } from '../server/live/track-json.js';
import type { AlertEvent } from '../shared/monitor/conformance-monitor.js';

const STEP_MS = 10_000;

/** an unidentified aircraft's report by radar at one point: two of them lose separation (and each is unidentified) */
const at = (id: string, tMs: number) => ({ id, lng: 106.3, lat: 29.3, altitudeM: 80, speedMps: 10, headingDeg: 0, tMs, source: ['radar' as const] });

/** A server with the seeded simulation on, its monitor in a worker thread or not. */
const simulationApp = (worker: 'on' | 'off') =>
  buildApp({
    config: configFromEnv({
      YUKONG_DB: ':memory:',
      YUKONG_SIM: 'on',
      YUKONG_SIM_SEED: '5',
      YUKONG_SIM_WARMUP_MIN: '0',
      YUKONG_SIM_DEMAND: '300',
      YUKONG_SIM_ROGUES: '6',
      YUKONG_ADMIN_TOKEN: 'a',
      YUKONG_LIVE_WORKER: worker,
    }),
    simStartMs: Date.parse('2026-12-01T01:00:00Z'),
  });

async function run(worker: 'on' | 'off', minutes: number) {
  const app = await simulationApp(worker);
  const sim = app.yukong.simulator;
  if (!sim) throw new Error('simulation expected');
  expect(app.yukong.live.threaded).toBe(worker === 'on');
  const events: Omit<AlertEvent, 'message' | 'lng' | 'lat' | 'altitudeM'>[] = [];
  app.yukong.live.onEvents = (_t, es) => {
    for (const { message: _m, lng: _x, lat: _y, altitudeM: _z, ...e } of es) events.push(e);
  };
  // what the stream is handed each tick: the tracks as sent, and the alerts
  const batches: { tMs: number; tracks: string; alerts: string[] }[] = [];
  app.yukong.live.listeners.add((b) => {
    // the JSON written while the worker computed: the first tracks', as the fan-out would write them
    if (b.trackJson) expect(b.trackJson).toEqual(b.tracks.slice(0, b.trackJson.length).map(trackJson));
    batches.push({ tMs: b.tMs, tracks: b.tracks.map(trackJson).join(','), alerts: b.alerts.map((a) => `${a.action} ${a.id} ${a.kind} ${a.trackId} ${a.planId} ${a.zoneId}`) });
  });
  const open: number[] = [];
  for (let i = 0; i < (minutes * 60_000) / STEP_MS; i++) {
    sim.clock.step(STEP_MS);
    // the real-time loop's path (not blocking) and the synchronous one, in turn
    if (i % 2) await sim.stepAsync();
    else sim.step();
    open.push(app.yukong.live.openAlertCount);
  }
  const db = app.yukong.services.db;
  const alerts = db.prepare('SELECT id, kind, track_id AS track, plan_id AS plan, raised_at AS raised, cleared_at AS cleared, lng, lat FROM alerts ORDER BY seq').all();
  const plans = db.prepare('SELECT id, state FROM plans ORDER BY seq').all();
  await app.close();
  return { events, alerts, plans, open, batches, stats: { ...sim.stats } };
}

describe('the conformance monitor in a worker thread', () => {
  it('raises and clears exactly what the in-thread monitor does, in the same order', async () => {
    const ref = await run('off', 90);
    const kinds = new Set(ref.events.map((e) => e.kind));
    // a scenario that exercises the monitor: off-plan, zones or separation, unidentified rogues, lost links, clears
    expect(ref.events.length).toBeGreaterThan(50);
    expect(kinds.size).toBeGreaterThanOrEqual(4);
    expect(ref.events.some((e) => e.action === 'clear')).toBe(true);
    const threaded = await run('on', 90);
    expect(threaded.events.length).toBe(ref.events.length);
    expect(threaded.events).toEqual(ref.events);
    expect(threaded.alerts).toEqual(ref.alerts);
    expect(threaded.plans).toEqual(ref.plans);
    expect(threaded.open).toEqual(ref.open);
    expect(threaded.batches).toEqual(ref.batches);
    expect(threaded.stats).toEqual(ref.stats);
  }, 120_000);
});

describe("when the monitor's worker dies", () => {
  it('monitoring goes on in the main thread: what the worker had open is cleared, then raised again while it holds', async () => {
    const app = await simulationApp('on');
    const sim = app.yukong.simulator;
    const live = app.yukong.live;
    if (!sim) throw new Error('simulation expected');
    const events: (AlertEvent & { at: number })[] = [];
    live.onEvents = (t, es) => {
      for (const e of es) events.push({ ...e, at: t });
    };
    for (let i = 0; i < 180; i++) {
      sim.clock.step(STEP_MS);
      await sim.stepAsync();
    }
    const openBefore = live.openAlertCount;
    expect(openBefore).toBeGreaterThan(0);
    const db = app.yukong.services.db;
    const stillOpen = () => (db.prepare("SELECT id FROM alerts WHERE cleared_at IS NULL AND kind <> 'yield'").all() as { id: string }[]).map((r) => r.id);
    const openIds = stillOpen();
    await live.monitorThread?.crash();
    const failedAt = sim.clock.now();
    for (let i = 0; i < 60; i++) {
      sim.clock.step(STEP_MS);
      await sim.stepAsync();
    }
    expect(live.threaded).toBe(false);
    expect(live.monitorFailure).toMatch(/exited/);
    // the alerts the worker held were closed when the monitor moved ...
    const reopened = stillOpen();
    for (const id of openIds) expect(reopened).not.toContain(id);
    expect(events.filter((e) => e.at > failedAt && e.action === 'clear').length).toBeGreaterThanOrEqual(openIds.length);
    // ... and the main thread's monitor raises what still holds, and keeps count
    expect(events.filter((e) => e.at > failedAt && e.action === 'raise').length).toBeGreaterThan(0);
    expect(live.openAlertCount).toBe(live.monitor.openAlertCount);
    expect(live.openAlertCount).toBeGreaterThan(0);
    const health = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(health.json().monitor).toEqual({ thread: 'main', failure: expect.stringMatching(/exited/) });
    await app.close();
  }, 60_000);

  it('a worker that hangs is given up after five seconds, and monitoring goes on in the main thread', async () => {
    const app = await simulationApp('on');
    const sim = app.yukong.simulator;
    const live = app.yukong.live;
    if (!sim) throw new Error('simulation expected');
    const raised: number[] = [];
    live.onEvents = (t, es) => {
      for (const e of es) if (e.action === 'raise') raised.push(t);
    };
    for (let i = 0; i < 120; i++) {
      sim.clock.step(STEP_MS);
      await sim.stepAsync();
    }
    expect(live.openAlertCount).toBeGreaterThan(0);
    live.monitorThread?.stall(120_000);
    const hungAt = sim.clock.now();
    const started = performance.now();
    sim.clock.step(STEP_MS);
    await sim.stepAsync(); // the tick the worker never answers
    const waitedMs = performance.now() - started;
    expect(waitedMs).toBeGreaterThanOrEqual(MONITOR_ANSWER_TIMEOUT_MS - 50);
    expect(waitedMs).toBeLessThan(MONITOR_ANSWER_TIMEOUT_MS + 10_000);
    expect(live.threaded).toBe(false);
    expect(live.monitorFailure).toMatch(/not answered within 5000 ms/);
    for (let i = 0; i < 30; i++) {
      sim.clock.step(STEP_MS);
      await sim.stepAsync();
    }
    expect(raised.filter((t) => t >= hungAt).length).toBeGreaterThan(0);
    expect(live.openAlertCount).toBe(live.monitor.openAlertCount);
    const health = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(health.json().monitor).toEqual({ thread: 'main', failure: expect.stringMatching(/not answered/) });
    await app.close();
  }, 60_000);

  it('a server that stops being the primary while its worker computes a tick writes none of its alerts', async () => {
    const app = await simulationApp('on');
    const live = app.yukong.live;
    const t = app.yukong.clock();
    const stored = () => (app.yukong.services.db.prepare("SELECT COUNT(*) AS n FROM alerts WHERE kind = 'loss-of-separation'").get() as { n: number }).n;
    const before = stored();
    live.ingest([at('R-1', t), at('R-2', t)]);
    const tick = live.tickAsync(t);
    live.setRole('mirror'); // the lease moved to another server meanwhile
    const batch = await tick;
    expect(batch.alerts).toEqual([]);
    expect(stored()).toBe(before);
    // the same tick as the primary writes them (the reference: the situation does raise alerts)
    const other = await simulationApp('on');
    other.yukong.live.ingest([at('R-1', t), at('R-2', t)]);
    const primaryBatch = await other.yukong.live.tickAsync(t);
    expect(primaryBatch.alerts.some((a) => a.kind === 'loss-of-separation' && a.action === 'raise')).toBe(true);
    await other.close();
    await app.close();
  }, 60_000);
});

describe('a server that becomes the primary again', () => {
  const openStored = (app: Awaited<ReturnType<typeof simulationApp>>, kind?: string) =>
    (app.yukong.services.db.prepare(`SELECT COUNT(*) AS n FROM alerts WHERE cleared_at IS NULL AND kind <> 'yield'${kind ? ' AND kind = ?' : ''}`).get(...(kind ? [kind] : [])) as { n: number }).n;

  for (const worker of ['on', 'off'] as const) {
    it(`closes what was open and raises again what still holds (monitor ${worker === 'on' ? 'in a worker' : 'in the main thread'})`, async () => {
      const app = await simulationApp(worker);
      const live = app.yukong.live;
      const t = app.yukong.clock();
      live.ingest([at('R-1', t), at('R-2', t)]);
      await live.tickAsync(t);
      expect(openStored(app, 'loss-of-separation')).toBe(1);
      const open = openStored(app);
      expect(live.openAlertCount).toBe(open);
      // the lease went to another server and came back
      live.setRole('mirror');
      live.setRole('primary');
      expect(openStored(app)).toBe(0);
      expect(live.openAlertCount).toBe(0);
      // the aircraft are still there: every alert is raised again, once
      live.ingest([at('R-1', t + 1000), at('R-2', t + 1000)]);
      const batch = await live.tickAsync(t + 1000);
      expect(batch.alerts.filter((a) => a.action === 'raise')).toHaveLength(open);
      expect(openStored(app, 'loss-of-separation')).toBe(1);
      expect(openStored(app)).toBe(open);
      expect(live.openAlertCount).toBe(open);
      // and cleared when they no longer hold
      live.dropTrack('R-2', t + 2000);
      const after = await live.tickAsync(t + 2000);
      expect(after.alerts.some((a) => a.action === 'clear' && a.kind === 'loss-of-separation')).toBe(true);
      expect(openStored(app, 'loss-of-separation')).toBe(0);
      expect(live.openAlertCount).toBe(openStored(app));
      await app.close();
    }, 60_000);
  }

  it('a tick the worker computed before the server became the primary again writes none of its alerts', async () => {
    const app = await simulationApp('on');
    const live = app.yukong.live;
    const t = app.yukong.clock();
    live.ingest([at('R-1', t), at('R-2', t)]);
    const tick = live.tickAsync(t);
    live.setRole('mirror');
    live.setRole('primary');
    expect((await tick).alerts).toEqual([]);
    expect(openStored(app)).toBe(0);
    live.ingest([at('R-1', t + 1000), at('R-2', t + 1000)]);
    await live.tickAsync(t + 1000);
    // raised once, by the reset monitor: not twice (a stale raise the monitor no longer holds would never clear)
    expect(openStored(app, 'loss-of-separation')).toBe(1);
    expect(live.openAlertCount).toBe(openStored(app));
    await app.close();
  }, 60_000);
});

describe('a tick whose alerts could not be written', () => {
  for (const worker of ['on', 'off'] as const) {
    it(`writes them with the next tick, once (monitor ${worker === 'on' ? 'in a worker' : 'in the main thread'})`, async () => {
      const app = await simulationApp(worker);
      const live = app.yukong.live;
      const t = app.yukong.clock();
      const stored = () => (app.yukong.services.db.prepare("SELECT COUNT(*) AS n FROM alerts WHERE kind = 'loss-of-separation' AND cleared_at IS NULL").get() as { n: number }).n;
      const repo = live.alerts;
      const insert = repo.insert.bind(repo);
      let failing = true;
      repo.insert = (a) => {
        if (failing) throw new Error('the disk is full');
        insert(a);
      };
      live.ingest([at('R-1', t), at('R-2', t)]);
      await expect(live.tickAsync(t)).rejects.toThrow('the disk is full');
      expect(stored()).toBe(0);
      failing = false;
      // the aircraft are still together: the monitor holds the episode open and raises nothing new; the lost raise is written now
      live.ingest([at('R-1', t + 1000), at('R-2', t + 1000)]);
      const next = await live.tickAsync(t + 1000);
      expect(next.alerts.filter((a) => a.kind === 'loss-of-separation' && a.action === 'raise')).toHaveLength(1);
      expect(stored()).toBe(1);
      expect((await live.tickAsync(t + 2000)).alerts.filter((a) => a.action === 'raise')).toEqual([]);
      await app.close();
    }, 60_000);
  }
});
