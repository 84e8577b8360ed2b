/** Who may fly: the real-name registry enforced on filing, company admins, and authority over priority. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, planBody, usccFor, type Harness } from './helpers/api-harness.js';

let h: Harness;
const FLIGHT = { start: '2026-12-01T03:00:00Z', end: '2026-12-01T03:20:00Z' };
/** A route from Beibei, `lengthDeg` of longitude long (0.004° ≈ 390 m: within sight; 0.02° ≈ 1.9 km: beyond). */
const route = (registration: string, category: string, lengthDeg: number, extra: Record<string, unknown> = {}) => ({
  aircraft: { registration, category },
  mission: 'inspection',
  route: {
    waypoints: [
      [106.4, 29.83],
      [106.4 + lengthDeg, 29.83],
    ],
    corridorHalfWidthM: 20,
    cruiseSpeedMps: 10,
    altitudeLowerM: 30,
    altitudeUpperM: 80,
    departAt: FLIGHT.start,
  },
  ...extra,
});
const reasons = (plan: { decision: { reasons: { code: string; effect: string }[] } }, effect = 'reject') => plan.decision.reasons.filter((r) => r.effect === effect).map((r) => r.code);

let acmeAdmin: string;
let vlosPilot: string;
let bvlosPilot: string;
let lapsedPilot: string;
beforeAll(async () => {
  h = await createHarness('2026-12-01T00:00:00Z', { YUKONG_REGISTRY: 'enforce' });
  expect((await h.call('admin', 'POST', '/api/v1/companies', { id: 'ACME', name: 'ACME 物流', uscc: usccFor(11) })).status).toBe(201);
  expect((await h.call('admin', 'POST', '/api/v1/companies', { id: 'OTHER', name: 'Other 巡检', uscc: usccFor(12) })).status).toBe(201);
  acmeAdmin = (await h.call('admin', 'POST', '/api/v1/principals', { role: 'company-admin', name: 'ACME admin', companyId: 'ACME' })).body.token;
  const otherAdmin = (await h.call('admin', 'POST', '/api/v1/principals', { role: 'company-admin', name: 'Other admin', companyId: 'OTHER' })).body.token;
  h.tokens.acmeAdmin = acmeAdmin;
  h.tokens.otherAdmin = otherAdmin;
  const aircraft = (registration: string, category: string, companyId = 'ACME') => ({
    registration,
    serial: `SN-${registration}`,
    model: 'test',
    category,
    mtowKg: category === 'small' ? 20 : 5,
    companyId,
  });
  for (const [reg, cat] of [
    ['UAS-CQ-100001', 'light'],
    ['UAS-CQ-100002', 'small'],
    ['UAS-CQ-100003', 'small'],
  ])
    expect((await h.call('acmeAdmin', 'POST', '/api/v1/aircraft', aircraft(reg, cat))).status).toBe(201);
  expect((await h.call('otherAdmin', 'POST', '/api/v1/aircraft', aircraft('UAS-CQ-200001', 'light', 'OTHER'))).status).toBe(201);
  const pilot = async (name: string, licence?: object) => (await h.call('acmeAdmin', 'POST', '/api/v1/pilots', { name, companyId: 'ACME', ...(licence ? { licence } : {}) })).body.token;
  vlosPilot = await pilot('Li VLOS', { number: 'L-1', class: 'VLOS', categories: ['light', 'small'], expires: '2028-01-31' });
  bvlosPilot = await pilot('Wang BVLOS', { number: 'L-2', class: 'BVLOS', categories: ['light', 'small'], expires: '2028-01-31' });
  // registered while the licence was valid; it has lapsed since
  const now = h.clock.now;
  h.clock.now = Date.parse('2026-11-20T00:00:00Z');
  lapsedPilot = await pilot('Zhao lapsed', { number: 'L-3', class: 'BVLOS', categories: ['light', 'small'], expires: '2026-11-30' });
  h.clock.now = now;
  // a fleet policy for the whole of December, and none for UAS-CQ-100003 beyond it? the fleet covers all: give OTHER none
  expect(
    (
      await h.call('acmeAdmin', 'POST', '/api/v1/insurance', {
        companyId: 'ACME',
        registration: null,
        insurer: 'PICC',
        policyNo: 'P-1',
        thirdPartyCny: 5_000_000,
        validFrom: '2026-11-01T00:00:00+08:00',
        validTo: '2026-12-31T23:59:59+08:00',
      })
    ).status,
  ).toBe(201);
});
afterAll(() => h.close());

describe('registry records', () => {
  it('companies need a valid unified social credit code, once; only the admin registers them', async () => {
    const bad = await h.call('admin', 'POST', '/api/v1/companies', {
      id: 'BAD',
      name: 'Bad',
      uscc: `${usccFor(13).slice(0, 17)}0` === usccFor(13) ? `${usccFor(13).slice(0, 17)}1` : `${usccFor(13).slice(0, 17)}0`,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_USCC');
    expect((await h.call('admin', 'POST', '/api/v1/companies', { id: 'ACME2', name: 'twin', uscc: usccFor(11) })).body.error.code).toBe('CONFLICT');
    for (const who of ['acmeAdmin', 'city', 'acme', 'viewer']) expect((await h.call(who, 'POST', '/api/v1/companies', { id: 'X', name: 'x', uscc: usccFor(14) })).status).toBe(403);
    expect((await h.call('admin', 'POST', '/api/v1/principals', { role: 'company-admin', name: 'nobody', companyId: 'NOPE' })).status).toBe(400);
  });

  it('refuses an aircraft whose category does not fit its take-off weight, and a licence that has already expired', async () => {
    const ac = (registration: string, category: string, mtowKg: number) =>
      h.call('otherAdmin', 'POST', '/api/v1/aircraft', { registration, serial: 's', model: 'm', category, mtowKg, companyId: 'OTHER' });
    for (const [category, mtowKg] of [
      ['light', 20],
      ['light', 7.01],
      ['small', 25.5],
      ['medium', 151],
      ['large', 0.1],
      ['large', 150],
      ['micro', 500],
      ['micro', 7.5],
    ] as const) {
      const r = await ac('UAS-CQ-109999', category, mtowKg);
      expect([r.status, r.body.error?.code, r.body.error?.details?.category], `${category} ${mtowKg} kg`).toEqual([400, 'CATEGORY_WEIGHT_MISMATCH', category]);
    }
    // the bounds themselves fit; nothing was written by the refusals
    for (const [i, [category, mtowKg]] of (
      [
        ['micro', 0.249],
        ['light', 7],
        ['small', 25],
        ['medium', 150],
        ['large', 150.5],
      ] as const
    ).entries())
      expect((await ac(`UAS-CQ-10900${i}`, category, mtowKg)).status, `${category} ${mtowKg} kg`).toBe(201);
    expect((await h.call('otherAdmin', 'GET', '/api/v1/aircraft')).body.aircraft.map((a: { registration: string }) => a.registration)).not.toContain('UAS-CQ-109999');
    // the clock is 2026-12-01 00:00Z, 08:00 in Beijing: a licence that ended on 30 November has expired; one ending today has not
    const lapsed = await h.call('otherAdmin', 'POST', '/api/v1/pilots', { name: 'late', companyId: 'OTHER', licence: { number: 'L-9', class: 'VLOS', categories: ['light'], expires: '2026-11-30' } });
    expect([lapsed.status, lapsed.body.error?.code, lapsed.body.error?.details]).toEqual([400, 'LICENCE_ALREADY_EXPIRED', { licence: 'L-9', expires: '2026-11-30' }]);
    expect(
      (await h.call('otherAdmin', 'POST', '/api/v1/pilots', { name: 'today', companyId: 'OTHER', licence: { number: 'L-10', class: 'VLOS', categories: ['light'], expires: '2026-12-01' } })).status,
    ).toBe(201);
    // a licence is one person's: not twice in a company; another company may employ the same person; an expired licence holds no number
    const again = (admin: string, companyId: string, name: string, number = 'l-10 ') =>
      h.call(admin, 'POST', '/api/v1/pilots', { name, companyId, licence: { number, class: 'VLOS', categories: ['light'], expires: '2027-12-01' } });
    const twice = await again('otherAdmin', 'OTHER', 'today again');
    expect([twice.status, twice.body.error?.code, twice.body.error?.details]).toEqual([409, 'CONFLICT', { taken: 'licence', value: 'l-10 ' }]);
    expect((await again('acmeAdmin', 'ACME', 'today')).status).toBe(201);
    expect((await again('acmeAdmin', 'ACME', 'Zhao lapsed', 'L-3')).status).toBe(201); // renewed: the lapsed licence held its number no more
  });

  it("a company admin manages its own company only; nobody reads another company's records", async () => {
    const foreign = await h.call('acmeAdmin', 'POST', '/api/v1/aircraft', { registration: 'UAS-CQ-300001', serial: 's', model: 'm', category: 'light', mtowKg: 3, companyId: 'OTHER' });
    expect(foreign.status).toBe(403);
    expect((await h.call('acmeAdmin', 'POST', '/api/v1/aircraft', { registration: 'uas-cq-100001', serial: 's', model: 'm', category: 'light', mtowKg: 3, companyId: 'ACME' })).body.error.code).toBe(
      'CONFLICT',
    );
    expect((await h.call('acmeAdmin', 'GET', '/api/v1/aircraft?companyId=OTHER')).status).toBe(403);
    expect((await h.call('acme', 'GET', '/api/v1/pilots?companyId=OTHER')).status).toBe(403);
    expect((await h.call('viewer', 'GET', '/api/v1/aircraft')).status).toBe(403);
    const own = (await h.call('acmeAdmin', 'GET', '/api/v1/aircraft')).body.aircraft.map((a: { registration: string }) => a.registration);
    expect(own).toEqual(['UAS-CQ-100001', 'UAS-CQ-100002', 'UAS-CQ-100003']);
    expect((await h.call('beibei', 'GET', '/api/v1/insurance?companyId=ACME')).body.insurance).toHaveLength(1);
    const pilots = (await h.call('acmeAdmin', 'GET', '/api/v1/pilots')).body.pilots;
    expect(pilots.map((p: { licence?: { number: string } }) => p.licence?.number)).toEqual(expect.arrayContaining(['L-1', 'L-2', 'L-3']));
    const audit = h.app.yukong.services.audit.forSubject('aircraft', 'UAS-CQ-100001');
    expect(audit.map((a) => a.action)).toEqual(['register']);
  });

  it("a company admin revokes its own pilots, not another company's", async () => {
    const mine = await h.call('acmeAdmin', 'POST', '/api/v1/pilots', { name: 'leaver', companyId: 'ACME' });
    const theirs = await h.call('otherAdmin', 'POST', '/api/v1/pilots', { name: 'stays', companyId: 'OTHER' });
    expect((await h.call('acmeAdmin', 'DELETE', `/api/v1/principals/${theirs.body.id}`)).status).toBe(403);
    expect((await h.call('acmeAdmin', 'DELETE', `/api/v1/principals/${mine.body.id}`)).status).toBe(204);
    expect((await h.call(mine.body.token, 'GET', '/api/v1/me')).body.error.code).toBe('TOKEN_REVOKED');
    expect((await h.call(theirs.body.token, 'GET', '/api/v1/me')).status).toBe(200);
  });
});

describe('the registry on filing (YUKONG_REGISTRY=enforce)', () => {
  const file = async (token: string, body: object) => (await h.call(token, 'POST', '/api/v1/flight-plans/check', body)).body;

  it('a registered aircraft, flown within sight by a licensed pilot under a valid policy, is approved', async () => {
    const ok = await file(vlosPilot, route('UAS-CQ-100002', 'small', 0.004));
    expect(ok.decision.outcome).toBe('approved');
    expect(reasons(ok)).toEqual([]);
  });

  it('each finding is a coded reason the pilot can act on', async () => {
    expect(reasons(await file(vlosPilot, route('UAS-CQ-999999', 'light', 0.004)))).toContain('AIRCRAFT_NOT_REGISTERED');
    expect(reasons(await file(vlosPilot, route('UAS-CQ-200001', 'light', 0.004)))).toContain('AIRCRAFT_NOT_OWNED');
    expect(reasons(await file(vlosPilot, route('UAS-CQ-100001', 'small', 0.004)))).toContain('CATEGORY_MISMATCH');
    const bvlos = await file(vlosPilot, route('UAS-CQ-100002', 'small', 0.02));
    expect(reasons(bvlos)).toEqual(['PILOT_NOT_LICENSED']);
    expect(bvlos.decision.reasons.find((r: { code: string }) => r.code === 'PILOT_NOT_LICENSED').message).toMatch(/beyond visual line of sight.*VLOS only/);
    expect(reasons(await file(bvlosPilot, route('UAS-CQ-100002', 'small', 0.02)))).toEqual([]);
    expect(reasons(await file(lapsedPilot, route('UAS-CQ-100002', 'small', 0.004)))).toEqual(['LICENCE_EXPIRED']);
    // a pilot created without a licence may fly a light aircraft within sight, not a small one
    expect(reasons(await file('acme', route('UAS-CQ-100001', 'light', 0.004)))).toEqual([]);
    expect(reasons(await file('acme', route('UAS-CQ-100002', 'small', 0.004)))).toEqual(['PILOT_NOT_LICENSED']);
    // the fleet policy ends with December: a January flight is uninsured
    const jan = route('UAS-CQ-100002', 'small', 0.004);
    h.clock.now = Date.parse('2026-12-31T12:00:00Z');
    const uninsured = await file(vlosPilot, { ...jan, route: { ...jan.route, departAt: '2027-01-02T03:00:00Z' } });
    h.clock.now = Date.parse('2026-12-01T00:00:00Z');
    expect(reasons(uninsured)).toEqual(['INSURANCE_MISSING']);
    expect(uninsured.decision.suggestions).toEqual([]); // no shift in time or height fixes who is flying
  });

  it('whoever takes off is checked too: a colleague without the right licence may not activate a BVLOS plan', async () => {
    const r = route('UAS-CQ-100002', 'small', 0.02);
    const plan = (await h.call(bvlosPilot, 'POST', '/api/v1/flight-plans', { ...r, route: { ...r.route, departAt: '2026-12-01T07:00:00Z' } })).body;
    expect(plan.state).toBe('approved');
    h.clock.now = Date.parse('2026-12-01T07:00:00Z');
    const refused = await h.call(vlosPilot, 'POST', `/api/v1/flight-plans/${plan.id}/activate`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('PLAN_NOT_FLYABLE');
    expect(refused.body.error.details.reasons.map((x: { code: string }) => x.code)).toEqual(['PILOT_NOT_LICENSED']);
    expect((await h.call(bvlosPilot, 'POST', `/api/v1/flight-plans/${plan.id}/activate`)).body.state).toBe('active');
    h.clock.now = Date.parse('2026-12-01T00:00:00Z');
  });

  it('a company that is not registered cannot file; the harness pilots of unregistered companies are turned away', async () => {
    const r = await file('other', route('UAS-CQ-200001', 'light', 0.004));
    expect(reasons(r)).not.toContain('COMPANY_NOT_REGISTERED'); // OTHER is registered
    const nobody = await h.call('admin', 'POST', '/api/v1/principals', { role: 'pilot', name: 'ghost', operatorId: 'GHOST' });
    expect(reasons(await file(nobody.body.token, route('UAS-CQ-100001', 'light', 0.004)))).toEqual(['COMPANY_NOT_REGISTERED']);
  });
});

describe('authority over priority', () => {
  it('a priority a company writes is capped at 60 without the emergency credential', async () => {
    const r = await h.call(vlosPilot, 'POST', '/api/v1/flight-plans', { ...route('UAS-CQ-100002', 'small', 0.004), priority: 100 });
    expect(r.body.priority).toBe(60);
    expect(reasons(r.body, 'info')).toContain('PRIORITY_CAPPED');
    expect(r.body.input.priority).toBe(100); // what was asked is kept
  });

  it("no pilot displaces another company's plan by what it writes: an unverified emergency waits for the A station and preempts nothing", async () => {
    const otherPilot = (
      await h.call('otherAdmin', 'POST', '/api/v1/pilots', { name: 'O', companyId: 'OTHER', licence: { number: 'O-1', class: 'BVLOS', categories: ['light'], expires: '2029-01-01' } })
    ).body.token;
    await h.call('otherAdmin', 'POST', '/api/v1/insurance', {
      companyId: 'OTHER',
      registration: null,
      insurer: 'PICC',
      policyNo: 'O-1',
      thirdPartyCny: 1_000_000,
      validFrom: '2026-11-01T00:00:00Z',
      validTo: '2027-11-01T00:00:00Z',
    });
    const spot = { c: [106.44, 29.86] as [number, number], start: '2026-12-01T05:00:00Z', end: '2026-12-01T05:20:00Z' };
    const theirs = (await h.call(otherPilot, 'POST', '/api/v1/flight-plans', { ...planBody(spot), aircraft: { registration: 'UAS-CQ-200001', category: 'light' }, mission: 'inspection' })).body;
    expect(theirs.state).toBe('approved');
    const claim = (await h.call(bvlosPilot, 'POST', '/api/v1/flight-plans', { ...planBody(spot), aircraft: { registration: 'UAS-CQ-100001', category: 'light' }, mission: 'rescue', priority: 100 }))
      .body;
    expect(claim).toMatchObject({ state: 'pending', station: { id: 'A-CQ', kind: 'A' }, priority: 95 }); // a rescue ranks 95, whatever is written
    expect(claim.decision.preempted).toEqual([theirs.id]); // it would, once approved — not now
    expect(reasons(claim, 'approval')).toContain('EMERGENCY_UNVERIFIED');
    expect((await h.call('otherAdmin', 'GET', `/api/v1/flight-plans/${theirs.id}`)).body.state).toBe('approved');
    // the A station confirms the emergency: now it has the priority it asked for, and the other plan is told to re-plan
    const approved = await h.call('city', 'POST', `/api/v1/flight-plans/${claim.id}/approve`, { reason: 'confirmed with 120' });
    expect(approved.status).toBe(200);
    expect(approved.body.priority).toBe(95);
    expect((await h.call('otherAdmin', 'GET', `/api/v1/flight-plans/${theirs.id}`)).body.state).toBe('revoked');
  });

  it("an ordinary plan never displaces another company's at once, whatever priority or mission it writes: an operator decides", async () => {
    const otherPilot = (
      await h.call('otherAdmin', 'POST', '/api/v1/pilots', { name: 'O2', companyId: 'OTHER', licence: { number: 'O-2', class: 'BVLOS', categories: ['light'], expires: '2029-01-01' } })
    ).body.token;
    const spot = { c: [106.42, 29.88] as [number, number], start: '2026-12-01T06:00:00Z', end: '2026-12-01T06:20:00Z' };
    const theirs = (await h.call(otherPilot, 'POST', '/api/v1/flight-plans', { ...planBody(spot), aircraft: { registration: 'UAS-CQ-200001', category: 'light' }, mission: 'sightseeing' })).body;
    expect(theirs).toMatchObject({ state: 'approved', priority: 20 });
    for (const claim of [{ mission: 'logistics', priority: 60 }, { mission: 'uam' }]) {
      const mine = (await h.call(bvlosPilot, 'POST', '/api/v1/flight-plans/check', { ...planBody(spot), aircraft: { registration: 'UAS-CQ-100001', category: 'light' }, ...claim })).body;
      expect(mine.decision.outcome, JSON.stringify(claim)).toBe('pending');
      expect(reasons(mine, 'approval')).toEqual(['PREEMPTION_REVIEW']);
    }
    const filed = (await h.call(bvlosPilot, 'POST', '/api/v1/flight-plans', { ...planBody(spot), aircraft: { registration: 'UAS-CQ-100001', category: 'light' }, mission: 'logistics', priority: 60 }))
      .body;
    expect(filed.state).toBe('pending');
    expect((await h.call('otherAdmin', 'GET', `/api/v1/flight-plans/${theirs.id}`)).body.state).toBe('approved');
    // the station's operator may decide otherwise: then the lower-priority plan is told to re-plan
    expect((await h.call('beibei', 'POST', `/api/v1/flight-plans/${filed.id}/approve`, { reason: 'urgent delivery' })).status).toBe(200);
    expect((await h.call('otherAdmin', 'GET', `/api/v1/flight-plans/${theirs.id}`)).body.state).toBe('revoked');
  });

  it('an airborne flight is never revoked: the conflicting plan goes to the A station, and approving it asks the flight to yield', async () => {
    const ems = 'EMS';
    expect((await h.call('admin', 'POST', '/api/v1/companies', { id: ems, name: '应急救援', uscc: usccFor(15) })).status).toBe(201);
    expect((await h.call('city', 'POST', `/api/v1/companies/${ems}/credentials`, { grant: ['emergency'], reason: 'municipal emergency service' })).status).toBe(200);
    const emsPilot = (await h.call('admin', 'POST', '/api/v1/principals', { role: 'pilot', name: 'E', operatorId: ems })).body.token;
    const spot = { c: [106.46, 29.87] as [number, number], start: '2026-12-01T00:00:00Z', end: '2026-12-01T00:40:00Z' };
    const flying = (await h.call(bvlosPilot, 'POST', '/api/v1/flight-plans', { ...planBody(spot), aircraft: { registration: 'UAS-CQ-100001', category: 'light' }, mission: 'inspection' })).body;
    expect(flying.state).toBe('approved');
    const activated = await h.call(bvlosPilot, 'POST', `/api/v1/flight-plans/${flying.id}/activate`);
    expect(activated.body.state, JSON.stringify(activated.body)).toBe('active');
    // the registry is not enforced for this company's unregistered aircraft here: look only at the authority outcome
    h.app.yukong.services.registryMode = 'off';
    const rescue = (await h.call(emsPilot, 'POST', '/api/v1/flight-plans', { ...planBody(spot), mission: 'rescue' })).body;
    h.app.yukong.services.registryMode = 'enforce';
    expect(rescue).toMatchObject({ state: 'pending', priority: 95, station: { id: 'A-CQ' } });
    expect(reasons(rescue, 'approval')).toContain('ACTIVE_FLIGHT_CONFLICT');
    expect(rescue.decision.preempted).not.toContain(flying.id);
    expect((await h.call('acmeAdmin', 'GET', `/api/v1/flight-plans/${flying.id}`)).body.state).toBe('active');
    h.app.yukong.services.registryMode = 'off';
    expect((await h.call('city', 'POST', `/api/v1/flight-plans/${rescue.id}/approve`, { reason: 'casualty evacuation' })).status).toBe(200);
    h.app.yukong.services.registryMode = 'enforce';
    expect((await h.call('acmeAdmin', 'GET', `/api/v1/flight-plans/${flying.id}`)).body.state).toBe('active'); // still flying
    const history = (await h.call('acmeAdmin', 'GET', `/api/v1/flight-plans/${flying.id}/history`)).body.history.map((a: { action: string }) => a.action);
    expect(history).toContain('yield-requested');
    // the alert is stored with the approval (before any tick), then sent with the next tick
    const alerts = (await h.call('acmeAdmin', 'GET', '/api/v1/alerts?kind=yield')).body.alerts;
    expect(alerts).toEqual([expect.objectContaining({ kind: 'yield', planId: flying.id, severity: 'critical' })]);
    const batch = h.app.yukong.live.tick(h.clock.now);
    expect(batch.alerts).toEqual([expect.objectContaining({ id: alerts[0].id, kind: 'yield', action: 'raise', planId: flying.id })]);
    expect(h.app.yukong.live.tick(h.clock.now).alerts).toEqual([]); // once
    expect((await h.call('otherAdmin', 'GET', '/api/v1/alerts?kind=yield')).body.alerts).toEqual([]);
    // once the flight has landed there is nothing left to yield: the alert clears
    expect((await h.call(bvlosPilot, 'POST', `/api/v1/flight-plans/${flying.id}/complete`)).body.state).toBe('completed');
    h.app.yukong.live.tick(h.clock.now);
    expect((await h.call('acmeAdmin', 'GET', '/api/v1/alerts?kind=yield&open=true')).body.alerts).toEqual([]);
    expect((await h.call('acmeAdmin', 'GET', '/api/v1/alerts?kind=yield')).body.alerts[0].clearedAt).toBeDefined();
  });

  it('with YUKONG_REGISTRY=off the findings are reported as information and never reject', async () => {
    h.app.yukong.services.registryMode = 'off';
    const r = (
      await h.call(vlosPilot, 'POST', '/api/v1/flight-plans/check', { ...route('UAS-CQ-999999', 'light', 0.004), route: { ...route('x', 'light', 0.004).route, departAt: '2026-12-01T09:00:00Z' } })
    ).body;
    h.app.yukong.services.registryMode = 'enforce';
    expect(r.decision.outcome).toBe('approved');
    expect(reasons(r, 'info')).toContain('AIRCRAFT_NOT_REGISTERED');
  });
});

describe('per-company limits', () => {
  it('a company cannot multiply its share by creating pilots: pilots per company, plans per company per hour', async () => {
    const c = await createHarness('2026-12-01T00:00:00Z', { YUKONG_REGISTRY: 'off', YUKONG_PILOTS_PER_COMPANY: '2', YUKONG_PLAN_QUOTA_PER_COMPANY_HOUR: '3' });
    try {
      for (const [id, seed] of [
        ['ACME', 11],
        ['OTHER', 12],
      ] as const)
        expect((await c.call('admin', 'POST', '/api/v1/companies', { id, name: id, uscc: usccFor(seed) })).status).toBe(201);
      c.tokens.acmeAdmin = (await c.call('admin', 'POST', '/api/v1/principals', { role: 'company-admin', name: 'ACME admin', companyId: 'ACME' })).body.token;
      c.tokens.otherAdmin = (await c.call('admin', 'POST', '/api/v1/principals', { role: 'company-admin', name: 'Other admin', companyId: 'OTHER' })).body.token;
      const first = await c.call('acmeAdmin', 'POST', '/api/v1/pilots', { name: 'one', companyId: 'ACME' });
      const second = await c.call('acmeAdmin', 'POST', '/api/v1/pilots', { name: 'two', companyId: 'ACME' });
      expect([first.status, second.status]).toEqual([201, 201]);
      // revoking does not free a place: each pilot was a token once
      expect((await c.call('acmeAdmin', 'DELETE', `/api/v1/principals/${second.body.id}`)).status).toBe(204);
      const third = await c.call('acmeAdmin', 'POST', '/api/v1/pilots', { name: 'three', companyId: 'ACME' });
      expect(third.status).toBe(409);
      expect(third.body.error).toMatchObject({ code: 'COMPANY_LIMIT_REACHED', details: { limit: 2, kind: 'pilots' } });
      const fresh = await c.call('acmeAdmin', 'POST', '/api/v1/pilots', { name: 'fresh', companyId: 'OTHER' });
      expect(fresh.status).toBe(403); // and never for another company
      // plans: the harness pilot `acme` and the registered pilot `one` share ACME's hour
      c.tokens.one = first.body.token;
      const file = (who: string, k: number) => c.call(who, 'POST', '/api/v1/flight-plans', planBody({ c: [106.3 + k * 0.02, 29.8] }));
      expect((await file('acme', 0)).status).toBe(201);
      expect((await file('one', 1)).status).toBe(201);
      expect((await file('acme', 2)).status).toBe(201);
      const over = await file('one', 3);
      expect(over.status).toBe(429);
      expect(over.body.error).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { scope: 'company', perHour: 3, used: 3 } });
      expect((await file('other', 4)).status).toBe(201); // another company is not affected
    } finally {
      await c.close();
    }
  });
});
