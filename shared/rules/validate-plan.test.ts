import { describe, expect, it } from 'vitest';
import type { FlightPlanInput } from '../schemas/flight-plan.js';
import { validatePlanInput } from './validate-plan.js';

const NOW = Date.parse('2026-12-01T00:00:00Z');
const sq: [number, number][] = [[106.5, 29.5], [106.51, 29.5], [106.51, 29.51], [106.5, 29.5]];
const base = (v: Partial<NonNullable<FlightPlanInput['volumes']>[number]> = {}): FlightPlanInput => ({
  aircraft: { registration: 'R', category: 'light' }, mission: 'logistics',
  volumes: [{ outline: { type: 'Polygon', coordinates: [sq] }, altitudeLowerM: 30, altitudeUpperM: 100, timeStart: '2026-12-01T02:00:00Z', timeEnd: '2026-12-01T02:30:00Z', ...v }],
});
const route = { waypoints: [[106.5, 29.5], [106.52, 29.5]] as [number, number][], corridorHalfWidthM: 20, cruiseSpeedMps: 10, altitudeLowerM: 30, altitudeUpperM: 60, departAt: '2026-12-01T02:00:00Z' };
const codes = (p: FlightPlanInput) => validatePlanInput(p, NOW).map((x) => x.code);

describe('validatePlanInput: the invalid plans of the contract', () => {
  it('accepts valid volume and route plans', () => {
    expect(codes(base())).toEqual([]);
    expect(codes({ ...base(), volumes: undefined, route })).toEqual([]);
  });
  it('rejects each invalid case with its code', () => {
    expect(codes(base({ timeEnd: '2026-12-01T01:00:00Z' }))).toEqual(['END_BEFORE_START']);
    expect(codes(base({ timeStart: '2026-11-30T01:00:00Z', timeEnd: '2026-11-30T02:00:00Z' }))).toEqual(['PLAN_ALREADY_ENDED']);
    expect(codes(base({ timeStart: '2026-12-31T01:00:00Z', timeEnd: '2026-12-31T02:00:00Z' }))).toEqual(['TOO_FAR_AHEAD']);
    expect(codes(base({ timeStart: '2026-12-30T23:59:00Z', timeEnd: '2026-12-31T02:00:00Z' }))).toEqual([]); // starts within 30 days
    expect(codes(base({ altitudeLowerM: 100, altitudeUpperM: 100 }))).toEqual(['ALTITUDE_BAND_INVALID']);
    expect(codes(base({ altitudeLowerM: -5 }))).toEqual(['NEGATIVE_ALTITUDE']);
    expect(codes(base({ outline: { type: 'Polygon', coordinates: [[[106.5, 29.5], [106.51, 29.51], [106.51, 29.5], [106.5, 29.51], [106.5, 29.5]]] } }))).toEqual(['SELF_INTERSECTING_OUTLINE']);
    expect(codes(base({ outline: { type: 'Polygon', coordinates: [[[106.5, 29.5], [106.51, 29.5], [106.52, 29.5], [106.5, 29.5]]] } }))).toEqual(['DEGENERATE_OUTLINE']);
    expect(codes(base({ outline: { type: 'Polygon', coordinates: [[[106.5, 95], [106.51, 29.5], [106.51, 29.51], [106.5, 95]]] } }))).toEqual(['COORDINATE_OUT_OF_RANGE']);
    expect(codes({ ...base(), route })).toEqual(['VOLUMES_XOR_ROUTE']);
    expect(codes({ ...base(), volumes: undefined })).toEqual(['VOLUMES_XOR_ROUTE']);
    expect(codes({ ...base(), volumes: undefined, route: { ...route, departAt: '2026-11-30T00:00:00Z' } })).toEqual(['PLAN_ALREADY_ENDED']);
    expect(codes({ ...base(), volumes: undefined, route: { ...route, waypoints: [[106.5, 29.5], [190, 29.5]] } })).toEqual(['COORDINATE_OUT_OF_RANGE']);
  });
  it('reports every problem at once, with paths', () => {
    const p = validatePlanInput({ ...base(), volumes: [base().volumes![0], { ...base().volumes![0], altitudeLowerM: 200, timeEnd: '2026-12-01T01:00:00Z' }] }, NOW);
    expect(p.map((x) => [x.code, x.path])).toEqual([['ALTITUDE_BAND_INVALID', 'volumes[1]'], ['END_BEFORE_START', 'volumes[1]']]);
  });
});
