/** Demo sign-in: one click on a local demo install, short-lived, audited; off elsewhere. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/app.js';
import { configFromEnv } from '../server/config.js';
import { createHarness, planBody, type Harness } from './helpers/api-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('2026-12-01T00:00:00Z', { YUKONG_REGISTRY: 'enforce' });
});
afterAll(() => h.close());

const signIn = (identity: string) => h.call('anonymous', 'POST', '/api/v1/demo/sign-in', { identity });

describe('demo sign-in', () => {
  it('lists the A and B stations, the seeded companies, a planner and a viewer', async () => {
    const r = await h.call('anonymous', 'GET', '/api/v1/demo');
    expect(r.status).toBe(200);
    expect(r.body.enabled).toBe(true);
    const ids = r.body.identities.map((i: { id: string }) => i.id);
    expect(ids[0]).toBe('operator:A-CQ');
    expect(ids).toEqual(expect.arrayContaining(['operator:B-500103', 'pilot:CQ-LOGI', 'company-admin:CQ-EMS', 'planner', 'viewer']));
    expect(r.body.identities.find((i: { id: string }) => i.id === 'operator:B-500103')).toMatchObject({ role: 'operator', stationKind: 'B', stationId: 'B-500103' });
  });

  it('signs in as a B operator: a 12-hour token scoped to its station, audited', async () => {
    const r = await signIn('operator:B-500103');
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ role: 'operator', stationId: 'B-500103', token: expect.any(String) });
    const hours = (Date.parse(r.body.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(11.9);
    expect(hours).toBeLessThanOrEqual(12);
    const me = await h.call(r.body.token, 'GET', '/api/v1/me');
    expect(me.body).toMatchObject({ role: 'operator', station: { id: 'B-500103', kind: 'B' } });
    // a B operator is still refused what is not its station's
    expect((await h.call(r.body.token, 'GET', '/api/v1/uom/outbox')).status).toBe(403);
    const audit = h.app.yukong.services.audit.forSubject('principal', r.body.id);
    expect(audit).toEqual([expect.objectContaining({ action: 'create', actor: 'system:demo-sign-in' })]);
  });

  it("a demo pilot flies as its company's pilots do: registered, with the company's licence", async () => {
    const r = await signIn('pilot:CQ-LOGI');
    expect(r.body).toMatchObject({ role: 'pilot', operatorId: 'CQ-LOGI' });
    const plan = await h.call(r.body.token, 'POST', '/api/v1/flight-plans', { ...planBody(), aircraft: { registration: 'UAS-CQ-010001', category: 'small' } });
    expect(plan.status).toBe(201);
    const rejecting = plan.body.decision.reasons.filter((x: { effect: string }) => x.effect === 'reject').map((x: { code: string }) => x.code);
    expect(rejecting).toEqual([]);
    expect(h.app.yukong.services.registry.licence(r.body.id)).toMatchObject({ class: 'BVLOS' });
    // the registry lists the company's pilots, not a copy for every demo sign-in
    const before = (await h.call('admin', 'GET', '/api/v1/pilots?companyId=CQ-LOGI')).body.pilots;
    expect(before.length).toBeGreaterThan(0);
    expect(before.some((p: { id: string }) => p.id.startsWith('demo-'))).toBe(false);
    await signIn('pilot:CQ-LOGI');
    expect((await h.call('admin', 'GET', '/api/v1/pilots?companyId=CQ-LOGI')).body.pilots).toEqual(before);
  });

  it('answers only a browser on this machine: not through a proxy, not under another host name', async () => {
    for (const headers of [{ 'x-forwarded-for': '203.0.113.9' }, { forwarded: 'for=203.0.113.9' }, { 'x-real-ip': '203.0.113.9' }, { host: 'rebound.example:8080' }]) {
      const r = await h.app.inject({ method: 'POST', url: '/api/v1/demo/sign-in', headers, payload: { identity: 'operator:A-CQ' } });
      expect(r.statusCode, JSON.stringify(headers)).toBe(403);
    }
    const local = await h.app.inject({ method: 'POST', url: '/api/v1/demo/sign-in', headers: { host: '127.0.0.1:8080' }, payload: { identity: 'viewer' } });
    expect(local.statusCode).toBe(201);
    expect(local.json().name).toBe('访客（演示）'); // named in words, as the stations and companies are
  });

  it("demo pilots do not use up a company's pilot places", async () => {
    const before = h.app.yukong.services.registry.pilotCount('CQ-LOGI');
    for (let i = 0; i < 3; i++) expect((await signIn('pilot:CQ-LOGI')).status).toBe(201);
    expect(h.app.yukong.services.registry.pilotCount('CQ-LOGI')).toBe(before);
  });

  it('refuses an unknown identity, an admin, and anything when off', async () => {
    expect((await signIn('admin')).status).toBe(404);
    expect((await signIn('operator:B-999999')).body.error.code).toBe('NOT_FOUND');
    expect((await h.call('anonymous', 'POST', '/api/v1/demo/sign-in', { identity: 'planner', extra: 1 })).status).toBe(400);
    for (const env of [{ YUKONG_DEMO: 'off' }, { HOST: '0.0.0.0' }, { YUKONG_SCENARIO: 'empty' }]) {
      const app = await buildApp({ config: configFromEnv({ YUKONG_DB: ':memory:', YUKONG_SIM: 'off', YUKONG_ADMIN_TOKEN: 'a', VITEST: 'true', ...env }) });
      try {
        expect((await app.inject({ method: 'GET', url: '/api/v1/demo' })).json(), JSON.stringify(env)).toEqual({ enabled: false, identities: [] });
        const r = await app.inject({ method: 'POST', url: '/api/v1/demo/sign-in', payload: { identity: 'planner' } });
        expect(r.statusCode, JSON.stringify(env)).toBe(403);
      } finally {
        await app.close();
      }
    }
  });
});
