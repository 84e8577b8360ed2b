/**
 * Placement of landing points, in the order a rollout would build them (every phase is a prefix
 * of the next, since built points stay). The coverage strategy goes in stages, each recorded on
 * the site so planners can see why it was chosen:
 *  1. county   — 县县通: one point in every district, the one covering most township demand;
 *  2. coverage — 乡乡通: greedy maximal coverage of township demand within R;
 *  3. township — every township seat gets its own point, farthest-and-heaviest first;
 *  4. area     — greedy coverage of the territory (H3 cell centres) within R;
 *  5. spread   — farthest-point fill of what is left.
 * The random strategy (a seeded shuffle of the same candidates) is the baseline.
 */
import { PointIndex } from '../airspace/point-index.js';
import { haversineM } from '../geo/earth.js';
import type { LngLat } from '../geo/types.js';
import { createPrng } from '../util/prng.js';
import { districtCells, type Candidate } from './candidate-sites.js';
import { nearestDistancesM } from './coverage-metrics.js';
import { CoverGains } from './greedy-cover.js';
import type { PlannerGeography } from './geography.js';

export type PlacementStage = 'existing' | 'county' | 'coverage' | 'township' | 'area' | 'spread' | 'random';
export interface PlacedSite extends Candidate {
  order: number;
  stage: PlacementStage;
}

export interface PlacementOptions {
  count: number;
  radiusM: number;
  strategy: 'coverage' | 'random';
  seed: number;
  /** place the existing points first and keep them */
  keepExisting: boolean;
  /** H3 resolution of the territory samples used by the area stage */
  gridResolution: number;
}
export const DEFAULT_PLACEMENT: PlacementOptions = { count: 200, radiusM: 5000, strategy: 'coverage', seed: 1, keepExisting: false, gridResolution: 6 };

const RANK: Record<Candidate['source'], number> = { centres: 0, existing: 1, townships: 2, user: 3, grid: 4 };
const better = (a: Candidate, b: Candidate) => RANK[a.source] - RANK[b.source] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

interface Demand {
  location: LngLat;
  weight: number;
}

/** For each candidate, the indices of the demand points within radiusM. */
function coverLists(cands: Candidate[], demand: Demand[], radiusM: number): number[][] {
  const idx = new PointIndex(demand.map((d, i) => ({ id: String(i), location: d.location })));
  return cands.map((c) => idx.within(c.location, radiusM).map((x) => Number(x.value.id)));
}

export function placeSites(geo: PlannerGeography, candidates: Candidate[], opts: Partial<PlacementOptions> = {}): PlacedSite[] {
  const o = { ...DEFAULT_PLACEMENT, ...opts };
  const n = Math.min(o.count, candidates.length);
  const placed: PlacedSite[] = [];
  const taken = new Uint8Array(candidates.length);
  const placedIdx: number[] = [];
  const take = (i: number, stage: PlacementStage) => {
    taken[i] = 1;
    placedIdx.push(i);
    placed.push({ ...candidates[i], order: placed.length + 1, stage });
  };

  if (o.strategy === 'random') {
    const rng = createPrng(o.seed);
    const order = candidates.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [order[i], order[j]] = [order[j], order[i]];
    }
    if (o.keepExisting)
      candidates.forEach((c, i) => {
        if (c.source === 'existing' && placed.length < n) take(i, 'existing');
      });
    for (const i of order) if (placed.length < n && !taken[i]) take(i, 'random');
    return placed;
  }

  // township demand: gain[i] = uncovered demand within R of candidate i
  const towns: Demand[] = geo.townships.map((t) => ({ location: t.location, weight: t.weight }));
  const townGains = new CoverGains(
    coverLists(candidates, towns, o.radiusM),
    towns.map((t) => t.weight),
  );
  const gain = townGains.gain;
  const districtsWith = new Set<string>();
  const place = (i: number, stage: PlacementStage) => {
    take(i, stage);
    districtsWith.add(candidates[i].adcode);
    townGains.take(i);
  };
  /** distances to the nearest placed site, computed when a stage needs them and kept current by it */
  const nearestPlacedM = (pts: LngLat[]) => nearestDistancesM(pts, placed);
  const lower = (dist: number[], pts: LngLat[], i: number) => {
    const [x, y] = candidates[i].location;
    pts.forEach((p, k) => {
      const d = haversineM(x, y, p[0], p[1]);
      if (d < dist[k]) dist[k] = d;
    });
  };
  const best = (ok: (i: number) => boolean, score: (i: number) => number): number => {
    let b = -1,
      bs = 0;
    for (let i = 0; i < candidates.length; i++) {
      if (taken[i] || !ok(i)) continue;
      const s = score(i);
      if (b < 0 || s > bs + 1e-9 || (Math.abs(s - bs) <= 1e-9 && better(candidates[i], candidates[b]) < 0)) {
        b = i;
        bs = s;
      }
    }
    return b;
  };

  if (o.keepExisting)
    candidates.forEach((c, i) => {
      if (c.source === 'existing' && placed.length < n) place(i, 'existing');
    });
  // 1. county
  for (const d of geo.districts) {
    if (placed.length >= n) break;
    if (districtsWith.has(d.adcode)) continue;
    const i = best(
      (k) => candidates[k].adcode === d.adcode,
      (k) => gain[k],
    );
    if (i >= 0) place(i, 'county');
  }
  // 2. coverage
  while (placed.length < n) {
    const i = best(
      () => true,
      (k) => gain[k],
    );
    if (i < 0 || gain[i] <= 1e-9) break;
    place(i, 'coverage');
  }
  // 3. township seats
  const seatOf = new Map<string, number>();
  candidates.forEach((c, i) => {
    if (c.townshipCode) seatOf.set(c.townshipCode, i);
  });
  const townPts = towns.map((t) => t.location);
  const nearestTownM = placed.length < n ? nearestPlacedM(townPts) : [];
  while (placed.length < n) {
    let bt = -1,
      bs = 0;
    geo.townships.forEach((t, k) => {
      const i = seatOf.get(t.code);
      if (i === undefined || taken[i] || nearestTownM[k] < 1000) return;
      const s = t.weight * nearestTownM[k];
      if (s > bs + 1e-6) {
        bs = s;
        bt = i;
      } // ties (to a micrometre) go to the first township
    });
    if (bt < 0) break;
    place(bt, 'township');
    lower(nearestTownM, townPts, bt);
  }
  // 4. territory
  if (placed.length < n) {
    const cells: Demand[] = districtCells(geo, o.gridResolution).map((c) => ({ location: c.location, weight: 1 }));
    const cellGains = new CoverGains(
      coverLists(candidates, cells, o.radiusM),
      cells.map((c) => c.weight),
    );
    for (const i of placedIdx) cellGains.take(i);
    while (placed.length < n) {
      const i = best(
        () => true,
        (k) => cellGains.gain[k],
      );
      if (i < 0 || cellGains.gain[i] <= 1e-9) break;
      cellGains.take(i);
      place(i, 'area');
    }
  }
  // 5. spread
  const candPts = candidates.map((c) => c.location);
  const nearestCandM = placed.length < n ? nearestPlacedM(candPts) : [];
  while (placed.length < n) {
    const i = best(
      () => true,
      (k) => nearestCandM[k],
    );
    if (i < 0) break;
    place(i, 'spread');
    lower(nearestCandM, candPts, i);
  }
  return placed;
}
