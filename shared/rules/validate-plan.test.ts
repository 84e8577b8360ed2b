import { describe, expect, it } from 'vitest';
import type { FlightPlanInput } from '../schemas/flight-plan.js';
import { validatePlanInput } from './validate-plan.js';

const NOW = Date.parse('2026-12-01T00:00:00Z');
const sq: [number, number][] = [
  [106.5, 29.5],
  [106.51, 29.5],
  [106.51, 29.51],
  [106.5, 29.5],
];
const base = (v: Partial<NonNullable<FlightPlanInput['volumes']>[number]> = {}): FlightPlanInput => ({
  aircraft: { registration: 'R', category: 'light' },
  mission: 'logistics',
  volumes: [{ outline: { type: 'Polygon', coordinates: [sq] }, altitudeLowerM: 30, altitudeUpperM: 100, timeStart: '2026-12-01T02:00:00Z', timeEnd: '2026-12-01T02:30:00Z', ...v }],
});
const route = {
  waypoints: [
    [106.5, 29.5],
    [106.52, 29.5],
  ] as [number, number][],
  corridorHalfWidthM: 20,
  cruiseSpeedMps: 10,
  altitudeLowerM: 30,
  altitudeUpperM: 60,
  departAt: '2026-12-01T02:00:00Z',
};
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
    expect(
      codes(
        base({
          outline: {
            type: 'Polygon',
            coordinates: [
              [
                [106.5, 29.5],
                [106.51, 29.51],
                [106.51, 29.5],
                [106.5, 29.51],
                [106.5, 29.5],
              ],
            ],
          },
        }),
      ),
    ).toEqual(['SELF_INTERSECTING_OUTLINE']);
    expect(
      codes(
        base({
          outline: {
            type: 'Polygon',
            coordinates: [
              [
                [106.5, 29.5],
                [106.51, 29.5],
                [106.52, 29.5],
                [106.5, 29.5],
              ],
            ],
          },
        }),
      ),
    ).toEqual(['DEGENERATE_OUTLINE']);
    expect(
      codes(
        base({
          outline: {
            type: 'Polygon',
            coordinates: [
              [
                [106.5, 95],
                [106.51, 29.5],
                [106.51, 29.51],
                [106.5, 95],
              ],
            ],
          },
        }),
      ),
    ).toEqual(['COORDINATE_OUT_OF_RANGE']);
    expect(codes({ ...base(), route })).toEqual(['VOLUMES_XOR_ROUTE']);
    expect(codes({ ...base(), volumes: undefined })).toEqual(['VOLUMES_XOR_ROUTE']);
    expect(codes({ ...base(), volumes: undefined, route: { ...route, departAt: '2026-11-30T00:00:00Z' } })).toEqual(['PLAN_ALREADY_ENDED']);
    // a route whose waypoints are all one point (a district and its centre landing point picked in turn)
    expect(codes({ ...base(), volumes: undefined, route: { ...route, waypoints: [route.waypoints[0], [...route.waypoints[0]]] } })).toEqual(['ROUTE_ZERO_LENGTH']);
    // a repeated waypoint inside a route with length is a leg of nothing: fine
    expect(codes({ ...base(), volumes: undefined, route: { ...route, waypoints: [route.waypoints[0], ...route.waypoints] } })).toEqual([]);
    expect(
      codes({
        ...base(),
        volumes: undefined,
        route: {
          ...route,
          waypoints: [
            [106.5, 29.5],
            [190, 29.5],
          ],
        },
      }),
    ).toEqual(['COORDINATE_OUT_OF_RANGE']);
  });
  it('reports every problem at once, with paths', () => {
    const p = validatePlanInput({ ...base(), volumes: [base().volumes![0], { ...base().volumes![0], altitudeLowerM: 200, timeEnd: '2026-12-01T01:00:00Z' }] }, NOW);
    expect(p.map((x) => [x.code, x.path])).toEqual([
      ['ALTITUDE_BAND_INVALID', 'volumes[1]'],
      ['END_BEFORE_START', 'volumes[1]'],
    ]);
  });
});

describe('validatePlanInput: time and size limits', () => {
  const routePlan = (r: Partial<typeof route>): FlightPlanInput => ({ ...base(), volumes: undefined, route: { ...route, ...r } });
  it('a volume lasts at most 24 h', () => {
    expect(codes(base({ timeEnd: '2026-12-02T02:00:00Z' }))).toEqual([]);
    expect(codes(base({ timeEnd: '2026-12-02T02:00:01Z' }))).toEqual(['VOLUME_TOO_LONG']);
    expect(codes(base({ timeEnd: '9999-12-31T23:59:59Z' }))).toEqual(['TIME_OUT_OF_RANGE']);
  });
  it('a route lasts at most 12 h at its cruise speed; a crawl is refused, never a date past 2100', () => {
    // 1.9 km: under 12 h even at 0.05 m/s, but slower than 0.5 m/s is no cruise
    expect(codes(routePlan({ cruiseSpeedMps: 0.05 }))).toEqual(['ROUTE_TOO_LONG']);
    expect(codes(routePlan({ cruiseSpeedMps: 1e-9 }))).toEqual(['ROUTE_TOO_LONG']);
    expect(codes(routePlan({ cruiseSpeedMps: 1e-300 }))).toEqual(['ROUTE_TOO_LONG']);
    expect(codes(routePlan({ cruiseSpeedMps: 0.5 }))).toEqual([]); // 3,900 s
    // 600 km at 10 m/s: 16.7 h
    expect(
      codes(
        routePlan({
          waypoints: [
            [106.5, 29.5],
            [112.7, 29.5],
          ],
        }),
      ),
    ).toEqual(['ROUTE_TOO_LONG']);
    expect(
      codes(
        routePlan({
          waypoints: [
            [106.5, 29.5],
            [110.9, 29.5],
          ],
          cruiseSpeedMps: 10,
        }),
      ),
    ).toEqual([]); // 425 km: 11.8 h
  });
  it('every instant is a real RFC 3339 date-time within 2000–2100', () => {
    const p = validatePlanInput(base({ timeStart: '2026-12-01T23:59:60Z' }), NOW);
    expect(p.map((x) => [x.code, x.path])).toEqual([['INVALID_TIME', 'volumes[0].timeStart']]);
    expect(codes(base({ timeStart: '0001-01-01T00:00:00Z' }))).toEqual(['TIME_OUT_OF_RANGE']);
    expect(codes(base({ timeEnd: '2026-02-30T00:00:00Z' }))).toEqual(['INVALID_TIME']);
    expect(codes(routePlan({ departAt: '2026-12-01T23:59:60Z' }))).toEqual(['INVALID_TIME']);
    expect(codes(routePlan({ departAt: '2101-01-01T00:00:00Z' }))).toEqual(['TIME_OUT_OF_RANGE']);
    expect(codes({ ...base(), deadline: '2026-12-01T23:59:60Z' })).toEqual(['INVALID_TIME']);
    expect(codes({ ...base(), deadline: '9999-01-01T00:00:00Z' })).toEqual(['TIME_OUT_OF_RANGE']);
    expect(codes({ ...base(), deadline: '2026-12-01T01:00:00Z' })).toEqual([]);
  });
  it('nothing reaches beyond ±85° or across the antimeridian; a volume covers at most 2,500 km²', () => {
    expect(codes(base({ outline: { type: 'Circle', center: [0, 90], radiusM: 100_000 } }))).toEqual(['COORDINATE_OUT_OF_RANGE']);
    expect(codes(base({ outline: { type: 'Circle', center: [106.5, 29.5], radiusM: 50_000 } }))).toEqual(['OUTLINE_TOO_LARGE']); // 7,854 km²
    expect(codes(base({ outline: { type: 'Circle', center: [106.5, 29.5], radiusM: 25_000 } }))).toEqual([]);
    expect(
      codes(
        routePlan({
          waypoints: [
            [106.5, 86],
            [106.52, 86],
          ],
        }),
      ),
    ).toEqual(['COORDINATE_OUT_OF_RANGE']);
    expect(
      codes(
        routePlan({
          waypoints: [
            [106.5, 84.995],
            [106.52, 84.995],
          ],
        }),
      ),
    ).toEqual(['OUTLINE_TOO_LARGE']);
    expect(
      codes(
        routePlan({
          waypoints: [
            [179.995, 10],
            [179.9, 10],
          ],
        }),
      ),
    ).toEqual(['OUTLINE_TOO_LARGE']);
    expect(
      codes(
        routePlan({
          waypoints: [
            [179.5, 10],
            [-179.5, 10],
          ],
        }),
      ),
    ).toEqual(['OUTLINE_TOO_LARGE']);
  });
});
