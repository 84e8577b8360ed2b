/**
 * X base stations so that every landing point and every route flown at the planning height is
 * observed: the targets are the points and samples along the routes; candidate station sites are
 * the points and the samples; greedy set cover with the station's radius. Stations built in an
 * earlier phase are kept and cover first.
 */
import { PointIndex } from '../airspace/point-index.js';
import { destination, bearingDeg } from '../geo/earth.js';
import { round6 } from '../geo/point-inside.js';
import type { LngLat } from '../geo/types.js';
import { greedyCover } from './greedy-cover.js';
import type { Route, Site } from './hop-graph.js';

export interface BaseStationOptions {
  radiusM: number;
  /** route height to observe (≤ 120 m by default) */
  altitudeM: number;
  /** observed altitude band of a station */
  altitudeLowerM: number;
  altitudeUpperM: number;
  /** spacing of the samples along routes (default radius / 4) */
  sampleSpacingM?: number;
}
export const DEFAULT_BASE_STATIONS: BaseStationOptions = { radiusM: 10_000, altitudeM: 120, altitudeLowerM: 0, altitudeUpperM: 300 };

export interface PlannedStation {
  id: string;
  location: LngLat;
  phase: number;
  covers: number;
}
export interface BaseStationPlan {
  stations: PlannedStation[];
  targets: number;
  routeSamples: number;
  uncovered: number;
}

export function routeSamples(routes: Route[], spacingM: number): LngLat[] {
  const out: LngLat[] = [];
  for (const r of routes) {
    const n = Math.max(1, Math.ceil(r.lengthM / spacingM));
    const brg = bearingDeg(r.path[0], r.path[1]);
    for (let i = 1; i < n; i++) out.push(round6(destination(r.path[0], (r.lengthM * i) / n, brg)));
  }
  return out;
}

export function coverNetwork(sites: Site[], routes: Route[], opts: Partial<BaseStationOptions> = {}, existing: PlannedStation[] = [], phase = 1): BaseStationPlan {
  const o = { ...DEFAULT_BASE_STATIONS, ...opts };
  if (o.altitudeM < o.altitudeLowerM || o.altitudeM > o.altitudeUpperM) throw new Error(`stations observe ${o.altitudeLowerM}–${o.altitudeUpperM} m, not ${o.altitudeM} m`);
  const samples = routeSamples(routes, o.sampleSpacingM ?? o.radiusM / 4);
  const targets: LngLat[] = [...sites.map((s) => s.location), ...samples];
  const tIdx = new PointIndex(targets.map((location, i) => ({ id: String(i), location })));
  const coversOf = (p: LngLat) => tIdx.within(p, o.radiusM).map((x) => Number(x.value.id));
  const pre = new Set<number>();
  for (const s of existing) for (const t of coversOf(s.location)) pre.add(t);
  const cands = targets;
  const covers = cands.map(coversOf);
  const { chosen, uncovered } = greedyCover(
    covers,
    targets.map(() => 1),
    { preCovered: [...pre] },
  );
  const stations = [...existing, ...chosen.map((i, k): PlannedStation => ({ id: `XP-${String(existing.length + k + 1).padStart(4, '0')}`, location: cands[i], phase, covers: covers[i].length }))];
  return { stations, targets: targets.length, routeSamples: samples.length, uncovered: uncovered.length };
}
