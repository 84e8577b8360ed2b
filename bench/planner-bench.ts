/**
 * Planner benchmark: placement of 1,500 landing points on the Chongqing data, the full
 * four-phase sweep with a simulated day of traffic per phase, and the greedy set cover of base
 * stations against a naive greedy (gains recomputed from scratch) on the same instance.
 */
import { PointIndex } from '../shared/airspace/point-index.js';
import { routeSamples } from '../shared/planner/base-station-cover.js';
import { buildCandidates } from '../shared/planner/candidate-sites.js';
import { greedyCover } from '../shared/planner/greedy-cover.js';
import { routeNetwork } from '../shared/planner/hop-graph.js';
import { placeSites } from '../shared/planner/place-sites.js';
import { loadGeography } from '../server/planner/load-geography.js';
import { runRollout } from '../server/planner/run-rollout.js';
import { fmt } from './stats.js';

function naiveCover(covers: number[][], n: number): number[] {
  const covered = new Uint8Array(n);
  const chosen: number[] = [];
  for (;;) {
    let b = -1,
      bg = 0;
    covers.forEach((list, i) => {
      const g = list.reduce((s, t) => s + (covered[t] ? 0 : 1), 0);
      if (g > bg) {
        bg = g;
        b = i;
      }
    });
    if (b < 0) return chosen;
    chosen.push(b);
    covers[b].forEach((t) => {
      covered[t] = 1;
    });
  }
}

export async function runPlannerBench() {
  const { geo, scenario } = loadGeography();
  let t = performance.now();
  const { candidates } = buildCandidates(geo);
  const candidatesMs = performance.now() - t;
  t = performance.now();
  const placed = placeSites(geo, candidates, { count: 1500 });
  const placementMs = performance.now() - t;
  t = performance.now();
  placeSites(geo, candidates, { count: 1500, strategy: 'random', seed: 1 });
  const randomMs = performance.now() - t;

  // base stations for the 1,500-point network: fast greedy vs naive greedy, same instance
  const routes = routeNetwork(placed, 20_000, 3);
  const targets = [...placed.map((p) => p.location), ...routeSamples(routes, 2500)];
  const idx = new PointIndex(targets.map((location, i) => ({ id: String(i), location })));
  const covers = targets.map((p) => idx.within(p, 10_000).map((x) => Number(x.value.id)));
  t = performance.now();
  const fast = greedyCover(
    covers,
    targets.map(() => 1),
  ).chosen;
  const coverMs = performance.now() - t;
  t = performance.now();
  const naive = naiveCover(covers, targets.length);
  const naiveMs = performance.now() - t;

  t = performance.now();
  const { result, timings } = runRollout(geo, scenario, { phases: [200, 500, 1000, 1500], seed: 1 });
  const sweepMs = performance.now() - t;
  const last = result.phases[result.phases.length - 1];
  const maxCoverable = last.townshipsTotal - result.candidates.uncoverableTownships.length;
  return {
    maxCoverable,
    lastWithinR: last.townshipsWithinR,
    candidates: candidates.length,
    candidatesMs,
    placementMs,
    randomMs,
    targets: targets.length,
    stations: fast.length,
    coverMs,
    naiveMs,
    sameCover: JSON.stringify(fast) === JSON.stringify(naive),
    sweepMs,
    timings,
    phases: result.phases,
  };
}

export function printPlannerBench(r: Awaited<ReturnType<typeof runPlannerBench>>): boolean {
  console.log(`\n== planner: Chongqing, ${r.candidates.toLocaleString()} candidate sites ==`);
  console.log(
    `placement of 1,500 points (county-first + greedy coverage) ${fmt(r.placementMs / 1000, 2)} s  (candidates ${fmt(r.candidatesMs / 1000, 2)} s; random baseline ${fmt(r.randomMs, 1)} ms)`,
  );
  console.log(
    `base-station set cover, ${r.targets.toLocaleString()} targets → ${r.stations} stations: ${fmt(r.coverMs, 1)} ms vs naive greedy ${fmt(r.naiveMs, 1)} ms (${fmt(r.naiveMs / r.coverMs, 1)}×, same stations: ${r.sameCover})`,
  );
  console.log(`four-phase sweep with a simulated day of traffic each: ${fmt(r.sweepMs / 1000, 1)} s  ${JSON.stringify(r.timings)}`);
  for (const p of r.phases) {
    const t = p.traffic;
    console.log(
      `  ${String(p.points).padStart(5)} points: ${p.districtsCovered}/38 districts, townships ≤5 km ${p.townshipsWithinRPct}% (random ${p.baseline.townshipsWithinRPct}%), ${p.baseStations} X stations` +
        (t
          ? `, ${t.requested} requested / ${t.flown} flown / ${t.rejected} rejected, ${t.suggestionsTaken} suggestions (mean ${t.meanDelayS} s), ${t.conflictsPer1000} conflicts/1000, peak cell-hour ${t.peakCellHour?.flights}`
          : ''),
    );
  }
  const targets = [
    ['placement of 1,500 < 10 s', r.placementMs < 10_000],
    ['four-phase sweep with traffic < 120 s', r.sweepMs < 120_000],
    ['fast set cover = naive greedy', r.sameCover],
    [`coverage reaches the most a placement can (${r.lastWithinR} of ${r.maxCoverable} coverable townships)`, r.lastWithinR === r.maxCoverable],
    ['coverage beats random at every phase', r.phases.every((p) => p.townshipsWithinRPct > p.baseline.townshipsWithinRPct)],
  ] as const;
  for (const [name, ok] of targets) console.log(`  ${ok ? 'PASS' : 'MISS'} ${name}`);
  return targets.every(([, ok]) => ok);
}
