import { describe, expect, it } from 'vitest';
import type { Applicability } from '../schemas/zone.js';
import { validateApplicability, validateZoneInput, type ZoneInput } from './validate-zone.js';

const NOW = Date.parse('2026-12-01T00:00:00Z');
const zone = (over: Partial<ZoneInput> = {}): ZoneInput => ({
  outline: { type: 'Circle', center: [106.4, 29.8], radiusM: 500 },
  altitudeLowerM: 0,
  altitudeUpperM: 120,
  applicability: { kind: 'window', start: '2026-12-01T02:00:00Z', end: '2026-12-01T04:00:00Z' },
  ...over,
});
const codes = (z: ZoneInput) => validateZoneInput(z, NOW).map((p) => p.code);
const weekly = (validFrom?: string, validTo?: string): Applicability => ({
  kind: 'weekly',
  periods: [{ days: [1, 2], startTime: '08:00', endTime: '18:00' }],
  ...(validFrom ? { validFrom } : {}),
  ...(validTo ? { validTo } : {}),
});

describe('validateZoneInput', () => {
  it('accepts a valid restriction, permanent, window or weekly', () => {
    expect(codes(zone())).toEqual([]);
    expect(codes(zone({ applicability: { kind: 'permanent' } }))).toEqual([]);
    expect(codes(zone({ applicability: weekly('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z') }))).toEqual([]);
    expect(codes(zone({ applicability: weekly() }))).toEqual([]);
  });
  it('refuses a bad outline or band', () => {
    expect(codes(zone({ outline: { type: 'Circle', center: [0, 90], radiusM: 100_000 } }))).toEqual(['COORDINATE_OUT_OF_RANGE']);
    expect(codes(zone({ outline: { type: 'Circle', center: [179.99, 0], radiusM: 5000 } }))).toEqual(['OUTLINE_TOO_LARGE']);
    expect(codes(zone({ altitudeLowerM: 100, altitudeUpperM: 50 }))).toEqual(['ALTITUDE_BAND_INVALID']);
  });
  it('refuses instants that are not real or outside 2000–2100', () => {
    const p = validateZoneInput(zone({ applicability: { kind: 'window', start: '2026-12-01T23:59:60Z', end: '2026-12-02T04:00:00Z' } }), NOW);
    expect(p.map((x) => [x.code, x.path])).toEqual([['INVALID_TIME', 'applicability.start']]);
    expect(codes(zone({ applicability: { kind: 'window', start: '2026-12-01T02:00:00Z', end: '9999-12-31T23:59:59Z' } }))).toEqual(['TIME_OUT_OF_RANGE']);
    expect(codes(zone({ applicability: weekly('0001-01-01T00:00:00Z') }))).toEqual(['TIME_OUT_OF_RANGE']);
    expect(codes(zone({ applicability: weekly(undefined, '2026-12-01T23:59:60Z') }))).toEqual(['INVALID_TIME']);
  });
  it('refuses an end at or before the start (window and weekly validFrom/validTo)', () => {
    expect(codes(zone({ applicability: { kind: 'window', start: '2026-12-01T04:00:00Z', end: '2026-12-01T04:00:00Z' } }))).toEqual(['END_BEFORE_START']);
    expect(codes(zone({ applicability: weekly('2027-01-01T00:00:00Z', '2026-12-31T00:00:00Z') }))).toEqual(['END_BEFORE_START']);
  });
  it('refuses a restriction that has already ended (given the clock)', () => {
    expect(codes(zone({ applicability: { kind: 'window', start: '2026-11-30T02:00:00Z', end: '2026-11-30T04:00:00Z' } }))).toEqual(['ZONE_ALREADY_ENDED']);
    expect(codes(zone({ applicability: weekly('2026-01-01T00:00:00Z', '2026-11-01T00:00:00Z') }))).toEqual(['ZONE_ALREADY_ENDED']);
    expect(codes(zone({ applicability: { kind: 'window', start: '2026-11-30T02:00:00Z', end: '2026-12-01T04:00:00Z' } }))).toEqual([]); // still running
    expect(validateZoneInput(zone({ applicability: { kind: 'window', start: '2026-11-30T02:00:00Z', end: '2026-11-30T04:00:00Z' } }))).toEqual([]); // no clock: imports
  });
  it('names fields as the caller calls them', () => {
    const p = validateApplicability(weekly('2027-01-01T00:00:00Z', '2026-12-31T23:59:60Z'), 'features[0].applicability', undefined, {
      start: 'startDateTime',
      end: 'endDateTime',
      validFrom: 'startDateTime',
      validTo: 'endDateTime',
    });
    expect(p.map((x) => [x.code, x.path])).toEqual([['INVALID_TIME', 'features[0].applicability.endDateTime']]);
  });
});
