/** The catalogue of bad input: every case answers a 4xx with its code, never a 5xx, never a partial record. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, planBody, type Harness } from './helpers/api-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

const base = planBody();
const vol = base.volumes[0];
const withVol = (v: Record<string, unknown>) => ({ ...base, volumes: [{ ...vol, ...v }] });
const route = {
  waypoints: [
    [106.4, 29.83],
    [106.42, 29.84],
  ],
  corridorHalfWidthM: 20,
  cruiseSpeedMps: 10,
  altitudeLowerM: 30,
  altitudeUpperM: 60,
  departAt: '2026-12-01T02:00:00Z',
};
const ring = (n: number) => {
  const r = Array.from({ length: n }, (_, i) => [106.4 + 0.01 * Math.cos((2 * Math.PI * i) / n), 29.83 + 0.01 * Math.sin((2 * Math.PI * i) / n)]);
  return [...r, r[0]];
};

type Case = [name: string, who: string, method: 'GET' | 'POST' | 'DELETE', url: string, body: unknown, status: number, code: string, headers?: Record<string, string>];
const P = '/api/v1/flight-plans';
const cases: Case[] = [
  ['malformed JSON', 'acme', 'POST', P, '{"aircraft":', 400, 'MALFORMED_JSON'],
  ['wrong type', 'acme', 'POST', P, withVol({ altitudeLowerM: '30' }), 400, 'VALIDATION_FAILED'],
  ['unknown category', 'acme', 'POST', P, { ...base, aircraft: { registration: 'x', category: 'jumbo' } }, 400, 'VALIDATION_FAILED'],
  ['unknown mission', 'acme', 'POST', P, { ...base, mission: 'racing' }, 400, 'VALIDATION_FAILED'],
  ['unknown field', 'acme', 'POST', P, { ...base, colour: 'red' }, 400, 'VALIDATION_FAILED'],
  ['priority out of range', 'acme', 'POST', P, { ...base, priority: 101 }, 400, 'VALIDATION_FAILED'],
  ['end before start', 'acme', 'POST', P, withVol({ timeEnd: '2026-12-01T01:00:00Z' }), 400, 'END_BEFORE_START'],
  ['already ended', 'acme', 'POST', P, withVol({ timeStart: '2026-11-30T01:00:00Z', timeEnd: '2026-11-30T02:00:00Z' }), 400, 'PLAN_ALREADY_ENDED'],
  ['more than 30 days ahead', 'acme', 'POST', P, withVol({ timeStart: '2027-01-05T01:00:00Z', timeEnd: '2027-01-05T02:00:00Z' }), 400, 'TOO_FAR_AHEAD'],
  ['not a date-time', 'acme', 'POST', P, withVol({ timeStart: 'tomorrow' }), 400, 'VALIDATION_FAILED'],
  ['lower ≥ upper', 'acme', 'POST', P, withVol({ altitudeLowerM: 100, altitudeUpperM: 100 }), 400, 'ALTITUDE_BAND_INVALID'],
  ['negative altitude', 'acme', 'POST', P, withVol({ altitudeLowerM: -10 }), 400, 'VALIDATION_FAILED'],
  [
    'self-intersecting outline',
    'acme',
    'POST',
    P,
    withVol({
      outline: {
        type: 'Polygon',
        coordinates: [
          [
            [106.4, 29.83],
            [106.41, 29.84],
            [106.41, 29.83],
            [106.4, 29.84],
            [106.4, 29.83],
          ],
        ],
      },
    }),
    400,
    'SELF_INTERSECTING_OUTLINE',
  ],
  [
    'degenerate outline',
    'acme',
    'POST',
    P,
    withVol({
      outline: {
        type: 'Polygon',
        coordinates: [
          [
            [106.4, 29.83],
            [106.41, 29.83],
            [106.42, 29.83],
            [106.4, 29.83],
          ],
        ],
      },
    }),
    400,
    'DEGENERATE_OUTLINE',
  ],
  [
    'ring not closed',
    'acme',
    'POST',
    P,
    withVol({
      outline: {
        type: 'Polygon',
        coordinates: [
          [
            [106.4, 29.83],
            [106.41, 29.83],
            [106.41, 29.84],
            [106.4, 29.84],
          ],
        ],
      },
    }),
    400,
    'RING_NOT_CLOSED',
  ],
  [
    'coordinates out of range',
    'acme',
    'POST',
    P,
    withVol({
      outline: {
        type: 'Polygon',
        coordinates: [
          [
            [206.4, 29.83],
            [106.41, 29.83],
            [106.41, 29.84],
            [206.4, 29.83],
          ],
        ],
      },
    }),
    400,
    'VALIDATION_FAILED',
  ],
  ['zero radius circle', 'acme', 'POST', P, withVol({ outline: { type: 'Circle', center: [106.4, 29.83], radiusM: 0 } }), 400, 'VALIDATION_FAILED'],
  ['too many vertices', 'acme', 'POST', P, withVol({ outline: { type: 'Polygon', coordinates: [ring(1500)] } }), 400, 'VALIDATION_FAILED'],
  ['both volumes and route', 'acme', 'POST', P, { ...base, route }, 400, 'VOLUMES_XOR_ROUTE'],
  ['neither volumes nor route', 'acme', 'POST', P, { aircraft: base.aircraft, mission: 'logistics' }, 400, 'VOLUMES_XOR_ROUTE'],
  ['route in the past', 'acme', 'POST', P, { aircraft: base.aircraft, mission: 'logistics', route: { ...route, departAt: '2026-11-01T00:00:00Z' } }, 400, 'PLAN_ALREADY_ENDED'],
  ['oversized body', 'acme', 'POST', P, { ...base, remarks: 'x'.repeat(3_000_000) }, 413, 'BODY_TOO_LARGE'],
  ['wrong content type', 'acme', 'POST', P, 'plain text', 415, 'UNSUPPORTED_MEDIA_TYPE', { 'content-type': 'text/plain' }],
  ['batch too large', 'acme', 'POST', `${P}/batch`, { plans: Array.from({ length: 101 }, () => base) }, 400, 'VALIDATION_FAILED'],
  ['unknown plan', 'acme', 'GET', `${P}/FP-9999999`, undefined, 404, 'NOT_FOUND'],
  ['action on unknown plan', 'beibei', 'POST', `${P}/FP-9999999/approve`, {}, 404, 'NOT_FOUND'],
  ['unknown action', 'beibei', 'POST', `${P}/FP-0000001/launch`, {}, 400, 'VALIDATION_FAILED'],
  ['bad bbox', 'viewer', 'GET', `${P}?bbox=1,2,3`, undefined, 400, 'VALIDATION_FAILED'],
  ['inverted bbox', 'viewer', 'GET', '/api/v1/zones?bbox=107,29,106,30', undefined, 400, 'VALIDATION_FAILED'],
  ['bad state filter', 'viewer', 'GET', `${P}?state=flying`, undefined, 400, 'VALIDATION_FAILED'],
  ['bad time filter', 'viewer', 'GET', '/api/v1/zones?time=noon', undefined, 400, 'INVALID_TIME'],
  ['leap-second time filter', 'viewer', 'GET', '/api/v1/zones?time=2026-12-01T23:59:60Z', undefined, 400, 'INVALID_TIME'],
  ['time filter out of range', 'viewer', 'GET', '/api/v1/zones?time=9999-01-01T00:00:00Z', undefined, 400, 'TIME_OUT_OF_RANGE'],
  ['unknown route', 'viewer', 'GET', '/api/v1/nothing-here', undefined, 404, 'NOT_FOUND'],
  ['missing token', 'anonymous', 'GET', P, undefined, 401, 'UNAUTHENTICATED'],
  ['bad token', 'no-such-token', 'GET', P, undefined, 401, 'UNAUTHENTICATED'],
  ['pilot without company', 'admin', 'POST', '/api/v1/principals', { role: 'pilot', name: 'x' }, 400, 'VALIDATION_FAILED'],
  ['operator of an unknown station', 'admin', 'POST', '/api/v1/principals', { role: 'operator', name: 'x', stationId: 'B-404' }, 400, 'VALIDATION_FAILED'],
  [
    'restriction with inverted band',
    'city',
    'POST',
    '/api/v1/zones',
    { name: 'r', reason: 'r', outline: { type: 'Circle', center: [106.4, 29.8], radiusM: 500 }, altitudeLowerM: 100, altitudeUpperM: 50, applicability: { kind: 'permanent' } },
    400,
    'ALTITUDE_BAND_INVALID',
  ],
  ['delete unknown restriction', 'city', 'DELETE', '/api/v1/zones/TR-404', undefined, 404, 'NOT_FOUND'],
];

describe('bad input catalogue', () => {
  it.each(cases)('%s', async (_name, who, method, url, body, status, code, headers) => {
    const r = await h.call(who, method, url, body, headers);
    expect(r.status).toBe(status);
    expect(r.body.error.code).toBe(code);
    expect(typeof r.body.error.message).toBe('string');
  });

  it('left no partial record behind', () => {
    const db = h.app.yukong.services.db;
    expect(db.prepare('SELECT COUNT(*) AS n FROM plans').get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT COUNT(*) AS n FROM audit WHERE subject_kind != 'principal' AND actor != 'system:seed'").get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM zones').get()).toEqual({ n: 0 });
  });

  it('a batch answers each plan, good and bad, in order', async () => {
    const r = await h.call('acme', 'POST', `${P}/batch`, { plans: [base, withVol({ timeEnd: '2026-12-01T01:00:00Z' }), planBody({ c: [106.45, 29.85] })] });
    expect(r.status).toBe(200);
    expect(r.body.results.map((x: { status: number; plan?: { state: string }; error?: { code: string } }) => [x.status, x.plan?.state ?? x.error?.code])).toEqual([
      [201, 'approved'],
      [400, 'END_BEFORE_START'],
      [201, 'approved'],
    ]);
  });
});
