/**
 * Who may open the stream and how many: the bearer header or a single-use ticket (never a token
 * in the URL), connection caps per principal and in total (429 with the error body and
 * Retry-After), revocation closing open streams, and `hello` carrying the server's clock.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { Value } from '@sinclair/typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildApp } from '../server/app.js';
import { configFromEnv } from '../server/config.js';
import type { StreamOptions } from '../server/live/stream-hub.js';
import { ServerMessage, STREAM_CLOSE_CODES, StreamTicketSchema, type HelloMessage } from '../shared/schemas/stream.js';

const NOW = Date.parse('2026-12-01T02:00:00Z');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function serve(stream: Partial<StreamOptions> = {}): Promise<{ app: FastifyInstance; url: string }> {
  const app = await buildApp({ config: configFromEnv({ YUKONG_DB: ':memory:', YUKONG_SIM: 'off', YUKONG_ADMIN_TOKEN: 'adm' }), clock: () => NOW, stream });
  const url = `${(await app.listen({ port: 0, host: '127.0.0.1' })).replace('http', 'ws')}/api/v1/stream`;
  return { app, url };
}

type Opened = { ok: true; ws: WebSocket; hello: HelloMessage; closed: Promise<number> };
type Refused = { ok: false; status: number; headers: IncomingHttpHeaders; body: { error: { code: string; message: string } } };
/** Opens the stream; answers the hello, or the HTTP refusal with its body. */
function open(url: string, token?: string): Promise<Opened | Refused> {
  const ws = new WebSocket(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
  return new Promise((resolve, reject) => {
    ws.once('message', (d) => {
      const m: unknown = JSON.parse(String(d));
      if (!Value.Check(ServerMessage, m) || m.type !== 'hello') return reject(new Error(`expected hello, got ${String(d)}`));
      resolve({ ok: true, ws, hello: m, closed });
    });
    ws.once('unexpected-response', (_req, res) => {
      let text = '';
      res.on('data', (c: Buffer) => {
        text += c;
      });
      res.on('end', () => resolve({ ok: false, status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) }));
    });
    ws.once('error', (e) => {
      if (!/Unexpected server response/.test(e.message)) reject(e);
    });
  });
}
const opened = (r: Opened | Refused): Opened => {
  if (!r.ok) throw new Error(`refused ${r.status} ${JSON.stringify(r.body)}`);
  return r;
};
const refused = (r: Opened | Refused): Refused => {
  if (r.ok) {
    r.ws.close();
    throw new Error('opened');
  }
  return r;
};

async function principal(app: FastifyInstance, role = 'viewer'): Promise<{ id: string; token: string }> {
  const r = await app.inject({ method: 'POST', url: '/api/v1/principals', headers: { authorization: 'Bearer adm' }, payload: { role, name: `a ${role}` } });
  expect(r.statusCode).toBe(201);
  return r.json();
}
const ticketFor = (app: FastifyInstance, token?: string) => app.inject({ method: 'POST', url: '/api/v1/stream/tickets', headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('stream authentication', () => {
  let s: { app: FastifyInstance; url: string };
  beforeAll(async () => {
    s = await serve();
  });
  afterAll(() => s.app.close());

  it('takes the bearer header; hello carries the server clock as now', async () => {
    const c = opened(await open(s.url, 'adm'));
    expect(c.hello).toMatchObject({ v: 1, protocol: 1, principal: { id: 'admin', role: 'admin' }, limits: { messagesPerS: 20, burst: 40 } });
    expect(c.hello.now).toBe(new Date(s.app.yukong.clock()).toISOString());
    expect(c.hello.now).toBe('2026-12-01T02:00:00.000Z');
    c.ws.close();
  });

  it('refuses a token in the URL, even a valid one, and a missing or invalid token: 401 with the error body', async () => {
    const inUrl = refused(await open(`${s.url}?token=adm`));
    expect(inUrl.status).toBe(401);
    expect(inUrl.body.error.code).toBe('TOKEN_IN_QUERY');
    expect(inUrl.headers['content-type']).toMatch(/application\/json/);
    expect(refused(await open(`${s.url}?token=adm`, 'adm')).status).toBe(401);
    expect(refused(await open(s.url)).body.error.code).toBe('UNAUTHENTICATED');
    expect(refused(await open(s.url, 'bogus')).body.error.code).toBe('UNAUTHENTICATED');
    expect(s.app.yukong.stream.stats.refusedUnauthenticated).toBe(4);
  });

  it('issues single-use tickets (60 s, real time) to a bearer of a token only', async () => {
    expect((await ticketFor(s.app)).statusCode).toBe(401);
    expect((await ticketFor(s.app, 'bogus')).json().error.code).toBe('UNAUTHENTICATED');
    const viewer = await principal(s.app);
    const r = await ticketFor(s.app, viewer.token);
    expect(r.statusCode).toBe(201);
    const t = r.json();
    expect(Value.Check(StreamTicketSchema, t)).toBe(true);
    expect(Math.abs(Date.parse(t.expiresAt) - (Date.now() + 60_000))).toBeLessThan(5_000); // not the simulated clock
    expect(t.ticket).not.toContain(viewer.token);
    const c = opened(await open(`${s.url}?ticket=${encodeURIComponent(t.ticket)}`));
    expect(c.hello.principal).toEqual({ id: viewer.id, role: 'viewer' });
    const again = refused(await open(`${s.url}?ticket=${encodeURIComponent(t.ticket)}`));
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('UNAUTHENTICATED');
    expect(refused(await open(`${s.url}?ticket=made-up`)).status).toBe(401);
    c.ws.close();
  });

  it('revoking a principal closes its streams (4001) and voids its tickets', async () => {
    const viewer = await principal(s.app);
    const c = opened(await open(s.url, viewer.token));
    const ticket = (await ticketFor(s.app, viewer.token)).json().ticket;
    const del = await s.app.inject({ method: 'DELETE', url: `/api/v1/principals/${viewer.id}`, headers: { authorization: 'Bearer adm' } });
    expect(del.statusCode).toBe(204);
    expect(await c.closed).toBe(STREAM_CLOSE_CODES.REVOKED);
    expect(s.app.yukong.stream.stats.disconnectedRevoked).toBe(1);
    expect(refused(await open(`${s.url}?ticket=${ticket}`)).status).toBe(401);
    expect(refused(await open(s.url, viewer.token)).body.error.code).toBe('TOKEN_REVOKED');
  });

  it('a ticket issued before its principal was revoked does not open the stream', async () => {
    const viewer = await principal(s.app);
    const stored = s.app.yukong.services.principals.get(viewer.id);
    const ticket = stored && s.app.yukong.stream.tickets.issue(stored.principal)?.ticket;
    expect(ticket).toBeTruthy();
    s.app.yukong.services.principals.revoke(viewer.id, new Date().toISOString()); // revoked behind the hub's back
    const r = refused(await open(`${s.url}?ticket=${ticket}`));
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('TOKEN_REVOKED');
  });
});

describe('stream tickets expire', () => {
  let s: { app: FastifyInstance; url: string };
  beforeAll(async () => {
    s = await serve({ ticketTtlMs: 150 });
  });
  afterAll(() => s.app.close());

  it('refuses a ticket past its time to live', async () => {
    const t = (await ticketFor(s.app, 'adm')).json();
    expect(Date.parse(t.expiresAt) - Date.now()).toBeLessThanOrEqual(150);
    await sleep(250);
    expect(refused(await open(`${s.url}?ticket=${t.ticket}`)).status).toBe(401);
    const fresh = (await ticketFor(s.app, 'adm')).json();
    opened(await open(`${s.url}?ticket=${fresh.ticket}`)).ws.close();
  });
});

describe('stream connection caps', () => {
  let s: { app: FastifyInstance; url: string };
  beforeAll(async () => {
    s = await serve({ maxConnectionsPerPrincipal: 2, maxConnections: 3 });
  });
  afterAll(() => s.app.close());

  it('refuses more than the per-principal and the total cap with 429, the error body and Retry-After; a closed one frees its place', async () => {
    const hub = s.app.yukong.stream;
    const a = await principal(s.app);
    const b = await principal(s.app);
    const a1 = opened(await open(s.url, a.token));
    const a2 = opened(await open(s.url, a.token));
    const a3 = refused(await open(s.url, a.token));
    expect(a3.status).toBe(429);
    expect(a3.body.error.code).toBe('RATE_LIMITED');
    expect(a3.body.error.message).toMatch(/per principal/);
    expect(Number(a3.headers['retry-after'])).toBeGreaterThan(0);
    // a ticket does not get round the cap
    expect(refused(await open(`${s.url}?ticket=${(await ticketFor(s.app, a.token)).json().ticket}`)).status).toBe(429);
    const b1 = opened(await open(s.url, b.token));
    const b2 = refused(await open(s.url, b.token)); // b has one, but the server is full
    expect(b2.status).toBe(429);
    expect(b2.body.error.message).toMatch(/at most 3 connections/);
    expect(hub.stats.refusedConnections).toBe(3);
    expect(hub.connectionsOf(a.id)).toBe(2);
    a1.ws.close();
    await a1.closed;
    await sleep(50);
    const b3 = opened(await open(s.url, b.token));
    expect(hub.clientCount).toBe(3);
    for (const c of [a2, b1, b3]) c.ws.close();
    await Promise.all([a2.closed, b1.closed, b3.closed]);
    await sleep(50);
    expect(hub.clientCount).toBe(0);
    expect(hub.connectionsOf(a.id) + hub.connectionsOf(b.id)).toBe(0);
  });
});
