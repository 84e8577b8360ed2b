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

  it('lists each zone with whether the caller may draft a change of it: exactly the withdrawals the server then accepts', async () => {
    const listed = async (who: string) => (await h.call(who, 'GET', '/api/v1/zones')).body.zones as { id: string; kind: string; mayDraft: boolean }[];
    // 渝北 (500112): its own small zones, and zones along its boundary that lie in it whole
    const yubei = (await h.call('admin', 'POST', '/api/v1/principals', { role: 'operator', name: '渝北值班员', stationId: 'B-500112' })).body.token as string;
    const standing = (await listed(yubei)).filter((z) => z.kind !== 'temporary');
    const draft = (await h.call(yubei, 'POST', '/api/v1/airspace/editions', { title: '渝北空域调整' })).body.id as string;
    let offered = 0;
    for (const z of standing) {
      const r = await h.call(yubei, 'POST', `/api/v1/airspace/editions/${draft}/changes`, { changes: [{ op: 'zone.withdraw', zoneId: z.id }] });
      expect(r.status, `${z.id}: ${JSON.stringify(r.body)}`).toBe(z.mayDraft ? 200 : 403);
      if (z.mayDraft) offered++;
    }
    // some of the city's zones are 渝北's to change, not all; the A station may change every one, a pilot none
    expect(offered).toBeGreaterThan(0);
    expect(offered).toBeLessThan(standing.length);
    // a zone drawn along its boundary touches 北碚 too, yet lies in 渝北 whole: 渝北's; 北碚's own suitable airspace is not
    const may = (id: string) => standing.find((z) => z.id === id)?.mayDraft;
    expect(may('SUITABLE-500112-3')).toBe(true);
    expect(may('SUITABLE-500109')).toBe(false);
    expect((await listed('city')).every((z) => z.mayDraft)).toBe(true);
    expect((await listed('acme')).some((z) => z.mayDraft)).toBe(false);
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
