/** Role and jurisdiction checks. Every route calls one of these before acting. */
import type { FlightPlan } from '../../shared/schemas/flight-plan-record.js';
import { ApiError } from '../errors.js';
import type { Principal, Role } from '../store/misc-repos.js';

export function requireRole(p: Principal, ...roles: Role[]): void {
  if (p.role === 'admin' || roles.includes(p.role)) return;
  throw new ApiError('FORBIDDEN', `role ${p.role} may not do this (needs ${roles.join(' or ')})`);
}

/** Operators of the A station act everywhere; a B operator acts on plans routed to its station. */
export function isAStationOperator(p: Principal, aStationId: string): boolean {
  return p.role === 'operator' && p.stationId === aStationId;
}

export function canReadPlan(p: Principal, plan: FlightPlan, aStationId: string): boolean {
  switch (p.role) {
    case 'admin': case 'viewer': case 'planner': return true;
    case 'pilot': return plan.operatorId === p.operatorId;
    case 'operator': return p.stationId === aStationId || plan.station.id === p.stationId;
  }
}

export function assertCanDecide(p: Principal, plan: FlightPlan, aStationId: string): void {
  requireRole(p, 'operator');
  if (p.role === 'admin' || isAStationOperator(p, aStationId) || plan.station.id === p.stationId) return;
  throw new ApiError('FORBIDDEN', `plan ${plan.id} is in the jurisdiction of ${plan.station.id}, not ${p.stationId}`);
}

/** Pilots fly (activate, complete, cancel) their own company's plans; operators those they may decide. */
export function assertCanFly(p: Principal, plan: FlightPlan, aStationId: string): void {
  if (p.role === 'pilot') {
    if (plan.operatorId === p.operatorId) return;
    throw new ApiError('FORBIDDEN', `plan ${plan.id} belongs to another operator company`);
  }
  assertCanDecide(p, plan, aStationId);
}
