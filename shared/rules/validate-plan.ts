/**
 * Semantic validation of a flight-plan submission (after schema validation): the "Invalid plans"
 * of the public contract. Returns every problem with a code and a path; empty means valid.
 */
import { PLAN_HORIZON_DAYS } from '../domain/categories.js';
import { haversineM } from '../geo/earth.js';
import { validateOutline } from '../geo/validate-outline.js';
import type { FlightPlanInput } from '../schemas/flight-plan.js';

export interface PlanProblem {
  code: string;
  message: string;
  path: string;
}

const DAY_MS = 86_400_000;

function checkWindow(problems: PlanProblem[], path: string, startIso: string, endIso: string, nowMs: number): void {
  const s = Date.parse(startIso);
  const e = Date.parse(endIso);
  if (!Number.isFinite(s) || !Number.isFinite(e)) {
    problems.push({ code: 'INVALID_TIME', message: 'times must be RFC 3339 date-times', path });
    return;
  }
  if (e <= s) problems.push({ code: 'END_BEFORE_START', message: 'timeEnd must be after timeStart', path });
  if (e < nowMs) problems.push({ code: 'PLAN_ALREADY_ENDED', message: 'the plan has already ended', path });
  if (s > nowMs + PLAN_HORIZON_DAYS * DAY_MS) problems.push({ code: 'TOO_FAR_AHEAD', message: `plans may start at most ${PLAN_HORIZON_DAYS} days ahead`, path });
}

function checkBand(problems: PlanProblem[], path: string, lower: number, upper: number): void {
  if (lower < 0 || upper < 0) problems.push({ code: 'NEGATIVE_ALTITUDE', message: 'altitudes are true heights ≥ 0 m', path });
  if (lower >= upper) problems.push({ code: 'ALTITUDE_BAND_INVALID', message: 'altitudeLowerM must be below altitudeUpperM', path });
}

export function validatePlanInput(input: FlightPlanInput, nowMs: number): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const hasVolumes = input.volumes !== undefined;
  const hasRoute = input.route !== undefined;
  if (hasVolumes === hasRoute) {
    problems.push({ code: 'VOLUMES_XOR_ROUTE', message: 'give exactly one of "volumes" or "route"', path: '' });
    return problems;
  }
  if (input.volumes) {
    input.volumes.forEach((v, i) => {
      const path = `volumes[${i}]`;
      checkBand(problems, path, v.altitudeLowerM, v.altitudeUpperM);
      checkWindow(problems, path, v.timeStart, v.timeEnd, nowMs);
      for (const p of validateOutline(v.outline, `${path}.outline`)) problems.push(p);
    });
  }
  if (input.route) {
    const r = input.route;
    checkBand(problems, 'route', r.altitudeLowerM, r.altitudeUpperM);
    const bad = r.waypoints.findIndex((w) => !(w[0] >= -180 && w[0] <= 180 && w[1] >= -90 && w[1] <= 90));
    if (bad >= 0) {
      problems.push({ code: 'COORDINATE_OUT_OF_RANGE', message: 'waypoints must be [lng, lat] within ±180, ±90', path: `route.waypoints[${bad}]` });
      return problems;
    }
    let lengthM = 0;
    for (let i = 1; i < r.waypoints.length; i++) lengthM += haversineM(r.waypoints[i - 1][0], r.waypoints[i - 1][1], r.waypoints[i][0], r.waypoints[i][1]);
    if (lengthM === 0) problems.push({ code: 'DEGENERATE_OUTLINE', message: 'a route must have non-zero length', path: 'route.waypoints' });
    const arrive = Date.parse(r.departAt) + (lengthM / r.cruiseSpeedMps) * 1000;
    checkWindow(problems, 'route.departAt', r.departAt, Number.isFinite(arrive) ? new Date(arrive).toISOString() : r.departAt, nowMs);
  }
  return problems;
}
