/** Pricing over HTTP: quotes on decisions, tariff versions by effective time. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TARIFF } from '../shared/pricing/tariff.js';
import { createHarness, planBody, type Harness } from './helpers/api-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('2026-12-01T00:00:00Z');
});
afterAll(() => h.close());

describe('quotes', () => {
  it('every decision that is not rejected carries a quote: a check before filing, the filing, and a rescue priced at zero', async () => {
    const check = await h.call('acme', 'POST', '/api/v1/flight-plans/check', planBody());
    expect(check.body.decision.quote).toMatchObject({ tariffVersion: DEFAULT_TARIFF.version, totalFen: expect.any(Number) });
    expect(check.body.decision.quote.totalFen).toBeGreaterThan(0);
    expect(check.body.decision.quote.lines[0]).toMatchObject({ element: 'airspace', unit: 'km2h' });
    const filed = await h.call('acme', 'POST', '/api/v1/flight-plans', planBody());
    expect(filed.body.decision.quote).toEqual(check.body.decision.quote); // the same plan, the same price
    const rejected = await h.call('other', 'POST', '/api/v1/flight-plans', planBody());
    expect(rejected.body.state).toBe('rejected');
    expect(rejected.body.decision.quote).toBeUndefined();
    const rescue = await h.call('acme', 'POST', '/api/v1/flight-plans/check', planBody({ c: [106.3, 29.8], mission: 'rescue' }));
    expect(rescue.body.decision.quote.totalFen).toBe(0);
    expect(rescue.body.decision.quote.lines.at(-1)).toMatchObject({ element: 'exemption', ref: 'rescue' });
  });

  it('a flight is priced by the tariff in force at its start: a version from 12-15 prices flights from then', async () => {
    const v2 = {
      ...DEFAULT_TARIFF,
      version: 'CQ-TEST-2',
      effectiveFrom: '2026-12-15T00:00:00+08:00',
      airspace: { ...DEFAULT_TARIFF.airspace, layers: DEFAULT_TARIFF.airspace.layers.map((l) => ({ ...l, fenPerKm2Hour: l.fenPerKm2Hour * 2 })) },
    };
    expect((await h.call('beibei', 'POST', '/api/v1/tariffs', v2)).status).toBe(403); // a B station does not publish tariffs
    expect((await h.call('acme', 'POST', '/api/v1/tariffs', v2)).status).toBe(403);
    const published = await h.call('city', 'POST', '/api/v1/tariffs', v2);
    expect(published.status).toBe(201);
    expect((await h.call('city', 'POST', '/api/v1/tariffs', v2)).status).toBe(409); // versions never change
    expect((await h.call('city', 'POST', '/api/v1/tariffs', { ...v2, version: 'PAST', effectiveFrom: '2026-11-01T00:00:00Z' })).body.error.code).toBe('INVALID_TIME');
    expect((await h.call('city', 'POST', '/api/v1/tariffs', { ...v2, version: 'BAD', currency: 'USD' })).status).toBe(400);
    const before = await h.call('acme', 'POST', '/api/v1/flight-plans/check', planBody({ c: [106.35, 29.85], start: '2026-12-14T02:00:00Z', end: '2026-12-14T02:30:00Z' }));
    const after = await h.call('acme', 'POST', '/api/v1/flight-plans/check', planBody({ c: [106.35, 29.85], start: '2026-12-16T02:00:00Z', end: '2026-12-16T02:30:00Z' }));
    expect(before.body.decision.quote.tariffVersion).toBe(DEFAULT_TARIFF.version);
    expect(after.body.decision.quote.tariffVersion).toBe('CQ-TEST-2');
    const airspace = (q: { lines: { element: string; amountFen: number }[] }) => q.lines.filter((l) => l.element === 'airspace').reduce((a, l) => a + l.amountFen, 0);
    expect(Math.abs(airspace(after.body.decision.quote) - 2 * airspace(before.body.decision.quote))).toBeLessThanOrEqual(2);
    const list = (await h.call('viewer', 'GET', '/api/v1/tariffs')).body;
    expect(list.current).toBe(DEFAULT_TARIFF.version);
    expect(list.tariffs.map((t: { version: string }) => t.version)).toEqual([DEFAULT_TARIFF.version, 'CQ-TEST-2']);
    expect(h.app.yukong.services.audit.forSubject('tariff', 'CQ-TEST-2').map((a) => a.action)).toEqual(['publish']);
  });
});

describe('suggestions carry their price', () => {
  it('a rejected plan has no quote, but each suggestion its price and the difference from the plan as asked', async () => {
    const first = await h.call('acme', 'POST', '/api/v1/flight-plans', planBody({ c: [106.33, 29.88], start: '2026-12-03T09:00:00Z', end: '2026-12-03T09:30:00Z' }));
    expect(first.body.state).toBe('approved');
    // the same airspace an hour into the evening peak (17:00–19:30 Beijing): refused, with suggestions
    const r = await h.call('other', 'POST', '/api/v1/flight-plans/check', planBody({ c: [106.33, 29.88], start: '2026-12-03T09:00:00Z', end: '2026-12-03T09:30:00Z' }));
    expect(r.body.decision.outcome).toBe('rejected');
    expect(r.body.decision.quote).toBeUndefined();
    const s = r.body.decision.suggestions;
    expect(s.length).toBeGreaterThan(0);
    for (const x of s) {
      expect(x.quoteFen).toEqual(expect.any(Number));
      expect(x.priceDeltaFen).toEqual(expect.any(Number));
    }
    // the difference is taken from the price of the plan as asked (what the first, identical plan was quoted)
    const asked = first.body.decision.quote.totalFen;
    for (const x of s) expect(x.quoteFen - x.priceDeltaFen).toBe(asked);
  });

  it("a route's suggestion is priced as the route would be filed again (a higher band climbs longer and ends later)", async () => {
    const route = (waypoints: number[][]) => ({
      aircraft: { registration: 'UAS-CQ-000321', category: 'light' },
      mission: 'logistics',
      route: { waypoints, corridorHalfWidthM: 20, cruiseSpeedMps: 12, altitudeLowerM: 40, altitudeUpperM: 80, departAt: '2026-12-04T10:00:00Z' },
    });
    expect(
      (
        await h.call(
          'acme',
          'POST',
          '/api/v1/flight-plans',
          route([
            [106.3, 29.3],
            [106.34, 29.3],
          ]),
        )
      ).body.state,
    ).toBe('approved');
    const crossing = route([
      [106.32, 29.28],
      [106.32, 29.32],
    ]);
    const r = await h.call('other', 'POST', '/api/v1/flight-plans/check', crossing);
    expect(r.body.decision.outcome).toBe('rejected');
    const shifts = r.body.decision.suggestions as { kind: string; shiftS?: number; shiftM?: number; outcome: string; quoteFen: number; timeStart: string; timeEnd: string }[];
    expect(shifts.some((x) => x.kind === 'altitude-shift')).toBe(true);
    for (const x of shifts) {
      const dz = x.shiftM ?? 0;
      const dt = (x.shiftS ?? 0) * 1000;
      const again = { ...crossing, route: { ...crossing.route, altitudeLowerM: 40 + dz, altitudeUpperM: 80 + dz, departAt: new Date(Date.parse(crossing.route.departAt) + dt).toISOString() } };
      const c = await h.call('other', 'POST', '/api/v1/flight-plans/check', again);
      expect([c.body.decision.outcome, c.body.decision.quote.totalFen], x.kind).toEqual([x.outcome, x.quoteFen]);
      const ends = (c.body.volumes as { timeStart: string; timeEnd: string }[]).map((v) => Date.parse(v.timeEnd));
      expect(new Date(Math.max(...ends)).toISOString()).toBe(x.timeEnd);
    }
  });
});
