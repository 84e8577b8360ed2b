/** Stations, landing points, zones and plan history over HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, planBody, type Harness } from './helpers/api-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

describe('network catalogue', () => {
  it('tells a principal who it is', async () => {
    expect((await h.call('beibei', 'GET', '/api/v1/me')).body).toMatchObject({ role: 'operator', station: { id: 'B-500109', kind: 'B', districts: ['500109'] } });
    expect((await h.call('city', 'GET', '/api/v1/me')).body.station).toMatchObject({ id: 'A-CQ', districts: 'all' });
    expect((await h.call('acme', 'GET', '/api/v1/me')).body).toMatchObject({ role: 'pilot', operatorId: 'ACME' });
    expect((await h.call('anonymous', 'GET', '/api/v1/me')).status).toBe(401);
  });

  it('lists stations by kind', async () => {
    const all = (await h.call('viewer', 'GET', '/api/v1/stations')).body.stations;
    expect(all.filter((s: { kind: string }) => s.kind === 'B')).toHaveLength(38);
    const a = (await h.call('acme', 'GET', '/api/v1/stations?kind=A')).body.stations;
    expect(a.map((s: { id: string }) => s.id)).toEqual(['A-CQ']);
    expect((await h.call('anonymous', 'GET', '/api/v1/stations')).status).toBe(401);
  });

  it('lists landing points by bbox and district', async () => {
    const all = (await h.call('planner', 'GET', '/api/v1/landing-points')).body.landingPoints;
    expect(all).toHaveLength(200);
    const bb = [106.3, 29.7, 106.6, 29.95];
    const inBox = (await h.call('planner', 'GET', `/api/v1/landing-points?bbox=${bb.join(',')}`)).body.landingPoints;
    const expected = all.filter((p: { location: [number, number] }) => p.location[0] >= bb[0] && p.location[0] <= bb[2] && p.location[1] >= bb[1] && p.location[1] <= bb[3]);
    expect(inBox.map((p: { id: string }) => p.id)).toEqual(expected.map((p: { id: string }) => p.id));
    expect(inBox.length).toBeGreaterThan(0);
    const beibei = (await h.call('planner', 'GET', '/api/v1/landing-points?district=500109')).body.landingPoints;
    expect(beibei.every((p: { districtAdcode: string }) => p.districtAdcode === '500109')).toBe(true);
  });

  it('filters zones by time: a scheduled restriction shows only when it applies', async () => {
    await h.call('city', 'POST', '/api/v1/zones', {
      id: 'TR-NIGHT',
      name: 'night works',
      reason: 'works',
      outline: { type: 'Circle', center: [106.43, 29.83], radiusM: 800 },
      altitudeLowerM: 0,
      altitudeUpperM: 200,
      applicability: { kind: 'weekly', periods: [{ days: [1, 2, 3, 4, 5, 6, 7], startTime: '22:00', endTime: '06:00' }] },
    });
    const at = async (t: string) => (await h.call('viewer', 'GET', `/api/v1/zones?time=${t}&kind=temporary`)).body.zones.map((z: { id: string }) => z.id);
    expect(await at('2026-12-01T15:00:00Z')).toEqual(['TR-NIGHT']); // 23:00 Beijing time
    expect(await at('2026-12-01T04:00:00Z')).toEqual([]); // noon
    expect((await h.call('viewer', 'GET', '/api/v1/zones?altitude=250&kind=temporary')).body.zones).toEqual([]);
  });

  it('lists each zone with the districts it reaches (what a B station may draft for)', async () => {
    const restriction = (id: string, radiusM: number) =>
      h.call('city', 'POST', '/api/v1/zones', {
        id,
        name: id,
        reason: 'works',
        outline: { type: 'Circle', center: [106.43, 29.83], radiusM },
        altitudeLowerM: 0,
        altitudeUpperM: 200,
        applicability: { kind: 'window', start: '2030-01-01T00:00:00Z', end: '2030-01-02T00:00:00Z' },
      });
    expect((await restriction('TR-SMALL', 500)).status).toBe(201);
    expect((await restriction('TR-WIDE', 25_000)).status).toBe(201);
    const zones = (await h.call('beibei', 'GET', '/api/v1/zones?kind=temporary')).body.zones as { id: string; districts: string[] }[];
    const of = (id: string) => zones.find((z) => z.id === id)?.districts;
    // 北碚 alone; 25 km around the same centre reaches 渝北, 沙坪坝 and 合川 too (sorted codes)
    expect(of('TR-SMALL')).toEqual(['500109']);
    expect(of('TR-WIDE')).toEqual(expect.arrayContaining(['500106', '500109', '500112', '500117']));
    expect(of('TR-WIDE')).toEqual([...(of('TR-WIDE') ?? [])].sort());
    // and every zone is listed so
    for (const z of zones) expect(Array.isArray(z.districts)).toBe(true);
  });

  it('shows a plan history to those who may read the plan', async () => {
    const p = (await h.call('acme', 'POST', '/api/v1/flight-plans', planBody({ upper: 150, c: [106.38, 29.81] }))).body;
    await h.call('beibei', 'POST', `/api/v1/flight-plans/${p.id}/approve`, { reason: 'ok' });
    const hist = (await h.call('acme', 'GET', `/api/v1/flight-plans/${p.id}/history`)).body.history;
    expect(hist.map((r: { action: string; toState: string | null }) => [r.action, r.toState])).toEqual([
      ['submit', null],
      ['decide', 'pending'],
      ['approve', 'approved'],
    ]);
    expect(hist[2]).toMatchObject({ actor: expect.stringMatching(/^operator-/), reason: 'ok' });
    expect((await h.call('other', 'GET', `/api/v1/flight-plans/${p.id}/history`)).status).toBe(403);
  });
});
