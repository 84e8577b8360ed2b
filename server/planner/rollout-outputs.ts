/** The files a rollout study writes: summary, full result, CSV and GeoJSON layers, the HTML report. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toCsv } from '../../shared/io/csv.js';
import type { PhaseSummary } from '../../shared/schemas/planner.js';
import type { ScenarioBundle } from '../../shared/io/scenario-features.js';
import { cellBoundary } from '../../shared/planner/h3-utilisation.js';
import { reportHtml } from './report-html.js';
import type { PhaseResult, RolloutResult } from './run-rollout.js';

export function phaseSummary(p: PhaseResult): PhaseSummary {
  const t = p.traffic;
  return {
    points: p.points,
    districtsCovered: p.districtsCovered,
    districtsTotal: p.districtsTotal,
    townshipsWithinRPct: p.townshipsWithinRPct,
    demandWithinRPct: p.demandWithinRPct,
    radiusKm: p.radiusM / 1000,
    meanDistanceKm: p.distance.meanKm,
    p90DistanceKm: p.distance.p90Km,
    baseStations: p.baseStations,
    networkComponents: p.connectivity.components,
    largestComponentPct: p.connectivity.largestComponentPct,
    relaysToConnect: p.connectivity.relaysToConnect,
    baselineTownshipsWithinRPct: p.baseline.townshipsWithinRPct,
    traffic: t
      ? {
          flightsRequested: t.requested,
          flightsApproved: t.approved,
          flightsRejected: t.rejected,
          rejectedByReason: t.rejectedByReason,
          flightsPending: t.pending,
          flightsFlown: t.flown,
          suggestionsTaken: t.suggestionsTaken,
          meanDelayS: t.meanDelayS,
          conflictsPer1000: t.conflictsPer1000,
          conflictsAtLandingPointsPct: t.conflictsAtLandingPointsPct,
          lossOfSeparationPer1000: t.lossOfSeparationPer1000,
          slotUtilisationMeanPct: t.slotUtilisation.meanPct,
          slotUtilisationPeakPct: t.slotUtilisation.peakPct,
          peakCellHourFlights: t.peakCellHour?.flights ?? 0,
          peakCellHourUtilisationPct: t.peakCellHour?.utilisationPct ?? 0,
          peakCell: t.peakCellHour?.cell ?? null,
          surveillancePct: t.surveillancePct,
          flightsPreempted: t.preempted,
          ...(t.revenue ? { revenue: t.revenue } : {}),
        }
      : null,
  };
}

const fc = (features: unknown[]) => ({ type: 'FeatureCollection', features });
const pt = (c: [number, number], properties: Record<string, unknown>) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: c }, properties });

export function sitesGeoJson(r: RolloutResult) {
  return fc(
    r.sites.map((s) =>
      pt(s.location, { id: s.id, name: s.name, adcode: s.adcode, source: s.source, stage: s.stage, order: s.order, phase: s.phase, ...(s.townshipCode ? { townshipCode: s.townshipCode } : {}) }),
    ),
  );
}
export function stationsGeoJson(r: RolloutResult) {
  return fc(r.stations.map((s) => pt(s.location, { id: s.id, phase: s.phase, radiusM: r.options.baseStation.radiusM })));
}
export function coverageGeoJson(r: RolloutResult) {
  const phases = r.phases.map((p) => p.points);
  return fc(
    r.coverageCells.map((c) => ({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [cellBoundary(c.cell)] },
      properties: { cell: c.cell, adcode: c.adcode, ...Object.fromEntries(phases.map((n, i) => [`d${n}`, c.distanceKm[i]])) },
    })),
  );
}

export const PHASE_COLUMNS = [
  'points',
  'districtsCovered',
  'districtsTotal',
  'townshipsWithinRPct',
  'demandWithinRPct',
  'radiusKm',
  'meanDistanceKm',
  'p90DistanceKm',
  'baseStations',
  'networkComponents',
  'largestComponentPct',
  'relaysToConnect',
  'baselineTownshipsWithinRPct',
  'flightsRequested',
  'flightsApproved',
  'flightsRejected',
  'flightsPending',
  'flightsFlown',
  'suggestionsTaken',
  'meanDelayS',
  'conflictsPer1000',
  'conflictsAtLandingPointsPct',
  'lossOfSeparationPer1000',
  'slotUtilisationMeanPct',
  'slotUtilisationPeakPct',
  'peakCellHourFlights',
  'peakCellHourUtilisationPct',
  'surveillancePct',
  'flightsPreempted',
  'revenueFen',
  'pricePerFlightP50Fen',
] as const;

/** Writes every output into `dir`; returns the file names. */
export function writeRollout(dir: string, r: RolloutResult, scenario: ScenarioBundle, title = '渝空 起降点布局规划'): string[] {
  mkdirSync(dir, { recursive: true });
  const summary = r.phases.map(phaseSummary);
  const files: Record<string, string> = {
    'summary.json': JSON.stringify({ options: r.options, phases: summary }, null, 2),
    'rollout.json': JSON.stringify(r),
    'phases.csv': toCsv(
      PHASE_COLUMNS,
      summary.map((s) => ({ ...s, ...(s.traffic ?? {}), revenueFen: s.traffic?.revenue?.totalFen ?? '', pricePerFlightP50Fen: s.traffic?.revenue?.perFlight.p50Fen ?? '' })),
    ),
    'sites.csv': toCsv(
      ['order', 'phase', 'id', 'name', 'adcode', 'townshipCode', 'source', 'stage', 'lng', 'lat'],
      r.sites.map((s) => ({ ...s, lng: s.location[0], lat: s.location[1] })),
    ),
    'sites.geojson': JSON.stringify(sitesGeoJson(r)),
    'base-stations.geojson': JSON.stringify(stationsGeoJson(r)),
    'coverage.geojson': JSON.stringify(coverageGeoJson(r)),
    'report.html': reportHtml(r, scenario, title, 'zh'),
  };
  for (const [n, u] of Object.entries(r.usage)) files[`usage-${n}.json`] = JSON.stringify(u, null, 2);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return Object.keys(files);
}
