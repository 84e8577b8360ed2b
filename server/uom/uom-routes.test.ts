import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UomOutboxStatus } from '../../shared/schemas/uom.js';
import { ApiError } from '../errors.js';
import { installErrorHandling } from '../http/error-handling.js';
import type { Principal } from '../policy/actor.js';
import { uomRoutes } from './uom-routes.js';

const STATUS: UomOutboxStatus = {
  pending: 2,
  delivered: 5,
  failed: 1,
  oldestPendingAt: '2026-12-01T00:00:00.000Z',
  delivery: 'on',
  url: 'https://uom.example/records',
  lastDeliveredAt: '2026-12-01T00:05:00.000Z',
  lastError: { at: '2026-12-01T00:06:00.000Z', message: 'HTTP 503' },
  consecutiveFailures: 1,
  nextAttemptInMs: 900,
  inFlight: 0,
};

let app: FastifyInstance;
beforeEach(async () => {
  app = Fastify();
  installErrorHandling(app);
  // stands in for the route guard: the principal from a header
  app.decorateRequest('principal', null as never);
  app.addHook('onRequest', async (req) => {
    req.principal = { id: 'p', name: 'p', role: req.headers['x-role'] as Principal['role'], stationId: req.headers['x-station'] as string | undefined };
  });
  await app.register(
    uomRoutes(
      { status: () => STATUS },
      {
        authorize: (p) => {
          if (!(p.role === 'admin' || p.stationId === 'A-CQ')) throw new ApiError('FORBIDDEN', 'the A station reads the UOM outbox');
        },
      },
    ),
    { prefix: '/api/v1' },
  );
});
afterEach(() => app.close());

describe('GET /api/v1/uom/outbox', () => {
  it('declares its permission and answers the status', async () => {
    expect(app.hasRoute({ method: 'GET', url: '/api/v1/uom/outbox' })).toBe(true);
    const r = await app.inject({ method: 'GET', url: '/api/v1/uom/outbox', headers: { 'x-role': 'operator', 'x-station': 'A-CQ' } });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual(STATUS);
  });

  it('asks the policy: refused in the error shape', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/v1/uom/outbox', headers: { 'x-role': 'operator', 'x-station': 'B-500109' } });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('FORBIDDEN');
  });
});
