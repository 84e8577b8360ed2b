/**
 * What the rollout planner reasons about: districts (区县), townships (乡镇/街道) as demand points,
 * areas where no landing point may go, and the points that already exist. Built from plain
 * data (the scenario's districts and zones, a township table, optional weights and sites), so
 * the Chongqing data and a user's own files go through the same path.
 */
import { haversineM } from '../geo/earth.js';
import { inPolygons, pointInside, round6 } from '../geo/point-inside.js';
import { prepareOutline, type PolygonsShape, type Shape } from '../geo/shape.js';
import type { LngLat } from '../geo/types.js';
import type { District } from '../io/scenario-features.js';
import type { LandingPoint } from '../schemas/landing-point.js';
import type { Zone } from '../schemas/zone.js';

export interface PlannerDistrict {
  adcode: string;
  name: string;
  center?: LngLat;
  shape: PolygonsShape;
  outline: District['outline'];
}
export interface Township {
  code: string;
  name: string;
  adcode: string;
  location: LngLat;
  /** demand weight (1 by default; population or demand from a user's table) */
  weight: number;
  /** true when the seat was unknown and a deterministic point inside the district stands in */
  seatEstimated: boolean;
}
export interface Exclusion {
  id: string;
  name: string;
  why: string;
  shape: Shape;
}
export interface ExistingSite {
  id: string;
  name: string;
  location: LngLat;
  adcode?: string;
}

export interface PlannerGeography {
  districts: PlannerDistrict[];
  townships: Township[];
  exclusions: Exclusion[];
  existing: ExistingSite[];
}

export interface GeographyInput {
  districts: District[];
  /** rows with code, name, county_adcode, lng, lat (lng/lat may be empty) */
  townships: Record<string, string>[];
  zones: Zone[];
  existing?: LandingPoint[] | ExistingSite[];
  /** township code → demand weight */
  weights?: Map<string, number>;
}

/** Zones where a landing point may not go: prohibited areas and airport / air-base protection areas. */
export function exclusionsFromZones(zones: Zone[]): Exclusion[] {
  return zones
    .filter((z) => z.kind === 'prohibited' || z.special === 'airport' || z.special === 'military')
    .map((z) => ({ id: z.id, name: z.name, why: z.kind === 'prohibited' ? 'prohibited area' : 'airport protection area', shape: prepareOutline(z.outline) }));
}

export function inShape(shape: Shape, p: LngLat): boolean {
  if (shape.kind === 'circle') return haversineM(shape.lng, shape.lat, p[0], p[1]) <= shape.radiusM;
  return inPolygons(shape, p);
}

export function excludedBy(exclusions: Exclusion[], p: LngLat): Exclusion | undefined {
  return exclusions.find((e) => p[0] >= e.shape.bbox[0] && p[0] <= e.shape.bbox[2] && p[1] >= e.shape.bbox[1] && p[1] <= e.shape.bbox[3] && inShape(e.shape, p));
}

export function districtOf(geo: Pick<PlannerGeography, 'districts'>, p: LngLat): PlannerDistrict | undefined {
  return geo.districts.find((d) => p[0] >= d.shape.bbox[0] && p[0] <= d.shape.bbox[2] && p[1] >= d.shape.bbox[1] && p[1] <= d.shape.bbox[3] && inPolygons(d.shape, p));
}

export function buildGeography(input: GeographyInput): PlannerGeography {
  const districts = [...input.districts]
    .sort((a, b) => a.adcode.localeCompare(b.adcode))
    .map((d): PlannerDistrict => ({ adcode: d.adcode, name: d.name, ...(d.center ? { center: d.center } : {}), outline: d.outline, shape: prepareOutline(d.outline) as PolygonsShape }));
  const byCode = new Map(districts.map((d) => [d.adcode, d]));
  const exclusions = exclusionsFromZones(input.zones);
  const townships: Township[] = [];
  for (const t of [...input.townships].sort((a, b) => a.code.localeCompare(b.code))) {
    const d = byCode.get(t.county_adcode);
    if (!d) continue;
    const known = t.lng !== undefined && t.lat !== undefined && t.lng !== '' && t.lat !== '';
    const location = known ? round6([Number(t.lng), Number(t.lat)]) : pointInside(d.shape, t.code, (p) => !!excludedBy(exclusions, p));
    townships.push({ code: t.code, name: t.name, adcode: d.adcode, location, weight: input.weights?.get(t.code) ?? 1, seatEstimated: !known });
  }
  const existing = (input.existing ?? []).map((p) => ({
    id: p.id,
    name: p.name,
    location: p.location,
    ...('districtAdcode' in p ? { adcode: p.districtAdcode } : 'adcode' in p && p.adcode ? { adcode: p.adcode } : {}),
  }));
  return { districts, townships, exclusions, existing };
}
