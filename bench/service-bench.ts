/**
 * Flight-plan service benchmark: submissions over HTTP on loopback (server in its own process,
 * SQLite WAL persistence) against 20,000 approved plans; compared with the in-process decision
 * alone on the same inputs, in the same run. Bounded in count and time.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../server/app.js';
import { configFromEnv } from '../server/config.js';
import { checkPlan, submitPlan } from '../server/services/plan-service.js';
import { BUILTIN_ADMIN } from '../server/auth.js';
import { candidateFromInput } from '../shared/rules/airspace-state.js';
import { evaluatePlan } from '../shared/rules/evaluate-plan.js';
import { createPrng } from '../shared/util/prng.js';
import { randomSubmission } from './plan-inputs.js';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { FlightPlanSchema } from '../shared/schemas/flight-plan-record.js';
import '../shared/schemas/formats.js';
import { authenticate } from '../server/auth.js';
import { JsonDepthScanner } from '../server/http/json-depth-guard.js';
import { assertAllowed } from '../server/policy/access-policy.js';
import { filerOf, whoFiles } from '../server/services/who-files.js';
import { suggestionPricer, withQuote } from '../server/services/pricing-service.js';
import { withUsccCheck } from '../shared/registry/uscc.js';
import { RawHttpConnection } from './raw-http-client.js';
import { fmt, summarize } from './stats.js';

const NOW = Date.parse('2026-12-01T00:00:00Z');

/**
 * Microseconds per submission for each guard, on the app's real objects. `fresh`: submissions
 * not yet decided (the first 200 are submitted for answers to check; the rest are measured, so no
 * decision meets itself already booked, which would make it many times dearer than a real one).
 */
function guardCosts(app: Awaited<ReturnType<typeof buildApp>>, fresh: ReturnType<typeof randomSubmission>[], pilot: Parameters<typeof submitPlan>[1]) {
  const ctx = app.yukong.services;
  const token = 'bench-guard-token';
  ctx.principals.insert({ id: 'bench-guard', role: 'pilot', name: 'guard', operatorId: 'BENCH' }, token, new Date(NOW).toISOString());
  const answers = fresh.slice(0, 200).map((i) => submitPlan(ctx, pilot, i).body);
  const inputs = fresh.slice(200);
  const bodies = inputs.map((i) => Buffer.from(JSON.stringify(i)));
  const check = TypeCompiler.Compile(FlightPlanSchema);
  const once = (n: number, f: (k: number) => void) => {
    const t = performance.now();
    for (let k = 0; k < n; k++) f(k);
    return ((performance.now() - t) * 1000) / n;
  };
  // the best of five passes: what the work costs, less the collections and the machine's other work that land in a pass
  const per = (n: number, f: (k: number) => void) => Math.min(...Array.from({ length: 5 }, () => once(n, f)));
  const authUs = per(20_000, () => assertAllowed(authenticate(token, 'x', ctx.principals), 'plan.submit'));
  const depthUs = per(bodies.length, (k) => new JsonDepthScanner().feed(bodies[k], 32));
  const candidates = inputs.map((i) => candidateFromInput(i));
  const whoUs = per(inputs.length, (k) => whoFiles(ctx, filerOf(pilot), inputs[k], candidates[k]));
  const responseUs = per(answers.length * 5, (k) => check.Check(answers[k % answers.length]));
  // the registry at scale: 1,000 companies (5 aircraft, 2 licensed pilots, a fleet policy each), enforced,
  // filings by registered pilots with registered aircraft — its cost against the decision alone
  const at = new Date(NOW).toISOString();
  ctx.db.transaction(() => {
    for (let c = 0; c < 1000; c++) {
      const id = `BC-${c}`;
      ctx.registry.insertCompany({ id, name: id, uscc: withUsccCheck(`91500000${String(c).padStart(9, '0')}`), credentials: ['commercial'], suspended: false, createdAt: at });
      for (let a = 0; a < 5; a++) ctx.registry.insertAircraft({ registration: `BR-${c}-${a}`, serial: 's', model: 'm', category: 'light', mtowKg: 5, companyId: id, registeredAt: at });
      for (let p = 0; p < 2; p++)
        ctx.registry.insertPilot({
          id: `bp-${c}-${p}`,
          name: 'p',
          companyId: id,
          licence: { number: `L${c}-${p}`, class: 'BVLOS', categories: ['light', 'small'], expires: '2030-01-01' },
          createdAt: at,
        });
      ctx.registry.insertInsurance({
        id: `BI-${c}`,
        companyId: id,
        registration: null,
        insurer: 'i',
        policyNo: `P${c}`,
        thirdPartyCny: 1_000_000,
        validFrom: '2026-01-01T00:00:00Z',
        validTo: '2028-01-01T00:00:00Z',
        createdAt: at,
      });
    }
  })();
  // the in-process decision as the service makes it (what POST /flight-plans/check does: validation, the
  // plan's volumes, the engine, authority, routing), registry and pricing off: what the registry and the quote add to
  const pricing = ctx.pricing;
  ctx.pricing = undefined;
  const serviceUs = per(inputs.length, (k) => checkPlan(ctx, pilot, inputs[k]));
  ctx.pricing = pricing;
  // the quote where the service makes it: right after deciding the same candidate (its data as the decision
  // left it), timed around the quote and around each suggestion's price as the engine verifies it; best of five
  const quoteUs = Math.min(
    ...Array.from({ length: 5 }, () => {
      let quoting = 0;
      for (let k = 0; k < inputs.length; k++) {
        const c = candidateFromInput(inputs[k], ctx.airspace.routeBuffers);
        let t = performance.now();
        const price = suggestionPricer(ctx, c);
        quoting += performance.now() - t;
        const timed =
          price &&
          ((shifted: typeof c, own: Parameters<typeof price>[1]) => {
            const t0 = performance.now();
            const fen = price(shifted, own);
            quoting += performance.now() - t0;
            return fen;
          });
        const decision = evaluatePlan(ctx.airspace, c, { nowMs: NOW, ...(timed ? { priceSuggestion: timed } : {}) });
        t = performance.now();
        withQuote(ctx, c, decision);
        quoting += performance.now() - t;
      }
      return (quoting * 1000) / inputs.length;
    }),
  );
  ctx.pricing = pricing;
  ctx.registryMode = 'enforce';
  const filed = inputs.map((i, k) => ({ ...i, aircraft: { registration: `BR-${k % 1000}-${k % 5}`, category: 'light' as const } }));
  // both measured warm: the best of five passes (the registry's caches fill in the first, as they do after the first filings of a day)
  const who = (k: number) => whoFiles(ctx, { pilotId: `bp-${k % 1000}-${k % 2}`, companyId: `BC-${k % 1000}` }, filed[k], candidates[k]);
  const decide = (k: number) => evaluatePlan(ctx.airspace, candidates[k], { nowMs: NOW });
  const registeredUs = per(filed.length, who);
  const decisionUs = per(inputs.length, decide);
  ctx.registryMode = 'off';
  return { authUs, depthUs, whoUs, responseUs, totalUs: authUs + depthUs + whoUs + responseUs, registeredUs, decisionUs, serviceUs, quoteUs };
}

export async function runServiceBench(opts: { approved?: number; requests?: number; warmup?: number; concurrency?: number; maxSeconds?: number } = {}) {
  const approvedTarget = opts.approved ?? 20_000;
  const total = opts.requests ?? 5_000;
  // submissions over HTTP before the measured ones: a server answers for hours, and its first
  // thousand requests over HTTP run code the in-process seeding never reached (routing, hooks,
  // parsers, the serializer) before it is optimised; they are timed and printed, not counted
  const warmupTotal = opts.warmup ?? 2_000;
  const concurrency = opts.concurrency ?? 8;
  const deadline = Date.now() + (opts.maxSeconds ?? 120) * 1000;
  const dir = mkdtempSync(join(tmpdir(), 'yukong-bench-'));
  const child = fork(join(dirname(fileURLToPath(import.meta.url)), 'service-server.ts'), [], {
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/cpuprof'] : [])],
    env: { ...process.env, BENCH_DB: join(dir, 'bench.db'), BENCH_APPROVED: String(approvedTarget), BENCH_NOW: new Date(NOW).toISOString() },
  });
  try {
    const ready = await new Promise<{ port: number; floorPort: number; answerBytes: number; approved: number; seedS: number }>((resolve, reject) => {
      child.once('message', (m) => resolve(m as { port: number; floorPort: number; answerBytes: number; approved: number; seedS: number }));
      child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    });
    const rng = createPrng(99);
    const inputs = Array.from({ length: total }, () => randomSubmission(rng, NOW + 3_600_000, 29 * 86_400_000));
    const lat: number[] = [];
    const outcomes: Record<string, number> = {};
    let errors = 0;
    const usage = () =>
      new Promise<{ cpuUs: number; mainBusyUs: number; gcMs: number; group: { groups: number; decisions: number; largest: number } }>((resolve) => {
        child.once('message', (m) => resolve(m as never));
        child.send('usage');
      });
    /** `list` posted to `path` by `concurrency` clients (a keep-alive connection each); each answer's latency into `into` */
    const load = async (path: string, list: unknown[], into: number[], ok: number, onBody?: (body: string) => void, port = ready.port) => {
      let next = 0;
      const connections = await Promise.all(Array.from({ length: concurrency }, () => RawHttpConnection.connect(port, { authorization: 'Bearer bench-pilot-token' })));
      try {
        await Promise.all(
          connections.map(async (c) => {
            while (next < list.length && Date.now() < deadline) {
              const body = JSON.stringify(list[next++]);
              const s = performance.now();
              const r = await c.request('POST', path, body);
              into.push(performance.now() - s);
              if (r.status !== ok) errors++;
              else onBody?.(r.body);
            }
          }),
        );
      } finally {
        for (const c of connections) c.close();
      }
    };
    /** `load(...)` timed: its seconds */
    const timed = async (...args: Parameters<typeof load>) => {
      const t = performance.now();
      await load(...args);
      return (performance.now() - t) / 1000;
    };
    const warmRng = createPrng(98);
    const warmInputs = Array.from({ length: warmupTotal }, () => randomSubmission(warmRng, NOW + 3_600_000, 29 * 86_400_000));
    const warmLat: number[] = [];
    const warmS = await timed('/api/v1/flight-plans', warmInputs, warmLat, 201);
    const warmed = await usage();
    const warmErrors = errors;
    errors = 0;
    const t0 = performance.now();
    const clientCpu0 = process.cpuUsage();
    await load('/api/v1/flight-plans', inputs, lat, 201, (body) => {
      const state = /"state":"(\w+)"/.exec(body)?.[1] ?? '?';
      outcomes[state] = (outcomes[state] ?? 0) + 1;
    });
    const elapsedS = (performance.now() - t0) / 1000;
    const clientCpu = process.cpuUsage(clientCpu0);
    const submittedAll = await usage();
    // what the measured submissions cost, without the warm-up's share
    const submitted = { ...submittedAll, cpuUs: submittedAll.cpuUs - warmed.cpuUs, mainBusyUs: submittedAll.mainBusyUs - warmed.mainBusyUs, gcMs: submittedAll.gcMs - warmed.gcMs };
    // (the largest group is reported since the previous report: the measured submissions' own)
    const group = { groups: submittedAll.group.groups - warmed.group.groups, decisions: submittedAll.group.decisions - warmed.group.decisions, largest: submittedAll.group.largest };
    // the same decision over HTTP without the write (POST /flight-plans/check) on fresh inputs of the same kind: what the write costs the server
    const checkInputs = Array.from({ length: Math.min(2000, total) }, () => randomSubmission(rng, NOW + 3_600_000, 29 * 86_400_000));
    const checkLat: number[] = [];
    await load('/api/v1/flight-plans/check', checkInputs, checkLat, 200);
    const checked = await usage();
    // the floor: the same bodies to a bare Fastify route in the same server process that answers with the bytes of a decision
    const floorLat: number[] = [];
    const floorS = await timed('/floor', inputs, floorLat, 200, undefined, ready.floorPort);
    const floored = await usage();
    // the same kind of decisions twenty to a request (POST /flight-plans/batch): what the per-request HTTP work costs a single submission
    const batchInputs = Array.from({ length: Math.min(2000, total) }, () => randomSubmission(rng, NOW + 3_600_000, 29 * 86_400_000));
    const batches = Array.from({ length: Math.ceil(batchInputs.length / 20) }, (_, i) => ({ plans: batchInputs.slice(i * 20, i * 20 + 20) }));
    const batchLat: number[] = [];
    const batchS = await timed('/api/v1/flight-plans/batch', batches, batchLat, 200);
    const batched = await usage();
    const checkCpuUs = (checked.cpuUs - submittedAll.cpuUs) / Math.max(1, checkLat.length);
    child.send('stop');

    // in-process baseline on the same state size: the decision alone, and decision + write
    const app = await buildApp({ config: configFromEnv({ YUKONG_DB: join(dir, 'inproc.db'), YUKONG_ADMIN_TOKEN: 'x', YUKONG_SIM: 'off', YUKONG_REGISTRY: 'off' }), clock: () => NOW });
    const ctx = app.yukong.services;
    const seedRng = createPrng(7);
    const pilot = { ...BUILTIN_ADMIN, id: 'bench-pilot', role: 'pilot' as const, operatorId: 'BENCH' };
    for (let i = 0, ok = 0; ok < approvedTarget && i < approvedTarget * 3; i++) {
      if ((submitPlan(ctx, pilot, randomSubmission(seedRng, NOW + 3_600_000, 29 * 86_400_000)).body as { state: string }).state === 'approved') ok++;
    }
    // the state the measured submissions met: the seeded plans and the warm-up's
    for (const inp of warmInputs) submitPlan(ctx, pilot, inp);
    const sample = inputs.slice(0, Math.min(2000, lat.length));
    let t = performance.now();
    for (const inp of sample) evaluatePlan(ctx.airspace, candidateFromInput(inp), { nowMs: NOW });
    const checkPerS = sample.length / ((performance.now() - t) / 1000);
    t = performance.now();
    for (const inp of sample) submitPlan(ctx, pilot, inp);
    const submitPerS = sample.length / ((performance.now() - t) / 1000);
    // the guards' cost per submission, each measured on the real objects with this run's inputs:
    // token + permission, the streaming JSON depth scan, the who-files layer (authority, registry
    // lookups), the check of the answer against its schema
    const guard = guardCosts(
      app,
      Array.from({ length: 2200 }, () => randomSubmission(rng, NOW + 3_600_000, 29 * 86_400_000)),
      pilot,
    );
    await app.close();
    const sorted = [...lat].sort((a, b) => a - b);
    if (process.env.BENCH_TRACE) console.error([50, 90, 95, 98, 99, 99.5, 100].map((p) => `p${p} ${sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(1)}`).join(' '));
    return {
      approved: ready.approved,
      seedS: ready.seedS,
      requests: lat.length,
      errors,
      elapsedS,
      perS: lat.length / elapsedS,
      latency: summarize(lat),
      outcomes,
      checkPerS,
      submitPerS,
      concurrency,
      guard,
      serverCpuUs: submitted.cpuUs / lat.length,
      // the server's main thread (event loop) busy time a request, in each phase: what bounds the rate
      mainUs: {
        submit: submitted.mainBusyUs / Math.max(1, lat.length),
        check: (checked.mainBusyUs - submittedAll.mainBusyUs) / Math.max(1, checkLat.length),
        floor: (floored.mainBusyUs - checked.mainBusyUs) / Math.max(1, floorLat.length),
        batch: (batched.mainBusyUs - floored.mainBusyUs) / Math.max(1, batchLat.length * 20),
        elapsed: (elapsedS * 1e6) / Math.max(1, lat.length),
        gc: (submitted.gcMs * 1000) / Math.max(1, lat.length),
      },
      clientCpuUs: (clientCpu.user + clientCpu.system) / Math.max(1, lat.length),
      checkCpuUs,
      check: summarize(checkLat),
      group,
      warmup: { requests: warmLat.length, perS: warmLat.length / warmS, errors: warmErrors, mainUs: warmed.mainBusyUs / Math.max(1, warmLat.length) },
      batch: { perS: (batchLat.length * 20) / batchS, cpuUs: (batched.cpuUs - floored.cpuUs) / Math.max(1, batchLat.length * 20), p99Ms: summarize(batchLat).p99Ms },
      floor: { perS: floorLat.length / floorS, cpuUs: (floored.cpuUs - checked.cpuUs) / Math.max(1, floorLat.length), latency: summarize(floorLat), responseBytes: ready.answerBytes },
    };
  } finally {
    if (child.exitCode === null) child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printServiceBench(r: Awaited<ReturnType<typeof runServiceBench>>): boolean {
  console.log(`\n== flight-plan service: HTTP submissions against ${r.approved.toLocaleString()} approved plans and the warm-up's (SQLite WAL, ${r.concurrency} concurrent) ==`);
  console.log(`seeded ${r.approved.toLocaleString()} approved plans through the service in ${fmt(r.seedS, 1)} s`);
  console.log(
    `warm-up over HTTP (not counted; other inputs of the same kind): ${r.warmup.requests.toLocaleString()} submissions → ${Math.round(r.warmup.perS).toLocaleString()}/s, the main thread ${fmt(r.warmup.mainUs, 0)} µs a submission, errors ${r.warmup.errors}`,
  );
  console.log(
    `HTTP: ${r.requests} decisions in ${fmt(r.elapsedS, 2)} s → ${Math.round(r.perS).toLocaleString()} decisions/s, p50 ${fmt(r.latency.p50Ms, 2)} ms, p99 ${fmt(r.latency.p99Ms, 2)} ms, errors ${r.errors}, outcomes ${JSON.stringify(r.outcomes)}`,
  );
  console.log(
    `server CPU per decision ${fmt(r.serverCpuUs, 0)} µs (a ceiling of ${Math.round(1e6 / r.serverCpuUs).toLocaleString()}/s on one core) vs ${fmt(r.checkCpuUs, 0)} µs for the same decision without its write (POST /flight-plans/check, p50 ${fmt(r.check.p50Ms, 2)} ms); committed in ${r.group.groups.toLocaleString()} groups (mean ${fmt(r.group.decisions / Math.max(1, r.group.groups), 1)}, largest ${r.group.largest}); the load generator (this process) ${fmt(r.clientCpuUs, 0)} µs a request`,
  );
  console.log(
    `HTTP floor on this machine (a bare Fastify route in the same server process, the same bodies, answered with the ${r.floor.responseBytes.toLocaleString()} bytes of a decision): ${Math.round(r.floor.perS).toLocaleString()}/s, server CPU ${fmt(r.floor.cpuUs, 0)} µs a request, p99 ${fmt(r.floor.latency.p99Ms, 2)} ms → ${fmt((100 * r.floor.cpuUs) / r.serverCpuUs, 0)} % of a decision's server CPU is the floor; at 2,000/s one core leaves ${fmt(500 - r.floor.cpuUs, 0)} µs a request for the decision and its write`,
  );
  console.log(
    `in batches of 20 (POST /flight-plans/batch, the same concurrency): ${Math.round(r.batch.perS).toLocaleString()} decisions/s, server CPU ${fmt(r.batch.cpuUs, 0)} µs a decision (vs ${fmt(r.serverCpuUs, 0)} one to a request), p99 ${fmt(r.batch.p99Ms, 1)} ms a batch`,
  );
  const m = r.mainUs;
  console.log(
    `the server's main thread, busy a request: ${fmt(m.submit, 0)} µs a submission of the ${fmt(m.elapsed, 0)} µs between answers (${fmt((100 * m.submit) / m.elapsed, 0)} % busy: the main thread bounds the rate at ${Math.round(1e6 / m.submit).toLocaleString()}/s); of it the HTTP floor ${fmt(m.floor, 0)} µs, the decision and its HTTP work without the write (/check) ${fmt(m.check, 0)} µs, the write ≈ ${fmt(m.submit - m.check, 0)} µs; garbage-collection pauses ${fmt(m.gc, 0)} µs; in batches of 20 ${fmt(m.batch, 0)} µs a decision. 2,000/s needs ≤ 500 µs`,
  );
  // the machine's own bound: every core fully used, at the CPU a decision costs the server and the load generator together
  const cores = availableParallelism();
  const machineCeiling = (cores * 1e6) / (r.serverCpuUs + r.clientCpuUs);
  console.log(
    `all ${cores} cores of this machine, fully used, at ${fmt(r.serverCpuUs, 0)} + ${fmt(r.clientCpuUs, 0)} µs of CPU a decision (server + load generator): at most ${Math.round(machineCeiling).toLocaleString()} decisions/s; the server used ${fmt((r.serverCpuUs * r.perS) / 1e6, 2)} cores and the load generator ${fmt((r.clientCpuUs * r.perS) / 1e6, 2)}`,
  );
  console.log(`in-process: decision alone ${Math.round(r.checkPerS).toLocaleString()}/s, decision + transaction ${Math.round(r.submitPerS).toLocaleString()}/s`);
  console.log(`ratio HTTP / in-process decision: ${fmt(r.perS / r.checkPerS, 3)}; HTTP / in-process submit: ${fmt(r.perS / r.submitPerS, 3)}`);
  console.log(
    `guards per submission: token + permission ${fmt(r.guard.authUs, 1)} µs, JSON depth scan ${fmt(r.guard.depthUs, 1)} µs, who-files (authority + registry) ${fmt(r.guard.whoUs, 1)} µs, response schema check ${fmt(r.guard.responseUs, 1)} µs = ${fmt(r.guard.totalUs, 1)} µs; ratio to the server time of one HTTP submission (${fmt(1e6 / r.perS, 0)} µs): ${fmt((r.guard.totalUs * r.perS) / 1e6, 3)}`,
  );
  console.log(
    `the in-process decision as the service makes it (POST /check's work, registry and pricing off) ${fmt(r.guard.serviceUs, 1)} µs, of which the engine alone ${fmt(r.guard.decisionUs, 1)} µs (undecided plans: none meets itself booked)`,
  );
  console.log(
    `registry + authority (+ credit) for a registered company (1,000 companies, enforced): ${fmt(r.guard.registeredUs, 1)} µs a filing vs the in-process decision ${fmt(r.guard.serviceUs, 1)} µs → ratio ${fmt(r.guard.registeredUs / r.guard.serviceUs, 3)} (target ≤ 0.10; vs the engine alone ${fmt(r.guard.registeredUs / r.guard.decisionUs, 3)})`,
  );
  console.log(
    `quote (pricing), where the service quotes (right after the decision, suggestions priced as verified): ${fmt(r.guard.quoteUs, 1)} µs a decision vs the in-process decision ${fmt(r.guard.serviceUs, 1)} µs → ratio ${fmt(r.guard.quoteUs / r.guard.serviceUs, 3)} (target ≤ 0.10; vs the engine alone ${fmt(r.guard.quoteUs / r.guard.decisionUs, 3)})`,
  );
  const targets = [
    ['≥ 2,000 decisions/s', r.perS >= 2000],
    ['p99 < 25 ms', r.latency.p99Ms < 25],
    ['no errors', r.errors === 0 && r.warmup.errors === 0],
    ['registry + credit ≤ 10 % of the in-process decision', r.guard.registeredUs / r.guard.serviceUs <= 0.1],
    ['quote ≤ 10 % of the in-process decision', r.guard.quoteUs / r.guard.serviceUs <= 0.1],
  ] as const;
  for (const [name, ok] of targets) console.log(`  ${ok ? 'PASS' : 'MISS'} ${name}`);
  return targets.every(([, ok]) => ok);
}
