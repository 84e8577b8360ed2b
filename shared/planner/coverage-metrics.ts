/** Coverage of a set of landing points: districts reached, townships within R, distance distribution. */
import { PointIndex } from '../airspace/point-index.js';
import type { LngLat } from '../geo/types.js';
import type { PlannerGeography } from './geography.js';

export interface DistanceSummary {
  meanKm: number;
  p50Km: number;
  p90Km: number;
  maxKm: number;
}
export interface CoverageMetrics {
  points: number;
  districtsCovered: number;
  districtsTotal: number;
  /** districts with no point, by adcode */
  districtsMissing: string[];
  townshipsTotal: number;
  townshipsWithinR: number;
  townshipsWithinRPct: number;
  /** share of township demand weight within R */
  demandWithinRPct: number;
  radiusM: number;
  distance: DistanceSummary;
  /** townships by distance to the nearest point: upper bound in km → count (last bin unbounded) */
  histogram: { upToKm: number | null; townships: number }[];
}

export const HISTOGRAM_KM = [1, 2, 5, 10, 20];

/** Quantile by nearest rank on a sorted array. */
export function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

const r1 = (x: number) => Math.round(x * 10) / 10;
const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** Distance in metres from each query point to the nearest site (Infinity when there are none). */
export function nearestDistancesM(points: LngLat[], sites: { id: string; location: LngLat }[]): number[] {
  const idx = new PointIndex(sites);
  return points.map((p) => idx.nearest(p)?.distanceM ?? Infinity);
}

export function coverageMetrics(geo: PlannerGeography, sites: { id: string; location: LngLat; adcode: string }[], radiusM: number): CoverageMetrics {
  const withPoint = new Set(sites.map((s) => s.adcode));
  const missing = geo.districts.map((d) => d.adcode).filter((a) => !withPoint.has(a));
  const dist = nearestDistancesM(
    geo.townships.map((t) => t.location),
    sites,
  );
  let within = 0,
    wWithin = 0,
    wAll = 0;
  geo.townships.forEach((t, i) => {
    wAll += t.weight;
    if (dist[i] <= radiusM) {
      within++;
      wWithin += t.weight;
    }
  });
  const finite = dist.filter(Number.isFinite);
  const sorted = [...finite].sort((a, b) => a - b);
  const histogram = [...HISTOGRAM_KM, null].map((upToKm, k) => ({
    upToKm,
    townships: dist.filter((d) => d / 1000 <= (upToKm ?? Infinity) && (k === 0 || d / 1000 > HISTOGRAM_KM[k - 1])).length,
  }));
  const n = geo.townships.length;
  return {
    points: sites.length,
    districtsCovered: geo.districts.length - missing.length,
    districtsTotal: geo.districts.length,
    districtsMissing: missing,
    townshipsTotal: n,
    townshipsWithinR: within,
    townshipsWithinRPct: n ? r3((100 * within) / n) : 0,
    demandWithinRPct: wAll ? r3((100 * wWithin) / wAll) : 0,
    radiusM,
    distance: {
      meanKm: sorted.length ? r1(sorted.reduce((a, b) => a + b, 0) / sorted.length / 1000) : 0,
      p50Km: r1(quantile(sorted, 0.5) / 1000),
      p90Km: r1(quantile(sorted, 0.9) / 1000),
      maxKm: r1((sorted[sorted.length - 1] ?? 0) / 1000),
    },
    histogram,
  };
}
