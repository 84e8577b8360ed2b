/**
 * The state a decision is made against: zones, booked (approved/active) plan volumes, landing
 * points with their slot bookings, and station routing. Pure data; adapters fill it.
 */
import { applicabilityEnvelope } from '../airspace/applicability.js';
import { prepareVolume, type PreparedVolume } from '../airspace/prepared-volume.js';
import { DEFAULT_ROUTE_BUFFERS, routeToPreparedVolumes, type RouteBuffers } from '../airspace/route-volumes.js';
import { PointIndex } from '../airspace/point-index.js';
import { VolumeIndex } from '../airspace/volume-index.js';
import { DEFAULT_PRIORITY, type Category, type Mission } from '../domain/categories.js';
import { prepareOutline } from '../geo/shape.js';
import type { FlightPlanInput, Route } from '../schemas/flight-plan.js';
import type { LandingPoint } from '../schemas/landing-point.js';
import type { Volume4D } from '../schemas/volume.js';
import type { Zone } from '../schemas/zone.js';
import { MovementBook, type Movement } from './movement-book.js';
import { buildRoutingState, type RoutingState } from './station-routing.js';

export interface BookedPlanMeta {
  id: string;
  priority: number;
  state: string;
}

export interface AirspaceState {
  zones: VolumeIndex<Zone>;
  plans: VolumeIndex<BookedPlanMeta>;
  landingPoints: PointIndex<LandingPoint>;
  movements: MovementBook;
  routing: RoutingState;
  routeBuffers: RouteBuffers;
}

export function createAirspaceState(init: Partial<Pick<AirspaceState, 'routing' | 'routeBuffers'>> = {}): AirspaceState {
  return {
    zones: new VolumeIndex<Zone>(),
    plans: new VolumeIndex<BookedPlanMeta>(),
    landingPoints: new PointIndex<LandingPoint>(),
    movements: new MovementBook(),
    routing: init.routing ?? buildRoutingState('A', [], null),
    routeBuffers: init.routeBuffers ?? DEFAULT_ROUTE_BUFFERS,
  };
}

/** A zone as one indexed volume over its time envelope; its schedule is checked after lookup. */
export function zoneVolume(zone: Zone): PreparedVolume {
  const shape = prepareOutline(zone.outline);
  const [startMs, endMs] = applicabilityEnvelope(zone.applicability);
  return { shape, bbox: shape.bbox, altLowerM: zone.altitudeLowerM, altUpperM: zone.altitudeUpperM, startMs, endMs };
}

export function putZone(state: AirspaceState, zone: Zone): void {
  state.zones.insert(zone.id, [zoneVolume(zone)], zone);
}

/** A plan ready to be decided: normalised input with its derived, prepared volumes. */
export interface CandidatePlan {
  id?: string;
  category: Category;
  mission: Mission;
  priority: number;
  volumes: Volume4D[];
  prepared: PreparedVolume[];
  departure?: string;
  arrival?: string;
  /** the route its volumes were built from, and how (a shift in altitude rebuilds them: suggest-alternatives.ts) */
  route?: { route: Route; buffers: RouteBuffers };
}

export function candidateFromInput(input: FlightPlanInput, buffers: RouteBuffers = DEFAULT_ROUTE_BUFFERS, id?: string): CandidatePlan {
  // a route's volumes are prepared as they are built; volumes given as such are prepared here
  const built = !input.volumes && input.route ? routeToPreparedVolumes(input.route, buffers) : null;
  const volumes = input.volumes ?? built?.volumes ?? [];
  return {
    id,
    category: input.aircraft.category,
    mission: input.mission,
    priority: input.priority ?? DEFAULT_PRIORITY[input.mission],
    volumes,
    prepared: built ? built.prepared : volumes.map(prepareVolume),
    departure: input.departure,
    arrival: input.arrival,
    ...(built && input.route ? { route: { route: input.route, buffers } } : {}),
  };
}

/** Take-off at the departure point when the first volume opens; landing when the last closes. */
/** What a decision may claim: a plan's volumes and the landing points it takes off from and lands at. */
export type AirspaceClaim = Pick<CandidatePlan, 'prepared' | 'departure' | 'arrival'>;

export function planMovements(plan: AirspaceClaim): Movement[] {
  const out: Movement[] = [];
  if (!plan.prepared.length) return out;
  if (plan.departure) out.push({ landingPointId: plan.departure, timeMs: Math.min(...plan.prepared.map((v) => v.startMs)) });
  if (plan.arrival) out.push({ landingPointId: plan.arrival, timeMs: Math.max(...plan.prepared.map((v) => v.endMs)) });
  return out;
}

/** Book an approved/active plan: its volumes and landing-point slots. */
export function bookPlan(state: AirspaceState, plan: CandidatePlan & { id: string }, planState = 'approved'): void {
  state.plans.insert(plan.id, plan.prepared, { id: plan.id, priority: plan.priority, state: planState });
  state.movements.add(plan.id, planMovements(plan));
}

export function releasePlan(state: AirspaceState, planId: string): void {
  state.plans.remove(planId);
  state.movements.remove(planId);
}
