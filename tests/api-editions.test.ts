/**
 * Airspace editions: drafted, reviewed by a second operator, published by the A station with an
 * effective time; at that time the changes switch at once and exactly the plans they touch are
 * re-checked. Known answers: which plans are revoked, rejected or left alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, planBody, type Harness } from './helpers/api-harness.js';
import { editionState } from '../server/services/edition-state.js';

let h: Harness;
const E = '/api/v1/airspace/editions';
const C1: [number, number] = [106.4, 29.83]; // Beibei
const C2: [number, number] = [106.46, 29.87]; // Beibei, 7 km away
const at = (iso: string) => (h.clock.now = Date.parse(iso));
const codes = (r: { body: { decision: { reasons: { code: string }[] } } }) => r.body.decision.reasons.map((x) => x.code);
const ids: Record<string, string> = {};

const prohibited = (over: Record<string, unknown> = {}) => ({
  id: 'ED-TEST-P',
  name: '缙云山临时保护区',
  kind: 'prohibited',
  outline: { type: 'Circle', center: C1, radiusM: 1500 },
  altitudeLowerM: 0,
  altitudeUpperM: 120,
  applicability: { kind: 'permanent' },
  reason: 'nature reserve',
  source: 'test',
  ...over,
});
const plansAudit = (id: string) => h.app.yukong.services.audit.forSubject('plan', id).map((a) => a.action);

beforeAll(async () => {
  h = await createHarness('2026-12-01T00:00:00Z');
  const r = await h.call('admin', 'POST', '/api/v1/principals', { role: 'operator', name: 'A station second operator', stationId: 'A-CQ' });
  h.tokens.city2 = r.body.token;
  // P1 approved at C1; P2 approved at C2 (untouched); P3 pending at C1 (above 120 m); P4 at C1 ends before the edition
  const p1 = await h.call('acme', 'POST', '/api/v1/flight-plans', planBody({ c: C1 }));
  const p2 = await h.call('acme', 'POST', '/api/v1/flight-plans', planBody({ c: C2 }));
  const p3 = await h.call('other', 'POST', '/api/v1/flight-plans', planBody({ c: C1, upper: 150, start: '2026-12-01T03:00:00Z', end: '2026-12-01T03:30:00Z' }));
  const p4 = await h.call('other', 'POST', '/api/v1/flight-plans', planBody({ c: C1, start: '2026-12-01T00:10:00Z', end: '2026-12-01T00:40:00Z' }));
  expect([p1, p2, p3, p4].map((p) => p.body.state)).toEqual(['approved', 'approved', 'pending', 'approved']);
  Object.assign(ids, { p1: p1.body.id, p2: p2.body.id, p3: p3.body.id, p4: p4.body.id });
});
afterAll(() => h.close());

describe('airspace editions', () => {
  let ed: { id: string };

  it('refusals while drafting: roles, jurisdiction, invalid zones, ids that do not exist — nothing partial written', async () => {
    const body = { title: '北碚保护区', changes: [{ op: 'zone.add', zone: prohibited() }] };
    expect((await h.call('viewer', 'POST', E, body)).status).toBe(403);
    expect((await h.call('acme', 'POST', E, body)).status).toBe(403);
    expect((await h.call('wanzhou', 'POST', E, body)).status).toBe(403); // Beibei is not Wanzhou's
    expect((await h.call('city', 'POST', E, { title: 'x', changes: [{ op: 'zone.add', zone: prohibited({ altitudeUpperM: -5 }) }] })).status).toBe(400);
    expect((await h.call('city', 'POST', E, { title: 'x', changes: [{ op: 'zone.add', zone: prohibited({ kind: 'temporary' }) }] })).body.error.code).toBe('VALIDATION_FAILED');
    expect((await h.call('city', 'POST', E, { title: 'x', changes: [{ op: 'zone.withdraw', zoneId: 'NOPE' }] })).status).toBe(404);
    expect(
      (
        await h.call('city', 'POST', E, {
          title: 'x',
          changes: [
            { op: 'zone.add', zone: prohibited() },
            { op: 'landing-point.retire', landingPointId: 'LP-NOPE' },
          ],
        })
      ).status,
    ).toBe(404);
    expect((await h.call('city', 'GET', E)).body.editions).toEqual([]);
  });

  it('a B operator drafts in its district; its author cannot review it; another district cannot; the A station publishes', async () => {
    const r = await h.call('beibei', 'POST', E, { title: '北碚保护区', changes: [{ op: 'zone.add', zone: prohibited(), note: 'reserve' }] });
    expect(r.status).toBe(201);
    ed = r.body;
    expect(r.body).toMatchObject({ status: 'draft', number: null, changes: [{ index: 0, status: 'accepted', op: 'zone.add' }] });
    expect((await h.call('beibei', 'POST', `${E}/${ed.id}/review`, { verdict: 'approve' })).status).toBe(403); // four eyes
    expect((await h.call('wanzhou', 'POST', `${E}/${ed.id}/review`, { verdict: 'approve' })).status).toBe(403);
    expect((await h.call('city', 'POST', `${E}/${ed.id}/publish`, { effectiveAt: '2026-12-01T01:00:00Z' })).body.error.code).toBe('INVALID_TRANSITION'); // not reviewed
    const rev = await h.call('city', 'POST', `${E}/${ed.id}/review`, { verdict: 'approve', comment: 'ok' });
    expect(rev.body).toMatchObject({ status: 'reviewed', reviewComment: 'ok' });
    expect((await h.call('beibei', 'POST', `${E}/${ed.id}/publish`, { effectiveAt: '2026-12-01T01:00:00Z' })).status).toBe(403);
    expect((await h.call('city', 'POST', `${E}/${ed.id}/publish`, { effectiveAt: '2026-11-30T23:00:00Z' })).body.error.code).toBe('TIME_OUT_OF_RANGE');
  });

  it('the preview names the plans the change touches (not P2 elsewhere, not P4 which ends before) and what becomes of them', async () => {
    // simulated time runs at a speed: the clock stands between two whole milliseconds
    h.clock.now += 0.25;
    const p = await h.call('city', 'GET', `${E}/${ed.id}/preview`);
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    expect(Number.isInteger(p.body.atMs)).toBe(true);
    expect(p.body.changes).toEqual([{ index: 0, op: 'zone.add', ref: 'ED-TEST-P', plans: [ids.p1, ids.p3, ids.p4].sort(), hiddenPlans: 0 }]);
    // another district's station sees how many, not which
    const other = await h.call('wanzhou', 'GET', `${E}/${ed.id}/preview`);
    expect(other.body.changes[0]).toMatchObject({ plans: [], hiddenPlans: 3 });
    expect(other.body.outcome.revoked).toEqual([]);
    // previewed from now (P4 still ahead); nothing was written or switched
    expect(p.body.outcome).toMatchObject({ revoked: [ids.p1, ids.p4].sort(), rejected: [ids.p3] });
    expect((await h.call('acme', 'GET', `/api/v1/flight-plans/${ids.p1}`)).body.state).toBe('approved');
    expect(codes(await h.call('acme', 'POST', '/api/v1/flight-plans/check', planBody({ c: C1 })))).not.toContain('ZONE_PROHIBITED');
  });

  it('published: numbered 1, scheduled; before its time the old airspace decides, at its time the new one, atomically', async () => {
    const r = await h.call('city', 'POST', `${E}/${ed.id}/publish`, { effectiveAt: '2026-12-01T01:00:00Z' });
    expect(r.body).toMatchObject({ status: 'scheduled', number: 1, effectiveAt: '2026-12-01T01:00:00.000Z' });
    at('2026-12-01T00:59:59Z');
    expect(codes(await h.call('acme', 'POST', '/api/v1/flight-plans/check', planBody({ c: C1 })))).not.toContain('ZONE_PROHIBITED');
    expect((await h.call('acme', 'GET', `/api/v1/flight-plans/${ids.p1}`)).body.state).toBe('approved');
    at('2026-12-01T01:00:00Z');
    const after = await h.call('acme', 'POST', '/api/v1/flight-plans/check', planBody({ c: C1 }));
    expect(after.body.decision.outcome).toBe('rejected');
    expect(codes(after)).toContain('ZONE_PROHIBITED');
    const e1 = (await h.call('viewer', 'GET', `${E}/${ed.id}`)).body;
    expect(e1).toMatchObject({ status: 'effective', number: 1, appliedAt: '2026-12-01T01:00:00.000Z' });
    // P4 ended before 01:00: not re-checked; P2 elsewhere: not re-checked
    expect(e1.outcome).toEqual({ rechecked: 2, revoked: [ids.p1], suspended: [], rejected: [ids.p3], unchanged: [], skipped: [] });
  });

  it('every touched plan re-checked and told, none else', async () => {
    const state = async (id: string) => (await h.call('city', 'GET', `/api/v1/flight-plans/${id}`)).body;
    expect((await state(ids.p1)).state).toBe('revoked');
    expect((await state(ids.p1)).stateReason).toMatch(/airspace edition 1/);
    expect((await state(ids.p3)).state).toBe('rejected');
    expect((await state(ids.p2)).state).toBe('approved');
    expect((await state(ids.p4)).state).toBe('approved');
    expect(plansAudit(ids.p1)).toContain('revoke');
    expect(plansAudit(ids.p3)).toContain('reject');
    for (const id of [ids.p2, ids.p4]) expect(plansAudit(id)).toEqual(['submit', 'decide']); // filed and decided, then nothing
  });

  it('a second edition changes it: withdraw the zone, retire a point an approved plan uses (that plan revoked), unchanged plans told', async () => {
    at('2026-12-01T01:05:00Z');
    const lp = (await h.call('city', 'POST', '/api/v1/landing-points', { name: '歇马起降点', category: 'grass', lng: 106.47, lat: 29.88, capacityPerHour: 10 })).body;
    const user = await h.call('acme', 'POST', '/api/v1/flight-plans', { ...planBody({ c: [106.47, 29.88], start: '2026-12-01T05:00:00Z', end: '2026-12-01T05:30:00Z' }), departure: lp.id });
    expect(user.body.state).toBe('approved');
    const inZone = await h.call('acme', 'POST', '/api/v1/flight-plans', planBody({ c: C2, start: '2026-12-01T06:00:00Z', end: '2026-12-01T06:30:00Z' }));
    const waiting = await h.call('acme', 'POST', '/api/v1/flight-plans', planBody({ c: C2, upper: 150, start: '2026-12-01T07:00:00Z', end: '2026-12-01T07:30:00Z' }));
    expect(waiting.body.state).toBe('pending');
    const d = await h.call('planner', 'POST', E, {
      title: '撤销保护区，调整起降点',
      changes: [
        { op: 'zone.withdraw', zoneId: 'ED-TEST-P' },
        { op: 'landing-point.retire', landingPointId: lp.id },
        { op: 'zone.add', zone: prohibited({ id: 'ED-TEST-Q', kind: 'controlled', outline: { type: 'Circle', center: C2, radiusM: 800 } }) },
      ],
    });
    expect(d.status).toBe(201);
    expect((await h.call('planner', 'POST', `${E}/${d.body.id}/review`, { verdict: 'approve' })).status).toBe(403); // planners draft, operators review
    expect((await h.call('city', 'POST', `${E}/${d.body.id}/review`, { verdict: 'approve' })).body.status).toBe('reviewed');
    const pub = await h.call('city2', 'POST', `${E}/${d.body.id}/publish`, { effectiveAt: '2026-12-01T01:10:00Z' });
    expect(pub.body).toMatchObject({ number: 2, status: 'scheduled' });
    at('2026-12-01T01:10:00Z');
    const e2 = (await h.call('viewer', 'GET', E)).body.editions.find((x: { id: string }) => x.id === d.body.id);
    expect(e2.status).toBe('effective');
    // the controlled zone needs an approval P2 and the 06:00 plan were not given: back to an operator
    expect(e2.outcome).toMatchObject({ revoked: [user.body.id], suspended: [ids.p2, inZone.body.id].sort(), unchanged: [waiting.body.id] });
    // the pending plan stays with its operator, its decision now naming the new zone; it is told
    const w = (await h.call('city', 'GET', `/api/v1/flight-plans/${waiting.body.id}`)).body;
    expect(w.state).toBe('pending');
    expect(w.decision.reasons.map((x: { code: string; ref?: string }) => `${x.code}:${x.ref ?? ''}`)).toContain('ZONE_CONTROLLED:ED-TEST-Q');
    expect(plansAudit(waiting.body.id)).toEqual(['submit', 'decide', 'recheck']);
    // and it keeps a quote: the price the new airspace gives it (what /check now quotes for the same plan)
    const again = await h.call('acme', 'POST', '/api/v1/flight-plans/check', planBody({ c: C2, upper: 150, start: '2026-12-01T07:00:00Z', end: '2026-12-01T07:30:00Z' }));
    expect(w.decision.quote).toBeDefined();
    expect(w.decision.quote).toEqual(again.body.decision.quote);
    expect(codes(await h.call('acme', 'POST', '/api/v1/flight-plans/check', planBody({ c: C1 })))).not.toContain('ZONE_PROHIBITED');
    expect((await h.call('viewer', 'GET', '/api/v1/landing-points')).body.landingPoints.map((p: { id: string }) => p.id)).not.toContain(lp.id);
    // its difference still shows the retired point as it was
    const diff = (await h.call('viewer', 'GET', `${E}/${d.body.id}/diff`)).body.features.map((f: { properties: { change: { op: string; side: string; ref: string } } }) => f.properties.change);
    expect(diff).toContainEqual(expect.objectContaining({ op: 'landing-point.retire', side: 'before', ref: lp.id }));
  });

  it('the difference as GeoJSON; the airspace as of any edition; all of it survives a restart', async () => {
    const diff = (await h.call('viewer', 'GET', `${E}/${ed.id}/diff`)).body;
    expect(diff.features.map((f: { properties: { id: string; change: { side: string; op: string } } }) => [f.properties.id, f.properties.change.op, f.properties.change.side])).toEqual([
      ['ED-TEST-P', 'zone.add', 'after'],
    ]);
    const zoneIds = async (n: number) => (await h.call('viewer', 'GET', `/api/v1/airspace/as-of/${n}`)).body.features.map((f: { properties: { id: string } }) => f.properties.id);
    const [z0, z1, z2] = [await zoneIds(0), await zoneIds(1), await zoneIds(2)];
    expect(z0).not.toContain('ED-TEST-P');
    expect(z1).toContain('ED-TEST-P');
    expect(z2).not.toContain('ED-TEST-P');
    expect(z2).toContain('ED-TEST-Q');
    expect(z1.length).toBe(z0.length + 1);
    expect((await h.call('viewer', 'GET', '/api/v1/airspace/as-of/3')).status).toBe(404);
    await h.reopen();
    expect(await zoneIds(2)).toEqual(z2);
    const z = (await h.call('viewer', 'GET', '/api/v1/zones')).body.zones.map((x: { id: string }) => x.id);
    expect(z).toContain('ED-TEST-Q');
    expect(z).not.toContain('ED-TEST-P');
    expect(h.app.yukong.services.audit.forSubject('edition', ed.id).map((a) => a.action)).toEqual(['create', 'review', 'publish', 'effective']);
  });

  it('a failure while taking effect leaves nothing behind: the airspace switches back, no plan changes, the edition marked failed; published again, it takes effect', async () => {
    const svc = h.app.yukong.services;
    at('2026-12-01T01:20:00Z');
    const victim = await h.call('acme', 'POST', '/api/v1/flight-plans', planBody({ c: C1, start: '2026-12-01T08:00:00Z', end: '2026-12-01T08:30:00Z' }));
    expect(victim.body.state).toBe('approved');
    const d = await h.call('city', 'POST', E, { title: '再设保护区', changes: [{ op: 'zone.add', zone: prohibited({ id: 'ED-TEST-R' }) }] });
    await h.call('city2', 'POST', `${E}/${d.body.id}/review`, { verdict: 'approve' });
    const repo = editionState(svc).repo;
    const put = repo.put.bind(repo);
    let failOnce = true;
    repo.put = (e) => {
      if (e.status === 'effective' && failOnce) {
        failOnce = false;
        throw new Error('disk full');
      }
      put(e);
    };
    const r = await h.call('city', 'POST', `${E}/${d.body.id}/publish`, { effectiveAt: '2026-12-01T01:20:00Z' });
    repo.put = put;
    expect(r.body).toMatchObject({ status: 'failed', number: 3, failure: 'disk full' });
    expect(svc.airspace.zones.has('ED-TEST-R')).toBe(false);
    expect((await h.call('city', 'GET', `/api/v1/flight-plans/${victim.body.id}`)).body.state).toBe('approved');
    // decisions go on against the airspace in force
    expect(codes(await h.call('acme', 'POST', '/api/v1/flight-plans/check', planBody({ c: C1 })))).not.toContain('ZONE_PROHIBITED');
    // published again, it takes effect under a new number
    const again = await h.call('city', 'POST', `${E}/${d.body.id}/publish`, { effectiveAt: '2026-12-01T01:20:00Z' });
    expect(again.body).toMatchObject({ status: 'effective', number: 4 });
    expect(codes(await h.call('acme', 'POST', '/api/v1/flight-plans/check', planBody({ c: C1 })))).toContain('ZONE_PROHIBITED');
    expect((await h.call('city', 'GET', `/api/v1/flight-plans/${victim.body.id}`)).body.state).toBe('revoked');
    expect(h.app.yukong.services.audit.forSubject('edition', d.body.id).map((a) => a.action)).toEqual(['create', 'review', 'publish', 'fail', 'publish', 'effective']);
  });

  it("an airborne flight is not revoked for what is behind it; restrictions may not take an edition's zone id; a retired id is not reused", async () => {
    at('2026-12-01T01:30:00Z');
    const lp = (await h.call('city', 'POST', '/api/v1/landing-points', { name: '澄江起降点', category: 'grass', lng: 106.43, lat: 29.9, capacityPerHour: 10 })).body;
    const flight = await h.call('acme', 'POST', '/api/v1/flight-plans', { ...planBody({ c: [106.43, 29.9], start: '2026-12-01T01:31:00Z', end: '2026-12-01T02:30:00Z' }), departure: lp.id });
    expect(flight.body.state).toBe('approved');
    at('2026-12-01T01:32:00Z');
    expect((await h.call('acme', 'POST', `/api/v1/flight-plans/${flight.body.id}/activate`, {})).body.state).toBe('active');
    // an edition retires the point it took off from: the flight is told, not revoked
    const d = await h.call('city', 'POST', E, { title: '停用起降点', changes: [{ op: 'landing-point.retire', landingPointId: lp.id }] });
    await h.call('city2', 'POST', `${E}/${d.body.id}/review`, { verdict: 'approve' });
    const done = await h.call('city', 'POST', `${E}/${d.body.id}/publish`, { effectiveAt: '2026-12-01T01:32:00Z' });
    expect(done.body.status).toBe('effective');
    expect(done.body.outcome.unchanged).toContain(flight.body.id);
    expect((await h.call('city', 'GET', `/api/v1/flight-plans/${flight.body.id}`)).body.state).toBe('active');
    // the retired point's id cannot come back in a draft; an edition's zone id cannot be taken by a restriction
    const reuse = await h.call('city', 'POST', E, {
      title: 'x',
      changes: [{ op: 'landing-point.add', landingPoint: { id: lp.id, name: 'x', category: 'grass', lng: 106.5, lat: 29.95, capacityPerHour: 5 } }],
    });
    expect(reuse.status).toBe(409);
    const restriction = await h.call('city', 'POST', '/api/v1/zones', {
      id: 'ED-TEST-P',
      name: 'x',
      outline: { type: 'Circle', center: C2, radiusM: 300 },
      altitudeLowerM: 0,
      altitudeUpperM: 120,
      applicability: { kind: 'permanent' },
      reason: 'x',
    });
    expect(restriction.status).toBe(409);
  });

  it('withdrawal: a planner never withdraws a draft not its own, another district never, the author and the A station may; a reviewed one only the A station', async () => {
    let n = 0;
    const draft = async () => (await h.call('beibei', 'POST', E, { title: '草案', changes: [{ op: 'zone.add', zone: prohibited({ id: `ED-W-${++n}` }) }] })).body.id as string;
    const a = await draft();
    expect((await h.call('planner', 'POST', `${E}/${a}/withdraw`)).status).toBe(403);
    expect((await h.call('wanzhou', 'POST', `${E}/${a}/withdraw`)).status).toBe(403);
    expect((await h.call('beibei', 'POST', `${E}/${a}/withdraw`)).body.status).toBe('withdrawn');
    expect((await h.call('beibei', 'POST', `${E}/${a}/withdraw`)).body.error.code).toBe('INVALID_TRANSITION');
    const b = await draft();
    await h.call('city', 'POST', `${E}/${b}/review`, { verdict: 'approve' });
    expect((await h.call('beibei', 'POST', `${E}/${b}/withdraw`)).status).toBe(403); // reviewed: the A station's
    expect((await h.call('city2', 'POST', `${E}/${b}/withdraw`)).body.status).toBe('withdrawn');
  });
  it('the list says what each principal may do with each edition: exactly what the server then allows', async () => {
    let n = 0;
    const draft = async () => (await h.call('beibei', 'POST', E, { title: '草案', changes: [{ op: 'zone.add', zone: prohibited({ id: `ED-M-${++n}` }) }] })).body.id as string;
    const reviewed = async () => {
      const id = await draft();
      expect((await h.call('city', 'POST', `${E}/${id}/review`, { verdict: 'approve' })).status).toBe(200);
      return id;
    };
    const allowed = new Map<string, boolean>();
    for (const who of ['beibei', 'wanzhou', 'city', 'city2', 'planner']) {
      const [d1, d2, r1, r2] = [await draft(), await draft(), await reviewed(), await reviewed()];
      const may = (await h.call(who, 'GET', E)).body.may as Record<string, { review: boolean; publish: boolean; withdraw: boolean }>;
      const ok = (r: { status: number }) => r.status === 200;
      const tries: [string, boolean, boolean][] = [
        ['review', may[d1].review, ok(await h.call(who, 'POST', `${E}/${d1}/review`, { verdict: 'approve' }))],
        ['withdraw draft', may[d2].withdraw, ok(await h.call(who, 'POST', `${E}/${d2}/withdraw`))],
        ['publish', may[r1].publish, ok(await h.call(who, 'POST', `${E}/${r1}/publish`, { effectiveAt: '2026-12-02T00:00:00Z' }))],
        ['withdraw reviewed', may[r2].withdraw, ok(await h.call(who, 'POST', `${E}/${r2}/withdraw`))],
      ];
      for (const [what, said, done] of tries) {
        expect(said, `${who} ${what}`).toBe(done);
        allowed.set(`${who} ${what}`, done);
      }
    }
    // not a list of yeses or noes: the author neither reviews nor publishes; the A station does both; another district nothing
    expect(allowed.get('beibei review')).toBe(false);
    expect(allowed.get('beibei withdraw draft')).toBe(true);
    expect(allowed.get('city review')).toBe(true);
    expect(allowed.get('city publish')).toBe(true);
    expect(allowed.get('wanzhou review')).toBe(false);
    expect(allowed.get('wanzhou withdraw draft')).toBe(false);
  });

  it('a change the edition already makes is refused when it is added (it was accepted, and the edition could then not be published)', async () => {
    const lp = (await h.call('city', 'GET', '/api/v1/landing-points')).body.landingPoints.find((p: { districtAdcode: string }) => p.districtAdcode === '500109');
    const d = (await h.call('city', 'POST', E, { title: '重复', changes: [{ op: 'landing-point.retire', landingPointId: lp.id }] })).body;
    const again = await h.call('city', 'POST', `${E}/${d.id}/changes`, { changes: [{ op: 'landing-point.retire', landingPointId: lp.id }] });
    expect([again.status, again.body.error.code, again.body.error.details]).toEqual([404, 'NOT_FOUND', { ref: lp.id }]);
    // within one request too, and nothing of it is written
    const zone = prohibited({ id: 'ED-TWICE' });
    const twice = await h.call('city', 'POST', `${E}/${d.id}/changes`, {
      changes: [
        { op: 'zone.add', zone },
        { op: 'zone.add', zone },
      ],
    });
    expect([twice.status, twice.body.error.details]).toEqual([409, { ref: 'ED-TWICE' }]);
    expect((await h.call('city', 'GET', `${E}/${d.id}`)).body.changes).toHaveLength(1);
    // a zone that meets none of the served districts (Beijing) is a mistake
    const far = await h.call('city', 'POST', `${E}/${d.id}/changes`, {
      changes: [{ op: 'zone.add', zone: prohibited({ id: 'ED-FAR', outline: { type: 'Circle', center: [116.4, 39.9], radiusM: 800 } }) }],
    });
    expect([far.status, far.body.error.details]).toEqual([400, { ref: 'ED-FAR', outside: true }]);
  });
});
