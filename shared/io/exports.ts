/** GeoJSON and CSV exports of zones, plans and landing points, for reporting and GIS tools. */
import type { FlightPlan } from '../schemas/flight-plan-record.js';
import type { LandingPoint } from '../schemas/landing-point.js';
import type { Zone } from '../schemas/zone.js';
import { toCsv } from './csv.js';
import { landingPointToFeature, zoneToFeature } from './scenario-features.js';

export function zonesGeoJson(zones: Zone[]) {
  return { type: 'FeatureCollection', features: zones.map(zoneToFeature) };
}

export function landingPointsGeoJson(lps: LandingPoint[]) {
  return { type: 'FeatureCollection', features: lps.map(landingPointToFeature) };
}

/** One feature per plan volume (circles as Point + radiusM, as in the zone format). */
export function plansGeoJson(plans: FlightPlan[]) {
  return {
    type: 'FeatureCollection',
    features: plans.flatMap((p) =>
      p.volumes.map((v, i) => ({
        type: 'Feature',
        geometry: v.outline.type === 'Circle' ? { type: 'Point', coordinates: v.outline.center } : v.outline,
        properties: {
          planId: p.id,
          volumeIndex: i,
          state: p.state,
          priority: p.priority,
          mission: p.mission,
          category: p.aircraft.category,
          registration: p.aircraft.registration,
          stationId: p.station.id,
          altitudeLowerM: v.altitudeLowerM,
          altitudeUpperM: v.altitudeUpperM,
          timeStart: v.timeStart,
          timeEnd: v.timeEnd,
          ...(v.outline.type === 'Circle' ? { radiusM: v.outline.radiusM } : {}),
        },
      })),
    ),
  };
}

const CSV_COLUMNS = [
  'id',
  'state',
  'mission',
  'category',
  'registration',
  'operatorId',
  'priority',
  'emergency',
  'stationId',
  'stationKind',
  'districts',
  'timeStart',
  'timeEnd',
  'altitudeLowerM',
  'altitudeUpperM',
  'volumes',
  'outcome',
  'reasons',
  'createdAt',
  'updatedAt',
] as const;

/** Flight records as CSV (RFC 4180), one row per plan. */
export function flightsCsv(plans: FlightPlan[]): string {
  return toCsv(
    CSV_COLUMNS,
    plans.map((p) => {
      const starts = p.volumes.map((v) => v.timeStart).sort();
      const ends = p.volumes.map((v) => v.timeEnd).sort();
      const r: Record<(typeof CSV_COLUMNS)[number], unknown> = {
        id: p.id,
        state: p.state,
        mission: p.mission,
        category: p.aircraft.category,
        registration: p.aircraft.registration,
        operatorId: p.operatorId,
        priority: p.priority,
        emergency: p.emergency,
        stationId: p.station.id,
        stationKind: p.station.kind,
        districts: p.districts.map((d) => d.name).join(';'),
        timeStart: starts[0],
        timeEnd: ends[ends.length - 1],
        altitudeLowerM: Math.min(...p.volumes.map((v) => v.altitudeLowerM)),
        altitudeUpperM: Math.max(...p.volumes.map((v) => v.altitudeUpperM)),
        volumes: p.volumes.length,
        outcome: p.decision.outcome,
        reasons: p.decision.reasons
          .filter((x) => x.effect !== 'info')
          .map((x) => x.code)
          .join(';'),
        createdAt: p.createdAt,
        updatedAt: p.updatedAt,
      };
      return r;
    }),
  );
}
