/**
 * The scenario exchange format: GeoJSON FeatureCollections of stations, landing points, zones
 * and districts. The built-in Chongqing scenario and a user's own data load through these
 * same parsers, which report every problem and return nothing half-parsed.
 */
import { Value } from '@sinclair/typebox/value';
import '../schemas/formats.js';
import { validateOutline } from '../geo/validate-outline.js';
import type { AnyOutline, GeoMultiPolygon, GeoPolygon, LngLat } from '../geo/types.js';
import { LandingPointSchema, type LandingPoint } from '../schemas/landing-point.js';
import { StationSchema, type Station } from '../schemas/station.js';
import { ZoneSchema, type Zone } from '../schemas/zone.js';

export interface Feature<G = { type: string; coordinates?: unknown }, P = Record<string, unknown>> {
  type: 'Feature';
  geometry: G;
  properties: P;
}
export interface FeatureCollection<G = { type: string; coordinates?: unknown }, P = Record<string, unknown>> {
  type: 'FeatureCollection';
  features: Feature<G, P>[];
}

export interface District {
  adcode: string;
  name: string;
  outline: GeoPolygon | GeoMultiPolygon;
  center?: LngLat;
}

export interface ScenarioBundle {
  stations: Station[];
  landingPoints: LandingPoint[];
  zones: Zone[];
  districts: District[];
}

export interface ImportProblem {
  collection: string;
  index: number;
  path: string;
  message: string;
}

const point = (c: LngLat) => ({ type: 'Point', coordinates: c });

export function stationToFeature(s: Station): Feature {
  const { location, ...properties } = s;
  return { type: 'Feature', geometry: point(location), properties };
}
export function landingPointToFeature(p: LandingPoint): Feature {
  const { location, ...properties } = p;
  return { type: 'Feature', geometry: point(location), properties };
}
export function zoneToFeature(z: Zone): Feature {
  const { outline, ...properties } = z;
  if (outline.type === 'Circle') return { type: 'Feature', geometry: point(outline.center), properties: { ...properties, radiusM: outline.radiusM } };
  return { type: 'Feature', geometry: outline, properties };
}
export function districtToFeature(d: District): Feature {
  const { outline, ...properties } = d;
  return { type: 'Feature', geometry: outline, properties };
}

function checkCollection(fc: unknown, name: string, problems: ImportProblem[]): Feature[] {
  const f = fc as FeatureCollection;
  if (!f || f.type !== 'FeatureCollection' || !Array.isArray(f.features)) {
    problems.push({ collection: name, index: -1, path: '', message: 'expected a GeoJSON FeatureCollection' });
    return [];
  }
  return f.features.filter((x, i) => {
    const ok = x && x.type === 'Feature' && x.geometry && typeof x.geometry === 'object' && x.properties && typeof x.properties === 'object';
    if (!ok) problems.push({ collection: name, index: i, path: '', message: 'expected a Feature with geometry and properties' });
    return ok;
  });
}

function pointOf(g: Feature['geometry']): LngLat | null {
  return g.type === 'Point' && Array.isArray(g.coordinates) ? (g.coordinates as LngLat) : null;
}

function validateWith<T>(schema: Parameters<typeof Value.Check>[0], value: unknown, name: string, index: number, problems: ImportProblem[]): value is T {
  if (Value.Check(schema, value)) return true;
  for (const e of Value.Errors(schema, value)) problems.push({ collection: name, index, path: e.path, message: e.message });
  return false;
}

function parseSet<T extends { id: string }>(name: string, fc: unknown, problems: ImportProblem[], build: (f: Feature, i: number) => T | null): T[] {
  const out: T[] = [];
  const ids = new Set<string>();
  checkCollection(fc, name, problems).forEach((f, i) => {
    const item = build(f, i);
    if (!item) return;
    if (ids.has(item.id)) problems.push({ collection: name, index: i, path: '/id', message: `duplicate id ${item.id}` });
    ids.add(item.id);
    out.push(item);
  });
  return out;
}

export function parseScenario(input: { stations: unknown; landingPoints: unknown; zones: unknown; districts: unknown }): { bundle: ScenarioBundle; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const stations = parseSet<Station>('stations', input.stations, problems, (f, i) => {
    const s = { ...f.properties, location: pointOf(f.geometry) };
    return validateWith<Station>(StationSchema, s, 'stations', i, problems) ? (s as Station) : null;
  });
  const landingPoints = parseSet<LandingPoint>('landingPoints', input.landingPoints, problems, (f, i) => {
    const p = { ...f.properties, location: pointOf(f.geometry) };
    return validateWith<LandingPoint>(LandingPointSchema, p, 'landingPoints', i, problems) ? (p as LandingPoint) : null;
  });
  const zones = parseSet<Zone>('zones', input.zones, problems, (f, i) => {
    const { radiusM, ...props } = f.properties as { radiusM?: number };
    const c = pointOf(f.geometry);
    const outline = c ? { type: 'Circle', center: c, radiusM } : f.geometry;
    const z = { ...props, outline };
    if (!validateWith<Zone>(ZoneSchema, z, 'zones', i, problems)) return null;
    const bad = validateOutline(outline as AnyOutline, 'geometry');
    bad.forEach((b) => {
      problems.push({ collection: 'zones', index: i, path: b.path, message: `${b.code}: ${b.message}` });
    });
    if (z.altitudeLowerM >= z.altitudeUpperM) problems.push({ collection: 'zones', index: i, path: '/altitudeLowerM', message: 'altitudeLowerM must be below altitudeUpperM' });
    return bad.length ? null : (z as Zone);
  });
  const districts = parseSet<District & { id: string }>('districts', input.districts, problems, (f, i) => {
    const p = f.properties as { adcode?: unknown; name?: unknown; center?: unknown };
    if (typeof p.adcode !== 'string' || typeof p.name !== 'string') {
      problems.push({ collection: 'districts', index: i, path: '/properties', message: 'adcode and name (strings) are required' });
      return null;
    }
    if (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon') {
      problems.push({ collection: 'districts', index: i, path: '/geometry', message: 'districts must be Polygon or MultiPolygon' });
      return null;
    }
    const outline = f.geometry as GeoPolygon | GeoMultiPolygon;
    const bad = validateOutline(outline, 'geometry', { maxVertices: 1_000_000, maxRadiusM: 0, minAreaM2: 1 }).filter((b) => b.code !== 'SELF_INTERSECTING_OUTLINE');
    bad.forEach((b) => {
      problems.push({ collection: 'districts', index: i, path: b.path, message: `${b.code}: ${b.message}` });
    });
    if (bad.length) return null;
    return { id: p.adcode, adcode: p.adcode, name: p.name, outline, ...(Array.isArray(p.center) ? { center: p.center as LngLat } : {}) };
  });
  // cross references
  const adcodes = new Set(districts.map((d) => d.adcode));
  const stationIds = new Set(stations.map((s) => s.id));
  stations.forEach((s, i) => {
    for (const a of s.districts ?? []) if (!adcodes.has(a)) problems.push({ collection: 'stations', index: i, path: '/districts', message: `unknown district ${a}` });
    if (s.parentId && !stationIds.has(s.parentId)) problems.push({ collection: 'stations', index: i, path: '/parentId', message: `unknown station ${s.parentId}` });
  });
  if (stations.filter((s) => s.kind === 'A').length !== 1) problems.push({ collection: 'stations', index: -1, path: '', message: 'exactly one A station is required' });
  landingPoints.forEach((p, i) => {
    if (adcodes.size && !adcodes.has(p.districtAdcode)) problems.push({ collection: 'landingPoints', index: i, path: '/districtAdcode', message: `unknown district ${p.districtAdcode}` });
  });
  return { bundle: { stations, landingPoints, zones, districts: districts.map(({ id: _id, ...d }) => d) }, problems };
}
