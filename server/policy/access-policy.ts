/**
 * The one access policy: which role may do what (permissions, checked by the route guard before
 * a body is read), and which resources an actor may see or change (jurisdiction: a B operator's
 * districts, a pilot's company, a planner's own studies). Routes, services and the stream ask
 * here; nothing else decides access.
 */
import { shapeContains } from '../../shared/geo/contains.js';
import type { Shape } from '../../shared/geo/shape.js';
import { districtsTouched, type RoutingState } from '../../shared/rules/station-routing.js';
import type { FlightPlan } from '../../shared/schemas/flight-plan-record.js';
import type { Station } from '../../shared/schemas/station.js';
import { ApiError } from '../errors.js';
import { companyOf, isSystem, type Actor, type Principal, type Role } from './actor.js';

/** What a route does, as the guard sees it. Admins hold every permission. */
export const PERMISSIONS = {
  'principal.manage': [],
  'principal.revoke': ['company-admin'],
  'self.read': ['operator', 'pilot', 'planner', 'viewer', 'company-admin'],
  'network.read': ['operator', 'pilot', 'planner', 'viewer', 'company-admin'],
  'plan.read': ['operator', 'pilot', 'planner', 'viewer', 'company-admin'],
  'plan.submit': ['operator', 'pilot'],
  'plan.check': ['operator', 'pilot', 'planner'],
  'plan.decide': ['operator'],
  'plan.fly': ['operator', 'pilot'],
  'zone.publish': ['operator'],
  'zone.import': ['operator'],
  'landing-point.manage': ['operator'],
  'edition.draft': ['operator', 'planner'],
  'edition.review': ['operator'],
  'edition.publish': ['operator'],
  'tariff.publish': ['operator'],
  'billing.read': ['operator', 'company-admin'],
  'billing.settlement': ['operator'],
  'telemetry.report': ['pilot'],
  'alert.read': ['operator', 'pilot', 'planner', 'viewer', 'company-admin'],
  'alert.ack': ['operator'],
  'sim.read': ['operator', 'planner', 'viewer'],
  'sim.control': [],
  'planner.study': ['planner'],
  'planner.usage': ['planner', 'operator'],
  'stream.connect': ['operator', 'pilot', 'planner', 'viewer', 'company-admin'],
  'company.create': [],
  'company.read': ['operator', 'company-admin', 'pilot'],
  'company.credentials': ['operator'],
  'registry.read': ['operator', 'company-admin', 'pilot'],
  'registry.manage': ['company-admin'],
  'uom.read': ['operator'],
  'credit.read': ['operator', 'pilot', 'company-admin'],
  'credit.adjust': ['operator'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export const isPermission = (p: unknown): p is Permission => typeof p === 'string' && Object.hasOwn(PERMISSIONS, p);

/** The places and stations jurisdiction is decided against. */
export interface Jurisdiction {
  aStationId: string;
  stations: Map<string, Station>;
  routing: RoutingState;
}

export function allows(p: Principal, permission: Permission): boolean {
  return p.role === 'admin' || (PERMISSIONS[permission] as readonly Role[]).includes(p.role);
}

export function assertAllowed(p: Principal, permission: Permission): void {
  if (allows(p, permission)) return;
  const roles = PERMISSIONS[permission] as readonly Role[];
  throw new ApiError('FORBIDDEN', `role ${p.role} may not do this (${permission}: ${roles.length ? [...roles, 'admin'].join(' or ') : 'admin only'})`, { permission });
}

const isAOperator = (a: Actor, j: Jurisdiction) => !isSystem(a) && a.role === 'operator' && a.stationId === j.aStationId;

/** Stations whose plans and alerts an actor sees: 'all', or one B station. Pilots are scoped by company instead. */
export function stationScope(a: Actor, j: Jurisdiction): 'all' | string {
  if (isSystem(a) || a.role !== 'operator' || a.stationId === j.aStationId) return 'all';
  return a.stationId as string;
}

/** Narrows a listing of plans or alerts to what the actor may see; asking for another station is refused. */
export function listingScope(a: Actor, j: Jurisdiction, requestedStationId?: string): { stationIds?: string[]; operatorId?: string } {
  const scope = stationScope(a, j);
  if (scope !== 'all' && requestedStationId && requestedStationId !== scope) throw new ApiError('FORBIDDEN', `station ${requestedStationId} is outside your jurisdiction`);
  const stationIds = scope !== 'all' ? [scope] : requestedStationId ? [requestedStationId] : undefined;
  const operatorId = !isSystem(a) && (a.role === 'pilot' || a.role === 'company-admin') ? (companyOf(a) ?? '\u0000') : undefined;
  return { ...(stationIds ? { stationIds } : {}), ...(operatorId !== undefined ? { operatorId } : {}) };
}

/** Whether the actor sees every station's traffic (observed tracks included). */
export const seesAllTraffic = (a: Actor, j: Jurisdiction): boolean => stationScope(a, j) === 'all' && (isSystem(a) || (a.role !== 'pilot' && a.role !== 'company-admin'));

export function canReadPlan(a: Actor, plan: Pick<FlightPlan, 'operatorId' | 'station'>, j: Jurisdiction): boolean {
  if (isSystem(a)) return true;
  switch (a.role) {
    case 'admin':
    case 'viewer':
    case 'planner':
      return true;
    case 'pilot':
    case 'company-admin':
      return plan.operatorId !== undefined && plan.operatorId === companyOf(a);
    case 'operator':
      return a.stationId === j.aStationId || plan.station.id === a.stationId;
  }
}

export function assertCanReadPlan(a: Actor, plan: FlightPlan, j: Jurisdiction): void {
  if (!canReadPlan(a, plan, j)) throw new ApiError('FORBIDDEN', `plan ${plan.id} is outside your company or jurisdiction`);
}

/** Approve or reject: operators of the routed station or of the A station; the simulation's desk. */
export function assertCanDecide(a: Actor, plan: FlightPlan, j: Jurisdiction): void {
  if (isSystem(a)) {
    if (a.duty === 'operator-desk') return;
    throw new ApiError('FORBIDDEN', `${a.id} does not decide plans`);
  }
  assertAllowed(a, 'plan.decide');
  if (a.role === 'admin' || isAOperator(a, j) || plan.station.id === a.stationId) return;
  throw new ApiError('FORBIDDEN', `plan ${plan.id} is in the jurisdiction of ${plan.station.id}, not ${a.stationId}`);
}

/** Activate, complete, cancel: the pilot's company, those who may decide it, and the monitor (airborne/landed). */
export function assertCanFly(a: Actor, plan: FlightPlan, j: Jurisdiction): void {
  if (isSystem(a)) {
    if (a.duty === 'monitor' || a.duty === 'operator-desk') return;
    throw new ApiError('FORBIDDEN', `${a.id} does not fly plans`);
  }
  if (a.role === 'pilot') {
    if (plan.operatorId !== undefined && plan.operatorId === a.operatorId) return;
    throw new ApiError('FORBIDDEN', `plan ${plan.id} belongs to another operator company`);
  }
  assertCanDecide(a, plan, j);
}

/** Alerts: operators of the alert's station (A: all), the company whose plan it concerns, and read-only roles. */
export function canSeeAlert(a: Actor, alert: { stationId: string; planId?: string }, planOperatorId: string | undefined, j: Jurisdiction): boolean {
  if (isSystem(a)) return true;
  switch (a.role) {
    case 'admin':
    case 'viewer':
    case 'planner':
      return true;
    case 'operator':
      return a.stationId === j.aStationId || a.stationId === alert.stationId;
    case 'pilot':
    case 'company-admin':
      return !!alert.planId && planOperatorId !== undefined && planOperatorId === companyOf(a);
  }
}

export function assertCanAckAlert(a: Principal, alert: { id: string; stationId: string }, j: Jurisdiction): void {
  assertAllowed(a, 'alert.ack');
  if (a.role === 'admin' || isAOperator(a, j) || a.stationId === alert.stationId) return;
  throw new ApiError('FORBIDDEN', `alert ${alert.id} belongs to ${alert.stationId}`);
}

/** A temporary restriction: the A station anywhere; a B station only wholly inside its own districts. */
export function assertCanPublishZone(a: Principal, zoneId: string, shape: Shape, j: Jurisdiction): void {
  assertAllowed(a, 'zone.publish');
  if (a.role === 'admin' || isAOperator(a, j)) return;
  if (!inOwnDistricts(a, shape, j)) {
    throw new ApiError('FORBIDDEN', `restriction ${zoneId} reaches beyond the jurisdiction of ${a.stationId}; the A station publishes it`, {
      refusal: 'beyond-jurisdiction',
      stationId: a.stationId ?? '',
    });
  }
}

/** Withdrawing a restriction: the A station, or the station that published it. */
export function assertCanWithdrawZone(a: Principal, row: { id: string; stationId: string | null }, j: Jurisdiction): void {
  assertAllowed(a, 'zone.publish');
  if (a.role === 'admin' || isAOperator(a, j) || (row.stationId !== null && row.stationId === a.stationId)) return;
  throw new ApiError('FORBIDDEN', `restriction ${row.id} was published by ${row.stationId ?? 'another station'}`, { refusal: 'published-by-another', stationId: row.stationId ?? '' });
}

/** A landing point: the A station anywhere; a B station inside its own districts. */
export function assertCanManageLandingPoint(a: Principal, point: { id: string; districtAdcode: string }, j: Jurisdiction): void {
  assertAllowed(a, 'landing-point.manage');
  if (a.role === 'admin' || isAOperator(a, j)) return;
  if (j.stations.get(a.stationId ?? '')?.districts?.includes(point.districtAdcode)) return;
  throw new ApiError('FORBIDDEN', `landing point ${point.id} is in district ${point.districtAdcode}, outside the jurisdiction of ${a.stationId}; its B station or the A station manages it`);
}

/**
 * A change in a draft edition: the A station and planners anywhere (a draft does nothing until it
 * is reviewed and published); a B station only inside its districts.
 */
export function assertCanDraftChange(a: Principal, change: { ref: string; shape: Shape }, j: Jurisdiction): void {
  assertAllowed(a, 'edition.draft');
  if (a.role === 'admin' || a.role === 'planner' || isAOperator(a, j)) return;
  if (!reachInOwn(a, shapeReach(change.shape, j), j))
    throw new ApiError('FORBIDDEN', `${change.ref} reaches beyond the jurisdiction of ${a.stationId}; the A station drafts it`, {
      ref: change.ref,
      refusal: 'beyond-jurisdiction',
      stationId: a.stationId ?? '',
    });
}

/** Reviewing an edition: an operator who neither created nor edited it; a B station only when every change lies in its districts. */
export function assertCanReviewEdition(a: Principal, edition: { id: string; editors: string[] }, shapes: { ref: string; shape: Shape }[], j: Jurisdiction): void {
  assertAllowed(a, 'edition.review');
  if (edition.editors.includes(a.id)) throw new ApiError('FORBIDDEN', `edition ${edition.id} needs a second pair of eyes: ${a.id} edited it`, { reviewer: a.id });
  if (a.role === 'admin' || isAOperator(a, j)) return;
  const outside = shapes.find((s) => !inOwnDistricts(a, s.shape, j));
  if (outside) throw new ApiError('FORBIDDEN', `${outside.ref} lies beyond the jurisdiction of ${a.stationId}; the A station reviews this edition`, { ref: outside.ref });
}

/** Publishing an edition (giving it a number and an effective time): the A station or the admin. */
export function assertCanPublishEdition(a: Principal, j: Jurisdiction): void {
  assertAllowed(a, 'edition.publish');
  if (a.role === 'admin' || isAOperator(a, j)) return;
  throw new ApiError('FORBIDDEN', 'the A station publishes airspace editions');
}

/**
 * Withdrawing an edition: once reviewed (or scheduled, or failed) the A station's; a draft its
 * author's, the A station's, or an operator's whose districts hold every change (never a planner's
 * but its own).
 */
export function assertCanWithdrawEdition(a: Principal, edition: { id: string; status: string; createdBy: string }, shapes: { ref: string; shape: Shape }[], j: Jurisdiction): void {
  assertAllowed(a, 'edition.draft');
  if (edition.status !== 'draft') {
    assertCanPublishEdition(a, j);
    return;
  }
  if (a.role === 'admin' || isAOperator(a, j) || edition.createdBy === a.id) return;
  if (a.role === 'planner' || !shapes.length) throw new ApiError('FORBIDDEN', `draft ${edition.id} was started by ${edition.createdBy}; it is theirs or the A station's to withdraw`);
  for (const s of shapes) assertCanDraftChange(a, s, j);
}

/**
 * Where a shape reaches, as jurisdiction sees it: the districts it touches, the one that holds it
 * whole (a zone drawn along a district's boundary touches the neighbours it shares the boundary
 * with, yet lies in that district), and whether it lies inside the served area.
 */
export interface ShapeReach {
  adcodes: readonly string[];
  within: string | null;
  inside: boolean;
}

export function shapeReach(shape: Shape, j: Jurisdiction): ShapeReach {
  const touched = districtsTouched(j.routing, [shape]);
  return {
    adcodes: touched.map((d) => d.adcode),
    within: touched.length === 1 ? touched[0].adcode : (touched.find((d) => shapeContains(d.shape, shape))?.adcode ?? null),
    inside: j.routing.municipality ? shapeContains(j.routing.municipality, shape) : true,
  };
}

/** Whether `a` may draft a change of something that reaches `reach` (what assertCanDraftChange decides, as a yes or no: for offering it). */
export function mayDraftChange(a: Principal, reach: ShapeReach, j: Jurisdiction): boolean {
  if (!allows(a, 'edition.draft')) return false;
  return a.role === 'admin' || a.role === 'planner' || isAOperator(a, j) || reachInOwn(a, reach, j);
}

function reachInOwn(a: Principal, reach: ShapeReach, j: Jurisdiction): boolean {
  const own = new Set(j.stations.get(a.stationId ?? '')?.districts ?? []);
  return reach.inside && ((reach.within !== null && own.has(reach.within)) || (reach.adcodes.length > 0 && reach.adcodes.every((d) => own.has(d))));
}

const inOwnDistricts = (a: Principal, shape: Shape, j: Jurisdiction): boolean => reachInOwn(a, shapeReach(shape, j), j);

/** A company's statement: its own admin, the admin, the A station. */
export function assertCanReadStatement(a: Principal, companyId: string, j: Jurisdiction): void {
  assertAllowed(a, 'billing.read');
  if (a.role === 'admin' || isAOperator(a, j)) return;
  if (a.role === 'company-admin' && companyOf(a) === companyId) return;
  throw new ApiError('FORBIDDEN', `the statement of ${companyId} is for its company admin and the A station`);
}

/** Settlements: the admin and the A station see every recipient; a B station its own income. */
export function settlementScope(a: Principal, j: Jurisdiction): 'all' | string {
  assertAllowed(a, 'billing.settlement');
  if (a.role === 'admin' || isAOperator(a, j)) return 'all';
  if (a.role === 'operator' && a.stationId) return a.stationId;
  throw new ApiError('FORBIDDEN', 'settlements are for the stations');
}

/** Tariffs are published by the admin or the A station. */
export function assertCanPublishTariff(a: Principal, j: Jurisdiction): void {
  assertAllowed(a, 'tariff.publish');
  if (a.role === 'admin' || isAOperator(a, j)) return;
  throw new ApiError('FORBIDDEN', 'the A station publishes tariffs');
}

/** Airspace data (ED-269) is imported by the admin or the A station. */
export function assertCanImportZones(a: Principal, j: Jurisdiction): void {
  assertAllowed(a, 'zone.import');
  if (a.role === 'admin' || isAOperator(a, j)) return;
  throw new ApiError('FORBIDDEN', 'the A station imports airspace data');
}

/** A planner cancels its own studies; the admin any. */
export function assertCanCancelStudy(a: Principal, study: { id: string; createdBy: string }): void {
  assertAllowed(a, 'planner.study');
  if (a.role === 'admin' || study.createdBy === a.id) return;
  throw new ApiError('FORBIDDEN', `study ${study.id} was started by ${study.createdBy}; only its planner or the admin may cancel it`);
}

/** Telemetry: a pilot reports positions of its own company's approved or active plans. */
export function assertCanReport(a: Principal, plan: FlightPlan, j: Jurisdiction): void {
  assertAllowed(a, 'telemetry.report');
  assertCanFly(a, plan, j);
}

/** A company's records (aircraft, pilots, insurance, credit): the admin and operators, and the company itself — never another company. */
export function assertCanReadCompany(a: Principal, companyId: string): void {
  if (a.role === 'admin' || a.role === 'operator') return;
  if ((a.role === 'company-admin' || a.role === 'pilot') && companyOf(a) === companyId) return;
  throw new ApiError('FORBIDDEN', `the records of company ${companyId} are not yours to read`);
}

/** Registering aircraft, pilots and insurance: the company's own admin (and the admin). */
export function assertCanManageCompany(a: Principal, companyId: string): void {
  assertAllowed(a, 'registry.manage');
  if (a.role === 'admin' || companyOf(a) === companyId) return;
  throw new ApiError('FORBIDDEN', `only company ${companyId}'s own administrator registers its aircraft, pilots and insurance`);
}

/** Credentials (emergency service, public service, commercial operation): the admin or the A station. */
export function assertCanGrantCredentials(a: Principal, j: Jurisdiction): void {
  assertAllowed(a, 'company.credentials');
  if (a.role === 'admin' || isAOperator(a, j)) return;
  throw new ApiError('FORBIDDEN', 'credentials are granted by the A station');
}

/** Revoking a token: the admin anyone's; a company admin its own company's pilots only. */
export function assertCanRevoke(a: Principal, target: Principal): void {
  if (a.role === 'admin') return;
  assertAllowed(a, 'principal.revoke');
  if (a.role === 'company-admin' && target.role === 'pilot' && target.operatorId !== undefined && target.operatorId === companyOf(a)) return;
  throw new ApiError('FORBIDDEN', `principal ${target.id} is not one of your company's pilots`);
}

/** Which company's records a listing shows: the one asked for (if readable), the caller's own, or all (admin, operators). */
export function registryScope(a: Principal, requested: string | undefined): string | undefined {
  const own = companyOf(a);
  const scope = requested ?? own;
  if (scope !== undefined) assertCanReadCompany(a, scope);
  else if (a.role !== 'admin' && a.role !== 'operator') throw new ApiError('FORBIDDEN', 'name your company (companyId)');
  return scope;
}

/** The UOM outbox's state is read at the A station (and by the admin). */
export function assertCanReadOutbox(a: Principal, j: Jurisdiction): void {
  assertAllowed(a, 'uom.read');
  if (a.role === 'admin' || isAOperator(a, j)) return;
  throw new ApiError('FORBIDDEN', `the UOM outbox is read at the A station (${j.aStationId})`);
}

/** Credit (行业信用体系): the admin and every operator (a tier decides plans at every station), and the company's own company admin and pilots. */
export function assertCanReadCredit(a: Actor, companyId: string, _j: Jurisdiction): void {
  if (isSystem(a)) return;
  assertAllowed(a, 'credit.read');
  if (a.role === 'admin' || a.role === 'operator' || companyOf(a) === companyId) return;
  throw new ApiError('FORBIDDEN', `the credit record of company ${companyId} is not yours to read`);
}

/** Adjusting a company's credit score: the admin and the A station's operators. */
export function assertCanAdjustCredit(a: Principal, companyId: string, j: Jurisdiction): void {
  assertAllowed(a, 'credit.adjust');
  if (a.role === 'admin' || isAOperator(a, j)) return;
  throw new ApiError('FORBIDDEN', `the credit of company ${companyId} is adjusted by the A station or the admin`);
}
