/**
 * Airspace engine benchmark: a 5-volume plan checked against 100,000 indexed plan volumes and
 * 5,000 zones; the same queries by brute-force scan in the same run. Seeded; prints figures.
 */
import { volumesConflict, type PreparedVolume } from '../shared/airspace/prepared-volume.js';
import { destination } from '../shared/geo/earth.js';
import type { LngLat } from '../shared/geo/types.js';
import { bookPlan, candidateFromInput, putZone, type AirspaceState, type CandidatePlan } from '../shared/rules/airspace-state.js';
import { evaluatePlan } from '../shared/rules/evaluate-plan.js';
import type { Zone } from '../shared/schemas/zone.js';
import type { FlightPlanInput } from '../shared/schemas/flight-plan.js';
import { createPrng, type Prng } from '../shared/util/prng.js';
import { buildAirspace } from '../server/scenario/build-airspace.js';
import { loadScenario } from '../server/scenario/load-scenario.js';
import { fmt, heapMB, summarize } from './stats.js';
import { randomOutline, CHONGQING_CORE } from '../tests/fixtures/random-volumes.js';

const T0 = Date.parse('2026-12-01T00:00:00Z');
const AREA: [number, number, number, number] = [106.2, 29.3, 106.9, 29.9];
const SPAN_MS = 2 * 86_400_000;

/** A seeded route plan over central Chongqing, as filed (the PostGIS comparison uses the same). */
export function randomRouteInput(rng: Prng, legs = 5): FlightPlanInput {
  let p: LngLat = [rng.range(AREA[0], AREA[2]), rng.range(AREA[1], AREA[3])];
  const waypoints: LngLat[] = [p];
  let heading = rng.range(0, 360);
  for (let i = 0; i < legs; i++) {
    heading += rng.range(-60, 60);
    p = destination(p, rng.range(1000, 4000), heading);
    waypoints.push(p);
  }
  const lower = rng.int(0, 9) * 10;
  return {
    aircraft: { registration: 'B', category: 'light' },
    mission: 'logistics',
    priority: rng.int(0, 100),
    route: {
      waypoints,
      corridorHalfWidthM: 25,
      cruiseSpeedMps: rng.range(10, 20),
      altitudeLowerM: lower,
      altitudeUpperM: lower + 40,
      departAt: new Date(T0 + Math.floor(rng.range(0, SPAN_MS) / 1000) * 1000).toISOString(),
    },
  };
}

export const randomRoutePlan = (rng: Prng, legs = 5): CandidatePlan => candidateFromInput(randomRouteInput(rng, legs));

export function randomZone(rng: Prng, i: number): Zone {
  const r = rng.next();
  const kind = r < 0.4 ? 'controlled' : r < 0.7 ? 'restricted' : r < 0.85 ? 'prohibited' : 'temporary';
  const start = T0 + rng.range(0, SPAN_MS);
  return {
    id: `Z${i}`,
    name: `zone ${i}`,
    kind,
    outline: randomOutline(rng, { ...CHONGQING_CORE, bbox: AREA, minSizeM: 200, maxSizeM: 3000 }),
    altitudeLowerM: 0,
    altitudeUpperM: rng.pick([120, 300, 1000]),
    allowedCategories: kind === 'restricted' ? ['small'] : undefined,
    applicability:
      kind === 'temporary'
        ? { kind: 'window', start: new Date(start).toISOString(), end: new Date(start + 4 * 3_600_000).toISOString() }
        : rng.next() < 0.2
          ? { kind: 'weekly', periods: [{ days: [1, 2, 3, 4, 5], startTime: '08:00', endTime: '18:00' }] }
          : { kind: 'permanent' },
    reason: 'bench',
    source: 'bench',
  };
}

export async function runAirspaceBench(opts: { volumes?: number; zones?: number; queries?: number; bruteQueries?: number; seed?: number } = {}) {
  const nVolumes = opts.volumes ?? 100_000;
  const nZones = opts.zones ?? 5_000;
  const nQueries = opts.queries ?? 2_000;
  const nBrute = opts.bruteQueries ?? 200;
  const rng = createPrng(opts.seed ?? 42);
  const state: AirspaceState = buildAirspace(loadScenario('chongqing'));

  const heap0 = heapMB(); // before the data: the figure covers raw volumes, prepared volumes and the index
  const zones = Array.from({ length: nZones }, (_, i) => randomZone(rng, i));
  const plans: (CandidatePlan & { id: string })[] = [];
  for (let n = 0; n < nVolumes; ) {
    const p = { ...randomRoutePlan(rng), id: `P${plans.length}` };
    plans.push(p);
    n += p.prepared.length;
  }
  const queries = Array.from({ length: nQueries }, () => randomRoutePlan(rng));

  let t = performance.now();
  for (const z of zones) putZone(state, z);
  for (const p of plans) bookPlan(state, p);
  const insertMs = performance.now() - t;
  const heap1 = heapMB();
  // the server keeps plan documents in its store; in memory it needs only prepared volumes + index
  for (const p of plans) p.volumes = [];
  const heapIndexOnly = heapMB() - heap0;
  const volumes = plans.reduce((a, p) => a + p.prepared.length, 0);

  // conflict check: every volume of the plan against zones (with schedules) and booked plans
  const check = (q: CandidatePlan) => {
    let hits = 0;
    for (const v of q.prepared) {
      hits += state.plans.conflicts(v).length;
      hits += state.zones.conflicts(v).length;
    }
    return hits;
  };
  for (const q of queries.slice(0, 200)) check(q); // warm up
  const lat: number[] = [];
  let found = 0;
  for (const q of queries) {
    const s = performance.now();
    found += check(q);
    lat.push(performance.now() - s);
  }
  const idx = summarize(lat);

  // full decision (zones with schedules, national rules, conflicts, capacity, routing), no suggestions
  const dec: number[] = [];
  const outcomes: Record<string, number> = {};
  for (const q of queries) {
    const s = performance.now();
    const d = evaluatePlan(state, q, { nowMs: T0 - 3_600_000, suggest: false });
    dec.push(performance.now() - s);
    outcomes[d.outcome] = (outcomes[d.outcome] ?? 0) + 1;
  }
  const decision = summarize(dec);

  // brute force: the same exact test against every stored volume and zone, no index
  const allVolumes: PreparedVolume[] = plans.flatMap((p) => p.prepared);
  const zoneVolumes = [...state.zones.entries()].flatMap((es) => es.map((e) => e.volume));
  const bl: number[] = [];
  let bruteFound = 0,
    indexFoundSame = 0;
  for (const q of queries.slice(0, nBrute)) {
    const s = performance.now();
    for (const v of q.prepared) {
      for (const w of allVolumes) if (volumesConflict(v, w)) bruteFound++;
      for (const w of zoneVolumes) if (volumesConflict(v, w)) bruteFound++;
    }
    bl.push(performance.now() - s);
    indexFoundSame += check(q);
  }
  const brute = summarize(bl);

  // remove and re-insert rate
  const victims = plans.slice(0, Math.floor(plans.length / 5));
  t = performance.now();
  for (const p of victims) state.plans.remove(p.id);
  const removeMs = performance.now() - t;
  t = performance.now();
  for (const p of victims) bookPlan(state, p);
  const reinsertMs = performance.now() - t;
  const victimVolumes = victims.reduce((a, p) => a + p.prepared.length, 0);

  return {
    volumes,
    zones: nZones,
    queries: nQueries,
    found,
    check: idx,
    checksPerS: 1000 / idx.meanMs,
    decision,
    brute,
    bruteAgrees: bruteFound === indexFoundSame,
    speedup: brute.meanMs / idx.meanMs,
    insertVolumesPerS: (volumes + nZones) / (insertMs / 1000),
    removeVolumesPerS: victimVolumes / (removeMs / 1000),
    reinsertVolumesPerS: victimVolumes / (reinsertMs / 1000),
    heapMB: heap1 - heap0,
    heapIndexOnlyMB: heapIndexOnly,
    outcomes,
  };
}

export function printAirspaceBench(r: Awaited<ReturnType<typeof runAirspaceBench>>): boolean {
  console.log(`\n== airspace engine: 5-volume plan vs ${r.volumes.toLocaleString()} volumes + ${r.zones.toLocaleString()} zones ==`);
  console.log(
    `conflict check  p50 ${fmt(r.check.p50Ms)} ms  p99 ${fmt(r.check.p99Ms)} ms  mean ${fmt(r.check.meanMs)} ms  → ${Math.round(r.checksPerS).toLocaleString()} checks/s  (${r.found} conflicts in ${r.queries} checks)`,
  );
  console.log(`full decision   p50 ${fmt(r.decision.p50Ms)} ms  p99 ${fmt(r.decision.p99Ms)} ms  outcomes ${JSON.stringify(r.outcomes)}`);
  console.log(`brute force     p50 ${fmt(r.brute.p50Ms)} ms  p99 ${fmt(r.brute.p99Ms)} ms  mean ${fmt(r.brute.meanMs)} ms  (same answers: ${r.bruteAgrees})`);
  console.log(`speed-up over brute force: ${fmt(r.speedup, 1)}×`);
  console.log(
    `insert ${Math.round(r.insertVolumesPerS).toLocaleString()} volumes/s  remove ${Math.round(r.removeVolumesPerS).toLocaleString()} volumes/s  re-insert ${Math.round(r.reinsertVolumesPerS).toLocaleString()} volumes/s`,
  );
  console.log(`heap: ${fmt(r.heapMB, 1)} MB with plan documents, ${fmt(r.heapIndexOnlyMB, 1)} MB prepared volumes + zones + index only`);
  const targets = [
    ['check p99 < 2 ms', r.check.p99Ms < 2],
    ['speed-up ≥ 50×', r.speedup >= 50],
    ['heap < 500 MB', r.heapMB < 500],
    ['brute force agrees', r.bruteAgrees],
  ] as const;
  for (const [name, ok] of targets) console.log(`  ${ok ? 'PASS' : 'MISS'} ${name}`);
  return targets.every(([, ok]) => ok);
}
