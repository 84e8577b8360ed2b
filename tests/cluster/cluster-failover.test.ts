/**
 * Three real servers on one PostgreSQL database: telemetry posted to servers that are not the
 * primary is monitored once (by the primary) and streamed by all; killing the primary with
 * SIGKILL loses nothing acknowledged, another server takes the lease, the others keep serving.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { planBody } from '../helpers/api-harness.js';
import { call, killAll, type ServerProc, startServer, until } from '../helpers/server-procs.js';
import { createTestStore, type TestStore } from '../helpers/test-store.js';

const ADMIN = 'cluster-admin-token';
let store: TestStore;
let servers: ServerProc[] = [];
const tokens: Record<string, string> = {};
const dir = mkdtempSync(join(tmpdir(), 'yukong-failover-'));

beforeAll(async () => {
  store = createTestStore(dir);
  const env = { YUKONG_DB: store.url, YUKONG_ADMIN_TOKEN: ADMIN, YUKONG_SIM: 'off', YUKONG_REGISTRY: 'off', YUKONG_RATE_LIMIT_PER_MIN: '0', YUKONG_PLAN_QUOTA_PER_HOUR: '0' };
  servers = [await startServer(env)];
  servers.push(...(await Promise.all([startServer(env), startServer(env)])));
  tokens.pilot = (await call(servers[0].base, ADMIN, 'POST', '/api/v1/principals', { role: 'pilot', name: 'pilot', operatorId: 'ACME' })).body.token;
  tokens.operator = (await call(servers[1].base, ADMIN, 'POST', '/api/v1/principals', { role: 'operator', name: 'Beibei', stationId: 'B-500109' })).body.token;
}, 240_000);

afterAll(() => {
  killAll();
  store?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const health = (s: ServerProc) => call(s.base, ADMIN, 'GET', '/api/v1/health');

async function primaryIndex(among: ServerProc[]): Promise<number> {
  const hs = await Promise.all(among.map((s) => health(s)));
  return hs.findIndex((h) => h.body.cluster?.primary);
}

function stream(base: string, token: string) {
  const ws = new WebSocket(`${base.replace('http', 'ws')}/api/v1/stream`, { headers: { authorization: `Bearer ${token}` } });
  const messages: any[] = [];
  ws.on('message', (d) => messages.push(JSON.parse(String(d))));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, messages, opened };
}

describe('several servers: live traffic and failover', () => {
  it('telemetry posted to any server is monitored once, by the primary, and streamed by every server', { timeout: 120_000 }, async () => {
    const p = await primaryIndex(servers);
    expect(p).toBeGreaterThanOrEqual(0);
    const mirrors = servers.filter((_, i) => i !== p);
    const clients = servers.map((s) => stream(s.base, tokens.operator));
    for (const c of clients) {
      await c.opened;
      c.ws.send(JSON.stringify({ type: 'subscribe', bbox: [106.3, 29.7, 106.5, 29.9], channels: ['tracks', 'alerts'] }));
    }
    await until('every stream is subscribed', () => (clients.every((c) => c.messages.some((m) => m.type === 'subscribed')) ? true : undefined), 10_000);
    const now = Date.now();
    const plan = (await call(mirrors[0].base, tokens.pilot, 'POST', '/api/v1/flight-plans', planBody({ start: new Date(now - 60_000).toISOString(), end: new Date(now + 30 * 60_000).toISOString() })))
      .body;
    expect(plan.state).toBe('approved');
    const position = (lng: number, lat: number) => ({ positions: [{ planId: plan.id, lng, lat, altitudeM: 60, t: new Date().toISOString(), speedMps: 10, headingDeg: 90 }] });
    expect((await call(mirrors[0].base, tokens.pilot, 'POST', '/api/v1/telemetry', position(106.4, 29.83))).status).toBe(202);
    // the primary took it in: the plan is airborne for every server, and every stream shows the aircraft
    await until('the plan is active', async () => ((await call(servers[p].base, tokens.pilot, 'GET', `/api/v1/flight-plans/${plan.id}`)).body.state === 'active' ? true : undefined), 15_000);
    await until(
      'every server streams the track',
      () => (clients.every((c) => c.messages.some((m) => m.type === 'tracks' && m.tracks.some((t: { planId?: string }) => t.planId === plan.id))) ? true : undefined),
      15_000,
    );
    // off its plan, reported to the other server that is not the primary: one alert, on every stream
    expect((await call(mirrors[1].base, tokens.pilot, 'POST', '/api/v1/telemetry', position(106.43, 29.83))).status).toBe(202);
    await until(
      'every stream has the alert',
      () => (clients.every((c) => c.messages.some((m) => m.type === 'alert' && m.action === 'raise' && m.alert.planId === plan.id)) ? true : undefined),
      15_000,
    );
    for (const s of servers) {
      const alerts = (await call(s.base, tokens.operator, 'GET', '/api/v1/alerts')).body.alerts.filter((a: { planId?: string; kind: string }) => a.planId === plan.id && a.kind.startsWith('off-plan'));
      expect(alerts).toHaveLength(1); // raised once, seen the same from every server
    }
    for (const c of clients) c.ws.close();
  });

  it('killing the primary loses nothing acknowledged; another takes over and the others keep serving', { timeout: 180_000 }, async () => {
    const p = await primaryIndex(servers);
    const victim = servers[p];
    const survivors = servers.filter((_, i) => i !== p);
    const day = Math.ceil(Date.now() / 86_400_000) * 86_400_000 + 10 * 86_400_000;
    const acknowledged: { id: string; state: string }[] = [];
    let n = 0;
    let stop = false;
    const worker = async (s: ServerProc) => {
      while (!stop) {
        const i = n++;
        const start = new Date(day + i * 3_600_000).toISOString();
        const end = new Date(day + i * 3_600_000 + 20 * 60_000).toISOString();
        try {
          const r = await call(s.base, tokens.pilot, 'POST', '/api/v1/flight-plans', planBody({ start, end }));
          if (r.status === 201) acknowledged.push({ id: r.body.id, state: r.body.state });
        } catch {
          await new Promise((r) => setTimeout(r, 50)); // the killed server: connection refused
        }
      }
    };
    const load = servers.flatMap((s) => [worker(s), worker(s)]);
    await until('some plans are in', () => (acknowledged.length >= 30 ? true : undefined), 60_000);
    await victim.kill();
    const atKill = acknowledged.length;
    await until('the survivors go on deciding', () => (acknowledged.length >= atKill + 30 ? true : undefined), 60_000);
    stop = true;
    await Promise.all(load);
    // a survivor holds the lease within its time to live
    await until('another server is the primary', async () => ((await primaryIndex(survivors)) >= 0 ? true : undefined), 30_000);
    // nothing acknowledged is lost, and every survivor's index holds every approval
    for (const a of acknowledged) {
      const got = await call(survivors[a.id.length % 2].base, tokens.pilot, 'GET', `/api/v1/flight-plans/${a.id}`);
      expect(got.body.state, a.id).toBe(a.state);
    }
    const approved = acknowledged.filter((a) => a.state === 'approved').length;
    expect(approved).toBe(acknowledged.length);
    await until('every survivor holds every approval', async () => ((await Promise.all(survivors.map((s) => health(s)))).every((h) => h.body.bookedPlans >= approved) ? true : undefined), 10_000);
  });
});
