/**
 * Station routing (一网通办): which station decides a plan. Inside one B station's jurisdiction
 * → that B station; across jurisdictions, across the municipal border, touching special airspace
 * (military; an airport's core) or an emergency mission → the A station.
 *
 * Airports (Yukong's rule, modelled on a letter of agreement between the airport's air traffic
 * service and the district stations, 协议委托; illustrative, not an official delegation): the A
 * station, which coordinates with the airport, decides a plan that enters an airport protection
 * area within `coreRadiusM` of the aerodrome or above `delegatedCeilingM` true height. Below that
 * ceiling and away from the aerodrome the district's B station decides — the zone still needs an
 * operator's approval (ZONE_CONTROLLED), only the station changes.
 */
import RBush from 'rbush';
import { shapeContains } from '../geo/contains.js';
import { shapesIntersect } from '../geo/intersect.js';
import { type Shape, unionBBox } from '../geo/shape.js';
import type { Routing } from '../schemas/decision.js';
import { createRoutingCells, insideByCells, pureDistrict, type RoutingCells } from './routing-cells.js';

export interface DistrictArea {
  adcode: string;
  name: string;
  stationId: string;
  shape: Shape;
}

export interface RoutingState {
  aStationId: string;
  districts: RBush<{ minX: number; minY: number; maxX: number; maxY: number; d: DistrictArea }>;
  /** the municipality's outline; null means there is no border to cross (e.g. empty scenario) */
  municipality: Shape | null;
  /** cells known to lie inside one district (routing-cells.ts): the same answers without the polygon tests */
  cells: RoutingCells<DistrictArea>;
}

export function buildRoutingState(aStationId: string, districts: DistrictArea[], municipality: Shape | null): RoutingState {
  const tree = new RBush<{ minX: number; minY: number; maxX: number; maxY: number; d: DistrictArea }>();
  tree.load(districts.map((d) => ({ minX: d.shape.bbox[0], minY: d.shape.bbox[1], maxX: d.shape.bbox[2], maxY: d.shape.bbox[3], d })));
  // the dense grid of cells covers the districts and the municipality (a plan beyond them: a map)
  const boxes = districts.map((d) => d.shape.bbox).concat(municipality ? [municipality.bbox] : []);
  const region = boxes.length ? unionBBox(boxes) : null;
  return { aStationId, districts: tree, municipality, cells: createRoutingCells(region) };
}

/** Districts whose area meets any of the footprints, in adcode order. */
export function districtsTouched(state: RoutingState, shapes: Shape[]): DistrictArea[] {
  const pure = pureDistrict(state.cells, state.districts, state.municipality, shapes);
  return pure ? [pure] : touchedByTest(state, shapes);
}

function touchedByTest(state: RoutingState, shapes: Shape[]): DistrictArea[] {
  const hit = new Map<string, DistrictArea>();
  for (const s of shapes) {
    const b = s.bbox;
    for (const it of state.districts.search({ minX: b[0], minY: b[1], maxX: b[2], maxY: b[3] })) {
      if (!hit.has(it.d.adcode) && shapesIntersect(s, it.d.shape)) hit.set(it.d.adcode, it.d);
    }
  }
  return [...hit.values()].sort((a, b) => a.adcode.localeCompare(b.adcode));
}

/**
 * Wholly outside the served region: no footprint meets the municipality. A scenario without a
 * municipality (the empty scenario) serves everywhere. `touchedDistricts`, when the caller already
 * knows how many districts the footprints meet, spares the search (districts lie inside the
 * municipality, so meeting one means being served).
 */
export function outsideServiceArea(state: RoutingState, shapes: Shape[], touchedDistricts?: number): boolean {
  const m = state.municipality;
  if (!m) return false;
  if ((touchedDistricts ?? districtsTouched(state, shapes).length) > 0) return false;
  return !shapes.some((s) => shapesIntersect(s, m));
}

/** What the district stations may decide inside an airport protection area. */
export interface AirportDelegation {
  /** true height (m) up to which the district station decides */
  delegatedCeilingM: number;
  /** distance (m) from the aerodrome (the protection area's centre) within which the A station decides */
  coreRadiusM: number;
}
export const DEFAULT_AIRPORT_DELEGATION: AirportDelegation = { delegatedCeilingM: 60, coreRadiusM: 5000 };

export interface RoutingContext {
  emergency: boolean;
  /** ids of special zones (military, event, an airport's core) the plan touches: the A station decides */
  specialZones: string[];
  /** airport protection areas the plan touches only where the district station decides */
  delegatedZones?: string[];
  /** a cause that makes the A station decide (an airborne conflict, an unverified emergency) */
  toA?: string;
}

/** The A station decides, for the reason given. */
function toAStation(state: RoutingState, districts: Routing['districts'], why: string): Routing {
  return { stationId: state.aStationId, stationKind: 'A', districts, why };
}

export function routePlan(state: RoutingState, shapes: Shape[], ctx: RoutingContext): Routing {
  // inside one district, far from its border and the municipality's (most plans): known from the cells
  const pure = pureDistrict(state.cells, state.districts, state.municipality, shapes);
  const touched = pure ? [pure] : touchedByTest(state, shapes);
  const districts = touched.map((d) => ({ adcode: d.adcode, name: d.name }));
  if (ctx.emergency) return toAStation(state, districts, 'emergency mission: A station fast lane (特报速批)');
  if (ctx.toA) return toAStation(state, districts, ctx.toA);
  if (ctx.specialZones.length) return toAStation(state, districts, `touches special airspace: ${ctx.specialZones.join(', ')}`);
  if (state.municipality && !pure && !insideByCells(state.cells, state.districts, state.municipality, shapes) && !shapes.every((s) => shapeContains(state.municipality as Shape, s))) {
    return toAStation(state, districts, 'crosses the municipal border');
  }
  const stations = [...new Set(touched.map((d) => d.stationId))];
  if (stations.length === 0) return toAStation(state, districts, 'outside every B station jurisdiction');
  if (stations.length > 1) return toAStation(state, districts, `crosses B station jurisdictions: ${stations.join(', ')}`);
  const delegated = ctx.delegatedZones?.length ? `; in airport protection area ${ctx.delegatedZones.join(', ')} below the delegated ceiling, away from the aerodrome` : '';
  return { stationId: stations[0], stationKind: 'B', districts, why: `inside the jurisdiction of ${stations[0]}${delegated}` };
}
