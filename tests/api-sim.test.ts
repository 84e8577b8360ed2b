/** Simulation controls over HTTP, and plan events on the stream. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app.js';
import { configFromEnv } from '../server/config.js';
import { planBody } from './helpers/api-harness.js';

let app: FastifyInstance;
const H = (t: string) => ({ authorization: `Bearer ${t}` });
beforeAll(async () => {
  app = await buildApp({
    config: configFromEnv({ YUKONG_DB: ':memory:', YUKONG_SIM: 'on', YUKONG_SIM_SPEED: '10', YUKONG_SIM_DEMAND: '30', YUKONG_SIM_WARMUP_MIN: '0', YUKONG_ADMIN_TOKEN: 'adm' }),
    simStartMs: Date.parse('2026-12-01T00:00:00Z'),
  });
});
afterAll(() => app.close());

describe('simulation controls', () => {
  it('reports its state and obeys the admin only', async () => {
    const viewer = (await app.inject({ method: 'POST', url: '/api/v1/principals', headers: H('adm'), payload: { role: 'viewer', name: 'v' } })).json().token;
    const s = await app.inject({ method: 'GET', url: '/api/v1/sim', headers: H(viewer) });
    expect(s.json()).toMatchObject({ running: true, speed: 10, flightsPerHour: 30, simTime: '2026-12-01T00:00:00.000Z' });
    expect((await app.inject({ method: 'POST', url: '/api/v1/sim', headers: H(viewer), payload: { action: 'pause' } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/v1/sim', headers: H('adm'), payload: { action: 'pause' } })).json().running).toBe(false);
    const sim = app.yukong.simulator;
    const before = sim?.clock.now();
    sim?.clock.advance(1000);
    expect(sim?.clock.now()).toBe(before); // paused
    expect((await app.inject({ method: 'POST', url: '/api/v1/sim', headers: H('adm'), payload: { action: 'speed', speed: 60 } })).json().speed).toBe(60);
    expect((await app.inject({ method: 'POST', url: '/api/v1/sim', headers: H('adm'), payload: { action: 'speed', speed: 600 } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: '/api/v1/sim', headers: H('adm'), payload: { action: 'start' } })).json().running).toBe(true);
    sim?.clock.advance(1000);
    expect(sim?.clock.now()).toBe((before ?? 0) + 60_000);
    // the whole server runs on simulated time
    expect(app.yukong.clock()).toBe(sim?.clock.now());
    const off = await buildApp({ config: configFromEnv({ YUKONG_DB: ':memory:', YUKONG_SCENARIO: 'empty', YUKONG_ADMIN_TOKEN: 'adm' }) });
    expect((await off.inject({ method: 'GET', url: '/api/v1/sim', headers: H('adm') })).json().error.code).toBe('SIMULATION_OFF');
    await off.close();
  });

  it('streams plan events to those who may see the plan', async () => {
    const pilot = (await app.inject({ method: 'POST', url: '/api/v1/principals', headers: H('adm'), payload: { role: 'pilot', name: 'p', operatorId: 'ACME' } })).json().token;
    const other = (await app.inject({ method: 'POST', url: '/api/v1/principals', headers: H('adm'), payload: { role: 'pilot', name: 'o', operatorId: 'OTHER' } })).json().token;
    const base = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('http', 'ws');
    const open = async (token: string) => {
      const ws = new WebSocket(`${base}/api/v1/stream`, { headers: { authorization: `Bearer ${token}` } });
      const got: any[] = [];
      ws.on('message', (d) => got.push(JSON.parse(String(d))));
      await new Promise((r) => ws.once('open', r));
      ws.send(JSON.stringify({ type: 'subscribe', bbox: [105, 28, 111, 33], channels: ['plans'] }));
      await new Promise((r) => setTimeout(r, 100));
      return { ws, got };
    };
    const mine = await open(pilot);
    const theirs = await open(other);
    app.yukong.simulator?.clock.pause();
    const t = new Date(app.yukong.clock() + 3_600_000).toISOString();
    const p = (await app.inject({ method: 'POST', url: '/api/v1/flight-plans', headers: H(pilot), payload: planBody({ start: t, end: new Date(Date.parse(t) + 1_800_000).toISOString() }) })).json();
    await new Promise((r) => setTimeout(r, 200));
    expect(mine.got.filter((m) => m.type === 'plan').map((m) => [m.event, m.planId, m.state])).toEqual([['submitted', p.id, p.state]]);
    expect(theirs.got.filter((m) => m.type === 'plan')).toEqual([]);
    mine.ws.close();
    theirs.ws.close();
  });
});

describe('evaluation of live traffic', () => {
  it('counts what the simulated aircraft flew, from plans and sampled tracks, by H3 cell and hour', async () => {
    const sim = app.yukong.simulator;
    if (!sim) throw new Error('simulation expected');
    // the real-time clock is paused (previous test): headless stepping runs regardless
    expect(sim.clock.paused).toBe(true);
    const t0 = sim.clock.now();
    sim.runFor(3 * 3_600_000, 5000);
    expect(sim.clock.now()).toBe(t0 + 3 * 3_600_000);
    const planner = (await app.inject({ method: 'POST', url: '/api/v1/principals', headers: H('adm'), payload: { role: 'planner', name: 'pl' } })).json().token;
    const r = (await app.inject({ method: 'GET', url: '/api/v1/planner/usage?top=500', headers: H(planner) })).json();
    expect(r.tracksIncluded).toBe(true);
    expect(r.plans.flown).toBeGreaterThan(20);
    const cells = r.utilisation.topCells as { flights: number; aircraftHours: number }[];
    expect(cells.length).toBeGreaterThan(20);
    // observed aircraft-time is there, and no cell counts more flights than were flown
    expect(cells.reduce((a, c) => a + c.aircraftHours, 0)).toBeGreaterThan(1);
    expect(Math.max(...cells.map((c) => c.flights))).toBeLessThanOrEqual(r.plans.flown + sim.opts.rogues * 10);
    expect(r.busiestLandingPoints.length).toBeGreaterThan(0);
    // a B station's operator sees only its own plans, without the whole picture's tracks
    const op = (await app.inject({ method: 'POST', url: '/api/v1/principals', headers: H('adm'), payload: { role: 'operator', name: 'o', stationId: 'B-500109' } })).json().token;
    const mine = (await app.inject({ method: 'GET', url: '/api/v1/planner/usage', headers: H(op) })).json();
    expect(mine.tracksIncluded).toBe(false);
    expect(mine.plans.total).toBeLessThan(r.plans.total);
  }, 120_000);
});
