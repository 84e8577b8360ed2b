/** Telemetry through the live pipeline, alerts with acknowledgement, and the WebSocket stream. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { destination } from '../shared/geo/earth.js';
import type { LngLat } from '../shared/geo/types.js';
import { createHarness, type Harness } from './helpers/api-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness('2026-12-01T01:55:00Z');
});
afterEach(async () => {
  await h.close();
});

const A: LngLat = [106.4, 29.83];
const B = destination(A, 2000, 90);
const routePlan = {
  aircraft: { registration: 'UAS-CQ-7', category: 'light' },
  mission: 'inspection',
  route: { waypoints: [A, B], corridorHalfWidthM: 20, cruiseSpeedMps: 10, altitudeLowerM: 40, altitudeUpperM: 80, departAt: '2026-12-01T02:00:00Z' },
};
const at = (s: number) => new Date(Date.parse('2026-12-01T02:00:00Z') + s * 1000).toISOString();

async function report(who: string, planId: string, s: number, p: LngLat, altitudeM: number, speedMps = 10) {
  h.clock.now = Date.parse(at(s));
  return h.call(who, 'POST', '/api/v1/telemetry', { positions: [{ planId, lng: p[0], lat: p[1], altitudeM, t: at(s), speedMps, headingDeg: 90 }] });
}

describe('telemetry → monitoring → alerts', () => {
  it('activates the plan, raises and clears an off-plan alert, marks conformance, completes on landing', async () => {
    const plan = (await h.call('acme', 'POST', '/api/v1/flight-plans', routePlan)).body;
    expect(plan.state).toBe('approved');
    expect((await report('acme', plan.id, 30, destination(A, 100, 90), 60)).status).toBe(202);
    h.app.yukong.live.tick(h.clock.now);
    expect((await h.call('acme', 'GET', `/api/v1/flight-plans/${plan.id}`)).body).toMatchObject({ state: 'active', conformance: 'conforming' });

    await report('acme', plan.id, 60, destination(destination(A, 400, 90), 120, 0), 60); // 120 m north of the corridor
    const batch = h.app.yukong.live.tick(h.clock.now);
    expect(batch.alerts.map((a) => [a.action, a.kind, a.planId, a.stationId])).toEqual([['raise', 'off-plan-lateral', plan.id, 'B-500109']]);
    expect((await h.call('acme', 'GET', `/api/v1/flight-plans/${plan.id}`)).body.conformance).toBe('nonconforming');

    const seen = (await h.call('beibei', 'GET', '/api/v1/alerts?open=true')).body.alerts;
    expect(seen.map((a: { kind: string }) => a.kind)).toEqual(['off-plan-lateral']);
    expect((await h.call('wanzhou', 'GET', '/api/v1/alerts?open=true')).body.alerts).toEqual([]);
    expect((await h.call('acme', 'GET', '/api/v1/alerts')).body.alerts).toHaveLength(1);
    expect((await h.call('other', 'GET', '/api/v1/alerts')).body.alerts).toEqual([]);
    const id = seen[0].id;
    expect((await h.call('wanzhou', 'POST', `/api/v1/alerts/${id}/ack`, {})).status).toBe(403);
    expect((await h.call('acme', 'POST', `/api/v1/alerts/${id}/ack`, {})).status).toBe(403);
    expect((await h.call('beibei', 'POST', `/api/v1/alerts/${id}/ack`, {})).body).toMatchObject({ id, acknowledgedBy: expect.stringMatching(/^operator-/) });
    expect((await h.call('city', 'POST', `/api/v1/alerts/${id}/ack`, {})).body.error.code).toBe('ALREADY_ACKNOWLEDGED');

    await report('acme', plan.id, 90, destination(A, 700, 90), 60); // back in the corridor
    expect(h.app.yukong.live.tick(h.clock.now).alerts.map((a) => [a.action, a.kind])).toEqual([['clear', 'off-plan-lateral']]);
    expect((await h.call('acme', 'GET', `/api/v1/flight-plans/${plan.id}`)).body.conformance).toBe('conforming');

    // a restart closes alerts the new monitor cannot follow
    await report('acme', plan.id, 100, destination(destination(A, 800, 90), 150, 0), 60);
    h.app.yukong.live.tick(h.clock.now);
    expect((await h.call('beibei', 'GET', '/api/v1/alerts?open=true')).body.alerts).toHaveLength(1);
    await h.reopen();
    expect((await h.call('beibei', 'GET', '/api/v1/alerts?open=true')).body.alerts).toEqual([]);
    expect((await h.call('beibei', 'GET', '/api/v1/alerts')).body.alerts).toHaveLength(2);

    await report('acme', plan.id, 260, B, 0, 0); // landed
    h.app.yukong.live.tick(h.clock.now);
    expect((await h.call('acme', 'GET', `/api/v1/flight-plans/${plan.id}`)).body.state).toBe('completed');
    // the aircraft still reports from the ground once after completion, then falls silent: no lost link
    const t = Date.parse(at(262));
    h.app.yukong.live.ingest([{ id: plan.id, planId: plan.id, lng: B[0], lat: B[1], altitudeM: 0, speedMps: 0, headingDeg: 90, tMs: t, source: ['network'] }]);
    h.app.yukong.live.tick(t);
    expect(h.app.yukong.live.tick(t + 60_000).alerts).toEqual([]);
    expect(h.app.yukong.live.trackCount).toBe(0);
  });

  it('a flight revoked in the air is watched until it lands: its reports are taken, its landing ends its track, no lost link', async () => {
    const plan = (await h.call('acme', 'POST', '/api/v1/flight-plans', routePlan)).body;
    const early = (await h.call('acme', 'POST', '/api/v1/flight-plans', { ...routePlan, route: { ...routePlan.route, departAt: '2026-12-01T02:30:00Z' } })).body;
    expect([plan.state, early.state]).toEqual(['approved', 'approved']);
    expect((await report('acme', plan.id, 30, destination(A, 100, 90), 60)).status).toBe(202);
    h.app.yukong.live.tick(h.clock.now);
    // a restriction over the rest of its route (and over the later plan, not yet in the air)
    const zone = await h.call('city', 'POST', '/api/v1/zones', {
      id: 'TR-FIRE',
      name: 'fire',
      reason: 'fire',
      outline: { type: 'Circle', center: B, radiusM: 600 },
      altitudeLowerM: 0,
      altitudeUpperM: 300,
      applicability: { kind: 'permanent' },
    });
    expect(zone.status, JSON.stringify(zone.body)).toBe(201);
    const state = async (id: string) => (await h.call('acme', 'GET', `/api/v1/flight-plans/${id}`)).body.state;
    expect([await state(plan.id), await state(early.id)]).toEqual(['revoked', 'revoked']);
    // still in the air: its reports are taken and watched
    expect((await report('acme', plan.id, 40, destination(A, 200, 90), 60)).status).toBe(202);
    expect(h.app.yukong.live.tick(h.clock.now).tracks.map((t) => t.planId)).toEqual([plan.id]);
    // it lands: its track ends, and no lost link follows its silence
    expect((await report('acme', plan.id, 60, destination(A, 300, 90), 0, 0)).status).toBe(202);
    expect(h.app.yukong.live.tick(h.clock.now).tracks.map((t) => [t.planId, t.altitudeM])).toEqual([[plan.id, 0]]);
    h.clock.now += 120_000;
    const later = h.app.yukong.live.tick(h.clock.now);
    expect(later.alerts.filter((a) => a.kind === 'lost-link')).toEqual([]);
    expect((await h.call('beibei', 'GET', '/api/v1/alerts?kind=lost-link')).body.alerts).toEqual([]);
    // landed, it is over: the landing was streamed, and reports on the plan are refused from then on
    expect((await report('acme', plan.id, 200, destination(A, 300, 90), 60)).body.error.code).toBe('PLAN_NOT_FLYABLE');
    // a plan revoked before its take-off is not flown: its reports are refused
    expect((await report('acme', early.id, 1900, A, 60)).body.error.code).toBe('PLAN_NOT_FLYABLE');
  });

  it('refuses telemetry for plans that are not yours, not flyable, or stale', async () => {
    const plan = (await h.call('acme', 'POST', '/api/v1/flight-plans', routePlan)).body;
    expect((await report('other', plan.id, 30, A, 60)).status).toBe(403);
    expect((await report('beibei', plan.id, 30, A, 60)).status).toBe(403);
    const pending = (
      await h.call('acme', 'POST', '/api/v1/flight-plans', {
        ...routePlan,
        route: {
          ...routePlan.route,
          altitudeUpperM: 200,
          waypoints: [
            [106.3, 29.9],
            [106.31, 29.9],
          ],
        },
      })
    ).body;
    expect(pending.state).toBe('pending');
    expect((await report('acme', pending.id, 30, [106.3, 29.9], 60)).body.error.code).toBe('PLAN_NOT_FLYABLE');
    h.clock.now = Date.parse(at(3600));
    expect((await h.call('acme', 'POST', '/api/v1/telemetry', { positions: [{ planId: plan.id, lng: A[0], lat: A[1], altitudeM: 50, t: at(10) }] })).body.error.code).toBe('STALE_POSITION');
  });
});

describe('WebSocket stream', () => {
  async function connect(token: string | null): Promise<{ ws: WebSocket; messages: any[]; next: (type: string) => Promise<any> }> {
    const a = await h.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => `http://127.0.0.1:${(h.app.server.address() as { port: number }).port}`);
    const ws = new WebSocket(`${String(a).replace('http', 'ws')}/api/v1/stream`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    const messages: any[] = [];
    const waiters: [string, (m: any) => void][] = [];
    ws.on('message', (d) => {
      const m = JSON.parse(String(d));
      messages.push(m);
      const i = waiters.findIndex(([t]) => t === m.type);
      if (i >= 0) {
        m.__taken = true;
        waiters.splice(i, 1)[0][1](m);
      }
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_r, res) => reject(new Error(String(res.statusCode))));
    });
    const next = (type: string) => {
      const have = messages.find((m) => m.type === type && !m.__taken);
      if (have) {
        have.__taken = true;
        return Promise.resolve(have);
      }
      return new Promise((resolve) => waiters.push([type, resolve]));
    };
    return { ws, messages, next };
  }

  it('sends only the aircraft inside the subscribed box, and alerts the client may see', async () => {
    const c = await connect(h.tokens.beibei);
    expect(await c.next('hello')).toMatchObject({ v: 1, protocol: 1, principal: { role: 'operator' } });
    c.ws.send(JSON.stringify({ type: 'subscribe', bbox: [106.3, 29.7, 106.5, 29.9], channels: ['tracks', 'alerts'] }));
    await c.next('subscribed');
    const t = Date.parse('2026-12-01T02:00:00Z');
    h.app.yukong.live.ingest([
      { id: 'R-in', lng: 106.41, lat: 29.8, altitudeM: 80, speedMps: 12, headingDeg: 10, tMs: t, source: ['X-0001'] },
      { id: 'R-out', lng: 107.5, lat: 29.3, altitudeM: 80, speedMps: 12, headingDeg: 10, tMs: t, source: ['X-0002'] },
    ]);
    h.app.yukong.live.tick(t);
    const tracks = await c.next('tracks');
    expect(tracks.tracks.map((x: { id: string }) => x.id)).toEqual(['R-in']);
    const alert = await c.next('alert');
    expect(alert).toMatchObject({ action: 'raise', alert: { kind: 'unidentified-aircraft', trackId: 'R-in', stationId: 'B-500109' } });
    // the unidentified aircraft outside Beibei is another station's alert
    await new Promise((r) => setTimeout(r, 50));
    expect(c.messages.filter((m) => m.type === 'alert').map((m) => m.alert.trackId)).toEqual(['R-in']);
    c.ws.close();
  });

  it('answers bad messages with an error and keeps the connection; refuses a missing token', async () => {
    const c = await connect(h.tokens.viewer);
    await c.next('hello');
    c.ws.send('{not json');
    expect(await c.next('error')).toMatchObject({ code: 'MALFORMED_JSON' });
    c.ws.send(JSON.stringify({ type: 'subscribe', bbox: [1, 2], channels: ['tracks'] }));
    expect(await c.next('error')).toMatchObject({ code: 'BAD_MESSAGE' });
    c.ws.send(JSON.stringify({ type: 'subscribe', bbox: [107, 29, 106, 30], channels: ['tracks'] }));
    expect(await c.next('error')).toMatchObject({ code: 'BAD_BBOX' });
    c.ws.send(JSON.stringify({ type: 'ping', id: 7 }));
    expect(await c.next('pong')).toMatchObject({ v: 1, id: 7 });
    c.ws.close();
    await expect(connect(null)).rejects.toThrow(/401/);
    await expect(connect('bogus')).rejects.toThrow(/401/);
  });
});
