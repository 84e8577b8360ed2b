/**
 * Semantic validation of a flight-plan submission (after schema validation): the "Invalid plans"
 * of the public contract. Returns every problem with a code and a path; empty means valid.
 *
 * Time and size limits: every instant is a strict RFC 3339 date-time within 2000–2100; an
 * explicit volume lasts at most MAX_VOLUME_DURATION_H and covers at most MAX_PLAN_FOOTPRINT_KM2;
 * a route flies at most MAX_ROUTE_DURATION_H (its length at cruise speed) in legs of at most
 * MAX_ROUTE_LEG_KM; nothing reaches beyond
 * latitude ±85° or across the antimeridian.
 */
import { MAX_PLAN_FOOTPRINT_KM2, MAX_ROUTE_DURATION_H, MAX_ROUTE_LEG_KM, MAX_VOLUME_DURATION_H, MIN_CRUISE_SPEED_MPS, PLAN_HORIZON_DAYS } from '../domain/categories.js';
import type { ErrorCode } from '../errors/error-codes.js';
import { haversineM } from '../geo/earth.js';
import { circleBeyondExtent, DEFAULT_OUTLINE_LIMITS, MAX_ABS_LAT_DEG, validateOutline, type OutlineLimits } from '../geo/validate-outline.js';
import type { FlightPlanInput } from '../schemas/flight-plan.js';
import { formatDuration, isTimeProblem, parseInstant, parseWindow } from '../util/time-range.js';

export interface PlanProblem {
  code: ErrorCode;
  message: string;
  path: string;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
export const MAX_VOLUME_DURATION_MS = MAX_VOLUME_DURATION_H * HOUR_MS;
export const MAX_ROUTE_DURATION_MS = MAX_ROUTE_DURATION_H * HOUR_MS;
export const PLAN_OUTLINE_LIMITS: OutlineLimits = { ...DEFAULT_OUTLINE_LIMITS, maxAreaM2: MAX_PLAN_FOOTPRINT_KM2 * 1e6 };
/** A route's corridor is buffered by the server; its end points are checked with this much to spare. */
const ROUTE_EXTENT_MARGIN_M = 1_000;

/** The window rules shared by volumes and routes: order, already ended, horizon. */
function checkWindow(problems: PlanProblem[], path: string, s: number, e: number, nowMs: number): void {
  if (e <= s) problems.push({ code: 'END_BEFORE_START', message: 'timeEnd must be after timeStart', path });
  if (e < nowMs) problems.push({ code: 'PLAN_ALREADY_ENDED', message: 'the plan has already ended', path });
  if (s > nowMs + PLAN_HORIZON_DAYS * DAY_MS) problems.push({ code: 'TOO_FAR_AHEAD', message: `plans may start at most ${PLAN_HORIZON_DAYS} days ahead`, path });
}

function checkBand(problems: PlanProblem[], path: string, lower: number, upper: number): void {
  if (!Number.isFinite(lower) || !Number.isFinite(upper)) {
    problems.push({ code: 'ALTITUDE_BAND_INVALID', message: 'altitudes must be finite numbers of metres', path });
    return;
  }
  if (lower < 0 || upper < 0) problems.push({ code: 'NEGATIVE_ALTITUDE', message: 'altitudes are true heights ≥ 0 m', path });
  if (lower >= upper) problems.push({ code: 'ALTITUDE_BAND_INVALID', message: 'altitudeLowerM must be below altitudeUpperM', path });
}

function checkRoute(problems: PlanProblem[], r: NonNullable<FlightPlanInput['route']>, nowMs: number): void {
  checkBand(problems, 'route', r.altitudeLowerM, r.altitudeUpperM);
  const bad = r.waypoints.findIndex((w) => !(Number.isFinite(w[0]) && Number.isFinite(w[1]) && w[0] >= -180 && w[0] <= 180 && Math.abs(w[1]) <= MAX_ABS_LAT_DEG));
  if (bad >= 0) {
    problems.push({ code: 'COORDINATE_OUT_OF_RANGE', message: `waypoints must be [lng, lat] within ±180, ±${MAX_ABS_LAT_DEG}`, path: `route.waypoints[${bad}]` });
    return;
  }
  const reach = r.corridorHalfWidthM + ROUTE_EXTENT_MARGIN_M;
  for (let i = 0; i < r.waypoints.length; i++) {
    const w = r.waypoints[i];
    const beyond = circleBeyondExtent(w, reach);
    if (beyond) {
      problems.push({ code: 'OUTLINE_TOO_LARGE', message: `the corridor around this waypoint ${beyond}`, path: `route.waypoints[${i}]` });
      return;
    }
    if (i > 0 && Math.abs(w[0] - r.waypoints[i - 1][0]) > 180) {
      problems.push({ code: 'OUTLINE_TOO_LARGE', message: 'a leg must not cross the antimeridian (±180°)', path: `route.waypoints[${i}]` });
      return;
    }
  }
  let lengthM = 0;
  for (let i = 1; i < r.waypoints.length; i++) {
    const legM = haversineM(r.waypoints[i - 1][0], r.waypoints[i - 1][1], r.waypoints[i][0], r.waypoints[i][1]);
    if (legM > MAX_ROUTE_LEG_KM * 1000) {
      problems.push({ code: 'ROUTE_TOO_LONG', message: `leg ${i} is ${Math.round(legM / 1000)} km; a leg is at most ${MAX_ROUTE_LEG_KM} km (add waypoints)`, path: `route.waypoints[${i}]` });
      return;
    }
    lengthM += legM;
  }
  if (lengthM === 0) {
    problems.push({ code: 'ROUTE_ZERO_LENGTH', message: 'a route must have non-zero length: its waypoints are all one point', path: 'route.waypoints' });
    return;
  }
  const depart = parseInstant(r.departAt, 'route.departAt');
  if (isTimeProblem(depart)) problems.push(depart);
  if (!(r.cruiseSpeedMps >= MIN_CRUISE_SPEED_MPS)) {
    problems.push({ code: 'ROUTE_TOO_LONG', message: `cruiseSpeedMps must be at least ${MIN_CRUISE_SPEED_MPS} m/s`, path: 'route.cruiseSpeedMps' });
    return;
  }
  const flightMs = (lengthM / r.cruiseSpeedMps) * 1000;
  if (!(flightMs <= MAX_ROUTE_DURATION_MS)) {
    problems.push({
      code: 'ROUTE_TOO_LONG',
      path: 'route',
      message: `${(lengthM / 1000).toFixed(1)} km at ${r.cruiseSpeedMps} m/s takes ${formatDuration(flightMs)}; a route plan lasts at most ${MAX_ROUTE_DURATION_H} h`,
    });
    return;
  }
  if (!isTimeProblem(depart)) checkWindow(problems, 'route.departAt', depart, depart + flightMs, nowMs);
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
      const w = parseWindow(v.timeStart, v.timeEnd, { start: `${path}.timeStart`, end: `${path}.timeEnd` }, problems);
      if (w) {
        checkWindow(problems, path, w[0], w[1], nowMs);
        if (w[1] - w[0] > MAX_VOLUME_DURATION_MS) {
          problems.push({ code: 'VOLUME_TOO_LONG', message: `the volume lasts ${formatDuration(w[1] - w[0])}; a volume lasts at most ${MAX_VOLUME_DURATION_H} h`, path });
        }
      }
      for (const p of validateOutline(v.outline, `${path}.outline`, PLAN_OUTLINE_LIMITS)) problems.push(p);
    });
  }
  if (input.route) checkRoute(problems, input.route, nowMs);
  if (input.deadline !== undefined) {
    const d = parseInstant(input.deadline, 'deadline');
    if (isTimeProblem(d)) problems.push(d);
  }
  return problems;
}
