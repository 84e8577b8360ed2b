import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app.js';
import { configFromEnv } from '../server/config.js';

describe('server skeleton', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({ config: configFromEnv({ YUKONG_SCENARIO: 'chongqing', YUKONG_SIM: 'off', YUKONG_DB: ':memory:' }) });
  });
  afterAll(() => app.close());

  it('reports health with the Chongqing scenario loaded', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'ok', scenario: 'chongqing', stations: { A: 1, B: 38 }, landingPoints: 200, zones: 57 });
  });

  it('answers unknown API routes with a coded 404', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(r.statusCode).toBe(404);
    expect(r.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'no route GET /api/v1/nope' } });
  });

  it('starts on the empty scenario with only the A station', async () => {
    const empty = await buildApp({ config: configFromEnv({ YUKONG_SCENARIO: 'empty', YUKONG_DB: ':memory:' }) });
    const r = await empty.inject({ method: 'GET', url: '/api/v1/health' });
    expect(r.json()).toMatchObject({ scenario: 'empty', stations: { A: 1, B: 0, X: 0 }, landingPoints: 0, zones: 0 });
    await empty.close();
  });
});

describe('OpenAPI', () => {
  it('serves the document and the interactive page', async () => {
    const app = await buildApp({ config: configFromEnv({ YUKONG_SCENARIO: 'empty', YUKONG_DB: ':memory:' }) });
    const doc = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(doc.statusCode).toBe(200);
    const paths = doc.json().paths;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/flight-plans',
        '/api/v1/flight-plans/check',
        '/api/v1/flight-plans/batch',
        '/api/v1/flight-plans/{id}',
        '/api/v1/flight-plans/{id}/{action}',
        '/api/v1/stations',
        '/api/v1/landing-points',
        '/api/v1/zones',
        '/api/v1/principals',
        '/api/v1/planner/rollouts',
        '/api/v1/planner/rollouts/{id}',
        '/api/v1/planner/rollouts/{id}/cancel',
        '/api/v1/planner/rollouts/{id}/report.html',
        '/api/v1/planner/usage',
      ]),
    );
    expect(paths['/api/v1/planner/rollouts'].post.requestBody.content['application/json'].schema.properties.phases).toBeDefined();
    expect(paths['/api/v1/flight-plans'].post.requestBody.content['application/json'].schema.properties.aircraft).toBeDefined();
    const page = await app.inject({ method: 'GET', url: '/api/v1/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    await app.close();
  });
});
