/**
 * Airspace pilots can use, derived by stated rules (Yukong's, illustrative; not an official
 * designation): a suitable area (适飞空域) per district — the district less every prohibited,
 * restricted and controlled zone with a margin around it — and corridors (航路走廊) joining
 * district hubs across the Yangtze or the Jialing. Deterministic: coordinates rounded to 1e-6°,
 * everything in a fixed order.
 */
import { area, buffer, difference, featureCollection, polygon, simplify } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { destination, haversineM } from '../geo/earth.js';
import { shapesIntersect } from '../geo/intersect.js';
import { bboxesOverlap, padBBox, prepareOutline } from '../geo/shape.js';
import type { GeoMultiPolygon, GeoPolygon, LngLat } from '../geo/types.js';
import { validateOutline } from '../geo/validate-outline.js';
import type { LandingPoint } from '../schemas/landing-point.js';
import type { Zone } from '../schemas/zone.js';
import { CORRIDOR_DEFAULTS, corridorZone } from './corridor-zone.js';

export const ILLUSTRATIVE_SOURCE = 'illustrative — derived by Yukong from the bundled district boundaries and zones; not an official designation';

/** The kinds of zone no suitable area or corridor may touch. */
const OBSTACLE_KINDS: readonly Zone['kind'][] = ['prohibited', 'restricted', 'controlled'];
const isObstacle = (z: Zone) => OBSTACLE_KINDS.includes(z.kind);

export interface SuitableOptions {
  /** kept clear around every prohibited, restricted and controlled zone */
  marginM: number;
  /** pieces smaller than this are dropped (slivers) */
  minPartKm2: number;
  altitudeUpperM: number;
  /** vertices per outline (the outline limit is 1,000); larger pieces are simplified */
  maxVertices: number;
}
export const DEFAULT_SUITABLE_OPTIONS: SuitableOptions = { marginM: 500, minPartKm2: 1, altitudeUpperM: 120, maxVertices: 1000 };

export interface DistrictLike {
  adcode: string;
  name: string;
  outline: GeoPolygon | GeoMultiPolygon;
}

const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Closed ring, rounded to 1e-6°, without repeated positions. */
function cleanRing(ring: number[][]): LngLat[] {
  const out: LngLat[] = [];
  for (const c of ring) {
    const p: LngLat = [r6(c[0]), r6(c[1])];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  if (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
  return out.length >= 3 ? [...out, [out[0][0], out[0][1]]] : [];
}

/** A zone's footprint grown by `marginM`, as a polygon that contains the grown footprint. */
function grown(z: Zone, marginM: number): Feature<Polygon | MultiPolygon> {
  if (z.outline.type === 'Circle') {
    const { center, radiusM } = z.outline;
    const n = 64;
    const r = (radiusM + marginM) / Math.cos(Math.PI / n); // circumscribed: the chords stay outside the circle
    const ring = Array.from({ length: n }, (_, i) => destination(center, r, (360 * i) / n));
    return polygon([[...ring, ring[0]]]);
  }
  return buffer(polygon(z.outline.coordinates), marginM, { units: 'meters', steps: 16 }) as Feature<Polygon | MultiPolygon>;
}

const vertexCount = (rings: LngLat[][]) => rings.reduce((a, r) => a + r.length, 0);

/** The piece as a valid outline within the vertex cap, simplifying by at most a fifth of the margin; null when that fails. */
function fitOutline(rings: number[][][], o: SuitableOptions): GeoPolygon | null {
  const limitDeg = o.marginM / 5 / 111_000;
  for (let tol = 0; tol <= limitDeg; tol = tol ? tol * 2 : limitDeg / 32) {
    const src = tol ? (simplify(polygon(rings), { tolerance: tol, highQuality: true }).geometry.coordinates as number[][][]) : rings;
    const clean = src.map(cleanRing).filter((r) => r.length >= 4);
    if (!clean.length || clean.length !== src.length || clean.length > 20 || vertexCount(clean) > o.maxVertices) continue;
    const outline: GeoPolygon = { type: 'Polygon', coordinates: clean };
    if (!validateOutline(outline, 'outline', { maxVertices: o.maxVertices, maxRadiusM: 100_000, minAreaM2: 1 }).length) return outline;
  }
  return null;
}

/**
 * One suitable zone per district: 0–120 m true height, permanent, for light and small aircraft;
 * the district's outline less every prohibited, restricted and controlled zone grown by the
 * margin. A district cut in pieces gives one zone per piece of at least minPartKm2, the largest
 * `SUITABLE-<adcode>`, the others `SUITABLE-<adcode>-2`, `-3`, … by decreasing area.
 */
export function deriveSuitableAirspace(districts: readonly DistrictLike[], zones: readonly Zone[], opts: Partial<SuitableOptions> = {}): Zone[] {
  const o = { ...DEFAULT_SUITABLE_OPTIONS, ...opts };
  const obstacles = zones
    .filter(isObstacle)
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((z) => ({ bbox: padBBox(prepareOutline(z.outline).bbox, o.marginM * 1.1), feature: grown(z, o.marginM) }));
  const out: Zone[] = [];
  for (const d of [...districts].sort((a, b) => a.adcode.localeCompare(b.adcode))) {
    const bbox = prepareOutline(d.outline).bbox;
    const near = obstacles.filter((x) => bboxesOverlap(x.bbox, bbox)).map((x) => x.feature);
    const district: Feature<Polygon | MultiPolygon> = { type: 'Feature', properties: {}, geometry: d.outline };
    const left = near.length ? difference(featureCollection([district, ...near])) : district;
    if (!left) continue;
    const pieces = (left.geometry.type === 'Polygon' ? [left.geometry.coordinates] : left.geometry.coordinates)
      .map((rings) => ({ rings, km2: area(polygon(rings)) / 1e6 }))
      .filter((p) => p.km2 >= o.minPartKm2)
      .sort((a, b) => b.km2 - a.km2);
    let n = 0;
    for (const p of pieces) {
      const outline = fitOutline(p.rings, o);
      if (!outline) continue;
      n++;
      out.push({
        id: n === 1 ? `SUITABLE-${d.adcode}` : `SUITABLE-${d.adcode}-${n}`,
        name: `${d.name}适飞空域`,
        kind: 'suitable',
        outline,
        altitudeLowerM: 0,
        altitudeUpperM: o.altitudeUpperM,
        altitudeReference: 'AGL',
        applicability: { kind: 'permanent' },
        allowedCategories: ['light', 'small'],
        reason: `Yukong's rule (illustrative): the district up to ${o.altitudeUpperM} m true height, less every prohibited, restricted and controlled zone (airport protection areas included) and ${o.marginM} m around each; pieces under ${o.minPartKm2} km² dropped`,
        source: ILLUSTRATIVE_SOURCE,
      });
    }
  }
  return out;
}

export interface CorridorOptions {
  /** longest corridor (straight distance between the hubs) */
  maxLengthM: number;
  /** corridors per hub at most (its nearest qualifying partners) */
  maxPartners: number;
  halfWidthM: number;
  /** district names by adcode, for the corridor's name (the hub's name when absent) */
  names?: Record<string, string>;
}
export const DEFAULT_CORRIDOR_OPTIONS: CorridorOptions = { maxLengthM: 15_000, maxPartners: 2, halfWidthM: CORRIDOR_DEFAULTS.halfWidthM };

/** Segments ab and cd cross (a proper crossing or a touch), in the [lng, lat] plane. */
function segmentsCross(a: LngLat, b: LngLat, c: LngLat, d: LngLat): boolean {
  const o = (p: LngLat, q: LngLat, r: LngLat) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  const boxes =
    Math.max(a[0], b[0]) >= Math.min(c[0], d[0]) && Math.max(c[0], d[0]) >= Math.min(a[0], b[0]) && Math.max(a[1], b[1]) >= Math.min(c[1], d[1]) && Math.max(c[1], d[1]) >= Math.min(a[1], b[1]);
  return boxes && o(a, b, c) * o(a, b, d) <= 0 && o(c, d, a) * o(c, d, b) <= 0;
}

function crossesLine(a: LngLat, b: LngLat, line: readonly LngLat[]): boolean {
  for (let i = 0; i + 1 < line.length; i++) if (segmentsCross(a, b, line[i], line[i + 1])) return true;
  return false;
}

type Hub = Pick<LandingPoint, 'id' | 'name' | 'location' | 'districtAdcode' | 'kind'>;

/**
 * Corridors joining hubs across the rivers: a pair qualifies when the straight segment between
 * them crosses one of the river lines, is at most maxLengthM long and its corridor touches no
 * prohibited, restricted or controlled zone. Pairs are taken shortest first (ties by id), each
 * hub joined to at most maxPartners of them. Ids `CORRIDOR-<adcodeA>-<adcodeB>` (A < B, A the
 * corridor's first end), sorted.
 */
export function deriveCorridors(hubs: readonly Hub[], rivers: readonly (readonly LngLat[])[], zones: readonly Zone[], opts: Partial<CorridorOptions> = {}): Zone[] {
  const o = { ...DEFAULT_CORRIDOR_OPTIONS, ...opts };
  const list = hubs.filter((h) => h.kind === 'hub').sort((a, b) => a.districtAdcode.localeCompare(b.districtAdcode) || a.id.localeCompare(b.id));
  const obstacles = zones.filter(isObstacle).map((z) => prepareOutline(z.outline));
  const label = (h: Hub) => o.names?.[h.districtAdcode] ?? h.name;
  const pairs: { a: Hub; b: Hub; m: number; zone: Zone }[] = [];
  for (let i = 0; i < list.length; i++)
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i],
        b = list[j];
      const m = haversineM(a.location[0], a.location[1], b.location[0], b.location[1]);
      if (m > o.maxLengthM || m === 0 || !rivers.some((r) => crossesLine(a.location, b.location, r))) continue;
      const zone = corridorZone({
        id: `CORRIDOR-${a.districtAdcode}-${b.districtAdcode}`,
        name: `${label(a)}—${label(b)}跨江航路走廊`,
        from: { id: a.id, location: a.location },
        to: { id: b.id, location: b.location },
        halfWidthM: o.halfWidthM,
        reason: `Yukong's rule (illustrative): joins two district hubs ${(m / 1000).toFixed(1)} km apart across the Yangtze or the Jialing (at most ${o.maxLengthM / 1000} km, ${o.halfWidthM} m either side, clear of prohibited, restricted and controlled zones; each hub to its ${o.maxPartners} nearest such partners)`,
        source: ILLUSTRATIVE_SOURCE,
      });
      const shape = prepareOutline(zone.outline);
      if (obstacles.some((s) => bboxesOverlap(s.bbox, shape.bbox) && shapesIntersect(s, shape))) continue;
      pairs.push({ a, b, m, zone });
    }
  pairs.sort((x, y) => x.m - y.m || x.zone.id.localeCompare(y.zone.id));
  const degree = new Map<string, number>();
  const out: Zone[] = [];
  const ids = new Set<string>();
  for (const p of pairs) {
    if ((degree.get(p.a.id) ?? 0) >= o.maxPartners || (degree.get(p.b.id) ?? 0) >= o.maxPartners || ids.has(p.zone.id)) continue;
    degree.set(p.a.id, (degree.get(p.a.id) ?? 0) + 1);
    degree.set(p.b.id, (degree.get(p.b.id) ?? 0) + 1);
    ids.add(p.zone.id);
    out.push(p.zone);
  }
  return out.sort((x, y) => x.id.localeCompare(y.id));
}
