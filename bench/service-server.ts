/**
 * Child process for the service benchmark: builds the app on a fresh database, books N approved
 * plans through the service itself, then listens on loopback and reports its port over IPC.
 */
import { PerformanceObserver, performance } from 'node:perf_hooks';
import Fastify from 'fastify';
import { buildApp } from '../server/app.js';
import { configFromEnv } from '../server/config.js';
import { submitPlan } from '../server/services/plan-service.js';
import { BUILTIN_ADMIN } from '../server/auth.js';
import { createPrng } from '../shared/util/prng.js';
import { randomSubmission } from './plan-inputs.js';
import { tuneGc } from '../server/gc-tuning.js';

// the server's garbage-collector settings (server/gc-tuning.ts), as `npm start` runs it
tuneGc();

const approvedTarget = Number(process.env.BENCH_APPROVED ?? 20_000);
const now = Date.parse(process.env.BENCH_NOW ?? '2026-12-01T00:00:00Z');
const app = await buildApp({
  config: configFromEnv({
    YUKONG_DB: process.env.BENCH_DB,
    YUKONG_ADMIN_TOKEN: 'bench-admin',
    YUKONG_SIM: 'off',
    // the registry runs its checks and reports them (the bench company is not registered)
    YUKONG_REGISTRY: 'off',
    // the guards run (authentication, permission, rate limiter, quota, depth scan); the limits are set above the load so none refuses
    YUKONG_RATE_LIMIT_PER_MIN: '100000000',
    YUKONG_PLAN_QUOTA_PER_HOUR: '100000000',
  }),
  clock: () => now,
});
const ctx = app.yukong.services;
const rng = createPrng(7);
const pilot = { ...BUILTIN_ADMIN, id: 'bench-pilot', role: 'pilot' as const, operatorId: 'BENCH' };
let approved = 0;
const t = performance.now();
for (let i = 0; approved < approvedTarget && i < approvedTarget * 3; i++) {
  const r = submitPlan(ctx, pilot, randomSubmission(rng, now + 3_600_000, 29 * 86_400_000));
  if ((r.body as { state: string }).state === 'approved') approved++;
}
const seedS = (performance.now() - t) / 1000;
// (servers sharing a database: the first creates the bench pilot)
if (!ctx.principals.byToken('bench-pilot-token')) ctx.principals.insert({ id: 'bench-pilot', role: 'pilot', name: 'bench', operatorId: 'BENCH' }, 'bench-pilot-token', new Date(now).toISOString());
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
// the floor of HTTP on this machine: a bare Fastify app in this process that parses the same bodies
// and answers each with the bytes of a real decision, and does nothing else
const answer = JSON.stringify(submitPlan(ctx, pilot, randomSubmission(rng, now + 3_600_000, 29 * 86_400_000)).body);
const floor = Fastify({ logger: false });
floor.post('/floor', async (_req, reply) => reply.type('application/json; charset=utf-8').send(answer));
await floor.listen({ port: 0, host: '127.0.0.1' });
const floorAddress = floor.server.address();
const cpuAtListen = process.cpuUsage();
const eluAtListen = performance.eventLoopUtilization();
// the main thread's garbage-collection pauses while it serves
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMs += e.duration;
}).observe({ entryTypes: ['gc'] });
process.send?.({
  port: typeof address === 'object' && address ? address.port : 0,
  floorPort: typeof floorAddress === 'object' && floorAddress ? floorAddress.port : 0,
  answerBytes: Buffer.byteLength(answer),
  approved,
  seedS,
});
// the cluster bench reads the index lag from /health after the run (servers sharing PostgreSQL)
process.on('message', async (m) => {
  if (m === 'usage') {
    // the server's own CPU time while it served (user + system), its main thread's busy time and
    // collection pauses, and how its decisions were committed
    const u = process.cpuUsage(cpuAtListen);
    const e = performance.eventLoopUtilization(eluAtListen);
    // groups and decisions count on; the largest group is the largest since the last report (a
    // maximum cannot be taken apart by subtraction)
    const stats = app.yukong.groupCommit.stats;
    const group = { ...stats };
    stats.largest = 0;
    process.send?.({ cpuUs: u.user + u.system, group, mainBusyUs: e.active * 1000, gcMs });
  }
  if (m === 'stop') {
    await floor.close();
    await app.close();
    process.exit(0);
  }
});
if (process.env.BENCH_TRACE) {
  const { PerformanceObserver } = await import('node:perf_hooks');
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.duration > 15) console.error(`gc ${e.duration.toFixed(1)} ms`);
  }).observe({ entryTypes: ['gc'] });
}
if (process.env.BENCH_TRACE) {
  const { monitorEventLoopDelay } = await import('node:perf_hooks');
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  setInterval(() => {
    console.error(`loop delay p50 ${(h.percentile(50) / 1e6).toFixed(1)} p99 ${(h.percentile(99) / 1e6).toFixed(1)} max ${(h.max / 1e6).toFixed(1)} ms`);
    h.reset();
  }, 1000).unref();
}
