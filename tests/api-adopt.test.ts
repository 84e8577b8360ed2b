/**
 * Adopting the planner's findings as draft editions: each proposal kind becomes a proposed change,
 * accepted or declined one by one, reviewed, published — and the next decisions show its effect.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, planBody, type Harness } from './helpers/api-harness.js';

let h: Harness;
const E = '/api/v1/airspace/editions';
type Lp = { id: string; name: string; location: [number, number]; districtAdcode: string; capacityPerHour: number };
let lps: Lp[];
const hour = (h0: number, m = 0) => new Date(Date.UTC(2026, 11, 1, h0, m)).toISOString();
const route = (a: Lp, b: Lp, departAt: string, lower = 30, upper = 60) => ({
  aircraft: { registration: 'UAS-CQ-000123', category: 'light' },
  mission: 'logistics',
  departure: a.id,
  arrival: b.id,
  route: { waypoints: [a.location, b.location], corridorHalfWidthM: 25, cruiseSpeedMps: 12, altitudeLowerM: lower, altitudeUpperM: upper, departAt },
});
const publish = async (id: string, effectiveAt: string) => {
  expect((await h.call('city2', 'POST', `${E}/${id}/review`, { verdict: 'approve' })).body.status).toBe('reviewed');
  const r = await h.call('city', 'POST', `${E}/${id}/publish`, { effectiveAt });
  expect(r.body.status).toBe('effective');
  return r.body;
};

beforeAll(async () => {
  h = await createHarness('2026-12-01T00:00:00Z');
  h.tokens.city2 = (await h.call('admin', 'POST', '/api/v1/principals', { role: 'operator', name: 'A station second operator', stationId: 'A-CQ' })).body.token;
  lps = (await h.call('viewer', 'GET', '/api/v1/landing-points')).body.landingPoints;
});
afterAll(() => h.close());

async function waitDone(id: string) {
  for (let i = 0; i < 600; i++) {
    const r = await h.call('planner', 'GET', `/api/v1/planner/rollouts/${id}`);
    if (r.body.record.state === 'done' || r.body.record.state === 'failed') return r.body;
    await new Promise((res) => setTimeout(res, 200));
  }
  throw new Error('study did not finish');
}

describe('adopting a rollout phase', () => {
  it("a phase's new sites become proposed landing points; a B operator adopts only its own district's", async () => {
    const study = await h.call('planner', 'POST', '/api/v1/planner/rollouts', { name: 'adopt', phases: [260], traffic: false, seed: 2 });
    const done = await waitDone(study.body.id);
    expect(done.record.state).toBe('done');
    const existing = new Set(lps.map((p) => p.id));
    expect((await h.call('viewer', 'POST', `/api/v1/planner/rollouts/${study.body.id}/adopt`, { phase: 260 })).status).toBe(403);
    expect((await h.call('planner', 'POST', `/api/v1/planner/rollouts/${study.body.id}/adopt`, { phase: 999 })).status).toBe(400);
    const r = await h.call('planner', 'POST', `/api/v1/planner/rollouts/${study.body.id}/adopt`, { phase: 260 });
    expect(r.status).toBe(201);
    const ed = r.body.edition;
    expect(ed.status).toBe('draft');
    expect(ed.origin).toEqual({ kind: 'rollout', ref: `${study.body.id}/260` });
    expect(ed.changes.length).toBeGreaterThan(10);
    for (const c of ed.changes) {
      expect(c).toMatchObject({ op: 'landing-point.add', status: 'proposed', origin: { kind: 'rollout-site' } });
      expect(existing.has(c.landingPoint.id)).toBe(false);
    }
    // every site built by 260 that is not a point yet is proposed or explained
    const sites = (done.result.sites as { id: string; phase: number; location: [number, number] }[]).filter((s) => s.phase <= 260);
    const near = (s: { location: [number, number] }) => lps.some((p) => Math.hypot((p.location[0] - s.location[0]) * 96_800, (p.location[1] - s.location[1]) * 111_000) < 200);
    expect(ed.changes.length + r.body.notAdopted.length).toBe(sites.filter((s) => !near(s)).length);
    // a B station: only the sites in Beibei; the rest listed as outside its jurisdiction
    const b = await h.call('beibei', 'POST', `/api/v1/planner/rollouts/${study.body.id}/adopt`, { phase: 260 });
    const inBeibei = ed.changes.filter((c: { landingPoint: { id: string } }) => c.landingPoint.id.startsWith('LP-500109-')).length;
    expect(b.status).toBe(inBeibei ? 201 : 400);
    if (inBeibei) {
      expect(b.body.edition.changes).toHaveLength(inBeibei);
      expect(b.body.notAdopted.filter((n: { code: string }) => n.code === 'OUTSIDE_JURISDICTION')).toHaveLength(ed.changes.length - inBeibei);
    } else expect(b.body.error.code).toBe('VALIDATION_FAILED'); // nothing to adopt, each one explained
    // a proposed change blocks review until decided; accept two, decline the rest, publish: two new points
    expect((await h.call('city2', 'POST', `${E}/${ed.id}/review`, { verdict: 'approve' })).body.error.code).toBe('VALIDATION_FAILED');
    for (const c of ed.changes.slice(0, 2)) expect((await h.call('planner', 'PATCH', `${E}/${ed.id}/changes/${c.index}`, { status: 'accepted' })).status).toBe(200);
    // the rest at once, all or none: an index that does not exist refuses the whole request
    const rest = ed.changes.slice(2).map((c: { index: number }) => c.index);
    expect((await h.call('planner', 'PATCH', `${E}/${ed.id}/changes`, { status: 'declined', indexes: [...rest, 99_999] })).status).toBe(404);
    const declined = await h.call('planner', 'PATCH', `${E}/${ed.id}/changes`, { status: 'declined', indexes: rest });
    expect(declined.body.changes.map((c: { status: string }) => c.status)).toEqual(ed.changes.map((_: unknown, i: number) => (i < 2 ? 'accepted' : 'declined')));
    await publish(ed.id, '2026-12-01T00:00:00Z');
    const now = (await h.call('viewer', 'GET', '/api/v1/landing-points')).body.landingPoints.map((p: Lp) => p.id);
    expect(now.length).toBe(lps.length + 2);
    expect(now).toEqual(expect.arrayContaining([ed.changes[0].landingPoint.id, ed.changes[1].landingPoint.id]));
    expect(now).not.toContain(ed.changes[2].landingPoint.id);
  });
});

describe('adopting the usage evaluation', () => {
  it('corridor, weekly opening and capacity proposals become changes with their evidence; published, the next decisions change', async () => {
    const [a, b] = (() => {
      const bb = lps.filter((p) => p.districtAdcode === '500109');
      for (const x of bb) for (const y of bb) if (x.id < y.id && Math.hypot((x.location[0] - y.location[0]) * 96_800, (x.location[1] - y.location[1]) * 111_000) < 16_000) return [x, y];
      throw new Error('no pair');
    })();
    // a corridor's evidence: 8 flights between a and b
    for (let i = 0; i < 8; i++) expect((await h.call('acme', 'POST', '/api/v1/flight-plans', route(i % 2 ? b : a, i % 2 ? a : b, hour(1 + i)))).body.state).toBe('approved');
    // a zone (not an airport's) that turns flights away at 02:00–03:00 Beijing time (18:00Z)
    const C: [number, number] = [106.5, 29.9];
    const zoneEd = await h.call('city', 'POST', E, {
      title: '保护区',
      changes: [
        {
          op: 'zone.add',
          zone: {
            id: 'ED-RESERVE',
            name: '保护区',
            kind: 'prohibited',
            outline: { type: 'Circle', center: C, radiusM: 800 },
            altitudeLowerM: 0,
            altitudeUpperM: 120,
            applicability: { kind: 'permanent' },
            reason: 'reserve',
            source: 'test',
          },
        },
      ],
    });
    await publish(zoneEd.body.id, '2026-12-01T00:00:00Z');
    for (let i = 0; i < 3; i++)
      expect((await h.call('other', 'POST', '/api/v1/flight-plans', planBody({ c: C, halfDeg: 0.002, start: hour(18, i * 15), end: hour(18, i * 15 + 10) }))).body.state).toBe('rejected');
    // a saturated point: capacity 2, three departures in one hour
    const small = (await h.call('city', 'POST', '/api/v1/landing-points', { name: '小型起降点', category: 'rooftop', lng: 106.44, lat: 29.86, capacityPerHour: 2 })).body as Lp;
    const dep = (i: number) => ({ ...planBody({ c: [106.44 + i * 0.02, 29.86], halfDeg: 0.003, start: hour(12, i * 10), end: hour(12, i * 10 + 8) }), departure: small.id });
    const states = [];
    for (let i = 0; i < 3; i++) states.push((await h.call('acme', 'POST', '/api/v1/flight-plans', dep(i))).body.state);
    expect(states).toEqual(['approved', 'approved', 'rejected']);

    const window = { from: '2026-12-01T00:00:00Z', to: '2026-12-02T00:00:00Z' };
    expect((await h.call('viewer', 'POST', '/api/v1/planner/usage/adopt', window)).status).toBe(403);
    const r = await h.call('planner', 'POST', '/api/v1/planner/usage/adopt', window);
    expect(r.status).toBe(201);
    const ed = r.body.edition;
    const byKind = (k: string) => ed.changes.filter((c: { origin: { kind: string } }) => c.origin.kind === k);
    const corridor = byKind('corridor').find((c: { zone: { corridorEnds: string[] } }) => [a.id, b.id].every((id) => c.zone.corridorEnds.includes(id)));
    expect(corridor).toMatchObject({ op: 'zone.add', status: 'proposed', zone: { kind: 'corridor' }, origin: { evidence: { flights: 8 } } });
    expect(byKind('zone-schedule')).toEqual([
      expect.objectContaining({
        op: 'zone.change',
        zone: expect.objectContaining({
          id: 'ED-RESERVE',
          applicability: {
            kind: 'weekly',
            utcOffsetMin: 480,
            periods: [
              { days: [1, 2, 3, 4, 5, 6, 7], startTime: '00:00', endTime: '02:00' },
              { days: [1, 2, 3, 4, 5, 6, 7], startTime: '03:00', endTime: '24:00' },
            ],
          },
        }),
        origin: expect.objectContaining({ evidence: expect.objectContaining({ rejected: 3, offPeakRejected: 3, window: '02:00–03:00' }) }),
      }),
    ]);
    expect(byKind('landing-point-capacity')).toEqual([expect.objectContaining({ op: 'landing-point.change', landingPointId: small.id, patch: { capacityPerHour: 4 } })]);
    expect(r.body.notAdopted.every((n: { kind: string; code: string }) => n.kind === 'hot-cell' && n.code === 'HOT_CELL_ADVICE')).toBe(true);

    // accept the three, decline anything else; publish at 01:00Z
    for (const c of ed.changes) await h.call('city', 'PATCH', `${E}/${ed.id}/changes/${c.index}`, { status: c === corridor || c.origin.kind !== 'corridor' ? 'accepted' : 'declined' });
    h.clock.now = Date.parse('2026-12-01T00:30:00Z');
    await publish(ed.id, '2026-12-01T00:30:00Z');
    // the zone is open 02:00–03:00 Beijing time, in force at 04:00
    expect((await h.call('other', 'POST', '/api/v1/flight-plans/check', planBody({ c: C, halfDeg: 0.002, start: hour(18, 20), end: hour(18, 30) }))).body.decision.outcome).toBe('approved');
    expect((await h.call('other', 'POST', '/api/v1/flight-plans/check', planBody({ c: C, halfDeg: 0.002, start: hour(20, 0), end: hour(20, 10) }))).body.decision.outcome).toBe('rejected');
    // the point takes a third departure in the hour
    expect((await h.call('acme', 'POST', '/api/v1/flight-plans/check', dep(2))).body.decision.outcome).toBe('approved');
    // in the corridor's upper lane, at 140–230 m, a flight b → a needs no approval; outside a corridor it would
    const up = await h.call('acme', 'POST', '/api/v1/flight-plans/check', route(corridor.zone.corridorEnds[1] === b.id ? b : a, corridor.zone.corridorEnds[1] === b.id ? a : b, hour(10), 150, 220));
    expect(up.body.decision.outcome).toBe('approved');
    expect(up.body.decision.reasons.map((x: { code: string }) => x.code)).toContain('DESIGNATED_AIRSPACE');
  });
});
