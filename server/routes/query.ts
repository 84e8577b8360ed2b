/** Parsing of query-string values (validated as strings by the schema, converted here). */
import type { BBox } from '../../shared/geo/types.js';
import { parseInstant } from '../../shared/util/time-range.js';
import { ApiError } from '../errors.js';

export function parseBBox(s: string | undefined): BBox | undefined {
  if (s === undefined) return undefined;
  const b = s.split(',').map(Number) as BBox;
  if (b.length !== 4 || b.some((x) => !Number.isFinite(x)) || b[0] > b[2] || b[1] > b[3] || b[0] < -180 || b[2] > 180 || b[1] < -90 || b[3] > 90) {
    throw new ApiError('VALIDATION_FAILED', 'bbox must be west,south,east,north within ±180, ±90 with west ≤ east and south ≤ north', { bbox: s });
  }
  return b;
}

export function parseNumber(s: string | undefined, name: string): number | undefined {
  if (s === undefined) return undefined;
  const n = Number(s);
  if (!Number.isFinite(n)) throw new ApiError('VALIDATION_FAILED', `${name} must be a number`, { [name]: s });
  return n;
}

export function parseTime(s: string | undefined, name: string): number | undefined {
  if (s === undefined) return undefined;
  const t = parseInstant(s, name);
  if (typeof t !== 'number') throw new ApiError(t.code, t.message, { [name]: s });
  return t;
}
