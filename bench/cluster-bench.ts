/**
 * Several servers on one PostgreSQL: decisions/s and p99 over HTTP with 1, 2 and 3 servers sharing
 * the database (the load spread over them), the cross-server index lag p99 each server reports, and
 * the same load on one server on the embedded store in the same run as the baseline. PostgreSQL is
 * Debian's, started throwaway on a free port (scripts/pg-local.sh, fsync on: a real store), or the
 * one YUKONG_BENCH_PG names. Bounded in count and time. On a 2-core machine the servers, PostgreSQL
 * and the load generator share two cores: the figures show the cost of sharing, not a scale-out.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PgSyncClient } from '../server/store/pg/pg-sync-client.js';
import { createPrng } from '../shared/util/prng.js';
import { randomSubmission } from './plan-inputs.js';
import { RawHttpConnection } from './raw-http-client.js';
import { fmt, summarize } from './stats.js';
import { startDelayProxy } from './delay-proxy.js';

const NOW = Date.parse('2026-12-01T00:00:00Z');
const HERE = dirname(fileURLToPath(import.meta.url));

interface Server {
  child: ChildProcess;
  port: number;
}

function startServer(db: string, approved: number): Promise<Server & { approved: number }> {
  const child = fork(join(HERE, 'service-server.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_DB: db, BENCH_APPROVED: String(approved), BENCH_NOW: new Date(NOW).toISOString() },
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ child, ...(m as { port: number; approved: number }) }));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

async function load(ports: number[], inputs: unknown[], concurrency: number, deadline: number) {
  const connect = (port: number) => RawHttpConnection.connect(port, { authorization: 'Bearer bench-pilot-token' });
  const lat: number[] = [];
  let errors = 0;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency * ports.length }, async (_, w) => {
      const port = ports[w % ports.length];
      let c: RawHttpConnection | null = null;
      while (next < inputs.length && Date.now() < deadline) {
        const body = JSON.stringify(inputs[next++]);
        const s = performance.now();
        try {
          c ??= await connect(port);
          const r = await c.request('POST', '/api/v1/flight-plans', body);
          lat.push(performance.now() - s);
          if (r.status !== 201) {
            errors++;
            if (errors <= 3) console.error(`HTTP ${r.status}: ${r.body.slice(0, 300)}`);
          }
        } catch (e) {
          errors++; // counted, and told: a reset connection is a failure of the setting measured
          if (errors <= 3) console.error(`request failed: ${(e as Error).message}`);
          c?.close();
          c = null; // the next request on a new connection
        }
      }
      c?.close();
    }),
  );
  const elapsedS = (performance.now() - t0) / 1000;
  return { requests: lat.length, errors, perS: lat.length / elapsedS, latency: summarize(lat) };
}

/**
 * Round trips to the database in one decision, as latency sees them: one server decides the same
 * submissions one at a time, straight to PostgreSQL and then through a proxy that adds a delay each
 * way; the time a decision gains, over the time one `SELECT 1` gains, is its round trips.
 */
async function roundTrips(dbUrl: string, inputs: unknown[]) {
  const u = new URL(dbUrl);
  const proxy = await startDelayProxy(Number(u.port), 1);
  const via = new URL(dbUrl);
  via.port = String(proxy.port);
  try {
    const selectMs = (url: string) => {
      const c = new PgSyncClient(url);
      for (let i = 0; i < 20; i++) c.query('SELECT 1');
      const t = performance.now();
      for (let i = 0; i < 200; i++) c.query('SELECT 1');
      const ms = (performance.now() - t) / 200;
      c.close();
      return ms;
    };
    const rttMs = selectMs(via.toString()) - selectMs(dbUrl);
    const decisionMs = async (url: string, part: unknown[]) => {
      const s = await startServer(url, 0);
      const r = await load([s.port], part, 1, Date.now() + 120_000);
      s.child.send('stop');
      return r.latency.meanMs;
    };
    const half = inputs.length / 2;
    const directMs = await decisionMs(dbUrl, inputs.slice(0, half));
    const delayedMs = await decisionMs(via.toString(), inputs.slice(half));
    return { rttMs, directMs, delayedMs, roundTrips: (delayedMs - directMs) / rttMs };
  } finally {
    await proxy.close();
  }
}

export async function runClusterBench(opts: { approved?: number; requests?: number; concurrency?: number; maxSeconds?: number } = {}) {
  const approved = opts.approved ?? 2_000;
  const total = opts.requests ?? 1_500;
  const concurrency = opts.concurrency ?? 4;
  const dir = mkdtempSync(join(tmpdir(), 'yukong-cluster-bench-'));
  const root = join(HERE, '..');
  let pgUrl = process.env.YUKONG_BENCH_PG ?? '';
  const ownPg = !pgUrl;
  const servers: Server[] = [];
  try {
    if (ownPg) {
      execFileSync('chmod', ['755', dir]);
      pgUrl = execFileSync(join(root, 'scripts/pg-local.sh'), ['start', join(dir, 'pg')], { encoding: 'utf8' }).trim();
    }
    const admin = new PgSyncClient(pgUrl);
    const dbName = `yk_bench_${process.pid}`;
    admin.exec(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    admin.exec(`CREATE DATABASE ${dbName}`);
    const u = new URL(pgUrl);
    u.pathname = `/${dbName}`;
    const rng = createPrng(99);
    const rounds = [1, 2, 3].map(() => Array.from({ length: total }, () => randomSubmission(rng, NOW + 3_600_000, 29 * 86_400_000)));
    const deadline = () => Date.now() + (opts.maxSeconds ?? 90) * 1000;
    // baseline: one server on the embedded store, the same state size and the same first load
    const lite = await startServer(join(dir, 'lite.db'), approved);
    const embedded = await load([lite.port], rounds[0], concurrency, deadline());
    lite.child.send('stop');
    const first = await startServer(u.toString(), approved);
    servers.push(first);
    const results: { servers: number; perS: number; p50Ms: number; p99Ms: number; errors: number; lagP99Ms: number | null; lagSamples: number }[] = [];
    for (let k = 1; k <= 3; k++) {
      while (servers.length < k) servers.push(await startServer(u.toString(), 0));
      const r = await load(
        servers.map((s) => s.port),
        rounds[k - 1],
        concurrency,
        deadline(),
      );
      const lags = await Promise.all(
        servers.map(async (s) => {
          const c = await RawHttpConnection.connect(s.port);
          try {
            return JSON.parse((await c.request('GET', '/api/v1/health', null)).body).cluster?.lagMs;
          } finally {
            c.close();
          }
        }),
      );
      const p99s = lags.filter((l) => l?.p99 != null).map((l) => l.p99 as number);
      results.push({
        servers: k,
        perS: r.perS,
        p50Ms: r.latency.p50Ms,
        p99Ms: r.latency.p99Ms,
        errors: r.errors,
        lagP99Ms: p99s.length ? Math.max(...p99s) : null,
        lagSamples: lags.reduce((a, l) => a + (l?.samples ?? 0), 0),
      });
    }
    for (const s of servers) s.child.send('stop');
    await new Promise((r) => setTimeout(r, 500));
    const latency = await roundTrips(
      u.toString(),
      Array.from({ length: 200 }, () => randomSubmission(rng, NOW + 3_600_000, 29 * 86_400_000)),
    );
    admin.exec(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    admin.close();
    return { approved, total, concurrency, latency, embedded: { perS: embedded.perS, p50Ms: embedded.latency.p50Ms, p99Ms: embedded.latency.p99Ms, errors: embedded.errors }, results };
  } finally {
    for (const s of servers) if (s.child.exitCode === null) s.child.kill();
    if (ownPg) execFileSync(join(root, 'scripts/pg-local.sh'), ['stop', join(dir, 'pg')]);
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printClusterBench(r: Awaited<ReturnType<typeof runClusterBench>>): boolean {
  console.log(
    `\n== several servers on one PostgreSQL: ${r.total.toLocaleString()} HTTP submissions per setting against ${r.approved.toLocaleString()} approved plans, ${r.concurrency} concurrent per server ==`,
  );
  console.log(
    `baseline, one server on the embedded store: ${Math.round(r.embedded.perS).toLocaleString()} decisions/s, p50 ${fmt(r.embedded.p50Ms, 2)} ms, p99 ${fmt(r.embedded.p99Ms, 2)} ms, errors ${r.embedded.errors}`,
  );
  for (const x of r.results)
    console.log(
      `${x.servers} server(s) on PostgreSQL: ${Math.round(x.perS).toLocaleString()} decisions/s (ratio to the baseline ${fmt(x.perS / r.embedded.perS, 2)}), p50 ${fmt(x.p50Ms, 2)} ms, p99 ${fmt(x.p99Ms, 2)} ms, errors ${x.errors}; index lag p99 ${x.lagP99Ms === null ? '–' : `${fmt(x.lagP99Ms, 1)} ms`} over ${x.lagSamples} changes`,
    );
  const l = r.latency;
  console.log(
    `a database ${fmt(l.rttMs, 2)} ms further away (a proxy adding 1 ms each way): a decision ${fmt(l.directMs, 2)} → ${fmt(l.delayedMs, 2)} ms (one server, one at a time) → ${fmt(l.roundTrips, 1)} round trips a decision`,
  );
  const withPeers = r.results.filter((x) => x.servers > 1);
  const targets = [
    ['no errors', r.results.every((x) => x.errors === 0) && r.embedded.errors === 0],
    ['cross-server index lag p99 < 1 s', withPeers.every((x) => x.lagP99Ms !== null && x.lagP99Ms < 1000)],
    ['≤ 10 round trips to the database a decision', l.roundTrips <= 10],
  ] as const;
  for (const [name, ok] of targets) console.log(`  ${ok ? 'PASS' : 'MISS'} ${name}`);
  return targets.every(([, ok]) => ok);
}
