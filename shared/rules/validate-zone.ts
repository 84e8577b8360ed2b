/**
 * Semantic validation of a zone received from a user (a temporary restriction, or an imported
 * zone): its outline, its altitude band and when it applies. Every instant is a strict RFC 3339
 * date-time within 2000–2100, a window ends after it starts, a weekly schedule's validTo is after
 * its validFrom, and (given the clock) a restriction that has already ended is refused.
 * Returns every problem with a code and a path; empty means valid.
 */
import type { ErrorCode } from '../errors/error-codes.js';
import { validateOutline, type OutlineLimits } from '../geo/validate-outline.js';
import type { Applicability, Zone } from '../schemas/zone.js';
import { isTimeProblem, parseInstant } from '../util/time-range.js';

export interface ZoneProblem {
  code: ErrorCode;
  message: string;
  path: string;
}

export type ZoneInput = Pick<Zone, 'outline' | 'altitudeLowerM' | 'altitudeUpperM' | 'applicability'>;

/** Names of the start and end fields in the caller's format (ED-269: startDateTime / endDateTime). */
export interface ApplicabilityFieldNames {
  start: string;
  end: string;
  validFrom: string;
  validTo: string;
}
const OWN_NAMES: ApplicabilityFieldNames = { start: 'start', end: 'end', validFrom: 'validFrom', validTo: 'validTo' };

/**
 * When a zone applies: valid instants, end after start; with `nowMs`, not already over.
 * `path` is where the applicability sits in the caller's document.
 */
export function validateApplicability(a: Applicability, path = 'applicability', nowMs?: number, names: ApplicabilityFieldNames = OWN_NAMES): ZoneProblem[] {
  const problems: ZoneProblem[] = [];
  if (a.kind === 'permanent') return problems;
  const [startKey, endKey] = a.kind === 'window' ? (['start', 'end'] as const) : (['validFrom', 'validTo'] as const);
  const startPath = `${path}.${names[startKey]}`,
    endPath = `${path}.${names[endKey]}`;
  const startIso = a.kind === 'window' ? a.start : a.validFrom;
  const endIso = a.kind === 'window' ? a.end : a.validTo;
  const s = startIso === undefined ? -Infinity : parseInstant(startIso, startPath);
  const e = endIso === undefined ? Infinity : parseInstant(endIso, endPath);
  if (isTimeProblem(s)) problems.push(s);
  if (isTimeProblem(e)) problems.push(e);
  if (isTimeProblem(s) || isTimeProblem(e)) return problems;
  if (e <= s) {
    problems.push({
      code: 'END_BEFORE_START',
      path,
      message: a.kind === 'window' ? `the window must end (${names.end}) after it starts (${names.start})` : `${names.validTo} must be after ${names.validFrom}`,
    });
  } else if (nowMs !== undefined && e < nowMs) {
    problems.push({ code: 'ZONE_ALREADY_ENDED', path: endPath, message: `the ${a.kind === 'window' ? 'window' : 'schedule'} ended at ${endIso}, before now (${new Date(nowMs).toISOString()})` });
  }
  return problems;
}

/** Outline, band and applicability of a zone a user gives; `nowMs` refuses one that has already ended. */
export function validateZoneInput(input: ZoneInput, nowMs?: number, limits?: OutlineLimits): ZoneProblem[] {
  const problems: ZoneProblem[] = [...validateOutline(input.outline, 'outline', limits)];
  const lower = input.altitudeLowerM,
    upper = input.altitudeUpperM;
  if (!Number.isFinite(lower) || !Number.isFinite(upper)) {
    problems.push({ code: 'ALTITUDE_BAND_INVALID', message: 'altitudes must be finite numbers of metres', path: 'altitudeLowerM' });
  } else {
    if (lower < 0 || upper < 0) problems.push({ code: 'NEGATIVE_ALTITUDE', message: 'altitudes are heights ≥ 0 m', path: 'altitudeLowerM' });
    if (lower >= upper) problems.push({ code: 'ALTITUDE_BAND_INVALID', message: 'altitudeLowerM must be below altitudeUpperM', path: 'altitudeLowerM' });
  }
  problems.push(...validateApplicability(input.applicability, 'applicability', nowMs));
  return problems;
}
