/**
 * Credit over HTTP. First the route plugin alone on a bare Fastify with the real serializer
 * (strict: every answer is checked against its declared schema) and error handling; then,
 * once server/app.ts registers `creditRoutes`, the whole app: who may read and adjust, and what
 * a tier does to a decision.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../server/auth.js';
import { ApiError } from '../server/errors.js';
import { installErrorHandling } from '../server/http/error-handling.js';
import { responseSerializerCompiler } from '../server/http/response-serializer.js';
import type { Actor, Principal } from '../server/policy/actor.js';
import { creditRoutes } from '../server/routes/credit.js';
import { buildAirspace } from '../server/scenario/build-airspace.js';
import { EMPTY_SCENARIO } from '../server/scenario/load-scenario.js';
import { createContext } from '../server/services/context.js';
import { CreditService } from '../server/services/credit-service.js';
import { CREDIT_MIGRATION_SQL } from '../server/store/credit-repo.js';
import { openDatabase, type Db } from '../server/store/database.js';
import { withUsccCheck } from '../shared/registry/uscc.js';
import { createHarness, planBody, type Harness } from './helpers/api-harness.js';

const WHO: Record<string, Principal> = {
  admin: { id: 'admin', role: 'admin', name: 'admin' },
  acme: { id: 'P-ACME', role: 'pilot', name: 'ACME pilot', operatorId: 'ACME' },
  other: { id: 'P-OTHER', role: 'pilot', name: 'Other pilot', operatorId: 'OTHER' },
  city: { id: 'O-A', role: 'operator', name: 'A operator', stationId: 'A-CQ' },
  beibei: { id: 'O-B', role: 'operator', name: 'B operator', stationId: 'B-500109' },
};

describe('credit routes (plugin on a bare app, strict response schemas)', () => {
  let app: FastifyInstance;
  let db: Db;
  beforeAll(async () => {
    db = openDatabase(':memory:');
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'credit_events'").get()) db.exec(CREDIT_MIGRATION_SQL);
    const ctx = createContext(db, buildAirspace(EMPTY_SCENARIO), EMPTY_SCENARIO, () => Date.parse('2026-12-01T00:00:00Z'));
    const credit = new CreditService(ctx, {
      companyExists: (id) => id === 'ACME' || id === 'OTHER',
      access: {
        // the rules of assertCanReadCredit / assertCanAdjustCredit (server/policy)
        assertCanRead: (a: Actor, id: string) => {
          if (a.kind === 'system' || a.role === 'admin' || a.role === 'operator' || (a.role === 'pilot' && a.operatorId === id)) return;
          throw new ApiError('FORBIDDEN', `the credit record of ${id} belongs to another company`);
        },
        assertCanAdjust: (a: Principal) => {
          if (a.role === 'admin' || (a.role === 'operator' && a.stationId === 'A-CQ')) return;
          throw new ApiError('FORBIDDEN', 'credit adjustments are made by the A station or the admin');
        },
      },
    });
    app = Fastify({ ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true, useDefaults: false } } });
    app.setSerializerCompiler(responseSerializerCompiler(true, () => {}));
    installErrorHandling(app);
    app.decorateRequest('principal', null as never);
    app.addHook('onRequest', async (req) => {
      const p = WHO[String(req.headers['x-who'])];
      if (!p) throw new ApiError('UNAUTHENTICATED', 'who?');
      req.principal = p;
    });
    await app.register(creditRoutes(credit), { prefix: '/api/v1' });
  });
  afterAll(async () => {
    await app.close();
    db.close();
  });

  const call = async (who: string, method: 'GET' | 'POST', url: string, payload?: object) => {
    const r = await app.inject({ method, url, headers: { 'x-who': who }, ...(payload ? { payload } : {}) });
    return { status: r.statusCode, body: r.json() };
  };

  it('GET answers score, tier, effect and events; an unknown company is 404; another company 403', async () => {
    const r = await call('acme', 'GET', '/api/v1/companies/ACME/credit');
    expect(r).toEqual({ status: 200, body: { companyId: 'ACME', score: 800, tier: 'B', effect: null, total: 0, events: [] } });
    expect((await call('admin', 'GET', '/api/v1/companies/NOPE/credit')).body.error.code).toBe('NOT_FOUND');
    expect((await call('other', 'GET', '/api/v1/companies/ACME/credit')).status).toBe(403);
    expect((await call('beibei', 'GET', '/api/v1/companies/ACME/credit')).status).toBe(200);
    expect((await call('admin', 'GET', '/api/v1/companies/ACME/credit?limit=0')).status).toBe(400);
  });

  it('POST adjust: 201 with the events; pilots and B operators 403; a bad body 400 and nothing written', async () => {
    const r = await call('city', 'POST', '/api/v1/companies/ACME/credit/adjust', { delta: -250, reason: 'two zone incursions at the airport (case 9)' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ companyId: 'ACME', score: 550, tier: 'C' });
    expect(r.body.events.map((e: { kind: string }) => e.kind)).toEqual(['adjustment', 'tier-change']);
    expect(r.body.events[0]).toMatchObject({ delta: -250, ruleDelta: -250, scoreAfter: 550, tierAfter: 'C', actor: 'O-A', reason: 'two zone incursions at the airport (case 9)' });
    expect((await call('acme', 'POST', '/api/v1/companies/ACME/credit/adjust', { delta: 100, reason: 'self' })).status).toBe(403);
    expect((await call('beibei', 'POST', '/api/v1/companies/ACME/credit/adjust', { delta: 100, reason: 'b' })).status).toBe(403);
    for (const bad of [{ delta: 1.5, reason: 'x' }, { delta: 5 }, { delta: 5, reason: '' }, { delta: 5, reason: 'x', extra: 1 }, { delta: 2000, reason: 'x' }, { delta: '5', reason: 'x' }]) {
      const b = await call('admin', 'POST', '/api/v1/companies/ACME/credit/adjust', bad);
      expect(b.status, JSON.stringify(bad)).toBe(400);
      expect(b.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await call('admin', 'POST', '/api/v1/companies/ACME/credit/adjust', { delta: 0, reason: 'x' })).body.error.code).toBe('VALIDATION_FAILED');
    expect((await call('admin', 'POST', '/api/v1/companies/ACME/credit/adjust', { delta: 3, reason: '   ' })).body.error.code).toBe('REASON_REQUIRED');
    const after = await call('acme', 'GET', '/api/v1/companies/ACME/credit');
    expect(after.body).toMatchObject({ score: 550, tier: 'C', total: 2, effect: { code: 'CREDIT_REVIEW', effect: 'approval' } });
    expect((await call('acme', 'GET', '/api/v1/companies/ACME/credit?limit=1')).body.events.map((e: { kind: string }) => e.kind)).toEqual(['tier-change']);
  });
});

const wired = readFileSync(join(import.meta.dirname, '../server/app.ts'), 'utf8').includes('creditRoutes');

describe.skipIf(!wired)('credit through the app', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('2026-12-01T00:00:00Z', { YUKONG_REGISTRY: 'off' });
    for (const [id, n] of [
      ['ACME', '91500000MA5U00001'],
      ['OTHER', '91500000MA5U00002'],
    ]) {
      const r = await h.call('admin', 'POST', '/api/v1/companies', { id, name: id, uscc: withUsccCheck(n) });
      expect([201, 409]).toContain(r.status);
    }
  });
  afterAll(() => h.close());

  it('adjust needs the admin or the A station; the company reads its own credit, not another’s', async () => {
    expect((await h.call('acme', 'POST', '/api/v1/companies/ACME/credit/adjust', { delta: 100, reason: 'self' })).status).toBe(403);
    expect((await h.call('beibei', 'POST', '/api/v1/companies/ACME/credit/adjust', { delta: 100, reason: 'b' })).status).toBe(403);
    expect((await h.call('viewer', 'GET', '/api/v1/companies/ACME/credit')).status).toBe(403);
    expect((await h.call('other', 'GET', '/api/v1/companies/ACME/credit')).status).toBe(403);
    expect((await h.call('acme', 'GET', '/api/v1/companies/ACME/credit')).body).toMatchObject({ score: 800, tier: 'B', companyName: 'ACME' }); // named as registered
    expect((await h.call('beibei', 'GET', '/api/v1/companies/ACME/credit')).status).toBe(200);
    const r = await h.call('admin', 'POST', '/api/v1/companies/OTHER/credit/adjust', { delta: 10, reason: 'good record' });
    expect(r.status).toBe(201);
    expect(r.body.score).toBe(810);
  });

  it('tier C sends every plan to an operator (CREDIT_REVIEW); tier D rejects it (COMPANY_SUSPENDED)', async () => {
    const ok = await h.call('acme', 'POST', '/api/v1/flight-plans', planBody({ start: '2026-12-01T02:00:00Z', end: '2026-12-01T02:10:00Z' }));
    expect(ok.body.state).toBe('approved');
    expect((await h.call('city', 'POST', '/api/v1/companies/ACME/credit/adjust', { delta: -150, reason: 'audit findings' })).body.tier).toBe('C');
    const review = await h.call('acme', 'POST', '/api/v1/flight-plans', planBody({ start: '2026-12-01T03:00:00Z', end: '2026-12-01T03:10:00Z' }));
    expect(review.body.state).toBe('pending');
    expect(review.body.decision.reasons).toContainEqual(expect.objectContaining({ code: 'CREDIT_REVIEW', effect: 'approval' }));
    expect((await h.call('city', 'POST', '/api/v1/companies/ACME/credit/adjust', { delta: -200, reason: 'further findings' })).body.tier).toBe('D');
    const refused = await h.call('acme', 'POST', '/api/v1/flight-plans', planBody({ start: '2026-12-01T04:00:00Z', end: '2026-12-01T04:10:00Z' }));
    expect(refused.body.state).toBe('rejected');
    expect(refused.body.decision.reasons).toContainEqual(expect.objectContaining({ code: 'COMPANY_SUSPENDED', effect: 'reject' }));
    expect((await h.call('city', 'GET', '/api/v1/companies/ACME')).body.suspended).toBe(true); // the record says so too
    // another company is served as before
    const other = await h.call('other', 'POST', '/api/v1/flight-plans', planBody({ start: '2026-12-01T05:00:00Z', end: '2026-12-01T05:10:00Z' }));
    expect(other.body.state).toBe('approved');
  });

  it('a late cancellation through the API costs 10 and shows in the events', async () => {
    const p = await h.call('other', 'POST', '/api/v1/flight-plans', planBody({ start: '2026-12-01T00:20:00Z', end: '2026-12-01T00:40:00Z', c: [106.41, 29.84] }));
    expect(p.body.state).toBe('approved');
    expect((await h.call('other', 'POST', `/api/v1/flight-plans/${p.body.id}/cancel`, {})).status).toBe(200);
    const c = await h.call('other', 'GET', '/api/v1/companies/OTHER/credit');
    expect(c.body.score).toBe(800);
    expect(c.body.events.at(-1)).toMatchObject({ kind: 'late-cancellation', delta: -10, ref: p.body.id });
  });
});
