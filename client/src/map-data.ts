/**
 * GeoJSON for the map's layers, built from API data. Pure (tested in Node): the map view only
 * hands these to MapLibre sources.
 */
import { appliesDuring } from '../../shared/airspace/applicability.js';
import { destination } from '../../shared/geo/earth.js';
import type { LngLat, Outline } from '../../shared/geo/types.js';
import type { LandingPoint } from '../../shared/schemas/landing-point.js';
import type { Station } from '../../shared/schemas/station.js';
import type { StreamTrack } from '../../shared/schemas/stream.js';
import type { Zone } from '../../shared/schemas/zone.js';

export interface Feature {
  type: 'Feature';
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown>;
}
export interface FeatureCollection {
  type: 'FeatureCollection';
  features: Feature[];
}
const fc = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });

/** A closed ring approximating a great-circle circle. */
export function circleRing(center: LngLat, radiusM: number, steps = 48): LngLat[] {
  const ring = Array.from({ length: steps }, (_, i) => destination(center, radiusM, (360 * i) / steps));
  return [...ring, ring[0]];
}

export function outlineRings(o: Outline): LngLat[][] {
  return o.type === 'Circle' ? [circleRing(o.center, o.radiusM)] : o.coordinates;
}

export const ZONE_COLOURS: Record<string, string> = {
  prohibited: '#d7263d',
  restricted: '#f46036',
  controlled: '#f2a541',
  temporary: '#9b5de5',
  suitable: '#2e9e5b',
  corridor: '#1f5fbf',
};

/**
 * Zones as extrudable polygons. `active` says whether the zone applies at the chosen height and
 * moment (the sliders); inactive zones are kept, drawn faint.
 */
export function zonesCollection(zones: Zone[], at: { altitudeM?: number; timeMs?: number } = {}): FeatureCollection {
  return fc(
    zones.map((z) => {
      const inBand = at.altitudeM === undefined || (at.altitudeM >= z.altitudeLowerM && at.altitudeM <= z.altitudeUpperM);
      const inTime = at.timeMs === undefined || appliesDuring(z.applicability, at.timeMs, at.timeMs);
      return {
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: outlineRings(z.outline) },
        properties: { id: z.id, name: z.name, kind: z.kind, colour: ZONE_COLOURS[z.kind] ?? '#888', baseM: z.altitudeLowerM, topM: Math.min(z.altitudeUpperM, 1500), active: inBand && inTime },
      };
    }),
  );
}

export function coverageCollection(stations: Station[]): FeatureCollection {
  return fc(
    stations
      .filter((s) => s.kind === 'X' && s.coverageRadiusM > 0)
      .map((s) => ({
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [circleRing(s.location, s.coverageRadiusM)] },
        properties: { id: s.id, name: s.name },
      })),
  );
}

export function landingPointsCollection(lps: LandingPoint[]): FeatureCollection {
  return fc(lps.map((p) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: p.location }, properties: { id: p.id, name: p.name, kind: p.kind, capacityPerHour: p.capacityPerHour } })));
}

/** Districts coloured by the B station that owns them (A/B jurisdictions). */
/** hues a district is never filled with: blues and cyans read as water on the basemap */
const WATER_HUES: [number, number] = [175, 255];

export function jurisdictionColour(stationId: string): string {
  let h = 0;
  for (let i = 0; i < stationId.length; i++) h = (h * 31 + stationId.charCodeAt(i)) >>> 0;
  const span = WATER_HUES[1] - WATER_HUES[0];
  const hue = h % (360 - span);
  return `hsl(${hue < WATER_HUES[0] ? hue : hue + span}, 45%, 85%)`;
}

export type AircraftState = 'cooperative' | 'surveillance-only' | 'alert';

/** Live aircraft: colour by state (alerting first, then unidentified, then cooperative), turned by heading. */
export function aircraftCollection(tracks: Iterable<StreamTrack>, alerting: ReadonlySet<string> = new Set(), silent: ReadonlySet<string> = new Set()): FeatureCollection {
  const out: Feature[] = [];
  for (const t of tracks) {
    const state: AircraftState = alerting.has(t.id) ? 'alert' : t.planId && t.source.includes('network') ? 'cooperative' : 'surveillance-only';
    out.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [t.lng, t.lat] },
      // `silent`: not reported for a few seconds (drawn faded); `label`: what is written beside it when zoomed in
      properties: { id: t.id, planId: t.planId ?? null, headingDeg: t.headingDeg, altitudeM: t.altitudeM, state, silent: silent.has(t.id), label: `${t.id} ${Math.round(t.altitudeM)}m` },
    });
  }
  return fc(out);
}

/** A plan's volumes, and the volumes of the plans and zones it conflicts with (highlighted). */
export function planVolumesCollection(plan: { volumes: { outline: Outline }[] } | null, conflicting: { outline: Outline }[] = []): FeatureCollection {
  if (!plan) return fc([]);
  const f = (o: Outline, role: string): Feature => ({ type: 'Feature', geometry: { type: 'Polygon', coordinates: outlineRings(o) }, properties: { role } });
  return fc([...plan.volumes.map((v) => f(v.outline, 'plan')), ...conflicting.map((v) => f(v.outline, 'conflict'))]);
}

/** What is being drawn: the vertices, and the route line or the closed area. */
export function draftCollection(points: LngLat[], closed: boolean): FeatureCollection {
  const features: Feature[] = points.map((p) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: p }, properties: {} }));
  if (points.length >= 2) features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: closed && points.length >= 3 ? [...points, points[0]] : points }, properties: {} });
  return fc(features);
}

/** Short trails: the last positions of each aircraft as lines. */
export function trailsCollection(trails: ReadonlyMap<string, LngLat[]>): FeatureCollection {
  const out: Feature[] = [];
  for (const [id, pts] of trails) if (pts.length >= 2) out.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: pts }, properties: { id } });
  return fc(out);
}

/** Appends a position to a bounded trail (oldest dropped). */
export function extendTrail(trail: LngLat[] | undefined, p: LngLat, max = 8): LngLat[] {
  const t = trail ? [...trail] : [];
  const last = t[t.length - 1];
  if (!last || last[0] !== p[0] || last[1] !== p[1]) t.push(p);
  return t.length > max ? t.slice(t.length - max) : t;
}
