/**
 * Time and size limits of inputs, one regression per reproduced bug: volumes until year 9999,
 * crawling routes (and a 500 on /check), leap seconds and years outside 2000–2100, weekly
 * schedules ending before they start, a circle at the pole, and plans wholly outside the region.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/app.js';
import { configFromEnv } from '../server/config.js';
import { ERROR_CODES } from '../shared/errors/error-codes.js';
import { ADMIN, createHarness, planBody, type Harness } from './helpers/api-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

const P = '/api/v1/flight-plans';
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
const withRoute = (r: Record<string, unknown>) => ({ aircraft: base.aircraft, mission: 'logistics', route: { ...route, ...r } });
const restriction = (over: Record<string, unknown> = {}) => ({
  name: 'r',
  reason: 'test',
  outline: { type: 'Circle', center: [106.4, 29.8], radiusM: 500 },
  altitudeLowerM: 0,
  altitudeUpperM: 120,
  applicability: { kind: 'window', start: '2026-12-01T02:00:00Z', end: '2026-12-01T04:00:00Z' },
  ...over,
});
const weekly = (validFrom: string, validTo: string) => ({ kind: 'weekly', periods: [{ days: [1, 2, 3], startTime: '08:00', endTime: '18:00' }], validFrom, validTo });
const ed269 = (applicability: unknown, projection: unknown = { type: 'Circle', center: [106.45, 29.6], radius: 500 }) => ({
  features: [
    {
      identifier: `T-${Math.random().toString(36).slice(2, 8)}`,
      restriction: 'PROHIBITED',
      reason: ['OTHER'],
      applicability,
      geometry: [{ uomDimensions: 'M', lowerLimit: 0, upperLimit: 120, horizontalProjection: projection }],
    },
  ],
});

const counts = () => {
  const db = h.app.yukong.services.db;
  const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  return { plans: n('SELECT COUNT(*) AS n FROM plans'), zones: n('SELECT COUNT(*) AS n FROM zones'), audit: n('SELECT COUNT(*) AS n FROM audit') };
};

type Case = [name: string, who: string, url: string, body: unknown, code: string];
const refused: Case[] = [
  // 1. a volume until year 9999; a volume or route longer than allowed
  ['volume until year 9999', 'acme', P, withVol({ timeEnd: '9999-12-31T23:59:59Z' }), 'TIME_OUT_OF_RANGE'],
  ['volume of 24 h 1 s', 'acme', P, withVol({ timeEnd: '2026-12-02T02:00:01Z' }), 'VOLUME_TOO_LONG'],
  ['volume of 24 h 1 s (check)', 'acme', `${P}/check`, withVol({ timeEnd: '2026-12-02T02:00:01Z' }), 'VOLUME_TOO_LONG'],
  [
    'route of 12 h 22 min (44.5 km at 1 m/s)',
    'acme',
    P,
    withRoute({
      waypoints: [
        [106.3, 29.6],
        [106.76, 29.6],
      ],
      cruiseSpeedMps: 1,
    }),
    'ROUTE_TOO_LONG',
  ],
  // 2. crawling routes: refused by the schema minimum (0.5 m/s), never a date in year +053311 or a 500
  ['route at 1e-9 m/s', 'acme', P, withRoute({ cruiseSpeedMps: 1e-9 }), 'VALIDATION_FAILED'],
  ['route at 1e-300 m/s (check)', 'acme', `${P}/check`, withRoute({ cruiseSpeedMps: 1e-300 }), 'VALIDATION_FAILED'],
  ['route at 0.49 m/s', 'acme', `${P}/check`, withRoute({ cruiseSpeedMps: 0.49 }), 'VALIDATION_FAILED'],
  // 3. unparseable or out-of-range instants, everywhere
  ['volume starting at a leap second', 'acme', P, withVol({ timeStart: '2026-12-01T23:59:60Z', timeEnd: '2026-12-02T01:00:00Z' }), 'INVALID_TIME'],
  ['volume in year 0001', 'acme', `${P}/check`, withVol({ timeStart: '0001-01-01T00:00:00Z' }), 'TIME_OUT_OF_RANGE'],
  ['route departing at a leap second', 'acme', P, withRoute({ departAt: '2026-12-01T23:59:60Z' }), 'INVALID_TIME'],
  ['route departing in 2101', 'acme', `${P}/check`, withRoute({ departAt: '2101-01-01T00:00:00Z' }), 'TIME_OUT_OF_RANGE'],
  ['deadline at a leap second', 'acme', P, { ...base, mission: 'rescue', deadline: '2026-12-01T23:59:60Z' }, 'INVALID_TIME'],
  ['deadline in year 9999', 'acme', P, { ...base, mission: 'rescue', deadline: '9999-01-01T00:00:00Z' }, 'TIME_OUT_OF_RANGE'],
  ['restriction starting at a leap second', 'city', '/api/v1/zones', restriction({ applicability: { kind: 'window', start: '2026-12-01T23:59:60Z', end: '2026-12-02T04:00:00Z' } }), 'INVALID_TIME'],
  ['restriction until year 9999', 'city', '/api/v1/zones', restriction({ applicability: { kind: 'window', start: '2026-12-01T02:00:00Z', end: '9999-12-31T23:59:59Z' } }), 'TIME_OUT_OF_RANGE'],
  ['weekly restriction valid from a leap second', 'city', '/api/v1/zones', restriction({ applicability: weekly('2026-12-01T23:59:60Z', '2027-01-01T00:00:00Z') }), 'INVALID_TIME'],
  ['weekly restriction valid from year 0001 (preview)', 'city', '/api/v1/zones/preview', restriction({ applicability: weekly('0001-01-01T00:00:00Z', '2027-01-01T00:00:00Z') }), 'TIME_OUT_OF_RANGE'],
  // 4. end before start, already ended
  ['weekly validFrom after validTo', 'city', '/api/v1/zones', restriction({ applicability: weekly('2027-01-01T00:00:00Z', '2026-12-15T00:00:00Z') }), 'END_BEFORE_START'],
  ['window ending when it starts', 'city', '/api/v1/zones', restriction({ applicability: { kind: 'window', start: '2026-12-01T04:00:00Z', end: '2026-12-01T04:00:00Z' } }), 'END_BEFORE_START'],
  ['window already over', 'city', '/api/v1/zones', restriction({ applicability: { kind: 'window', start: '2026-11-30T02:00:00Z', end: '2026-11-30T04:00:00Z' } }), 'ZONE_ALREADY_ENDED'],
  ['weekly schedule already over (preview)', 'city', '/api/v1/zones/preview', restriction({ applicability: weekly('2026-01-01T00:00:00Z', '2026-11-01T00:00:00Z') }), 'ZONE_ALREADY_ENDED'],
  // 5. the pole, the antimeridian, absurd footprints
  ['plan: 100 km circle at the pole', 'acme', P, withVol({ outline: { type: 'Circle', center: [0, 90], radiusM: 100_000 } }), 'COORDINATE_OUT_OF_RANGE'],
  ['plan: circle reaching past 85°', 'acme', P, withVol({ outline: { type: 'Circle', center: [0, 84.5], radiusM: 60_000 } }), 'OUTLINE_TOO_LARGE'],
  ['plan: circle across the antimeridian', 'acme', P, withVol({ outline: { type: 'Circle', center: [179.99, 10], radiusM: 5_000 } }), 'OUTLINE_TOO_LARGE'],
  ['plan: 50 km circle (7,854 km²)', 'acme', P, withVol({ outline: { type: 'Circle', center: [106.5, 29.6], radiusM: 50_000 } }), 'OUTLINE_TOO_LARGE'],
  [
    'plan: route leg across the antimeridian',
    'acme',
    `${P}/check`,
    withRoute({
      waypoints: [
        [179.5, 10],
        [-179.5, 10],
      ],
    }),
    'OUTLINE_TOO_LARGE',
  ],
  ['restriction: 100 km circle at the pole (A station)', 'city', '/api/v1/zones', restriction({ outline: { type: 'Circle', center: [0, 90], radiusM: 100_000 } }), 'COORDINATE_OUT_OF_RANGE'],
  [
    'restriction: polygon up to 88°',
    'city',
    '/api/v1/zones/preview',
    restriction({
      outline: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 80],
            [10, 80],
            [10, 88],
            [0, 80],
          ],
        ],
      },
    }),
    'COORDINATE_OUT_OF_RANGE',
  ],
  // ED-269 imports carry the precise code per problem in the details
  ['ED-269 start at a leap second', 'admin', '/api/v1/zones/ed269', ed269([{ permanent: 'NO', startDateTime: '2026-12-01T23:59:60Z', endDateTime: '2026-12-02T02:00:00Z' }]), 'INVALID_ED269'],
  ['ED-269 end in year 9999', 'admin', '/api/v1/zones/ed269', ed269([{ permanent: 'NO', startDateTime: '2026-12-01T00:00:00Z', endDateTime: '9999-12-31T23:59:59Z' }]), 'INVALID_ED269'],
  [
    'ED-269 schedule ending before it starts',
    'admin',
    '/api/v1/zones/ed269',
    ed269([{ permanent: 'NO', startDateTime: '2027-01-01T00:00:00Z', endDateTime: '2026-12-01T00:00:00Z', schedule: [{ day: ['ANY'], startTime: '08:00', endTime: '18:00' }] }]),
    'INVALID_ED269',
  ],
  ['ED-269 circle at the pole', 'admin', '/api/v1/zones/ed269', ed269(undefined, { type: 'Circle', center: [0, 90], radius: 100_000 }), 'INVALID_ED269'],
];

describe('time and size limits: refused with their code, nothing recorded', () => {
  it.each(refused)('%s', async (_name, who, url, body, code) => {
    const before = counts();
    const r = await h.call(who, 'POST', url, body);
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.body.error.code).toBe(code);
    expect(ERROR_CODES).toHaveProperty(code);
    expect(counts()).toEqual(before);
  });

  it('ED-269 problems name their precise code and path', async () => {
    const r = await h.call('admin', 'POST', '/api/v1/zones/ed269', ed269([{ permanent: 'NO', startDateTime: '2026-12-01T23:59:60Z', endDateTime: '9999-01-01T00:00:00Z' }]));
    expect(r.body.error.details.map((p: { code: string; path: string }) => [p.code, p.path])).toEqual([
      ['INVALID_TIME', 'features[0].applicability.startDateTime'],
      ['TIME_OUT_OF_RANGE', 'features[0].applicability.endDateTime'],
    ]);
  });

  it('the limits themselves are accepted: a 24 h volume, a route of just under 12 h, 0.5 m/s', async () => {
    expect((await h.call('acme', 'POST', `${P}/check`, withVol({ timeStart: '2026-12-01T02:00:00Z', timeEnd: '2026-12-02T02:00:00Z' }))).status).toBe(200);
    expect(
      (
        await h.call(
          'acme',
          'POST',
          `${P}/check`,
          withRoute({
            waypoints: [
              [106.3, 29.6],
              [106.7, 29.6],
            ],
            cruiseSpeedMps: 1,
          }),
        )
      ).status,
    ).toBe(200); // 38.7 km: 10.7 h
    expect((await h.call('acme', 'POST', `${P}/check`, withRoute({ cruiseSpeedMps: 0.5 }))).status).toBe(200);
  });

  it('a restriction starting at a leap second is not stored (it was stored and never enforced)', async () => {
    const r = await h.call('city', 'POST', '/api/v1/zones', restriction({ id: 'TR-LEAP', applicability: { kind: 'window', start: '2026-12-01T23:59:60Z', end: '2026-12-02T04:00:00Z' } }));
    expect(r.status).toBe(400);
    expect((await h.call('viewer', 'GET', '/api/v1/zones?kind=temporary')).body.zones.map((z: { id: string }) => z.id)).not.toContain('TR-LEAP');
  });
});

describe('the served region', () => {
  it('a plan wholly outside Chongqing is recorded as rejected, OUTSIDE_SERVICE_AREA, at the A station', async () => {
    const chengdu = planBody({ c: [104.06, 30.67] });
    const r = await h.call('acme', 'POST', P, chengdu);
    expect(r.status).toBe(201);
    expect(r.body.state).toBe('rejected');
    expect(r.body.station).toEqual({ id: 'A-CQ', kind: 'A' });
    expect(r.body.decision.reasons).toContainEqual(expect.objectContaining({ code: 'OUTSIDE_SERVICE_AREA', effect: 'reject' }));
    expect(r.body.decision.suggestions).toEqual([]);
    const checked = await h.call('acme', 'POST', `${P}/check`, { ...chengdu, mission: 'rescue' });
    expect(checked.body.decision.outcome).toBe('rejected');
    const batch = await h.call('acme', 'POST', `${P}/batch`, { plans: [chengdu, planBody({ c: [106.45, 29.85], start: '2026-12-01T05:00:00Z', end: '2026-12-01T05:30:00Z' })] });
    expect(batch.body.results.map((x: { plan: { state: string } }) => x.plan.state)).toEqual(['rejected', 'approved']);
  });

  it('a plan crossing the border is routed to the A station as before, not rejected for it', async () => {
    const m = h.app.yukong.airspace.routing.municipality;
    if (!m || m.kind !== 'polygons') throw new Error('the Chongqing scenario has a municipal outline');
    const ring = m.polygons[0].rings[0];
    const r = await h.call('acme', 'POST', `${P}/check`, planBody({ c: [ring[0], ring[1]], halfDeg: 0.01 }));
    expect(r.status).toBe(200);
    expect(r.body.decision.routing).toMatchObject({ stationId: 'A-CQ', why: 'crosses the municipal border' });
    expect(r.body.decision.reasons.map((x: { code: string }) => x.code)).not.toContain('OUTSIDE_SERVICE_AREA');
  });

  it('the empty scenario serves everywhere', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yukong-empty-'));
    const app = await buildApp({
      config: configFromEnv({ YUKONG_DB: join(dir, 'e.db'), YUKONG_ADMIN_TOKEN: ADMIN, YUKONG_SCENARIO: 'empty', YUKONG_SIM: 'off' }),
      clock: () => Date.parse('2026-12-01T00:00:00Z'),
    });
    try {
      const pilot = await app.inject({ method: 'POST', url: '/api/v1/principals', headers: { authorization: `Bearer ${ADMIN}` }, payload: { role: 'pilot', name: 'p', operatorId: 'ACME' } });
      const r = await app.inject({ method: 'POST', url: P, headers: { authorization: `Bearer ${pilot.json().token}` }, payload: planBody({ c: [2.35, 48.85] }) });
      expect(r.statusCode).toBe(201);
      expect(r.json().state).toBe('approved');
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
