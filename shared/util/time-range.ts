/**
 * Instants received from users: strict RFC 3339 date-times (`YYYY-MM-DDTHH:MM:SS[.fff…](Z|±HH:MM)`)
 * that name a real calendar instant within the served years. Schema formats let through strings
 * Date.parse cannot read (a leap second `…T23:59:60Z` gives NaN) or reads leniently
 * (`2026-02-30` becomes 2 March), and years such as 0001 or 9999; every instant a user gives goes
 * through `parseInstant` before it is used.
 */
import type { ErrorCode } from '../errors/error-codes.js';

/** The first and last instants accepted: 2000-01-01T00:00:00Z … 2100-12-31T23:59:59.999Z. */
export const MIN_INSTANT_MS = Date.UTC(2000, 0, 1);
export const MAX_INSTANT_MS = Date.UTC(2101, 0, 1) - 1;
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export interface TimeProblem {
  code: Extract<ErrorCode, 'INVALID_TIME' | 'TIME_OUT_OF_RANGE'>;
  message: string;
  path: string;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** Days in a month (the Gregorian calendar repeats every 400 years, so any year maps into 2000–2399). */
const daysIn = (year: number, month: number) => new Date(Date.UTC(2000 + (year % 400), month, 0)).getUTCDate();

/** Milliseconds since the epoch of an RFC 3339 date-time within 2000–2100, or the problem with it. */
export function parseInstant(value: unknown, path = ''): number | TimeProblem {
  if (typeof value !== 'string') return invalidTime(path, 'must be an RFC 3339 date-time string');
  const m = RFC3339.exec(value);
  if (!m) return invalidTime(path, `${shownTime(value)} is not an RFC 3339 date-time (YYYY-MM-DDTHH:MM:SSZ or ±HH:MM offset)`);
  const y = Number(m[1]),
    mo = Number(m[2]),
    d = Number(m[3]),
    h = Number(m[4]),
    mi = Number(m[5]),
    s = Number(m[6]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return invalidTime(path, `${shownTime(value)} is not a calendar date`);
  if (s === 60) return invalidTime(path, `${shownTime(value)}: leap seconds (:60) are not accepted; use :59`);
  if (h > 23 || mi > 59 || s > 59) return invalidTime(path, `${shownTime(value)} is not a time of day`);
  const offH = m[10] === undefined ? 0 : Number(m[10]),
    offM = m[11] === undefined ? 0 : Number(m[11]);
  if (offH > 23 || offM > 59) return invalidTime(path, `${shownTime(value)} has an impossible UTC offset`);
  if (y < MIN_YEAR - 1 || y > MAX_YEAR + 1) return timeOutOfRange(value, path); // (a UTC offset moves an instant by less than a day)
  const frac = m[7] ? Number(m[7].slice(1, 4).padEnd(3, '0')) : 0;
  const sign = m[9] === '-' ? -1 : 1;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s, frac) - sign * (offH * 60 + offM) * 60_000;
  // what the rest of the system computes must be what was checked here
  if (Date.parse(value) !== ms) return invalidTime(path, `${shownTime(value)} cannot be read unambiguously`);
  if (ms < MIN_INSTANT_MS || ms > MAX_INSTANT_MS) return timeOutOfRange(value, path);
  return ms;
}

/** The value as a problem quotes it (the words are made only for a problem). */
const shownTime = (value: string) => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);

function invalidTime(path: string, why: string): TimeProblem {
  return { code: 'INVALID_TIME', message: `${path ? `${path}: ` : ''}${why}`, path };
}

function timeOutOfRange(value: string, path: string): TimeProblem {
  return { code: 'TIME_OUT_OF_RANGE', message: `${path ? `${path}: ` : ''}${shownTime(value)} is outside the years ${MIN_YEAR}–${MAX_YEAR}`, path };
}

export const isTimeProblem = (x: number | TimeProblem): x is TimeProblem => typeof x !== 'number';

/**
 * Parses the instants of a window; pushes their problems and returns [startMs, endMs] when both
 * are valid instants, else null (order and length are the caller's rules).
 */
export function parseWindow(start: unknown, end: unknown, paths: { start: string; end: string }, problems: { push: (p: TimeProblem) => unknown }): [number, number] | null {
  const s = parseInstant(start, paths.start);
  const e = parseInstant(end, paths.end);
  if (isTimeProblem(s)) problems.push(s);
  if (isTimeProblem(e)) problems.push(e);
  return isTimeProblem(s) || isTimeProblem(e) ? null : [s, e];
}

/** "2 h 30 min" style duration for messages. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return 'forever';
  const min = Math.round(ms / 60_000);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60),
    rest = min % 60;
  if (h >= 48) return `${Math.round(h / 24)} days`;
  return rest ? `${h} h ${rest} min` : `${h} h`;
}
