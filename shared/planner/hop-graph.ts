/**
 * The network a drone can fly: landing points joined when within range. Routes are each point's
 * links to its nearest neighbours within range; connectivity is over every in-range pair.
 */
import { PointIndex } from '../airspace/point-index.js';
import type { LngLat } from '../geo/types.js';

export interface Site {
  id: string;
  location: LngLat;
}
export interface Route {
  from: string;
  to: string;
  lengthM: number;
  path: [LngLat, LngLat];
}
export interface Connectivity {
  rangeM: number;
  components: number;
  largestComponent: number;
  largestComponentPct: number;
  /** points with no other point in range */
  isolated: string[];
  /** points outside the largest component (cannot reach the main network) */
  unreachable: string[];
  connected: boolean;
  /** each smaller component's closest approach to the main one, largest components first */
  gaps: ComponentGap[];
}

export interface ComponentGap {
  size: number;
  /** the closest pair: a point of the component and a point of the main network */
  from: string;
  to: string;
  gapM: number;
  /** relay points needed on the straight line to close the gap within range */
  relaysNeeded: number;
}

/** Links from each site to its `k` nearest neighbours within `rangeM` (each pair once, sorted). */
export function routeNetwork(sites: Site[], rangeM: number, k = 3): Route[] {
  const idx = new PointIndex(sites);
  const seen = new Map<string, Route>();
  for (const s of sites) {
    for (const { value: t, distanceM } of idx
      .within(s.location, rangeM)
      .filter((x) => x.value.id !== s.id)
      .slice(0, k)) {
      const [a, b] = s.id < t.id ? [s, t] : [t, s];
      const key = `${a.id}|${b.id}`;
      if (!seen.has(key)) seen.set(key, { from: a.id, to: b.id, lengthM: Math.round(distanceM), path: [a.location, b.location] });
    }
  }
  return [...seen.entries()].sort(([x], [y]) => (x < y ? -1 : 1)).map(([, r]) => r);
}

export function connectivity(sites: Site[], rangeM: number): Connectivity {
  const idx = new PointIndex(sites);
  const pos = new Map(sites.map((s, i) => [s.id, i]));
  const parent = sites.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const isolated: string[] = [];
  sites.forEach((s, i) => {
    const near = idx.within(s.location, rangeM).filter((x) => x.value.id !== s.id);
    if (!near.length) isolated.push(s.id);
    for (const { value } of near) {
      const a = find(i),
        b = find(pos.get(value.id) as number);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  });
  const size = new Map<number, number>();
  sites.forEach((_, i) => {
    size.set(find(i), (size.get(find(i)) ?? 0) + 1);
  });
  let main = -1,
    mainSize = 0;
  for (const [root, n] of [...size.entries()].sort((a, b) => a[0] - b[0]))
    if (n > mainSize) {
      main = root;
      mainSize = n;
    }
  const unreachable = sites
    .filter((_, i) => find(i) !== main)
    .map((s) => s.id)
    .sort();
  const mainIdx = new PointIndex(sites.filter((_, i) => find(i) === main));
  const gapOf = new Map<number, ComponentGap>();
  sites.forEach((s, i) => {
    const root = find(i);
    if (root === main) return;
    const near = mainIdx.nearest(s.location, Math.max(rangeM, 1000));
    if (!near) return;
    const g = gapOf.get(root);
    if (!g || near.distanceM < g.gapM)
      gapOf.set(root, { size: size.get(root) as number, from: s.id, to: near.value.id, gapM: Math.round(near.distanceM), relaysNeeded: Math.max(0, Math.ceil(near.distanceM / rangeM) - 1) });
  });
  const gaps = [...gapOf.values()].sort((a, b) => b.size - a.size || a.gapM - b.gapM || (a.from < b.from ? -1 : 1));
  return {
    rangeM,
    components: size.size,
    largestComponent: mainSize,
    largestComponentPct: sites.length ? Math.round((1000 * mainSize) / sites.length) / 10 : 0,
    isolated: isolated.sort(),
    unreachable,
    connected: size.size <= 1,
    gaps,
  };
}
