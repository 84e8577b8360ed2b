/** Who may call: header-only tokens, expiry, revocation, the route guard, a planner's own studies. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../shared/errors/error-codes.js';
import { PERMISSIONS } from '../server/policy/access-policy.js';
import { createHarness, planBody, type Harness } from './helpers/api-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('tokens', () => {
  it('are taken from the Authorization header only: ?token= on an HTTP route is a 401, even beside a valid header', async () => {
    const q = await h.call('anonymous', 'GET', `/api/v1/stations?token=${h.tokens.viewer}`);
    expect(q.status).toBe(401);
    expect(q.body.error.code).toBe('TOKEN_IN_QUERY');
    const both = await h.call('viewer', 'GET', `/api/v1/me?token=${h.tokens.viewer}`);
    expect(both.body.error.code).toBe('TOKEN_IN_QUERY');
    expect((await h.call('viewer', 'GET', '/api/v1/me')).status).toBe(200);
  });

  it('may expire: the token works until expiresAt (real time), then answers TOKEN_EXPIRED', async () => {
    const expiresAt = new Date(Date.now() + 1200).toISOString();
    const r = await h.call('admin', 'POST', '/api/v1/principals', { role: 'viewer', name: 'short-lived', expiresAt });
    expect(r.status).toBe(201);
    expect(r.body.expiresAt).toBe(expiresAt);
    const me = await h.call(r.body.token, 'GET', '/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.expiresAt).toBe(expiresAt);
    await sleep(Date.parse(expiresAt) - Date.now() + 50);
    const late = await h.call(r.body.token, 'GET', '/api/v1/me');
    expect(late.status).toBe(401);
    expect(late.body.error.code).toBe('TOKEN_EXPIRED');
  });

  it('an expiry in the past or unparseable is refused and nothing is created', async () => {
    for (const expiresAt of [new Date(Date.now() - 1000).toISOString(), '2026-12-01T23:59:60Z']) {
      const r = await h.call('admin', 'POST', '/api/v1/principals', { role: 'viewer', name: 'never', expiresAt });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('INVALID_TIME');
    }
  });

  it('revocation takes effect at once, is audited, and only the admin may revoke', async () => {
    const r = await h.call('admin', 'POST', '/api/v1/principals', { role: 'pilot', name: 'leaver', operatorId: 'ACME' });
    expect((await h.call(r.body.token, 'GET', '/api/v1/me')).status).toBe(200);
    for (const who of ['acme', 'city', 'viewer', 'planner']) {
      const refused = await h.call(who, 'DELETE', `/api/v1/principals/${r.body.id}`);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
    }
    expect((await h.call(r.body.token, 'GET', '/api/v1/me')).status).toBe(200);
    expect((await h.call('admin', 'DELETE', `/api/v1/principals/${r.body.id}`)).status).toBe(204);
    const after = await h.call(r.body.token, 'GET', '/api/v1/me');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('TOKEN_REVOKED');
    expect((await h.call('admin', 'DELETE', `/api/v1/principals/${r.body.id}`)).body.error.code).toBe('CONFLICT');
    expect((await h.call('admin', 'DELETE', '/api/v1/principals/pilot-nobody')).status).toBe(404);
    const audit = h.app.yukong.services.audit.forSubject('principal', r.body.id).map((a) => a.action);
    expect(audit).toEqual(['create', 'revoke']);
  });

  it('revocation survives a restart (the cache is not the source of truth)', async () => {
    const r = await h.call('admin', 'POST', '/api/v1/principals', { role: 'viewer', name: 'gone' });
    await h.call('admin', 'DELETE', `/api/v1/principals/${r.body.id}`);
    await h.reopen();
    expect((await h.call(r.body.token, 'GET', '/api/v1/me')).body.error.code).toBe('TOKEN_REVOKED');
    expect((await h.call('viewer', 'GET', '/api/v1/me')).status).toBe(200);
  });
});

describe('the route guard', () => {
  it('refuses before the body is parsed: a viewer gets 403 for an invalid body, not 400', async () => {
    const r = await h.call('viewer', 'POST', '/api/v1/flight-plans/batch', '{"plans": [ this is not json');
    expect(r.status).toBe(403);
    const anon = await h.call('anonymous', 'POST', '/api/v1/zones/ed269', '[[[[[[');
    expect(anon.status).toBe(401);
  });

  it('every route the API serves declares a permission known to the policy, or is public', async () => {
    const doc = (await h.call('anonymous', 'GET', '/api/v1/openapi.json')).body;
    const operations = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(operations.length).toBeGreaterThan(35);
    // an anonymous call to each protected operation is a 401 (never a 404, 400 or 5xx)
    for (const op of operations) {
      const [method, path] = op.split(' ');
      // the only public operations: liveness and the server clock, and demo sign-in (tests/api-demo.test.ts)
      if (['GET /api/v1/health', 'GET /api/v1/demo', 'POST /api/v1/demo/sign-in'].includes(op)) continue;
      const url = path.replace(/\{[^}]+\}/g, 'x');
      const r = await h.app.inject({ method: method as 'GET', url, ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }) });
      expect(r.statusCode, op).toBe(401);
      expect(r.json().error.code, op).toBe('UNAUTHENTICATED');
    }
    expect(Object.keys(PERMISSIONS).length).toBeGreaterThan(10);
  });

  it('every 2xx answer the API documents has a schema (the serializer checks answers against it)', async () => {
    const doc = (await h.call('anonymous', 'GET', '/api/v1/openapi.json')).body;
    const missing: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, { responses?: Record<string, unknown> }>>)) {
      for (const [method, op] of Object.entries(ops)) {
        if (!Object.keys(op.responses ?? {}).some((s) => s.startsWith('2'))) missing.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('jurisdiction from the one policy', () => {
  it("a planner cannot cancel another planner's study; its own it can", async () => {
    const other = await h.call('admin', 'POST', '/api/v1/principals', { role: 'planner', name: 'second planner' });
    const study = await h.call('planner', 'POST', '/api/v1/planner/rollouts', { phases: [20], traffic: false, seed: 5 });
    expect(study.status).toBe(202);
    const refused = await h.call(other.body.token, 'POST', `/api/v1/planner/rollouts/${study.body.id}/cancel`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    const own = await h.call('planner', 'POST', `/api/v1/planner/rollouts/${study.body.id}/cancel`);
    // it may have finished meanwhile (a small study): then cancelling is a conflict, never a refusal
    expect([200, 409]).toContain(own.status);
  });

  it('system actors are not admins: the monitor cannot approve, the desk cannot publish', async () => {
    const { assertCanDecide, assertCanFly } = await import('../server/policy/access-policy.js');
    const { MONITOR } = await import('../server/live/live-traffic.js');
    const p = await h.call('acme', 'POST', '/api/v1/flight-plans', planBody({ start: '2026-12-01T05:00:00Z', end: '2026-12-01T05:20:00Z' }));
    const plan = h.app.yukong.services.plans.get(p.body.id);
    if (!plan) throw new Error('plan not stored');
    expect(() => assertCanDecide(MONITOR, plan, h.app.yukong.services.jurisdiction)).toThrow(/does not decide/);
    expect(() => assertCanFly(MONITOR, plan, h.app.yukong.services.jurisdiction)).not.toThrow();
  });

  it("error codes on the wire are the catalogue's", async () => {
    const r = await h.call('acme', 'POST', '/api/v1/flight-plans', { ...planBody(), mission: 'joyride' });
    expect(r.status).toBe(400);
    expect(Object.keys(ERROR_CODES)).toContain(r.body.error.code);
  });
});
