/**
 * Three real servers on one PostgreSQL database: 32 conflicting submissions at once, spread over
 * the three, approve exactly one, a hundred times over; every server's index follows the others'
 * approvals (the next conflicting submission to any server names the approved plan), and /health
 * shows the lag.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planBody, square, usccFor } from '../helpers/api-harness.js';
import { call, killAll, type ServerProc, startServer } from '../helpers/server-procs.js';
import { createTestStore, type TestStore } from '../helpers/test-store.js';

const ADMIN = 'cluster-admin-token';
const ROUNDS = 100;
const PER_ROUND = 32;
/** the most pilots a company may register (the registry race below fills it) */
const PILOT_CAP = 12;
let store: TestStore;
let servers: ServerProc[] = [];
const pilots: string[] = [];
let firstApproved = '';
let firstWindow: [string, string] = ['', ''];
const dir = mkdtempSync(join(tmpdir(), 'yukong-cluster-'));

beforeAll(async () => {
  store = createTestStore(dir);
  const env = {
    YUKONG_DB: store.url,
    YUKONG_ADMIN_TOKEN: ADMIN,
    YUKONG_SIM: 'off',
    YUKONG_REGISTRY: 'off',
    YUKONG_RATE_LIMIT_PER_MIN: '0',
    YUKONG_PLAN_QUOTA_PER_HOUR: '0',
    YUKONG_PLAN_QUOTA_PER_COMPANY_HOUR: '0',
    YUKONG_PILOTS_PER_COMPANY: String(PILOT_CAP),
  };
  servers = [await startServer(env)]; // the first migrates; the others join
  servers.push(...(await Promise.all([startServer(env), startServer(env)])));
  for (let i = 0; i < 4; i++) {
    const r = await call(servers[i % 3].base, ADMIN, 'POST', '/api/v1/principals', { role: 'pilot', name: `pilot ${i}`, operatorId: `CO${i}` });
    expect(r.status).toBe(201);
    pilots.push(r.body.token);
  }
}, 240_000);

afterAll(() => {
  killAll();
  store?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('several servers on one PostgreSQL database', () => {
  it('say which server answered, on which store, and which is the primary', async () => {
    const hs = await Promise.all(servers.map((s) => call(s.base, ADMIN, 'GET', '/api/v1/health')));
    expect(new Set(hs.map((h) => h.body.instance)).size).toBe(3);
    for (const h of hs) expect(h.body.store).toBe('postgres');
    const primaries = hs.filter((h) => h.body.cluster.primary);
    expect(primaries).toHaveLength(1);
    for (const h of hs) expect(h.body.cluster.primaryInstance).toBe(primaries[0].body.instance);
  });

  it(`${PER_ROUND} conflicting submissions over 3 servers approve exactly one, ${ROUNDS} times`, { timeout: 600_000 }, async () => {
    const day = Math.ceil(Date.now() / 86_400_000) * 86_400_000 + 86_400_000; // from the day after tomorrow, one hour a round
    const approved: string[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const start = new Date(day + r * 3_600_000).toISOString();
      const end = new Date(day + r * 3_600_000 + 30 * 60_000).toISOString();
      const rs = await Promise.all(
        Array.from({ length: PER_ROUND }, (_, i) => call(servers[i % 3].base, pilots[i % 4], 'POST', '/api/v1/flight-plans', planBody({ start, end, lower: 30 + (i % 7), upper: 100 }))),
      );
      for (const x of rs) expect(x.status, `${JSON.stringify(x.body)}\n${servers.map((s) => s.log()).join('\n')}`).toBe(201);
      const won = rs.filter((x) => x.body.state === 'approved');
      expect(won, `round ${r}`).toHaveLength(1);
      // the others were refused for that very plan, whichever server they reached
      for (const x of rs) if (x !== won[0]) expect(x.body.decision.conflicts.map((c: { id: string }) => c.id)).toContain(won[0].body.id);
      approved.push(won[0].body.id);
    }
    expect(new Set(approved).size).toBe(ROUNDS);
    const hs = await Promise.all(servers.map((s) => call(s.base, ADMIN, 'GET', '/api/v1/health')));
    firstApproved = approved[0];
    firstWindow = [new Date(day).toISOString(), new Date(day + 45 * 60_000).toISOString()]; // round 0 only (bounds are inclusive)
    for (const h of hs) {
      expect(h.body.bookedPlans).toBe(ROUNDS); // every server's index holds every approval
      expect(h.body.cluster.lagMs.samples).toBeGreaterThan(0);
      expect(h.body.cluster.lagMs.p99).toBeGreaterThanOrEqual(0);
    }
  });

  it("a restriction published on one server is in every server's airspace at once", async () => {
    const city = (await call(servers[0].base, ADMIN, 'POST', '/api/v1/principals', { role: 'operator', name: 'A station', stationId: 'A-CQ' })).body.token;
    const z = await call(servers[1].base, city, 'POST', '/api/v1/zones', {
      name: 'drill',
      outline: square([106.4, 29.83], 0.01),
      altitudeLowerM: 0,
      altitudeUpperM: 500,
      reason: 'fire drill',
      restriction: 'prohibited',
      applicability: { kind: 'window', start: firstWindow[0], end: firstWindow[1] },
    });
    expect(z.status).toBe(201);
    // the approved plan it covers is revoked for everyone; every index lets it go
    expect((await call(servers[2].base, ADMIN, 'GET', `/api/v1/flight-plans/${firstApproved}`)).body.state).toBe('revoked');
    const hs = await Promise.all(servers.map((s) => call(s.base, ADMIN, 'GET', '/api/v1/health')));
    for (const h of hs) expect(h.body.bookedPlans).toBe(ROUNDS - 1);
    // and a check on another server meets the zone (read a moment later at most: the lag is milliseconds)
    const check = await call(
      servers[2].base,
      pilots[1],
      'POST',
      '/api/v1/flight-plans/check',
      planBody({ start: firstWindow[0], end: new Date(Date.parse(firstWindow[0]) + 20 * 60_000).toISOString() }),
    );
    expect(check.body.decision?.outcome ?? check.body.outcome).toBe('rejected');
    expect(JSON.stringify(check.body)).toContain(z.body.zone.id);
  });

  it('one Idempotency-Key at every server at once: one decision, the same answer from each; with different requests, one decision and conflicts (never a 500)', async () => {
    const day = Math.ceil(Date.now() / 86_400_000) * 86_400_000 + 20 * 86_400_000; // clear of the rounds above
    for (let r = 0; r < 10; r++) {
      const body = planBody({ c: [106.25 + r * 0.02, 29.6], start: new Date(day + r * 3_600_000).toISOString(), end: new Date(day + r * 3_600_000 + 20 * 60_000).toISOString() });
      const rs = await Promise.all(servers.flatMap((s) => [0, 1].map(() => call(s.base, pilots[2], 'POST', '/api/v1/flight-plans', body, { 'idempotency-key': `same-${r}` }))));
      for (const x of rs) expect(x.status, JSON.stringify(x.body)).toBe(201);
      expect(new Set(rs.map((x) => x.body.id)).size, `round ${r}`).toBe(1);
      expect(new Set(rs.map((x) => x.body.state))).toEqual(new Set(['approved']));
    }
    for (let r = 0; r < 10; r++) {
      // three different plans (apart from each other) under one key, one at each server
      const rs = await Promise.all(
        servers.map((s, i) =>
          call(
            s.base,
            pilots[3],
            'POST',
            '/api/v1/flight-plans',
            planBody({ c: [106.25 + i * 0.1, 29.4 + r * 0.02], start: new Date(day + r * 3_600_000).toISOString(), end: new Date(day + r * 3_600_000 + 20 * 60_000).toISOString() }),
            { 'idempotency-key': `other-${r}` },
          ),
        ),
      );
      const statuses = rs.map((x) => x.status).sort();
      expect(statuses, JSON.stringify(rs.map((x) => x.body))).toEqual([201, 409, 409]);
      for (const x of rs) if (x.status === 409) expect(x.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    }
  });

  it('plans far apart that book the same landing point in the same hour: one approved, whichever servers they reach', { timeout: 120_000 }, async () => {
    const city = (await call(servers[0].base, ADMIN, 'POST', '/api/v1/principals', { role: 'operator', name: 'A station (points)', stationId: 'A-CQ' })).body.token;
    const lp = await call(servers[0].base, city, 'POST', '/api/v1/landing-points', { name: '测试草坪起降点', category: 'grass', lng: 106.46, lat: 29.76, capacityPerHour: 1 });
    expect(lp.status, JSON.stringify(lp.body)).toBe(201);
    // every server knows the point before plans name it
    for (const s of servers) {
      for (let i = 0; i < 50; i++) {
        const known = (await call(s.base, city, 'GET', '/api/v1/landing-points')).body;
        if (JSON.stringify(known).includes(lp.body.id)) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const day = Math.ceil(Date.now() / 86_400_000) * 86_400_000 + 25 * 86_400_000; // clear of the tests above
    for (let r = 0; r < 10; r++) {
      const start = new Date(day + r * 3_600_000 + 5 * 60_000).toISOString();
      const end = new Date(day + r * 3_600_000 + 20 * 60_000).toISOString();
      // six plans 0.25° (≈ 25 km) apart: their volumes share no lock, only the landing point's hour
      const rs = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          call(servers[i % 3].base, pilots[i % 4], 'POST', '/api/v1/flight-plans', { ...planBody({ c: [106.0 + i * 0.25, 29.3], start, end }), departure: lp.body.id }),
        ),
      );
      for (const x of rs) expect(x.status, JSON.stringify(x.body)).toBe(201);
      expect(
        rs.filter((x) => x.body.state === 'approved'),
        `round ${r}`,
      ).toHaveLength(1);
      for (const x of rs)
        if (x.body.state !== 'approved')
          expect(
            x.body.decision.reasons.map((c: { code: string }) => c.code),
            JSON.stringify(x.body.decision.reasons),
          ).toContain('LANDING_POINT_CAPACITY');
    }
  });

  it('a plan with too many cells to lock one by one is decided with the whole airspace locked, not refused for want of locks', { timeout: 120_000 }, async () => {
    const day = Math.ceil(Date.now() / 86_400_000) * 86_400_000 + 3 * 86_400_000;
    // a thin sliver 3° long (its bounding box: 3° × 3°) for 23 hours
    const sliver = planBody({ start: new Date(day).toISOString(), end: new Date(day + 23 * 3_600_000).toISOString() });
    sliver.volumes[0].outline = {
      type: 'Polygon',
      coordinates: [
        [
          [105.3, 28.2],
          [108.3, 31.2],
          [108.3, 31.2001],
          [105.3, 28.2],
        ],
      ],
    } as never;
    // with ordinary submissions at every server at the same time
    const rs = await Promise.all([
      call(servers[0].base, pilots[0], 'POST', '/api/v1/flight-plans', sliver),
      ...servers.map((s, i) =>
        call(
          s.base,
          pilots[1],
          'POST',
          '/api/v1/flight-plans',
          planBody({ c: [106.3 + i * 0.1, 29.3], start: new Date(day + 7 * 86_400_000).toISOString(), end: new Date(day + 7 * 86_400_000 + 20 * 60_000).toISOString() }),
        ),
      ),
    ]);
    for (const x of rs) expect(x.status, JSON.stringify(x.body)).toBe(201);
    expect(rs[0].body.decision.outcome).toBeDefined();
  });

  it('a plan with too many keys is serialised with every decision it conflicts with: one approved, whichever server decides first', { timeout: 180_000 }, async () => {
    const base = Math.ceil(Date.now() / 86_400_000) * 86_400_000 + 12 * 86_400_000;
    for (let r = 0; r < 8; r++) {
      const day = base + r * 86_400_000;
      // ≈ 10 km × 11 km for 23 hours: more keys than are locked one by one (the whole airspace is locked instead)
      const area = planBody({ c: [106.3, 29.3], halfDeg: 0.05, start: new Date(day).toISOString(), end: new Date(day + 23 * 3_600_000).toISOString() });
      // small plans inside it, at the same time, at the other servers
      const small = planBody({ c: [106.3, 29.3], start: new Date(day + 2 * 3_600_000).toISOString(), end: new Date(day + 2.5 * 3_600_000).toISOString() });
      const order = [0, 1, 2].map((k) => (k + r) % 3);
      const rs = await Promise.all([
        call(servers[order[0]].base, pilots[0], 'POST', '/api/v1/flight-plans', area),
        call(servers[order[1]].base, pilots[2], 'POST', '/api/v1/flight-plans', small),
        call(servers[order[2]].base, pilots[3], 'POST', '/api/v1/flight-plans', small),
      ]);
      for (const x of rs) expect(x.status, JSON.stringify(x.body)).toBe(201);
      const approved = rs.filter((x) => x.body.state === 'approved');
      expect(approved, `round ${r}: ${rs.map((x) => `${x.body.id} ${x.body.state}`).join(', ')}`).toHaveLength(1);
    }
  });

  it('registry writes racing over 3 servers: one licence number, one registration, one company, and no more pilots than the cap (never a 500)', { timeout: 180_000 }, async () => {
    const at = (i: number) => servers[i % 3].base;
    for (let r = 0; r < 4; r++) {
      // one company per round, by its USCC: sixteen ids with one code, at once
      const cos = await Promise.all(Array.from({ length: 16 }, (_, i) => call(at(i), ADMIN, 'POST', '/api/v1/companies', { id: `RACE-${r}-${i}`, name: 'race', uscc: usccFor(900 + r) })));
      expect(cos.map((x) => x.status).sort(), JSON.stringify(cos.map((x) => x.body))).toEqual([201, ...Array(15).fill(409)]);
      for (const x of cos) if (x.status === 409) expect(x.body.error.code).toBe('CONFLICT');
      const company = cos.find((x) => x.status === 201)?.body.id as string;
      const admin = (await call(at(r), ADMIN, 'POST', '/api/v1/principals', { role: 'company-admin', name: 'race admin', companyId: company })).body.token as string;
      // one licence number, sixteen pilots at once: one registered
      const licence = { number: `RL-${r}`, class: 'VLOS', categories: ['light'], expires: '2030-01-01' };
      const ps = await Promise.all(Array.from({ length: 16 }, (_, i) => call(at(i), admin, 'POST', '/api/v1/pilots', { name: `p${i}`, companyId: company, licence })));
      expect(ps.map((x) => x.status).sort(), JSON.stringify(ps.map((x) => x.body))).toEqual([201, ...Array(15).fill(409)]);
      for (const x of ps) if (x.status === 409) expect(x.body.error.details).toEqual({ taken: 'licence', value: licence.number });
      // one registration, sixteen aircraft at once: one registered
      const reg = `UAS-CQ-9${r}0001`;
      const as = await Promise.all(
        Array.from({ length: 16 }, (_, i) => call(at(i), admin, 'POST', '/api/v1/aircraft', { registration: reg, serial: `s${i}`, model: 'm', category: 'light', mtowKg: 3, companyId: company })),
      );
      expect(as.map((x) => x.status).sort(), JSON.stringify(as.map((x) => x.body))).toEqual([201, ...Array(15).fill(409)]);
      for (const x of as) if (x.status === 409) expect(x.body.error.details).toEqual({ taken: 'registration', value: reg });
      // sixteen pilots without licences at once where the cap leaves room for fewer: exactly up to the cap
      const more = await Promise.all(Array.from({ length: 16 }, (_, i) => call(at(i), admin, 'POST', '/api/v1/pilots', { name: `q${i}`, companyId: company })));
      expect(
        more.filter((x) => x.status === 201),
        JSON.stringify(more.map((x) => x.body)),
      ).toHaveLength(PILOT_CAP - 1);
      for (const x of more) if (x.status !== 201) expect(x.body.error.code).toBe('COMPANY_LIMIT_REACHED');
      const listed = await call(at(r + 1), admin, 'GET', `/api/v1/pilots?companyId=${company}`);
      expect(listed.status).toBe(200);
      expect(listed.body.pilots).toHaveLength(PILOT_CAP);
    }
  });
});
