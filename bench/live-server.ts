/**
 * Child process for the live benchmark: N aircraft on approved plans (booked directly as bench
 * fixtures), flown at 1 Hz in real time through the live pipeline and the stream; then the same
 * bytes through a raw `ws` broadcast for comparison. Reports over IPC.
 */
import { WebSocketServer } from 'ws';
import { tuneGc } from '../server/gc-tuning.js';
import { buildApp } from '../server/app.js';
import { configFromEnv } from '../server/config.js';
import { routeToVolumes } from '../shared/airspace/route-volumes.js';
import { observe, type SimAircraft } from '../shared/sim/sim-aircraft.js';
import type { TrackUpdate } from '../shared/monitor/conformance-monitor.js';
import { LiveTraffic } from '../server/live/live-traffic.js';
import type { FlightPlan } from '../shared/schemas/flight-plan-record.js';
import { destination } from '../shared/geo/earth.js';
import type { LngLat } from '../shared/geo/types.js';
import { createPrng } from '../shared/util/prng.js';
import { createServer } from 'node:http';
import { syncIndexes } from '../server/services/unit-of-work.js';
import { withUsccCheck } from '../shared/registry/uscc.js';
import type { PhaseResult } from './live-phase.js';

// the server's garbage-collector settings (server/gc-tuning.ts), as `npm start` runs it
tuneGc();

const N = Number(process.env.BENCH_AIRCRAFT ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
// a UOM receiver on loopback that reads each batch to the end and answers 200 (every aircraft is registered, so every position is reported)
const sink = createServer((req, res) => {
  let bytes = 0;
  req.on('data', (c: Buffer) => {
    bytes += c.length;
  });
  req.on('end', () => {
    uomSink.batches++;
    uomSink.bytes += bytes;
    res.writeHead(200).end('{}');
  });
});
const uomSink = { batches: 0, bytes: 0 };
await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
const app = await buildApp({
  config: configFromEnv({
    YUKONG_DB: ':memory:',
    YUKONG_SIM: 'off',
    // the benchmark runs its own pipelines, in this thread and with the worker, one after the other
    YUKONG_LIVE_WORKER: 'off',
    YUKONG_ADMIN_TOKEN: 'bench-admin',
    YUKONG_UOM_URL: `http://127.0.0.1:${(sink.address() as { port: number }).port}/uom`,
    // positions are switched on for every other tick below
    YUKONG_UOM_TRACK_INTERVAL_S: '0',
  }),
});
const ctx = app.yukong.services;
const rng = createPrng(11);
const start = Date.now() + 5_000;
const aircraft: SimAircraft[] = [];
ctx.db.transaction(() => {
  const at = new Date().toISOString();
  ctx.registry.insertCompany({ id: 'BENCH', name: 'bench', uscc: withUsccCheck('91500000000000001'), credentials: ['commercial'], suspended: false, createdAt: at });
  for (let i = 0; i < N; i++) ctx.registry.insertAircraft({ registration: `B-${i}`, serial: `SN-${i}`, model: 'm', category: 'light', mtowKg: 5, companyId: 'BENCH', registeredAt: at });
  for (let i = 0; i < N; i++) {
    const a: LngLat = [rng.range(105.5, 109.5), rng.range(28.5, 31.5)];
    const w = [a, destination(a, rng.range(3000, 8000), rng.range(0, 360))];
    const lower = rng.int(3, 9) * 10;
    const input = {
      aircraft: { registration: `B-${i}`, category: 'light' as const },
      mission: 'logistics' as const,
      route: { waypoints: w, corridorHalfWidthM: 25, cruiseSpeedMps: 12, altitudeLowerM: lower, altitudeUpperM: lower + 30, departAt: new Date(start - 30_000).toISOString() },
    };
    const id = `FP-B${String(i).padStart(6, '0')}`;
    const now = new Date().toISOString();
    const plan = {
      id,
      state: 'active',
      priority: 40,
      emergency: false,
      station: { id: 'A-CQ', kind: 'A' },
      districts: [],
      operatorId: 'BENCH',
      submittedBy: 'bench',
      aircraft: input.aircraft,
      mission: input.mission,
      volumes: routeToVolumes(input.route),
      decision: { outcome: 'approved', reasons: [], conflicts: [], preempted: [], suggestions: [], routing: { stationId: 'A-CQ', stationKind: 'A', districts: [], why: 'bench' }, decidedAt: now },
      competing: [],
      input,
      createdAt: now,
      updatedAt: now,
      version: 1,
    } as unknown as FlightPlan;
    ctx.plans.insert(plan);
    syncIndexes(ctx, plan);
    aircraft.push({ id, planId: id, cooperative: true, profile: { waypoints: w, cruiseAltM: lower + 15, speedMps: 12, departMs: start - 30_000 }, noiseHM: 3, noiseVM: 1 });
  }
})();
await app.listen({ port: 0, host: '127.0.0.1' });
const port = (app.server.address() as { port: number }).port;
const raw = new WebSocketServer({ port: 0, host: '127.0.0.1' });
await new Promise((r) => raw.once('listening', r));
const rawPort = (raw.address() as { port: number }).port;
process.send?.({ type: 'ready', port, rawPort, aircraft: N });

const hub = app.yukong.stream;
const stations = app.yukong.scenario.stations;
const monitorConfig = app.yukong.config.monitor;
const gc = (globalThis as { gc?: () => void }).gc;
/** aircraft observed and handed to the pipeline in chunks, so a worker monitors while the rest are observed */
const CHUNK = 2_000;
const sleepUntil = async (due: number) => {
  const wait = due - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
};
const phase = (name: string) => process.send?.({ type: 'phase', name });

/** One pipeline (in-thread or worker) at 1 Hz in real time for `seconds` after its warm-up ticks. */
async function runPhase(name: string, worker: boolean, seconds: number, warmup: number): Promise<PhaseResult> {
  const live = new LiveTraffic(app.yukong.services, stations, monitorConfig, { worker });
  let tHanded = 0;
  let tFinish = 0;
  live.onEvents = () => {
    tFinish = performance.now();
  };
  live.listeners.add(() => {
    tHanded = performance.now();
  });
  live.listeners.add((b) => hub.broadcast(b));
  const r: PhaseResult = {
    handedMs: [],
    tickMs: [],
    mainMs: [],
    fanoutMs: [],
    ingestMs: [],
    waitMs: [],
    persistMs: [],
    uomOnMs: [],
    uomOffMs: [],
    warmupMs: [],
    messages: 0,
    bytes: 0,
    heapMB: 0,
    heapGrowthMB: 0,
    openAlerts: 0,
    tracks: 0,
    sizes: [],
  };
  let before = { ...hub.stats };
  let heapBase = 0;
  const start = Math.ceil(Date.now() / 1000) * 1000 + 1000;
  phase(`${name}-warmup`);
  for (let k = 0; k < seconds + warmup; k++) {
    await sleepUntil(start + k * 1000);
    const t0 = performance.now();
    const now = Date.now();
    const uomOn = process.env.BENCH_UOM !== 'off' && k >= warmup && (k - warmup) % 2 === 1;
    live.setUomTrackInterval(uomOn ? 1000 : 0);
    // positions arrive in chunks (as telemetry would, request by request): requests are served in between
    let ingestMs = 0;
    for (let i = 0; i < aircraft.length; i += CHUNK) {
      const c0 = performance.now();
      const updates: TrackUpdate[] = [];
      const end = Math.min(aircraft.length, i + CHUNK);
      for (let j = i; j < end; j++) {
        const u = observe(aircraft[j], now, live.surveillance);
        if (u) updates.push(u);
      }
      live.ingest(updates);
      ingestMs += performance.now() - c0;
      if (end < aircraft.length) await new Promise((r) => setImmediate(r));
    }
    const ingested = performance.now();
    const sizes: number[] = [];
    hub.onSendSize = (n) => sizes.push(n);
    const fan0 = hub.fanOutMs;
    await live.tickAsync(now);
    await hub.whenSent();
    const t1 = performance.now();
    const fanWork = hub.fanOutMs - fan0;
    hub.onSendSize = null;
    if (k < warmup) {
      r.warmupMs.push(t1 - t0);
      if (k === warmup - 1) {
        before = { ...hub.stats };
        gc?.();
        heapBase = process.memoryUsage().heapUsed;
        phase(name);
      }
      continue;
    }
    r.sizes.push(sizes);
    r.handedMs.push(tHanded - t0);
    r.tickMs.push(t1 - t0);
    r.fanoutMs.push(fanWork);
    // this thread's work: observation and ingest, persisting, every slice of the fan-out (not the gaps between them)
    r.mainMs.push(ingestMs + (worker ? 0 : tFinish - ingested) + (tHanded - tFinish) + fanWork);
    r.ingestMs.push(ingestMs);
    r.waitMs.push(tFinish - ingested);
    r.persistMs.push(tHanded - tFinish);
    (uomOn ? r.uomOnMs : r.uomOffMs).push(t1 - t0);
    if (process.env.BENCH_TRACE)
      console.error(
        `${name} k${k} uom ${uomOn ? 1 : 0} ingest ${ingestMs.toFixed(1)} wait ${(tFinish - ingested).toFixed(1)} persist ${(tHanded - tFinish).toFixed(1)} handed ${(tHanded - t0).toFixed(1)} fan ${fanWork.toFixed(1)} total ${(t1 - t0).toFixed(1)}`,
      );
  }
  phase(`${name}-done`);
  gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  Object.assign(r, {
    messages: hub.stats.messages - before.messages,
    bytes: hub.stats.bytes - before.bytes,
    heapMB: heapAfter / 1_048_576,
    heapGrowthMB: (heapAfter - heapBase) / 1_048_576,
    openAlerts: live.openAlertCount,
    tracks: live.trackCount,
  });
  live.listeners.clear();
  await live.close();
  return r;
}

await new Promise<void>((resolve) => process.once('message', () => resolve())); // clients connected
// the API with clients connected and no traffic, then each pipeline in turn
phase('idle');
await new Promise((r) => setTimeout(r, 2_000));
const BASE_SECONDS = Math.max(4, Math.round(SECONDS * 0.4));
const baseline = await runPhase('baseline', false, BASE_SECONDS, 2);
await new Promise((r) => setTimeout(r, 500));
const threaded = await runPhase('worker', true, SECONDS, 3);
const perTickSizes = threaded.sizes;
const yukong = { seconds: SECONDS, baseSeconds: BASE_SECONDS, baseline: { ...baseline, sizes: [] }, worker: { ...threaded, sizes: [] }, uom: { ...uomSink, outbox: app.yukong.uom.status() } };

// raw baseline: the same number of messages of the same sizes, to raw ws clients
process.send?.({ type: 'raw-ready' });
const rawClients = await new Promise<import('ws').WebSocket[]>((resolve) => {
  const got: import('ws').WebSocket[] = [];
  raw.on('connection', (ws) => {
    got.push(ws);
    if (got.length === Number(process.env.BENCH_CLIENTS ?? 50)) resolve(got);
  });
});
const rawFanoutMs: number[] = [];
const payloadCache = new Map<number, string>();
for (const sizes of perTickSizes) {
  const f0 = performance.now();
  sizes.forEach((n, i) => {
    let p = payloadCache.get(n);
    if (!p) {
      p = JSON.stringify({ t: new Date().toISOString(), pad: 'x'.repeat(Math.max(0, n - 40)) });
      payloadCache.set(n, p);
    }
    rawClients[i % rawClients.length].send(p);
  });
  rawFanoutMs.push(performance.now() - f0);
  await new Promise((r) => setTimeout(r, 50));
}
process.send?.({ type: 'done', yukong, rawFanoutMs });
process.once('message', async () => {
  raw.close();
  await app.close();
  process.exit(0);
});
