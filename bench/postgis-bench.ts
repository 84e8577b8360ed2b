/**
 * The airspace engine against PostGIS on the same random workload: the airspace benchmark's
 * 100,000 stored route volumes (same seed), each 5-volume plan checked for conflicts (footprints
 * that meet, altitude bands and time windows that overlap) by the engine and by one PostgreSQL
 * query over a GiST index. The engine is timed from the filed route (corridors built and prepared)
 * and from prepared volumes; PostgreSQL gets the corridors ready-made as GeoJSON and is timed per
 * round trip on loopback, beside a `SELECT 1` round trip (the protocol's floor). Both count the
 * conflicts they find; the counts are compared. PostgreSQL is Debian's, throwaway on a free port
 * (scripts/pg-local.sh), or the one YUKONG_BENCH_PG names.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { bookPlan, candidateFromInput, createAirspaceState, type CandidatePlan } from '../shared/rules/airspace-state.js';
import { createPrng } from '../shared/util/prng.js';
import { randomRouteInput, randomZone } from './airspace-bench.js';
import { fmt, summarize } from './stats.js';

const HERE = dirname(fileURLToPath(import.meta.url));

/** a footprint as PostGIS stores it: polygons as they are, circles (joints of a route) as 64-gons on the sphere */
const GEOM = (g: string, r: string) =>
  `CASE WHEN ${r} > 0 THEN ST_Buffer(ST_SetSRID(ST_GeomFromGeoJSON(${g}), 4326)::geography, ${r}, 'quad_segs=16')::geometry ELSE ST_SetSRID(ST_GeomFromGeoJSON(${g}), 4326) END`;

const QUERY = `SELECT count(*)::int AS n
  FROM unnest($1::float8[], $2::float8[], $3::float8[], $4::float8[], $5::text[], $6::float8[]) AS q(lo, hi, t0, t1, g, r)
  CROSS JOIN LATERAL (SELECT ${GEOM('q.g', 'q.r')} AS geom) AS f
  JOIN yk_vols v ON ST_Intersects(v.geom, f.geom)
   AND v.t0 <= q.t1 AND q.t0 <= v.t1 AND v.lo <= q.hi + 0.01 AND q.lo <= v.hi + 0.01`;

const columns = (c: CandidatePlan) => [
  c.prepared.map((v) => v.altLowerM),
  c.prepared.map((v) => v.altUpperM),
  c.prepared.map((v) => v.startMs),
  c.prepared.map((v) => v.endMs),
  c.volumes.map((v) => JSON.stringify(v.outline.type === 'Circle' ? { type: 'Point', coordinates: v.outline.center } : v.outline)),
  c.volumes.map((v) => (v.outline.type === 'Circle' ? v.outline.radiusM : 0)),
];

export async function runPostgisBench(opts: { volumes?: number; queries?: number; seed?: number } = {}) {
  const nVolumes = opts.volumes ?? 100_000;
  const nQueries = opts.queries ?? 2_000;
  // the airspace benchmark's generator, drawn in the same order: the same plans and queries
  const rng = createPrng(opts.seed ?? 42);
  for (let i = 0; i < 5_000; i++) randomZone(rng, i);
  const state = createAirspaceState();
  const plans: (CandidatePlan & { id: string })[] = [];
  for (let n = 0; n < nVolumes; ) {
    const p = { ...candidateFromInput(randomRouteInput(rng)), id: `P${plans.length}` };
    plans.push(p);
    bookPlan(state, p);
    n += p.prepared.length;
  }
  const inputs = Array.from({ length: nQueries }, () => randomRouteInput(rng));
  const queries = inputs.map((i) => candidateFromInput(i));
  const conflicts = (c: CandidatePlan) => {
    let hits = 0;
    for (const v of c.prepared) hits += state.plans.conflicts(v).length;
    return hits;
  };
  const time = (f: (k: number) => number) => {
    // a settled heap, as a serving process has (the store was built a moment ago: its marking would still be under way)
    (globalThis as { gc?: () => void }).gc?.();
    for (let k = 0; k < Math.min(200, nQueries); k++) f(k); // warm
    const lat: number[] = [];
    const found: number[] = [];
    for (let k = 0; k < nQueries; k++) {
      const s = performance.now();
      found.push(f(k));
      lat.push(performance.now() - s);
    }
    return { ...summarize(lat), found };
  };
  const fromInput = time((k) => conflicts(candidateFromInput(inputs[k])));
  const prepared = time((k) => conflicts(queries[k]));

  const dir = mkdtempSync(join(tmpdir(), 'yukong-postgis-bench-'));
  let url = process.env.YUKONG_BENCH_PG ?? '';
  const ownPg = !url;
  const client = () => new pg.Client({ connectionString: url });
  let db: pg.Client | null = null;
  const dbName = `yk_postgis_bench_${process.pid}`;
  try {
    if (ownPg) {
      execFileSync('chmod', ['755', dir]);
      url = execFileSync(join(HERE, '../scripts/pg-local.sh'), ['start', join(dir, 'pg')], { encoding: 'utf8' }).trim();
    }
    const admin = client();
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${dbName}`;
    db = new pg.Client({ connectionString: u.toString() });
    await db.connect();
    await db.query('CREATE EXTENSION IF NOT EXISTS postgis');
    await db.query('CREATE TABLE yk_vols (plan int NOT NULL, lo float8 NOT NULL, hi float8 NOT NULL, t0 float8 NOT NULL, t1 float8 NOT NULL, geom geometry(Polygon, 4326) NOT NULL)');
    const t = performance.now();
    for (let i = 0; i < plans.length; i += 2_000) {
      const chunk = plans.slice(i, i + 2_000);
      const ids = chunk.flatMap((p, k) => p.prepared.map(() => i + k));
      const [lo, hi, t0, t1, g, r] = columns({ ...chunk[0], prepared: chunk.flatMap((p) => p.prepared), volumes: chunk.flatMap((p) => p.volumes) });
      await db.query(
        `INSERT INTO yk_vols SELECT p, lo, hi, t0, t1, ${GEOM('g', 'r')} FROM unnest($1::int[], $2::float8[], $3::float8[], $4::float8[], $5::float8[], $6::text[], $7::float8[]) AS u(p, lo, hi, t0, t1, g, r)`,
        [ids, lo, hi, t0, t1, g, r],
      );
    }
    await db.query('CREATE INDEX yk_vols_geom ON yk_vols USING gist (geom)');
    await db.query('VACUUM ANALYZE yk_vols');
    const loadS = (performance.now() - t) / 1000;
    const plan = (await db.query(`EXPLAIN ${QUERY}`, columns(queries[0]))).rows.map((r) => r['QUERY PLAN'] as string).join('\n');
    const run = async (f: (k: number) => Promise<number>) => {
      for (let k = 0; k < Math.min(200, nQueries); k++) await f(k);
      const lat: number[] = [];
      const found: number[] = [];
      for (let k = 0; k < nQueries; k++) {
        const s = performance.now();
        found.push(await f(k));
        lat.push(performance.now() - s);
      }
      return { ...summarize(lat), found };
    };
    const conn = db;
    const floor = await run(async () => (await conn.query({ name: 'one', text: 'SELECT 1 AS n' })).rows[0].n as number);
    const postgis = await run(async (k) => (await conn.query({ name: 'conflicts', text: QUERY, values: columns(queries[k]) })).rows[0].n as number);
    const same = postgis.found.filter((n, k) => n === prepared.found[k]).length;
    return {
      volumes: plans.reduce((a, p) => a + p.prepared.length, 0),
      queries: nQueries,
      loadS,
      usesIndex: plan.includes('yk_vols_geom'),
      fromInput,
      prepared,
      floor,
      postgis,
      same,
      engineFound: prepared.found.reduce((a, b) => a + b, 0),
      postgisFound: postgis.found.reduce((a, b) => a + b, 0),
    };
  } finally {
    await db?.end().catch(() => {});
    if (ownPg) execFileSync(join(HERE, '../scripts/pg-local.sh'), ['stop', join(dir, 'pg')]);
    else {
      const admin = client();
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printPostgisBench(r: Awaited<ReturnType<typeof runPostgisBench>>): boolean {
  console.log(`\n== airspace engine vs PostGIS (GiST): a 5-volume plan against ${r.volumes.toLocaleString()} stored volumes, ${r.queries.toLocaleString()} plans ==`);
  console.log(`PostGIS: loaded and indexed in ${fmt(r.loadS, 1)} s; the query ${r.usesIndex ? 'uses' : 'does NOT use'} the GiST index`);
  console.log(`PostGIS query round trip   p50 ${fmt(r.postgis.p50Ms)} ms  p99 ${fmt(r.postgis.p99Ms)} ms  (SELECT 1 round trip p50 ${fmt(r.floor.p50Ms)} ms)`);
  console.log(`engine from the filed route p50 ${fmt(r.fromInput.p50Ms)} ms  p99 ${fmt(r.fromInput.p99Ms)} ms  (corridors built and prepared, then checked)`);
  console.log(`engine on prepared volumes  p50 ${fmt(r.prepared.p50Ms)} ms  p99 ${fmt(r.prepared.p99Ms)} ms`);
  const ratio = r.postgis.p50Ms / r.fromInput.p50Ms;
  console.log(
    `p50 ratio PostGIS / engine: ${fmt(ratio, 1)}× from the filed route, ${fmt(r.postgis.p50Ms / r.prepared.p50Ms, 1)}× on prepared volumes; conflicts found: engine ${r.engineFound.toLocaleString()}, PostGIS ${r.postgisFound.toLocaleString()}, same count on ${r.same} of ${r.queries} plans`,
  );
  const targets = [
    ['PostGIS uses its GiST index', r.usesIndex],
    ['engine p50 ≥ 20× faster than PostGIS (from the filed route)', ratio >= 20],
    ['same conflicts on ≥ 99 % of plans', r.same >= 0.99 * r.queries],
  ] as const;
  for (const [name, ok] of targets) console.log(`  ${ok ? 'PASS' : 'MISS'} ${name}`);
  return targets.every(([, ok]) => ok);
}
