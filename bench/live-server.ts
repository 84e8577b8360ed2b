/**
 * Child process for the live benchmark: N aircraft on approved plans (booked directly as bench
 * fixtures), flown at 1 Hz in real time through the live pipeline and the stream; then the same
 * bytes through a raw `ws` broadcast for comparison. Reports over IPC.
 */
import { WebSocketServer } from 'ws';
import { buildApp } from '../server/app.js';
import { configFromEnv } from '../server/config.js';
import { routeToVolumes } from '../shared/airspace/route-volumes.js';
import { observe, type SimAircraft } from '../shared/sim/sim-aircraft.js';
import type { FlightPlan } from '../shared/schemas/flight-plan-record.js';
import { destination } from '../shared/geo/earth.js';
import type { LngLat } from '../shared/geo/types.js';
import { createPrng } from '../shared/util/prng.js';
import { createServer } from 'node:http';
import { syncIndexes } from '../server/services/unit-of-work.js';
import { withUsccCheck } from '../shared/registry/uscc.js';

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
const live = app.yukong.live;
const tickMs: number[] = [];
/** ticks that also wrote every aircraft's position to the UOM outbox (every other tick), and the ones beside them that did not */
const uomOnMs: number[] = [];
const uomOffMs: number[] = [];
const fanoutMs: number[] = [];
let broadcastBytes = 0;
// per-client byte sizes of the last tick, to replay through the raw broadcast
const perTickSizes: number[][] = [];
await new Promise<void>((resolve) => process.once('message', () => resolve())); // clients connected
const before = { ...hub.stats };
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
let heapBase = process.memoryUsage().heapUsed;
const WARMUP = 3; // the first ticks (JIT, first alerts of every aircraft) are reported apart
const warmupMs: number[] = [];
for (let k = 0; k < SECONDS + WARMUP; k++) {
  const due = start + k * 1000;
  const wait = due - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const t0 = performance.now();
  const now = Date.now();
  const updates = [];
  for (const a of aircraft) {
    const u = observe(a, now, live.surveillance);
    if (u) updates.push(u);
  }
  live.ingest(updates);
  const statsBefore = hub.stats.bytes;
  const sizes: number[] = [];
  const onSend = hub.onSendSize;
  hub.onSendSize = (n) => sizes.push(n);
  const uomOn = process.env.BENCH_UOM !== 'off' && k >= WARMUP && (k - WARMUP) % 2 === 1;
  live.setUomTrackInterval(uomOn ? 1000 : 0);
  const f0 = performance.now();
  live.tick(now);
  const f1 = performance.now();
  hub.onSendSize = onSend;
  if (k < WARMUP) {
    warmupMs.push(performance.now() - t0);
    if (k === WARMUP - 1) {
      Object.assign(before, hub.stats);
      gc?.();
      heapBase = process.memoryUsage().heapUsed;
    }
    continue;
  }
  perTickSizes.push(sizes);
  fanoutMs.push(f1 - f0);
  tickMs.push(performance.now() - t0);
  (uomOn ? uomOnMs : uomOffMs).push(performance.now() - t0);
  broadcastBytes += hub.stats.bytes - statsBefore;
}
gc?.();
const heapAfter = process.memoryUsage().heapUsed;

const yukong = {
  tickMs,
  fanoutMs,
  messages: hub.stats.messages - before.messages,
  bytes: hub.stats.bytes - before.bytes,
  seconds: SECONDS,
  heapMB: heapAfter / 1_048_576,
  heapGrowthMB: (heapAfter - heapBase) / 1_048_576,
  warmupMs,
  openAlerts: live.monitor.openAlerts.length,
  tracks: live.trackCount,
  uom: { onMs: uomOnMs, offMs: uomOffMs, ...uomSink, outbox: app.yukong.uom.status() },
};

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
