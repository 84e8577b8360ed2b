/**
 * What the planner page shows, built from study results: H3 coverage cells coloured by distance
 * to the nearest point, sites by phase, and side-by-side comparison rows. Pure (tested in Node).
 */
import type { LngLat } from '../../shared/geo/types.js';
import { cellBoundary } from '../../shared/planner/h3-utilisation.js';
import type { PhaseSummary } from '../../shared/schemas/planner.js';
import type { Feature, FeatureCollection } from './map-data.js';
import { num1, pct } from './planner-format.js';
import { yuan } from './billing-text.js';

/** The parts of a study's result the page reads. */
export interface StudyResult {
  phases: { points: number }[];
  sites: { id: string; name: string; location: LngLat; stage: string; order: number; phase: number }[];
  stations: { id: string; location: LngLat; phase: number }[];
  coverageCells: { cell: string; distanceKm: number[] }[];
}

export const DISTANCE_BINS: { upToKm: number; colour: string }[] = [
  { upToKm: 2, colour: '#1a9850' },
  { upToKm: 5, colour: '#91cf60' },
  { upToKm: 10, colour: '#fee08b' },
  { upToKm: 20, colour: '#fc8d59' },
  { upToKm: Infinity, colour: '#d73027' },
];
export const distanceColour = (km: number) => (DISTANCE_BINS.find((b) => km <= b.upToKm) as (typeof DISTANCE_BINS)[number]).colour;

/** H3 cells of the territory, coloured by the distance to the nearest point at phase `i`. */
export function coverageCellsCollection(r: StudyResult, i: number): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: r.coverageCells.map((c): Feature => {
      const km = c.distanceKm[i] ?? Infinity;
      return { type: 'Feature', geometry: { type: 'Polygon', coordinates: [cellBoundary(c.cell)] }, properties: { cell: c.cell, distanceKm: km, colour: distanceColour(km) } };
    }),
  };
}

/** The sites built by phase `i` (and the base stations), newest phase highlighted. */
export function studySitesCollection(r: StudyResult, i: number): FeatureCollection {
  const n = r.phases[i]?.points ?? 0;
  const prev = i > 0 ? r.phases[i - 1].points : 0;
  return {
    type: 'FeatureCollection',
    features: [
      ...r.sites
        .filter((s) => s.order <= n)
        .map((s): Feature => ({ type: 'Feature', geometry: { type: 'Point', coordinates: s.location }, properties: { id: s.id, name: s.name, kind: 'site', stage: s.stage, isNew: s.order > prev } })),
      ...r.stations.filter((s) => s.phase <= n).map((s): Feature => ({ type: 'Feature', geometry: { type: 'Point', coordinates: s.location }, properties: { id: s.id, kind: 'station' } })),
    ],
  };
}

export const METRIC_KEYS = ['mDistricts', 'mTownships', 'mMeanDistance', 'mStations', 'mComponents', 'mFlown', 'mRejected', 'mSuggestions', 'mPeakCell', 'mRevenue', 'mPricePerFlight'] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];
export interface CompareRow {
  metric: MetricKey;
  points: number;
  a?: string;
  b?: string;
}

const METRICS: Record<MetricKey, (p: PhaseSummary) => string> = {
  mDistricts: (p) => `${p.districtsCovered}/${p.districtsTotal}`,
  mTownships: (p) => pct(p.townshipsWithinRPct),
  mMeanDistance: (p) => `${num1(p.meanDistanceKm)} km`,
  mStations: (p) => String(p.baseStations),
  mComponents: (p) => `${p.networkComponents} (${p.relaysToConnect})`,
  mFlown: (p) => (p.traffic ? String(p.traffic.flightsFlown) : '–'),
  mRejected: (p) => (p.traffic ? String(p.traffic.flightsRejected) : '–'),
  mSuggestions: (p) => (p.traffic ? `${p.traffic.suggestionsTaken} (${p.traffic.meanDelayS} s)` : '–'),
  mPeakCell: (p) => (p.traffic ? `${p.traffic.peakCellHourFlights} (${pct(p.traffic.peakCellHourUtilisationPct)})` : '–'),
  // a simulated day's revenue, and the price per charged flight (median, and p10–p90), in yuan
  mRevenue: (p) => (p.traffic?.revenue ? yuan(p.traffic.revenue.totalFen) : '–'),
  mPricePerFlight: (p) => {
    const f = p.traffic?.revenue?.perFlight;
    return f?.flights ? `${yuan(f.p50Fen)} (${yuan(f.p10Fen)}–${yuan(f.p90Fen)})` : '–';
  },
};

/** Rows comparing two studies phase by phase (phases matched by point count). */
export function compareRows(a: PhaseSummary[], b: PhaseSummary[] = []): CompareRow[] {
  const points = [...new Set([...a, ...b].map((p) => p.points))].sort((x, y) => x - y);
  return points.flatMap((n) => {
    const pa = a.find((p) => p.points === n),
      pb = b.find((p) => p.points === n);
    return METRIC_KEYS.map((metric) => ({ metric, points: n, ...(pa ? { a: METRICS[metric](pa) } : {}), ...(pb ? { b: METRICS[metric](pb) } : {}) }));
  });
}

/** [x, y] series for a chart from phase summaries. */
export function series(ph: PhaseSummary[], y: (p: PhaseSummary) => number | null): [number, number][] {
  return ph.flatMap((p) => {
    const v = y(p);
    return v === null ? [] : [[p.points, v] as [number, number]];
  });
}

export const UTILISATION_BINS: { belowPct: number; colour: string }[] = [
  { belowPct: 25, colour: '#c6dbef' },
  { belowPct: 50, colour: '#fdd49e' },
  { belowPct: 80, colour: '#fc8d59' },
  { belowPct: Infinity, colour: '#b30000' },
];

/** The busiest H3 cells of an evaluation, coloured by their peak hourly utilisation. */
export function utilisationCellsCollection(cells: { cell: string; peakHourFlights: number; peakUtilisationPct: number }[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: cells.map(
      (c): Feature => ({
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [cellBoundary(c.cell)] },
        properties: { cell: c.cell, peakHourFlights: c.peakHourFlights, colour: (UTILISATION_BINS.find((b) => c.peakUtilisationPct < b.belowPct) as (typeof UTILISATION_BINS)[number]).colour },
      }),
    ),
  };
}
