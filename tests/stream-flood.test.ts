/**
 * A stream client cannot make the server hold unbounded memory: a ping flood from a client that
 * never reads is rate-limited and cut off (or, with the limit lifted, cut off for its backlog);
 * a client subscribed only to plans or alerts that stops reading is cut off once over its budget;
 * healthy clients keep getting every tick meanwhile. Real sockets on loopback, server in-process.
 */
import { randomBytes } from 'node:crypto';
import { connect as netConnect, type Socket } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { FastifyInstance } from 'fastify';
import { Value } from '@sinclair/typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildApp } from '../server/app.js';
import { configFromEnv } from '../server/config.js';
import type { StreamOptions } from '../server/live/stream-hub.js';
import type { TrackUpdate } from '../shared/monitor/conformance-monitor.js';
import type { FlightPlan } from '../shared/schemas/flight-plan-record.js';
import { ServerMessage, STREAM_CLOSE_CODES } from '../shared/schemas/stream.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const T0 = Date.parse('2026-12-01T02:00:00Z');
const batch = (k: number, n = 500): TrackUpdate[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `A${i}`,
    lng: 106 + (i % 100) * 0.01,
    lat: 29 + Math.floor(i / 100) * 0.01,
    altitudeM: 60,
    speedMps: 10,
    headingDeg: 90,
    tMs: T0 + k * 1000,
    source: ['X-0001'],
  }));

async function serve(stream: Partial<StreamOptions>): Promise<{ app: FastifyInstance; url: string }> {
  const app = await buildApp({ config: configFromEnv({ YUKONG_DB: ':memory:', YUKONG_SIM: 'off', YUKONG_ADMIN_TOKEN: 'adm' }), stream });
  const url = `${(await app.listen({ port: 0, host: '127.0.0.1' })).replace('http', 'ws')}/api/v1/stream`;
  return { app, url };
}

interface Conn {
  ws: WebSocket;
  got: ServerMessage[];
  closed: Promise<number>;
}
async function connect(url: string, channels: string[] | null, token = 'adm'): Promise<Conn> {
  const ws = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
  const got: ServerMessage[] = [];
  ws.on('message', (d) => {
    const m: unknown = JSON.parse(String(d));
    if (!Value.Check(ServerMessage, m)) throw new Error(`not a protocol message: ${String(d).slice(0, 200)}`);
    got.push(m);
  });
  const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
  await new Promise((r, j) => {
    ws.once('open', r);
    ws.once('error', j);
  });
  if (channels) ws.send(JSON.stringify({ type: 'subscribe', bbox: [105, 28, 111, 33], channels }));
  await sleep(50);
  return { ws, got, closed };
}
const pauseReading = (ws: WebSocket) => (ws as unknown as { _socket: { pause(): void } })._socket.pause();
/** Reads again (a paused client sees nothing, not even the end of the connection) and waits for the close code. */
const resumeAndClosed = (c: Conn) => {
  (c.ws as unknown as { _socket: { resume(): void } })._socket.resume();
  return c.closed;
};

/** A client doing the WebSocket upgrade by hand, so that it can write frames without ever reading. */
async function rawClient(url: string): Promise<{ sock: Socket; closed: Promise<unknown> }> {
  const u = new URL(url);
  const sock = netConnect(Number(u.port), u.hostname);
  const closed = new Promise((r) => sock.once('close', r));
  sock.on('error', () => undefined); // the server hangs up while it still writes
  sock.write(
    `GET ${u.pathname} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer adm\r\n\r\n`,
  );
  const head = await new Promise<Buffer>((r) => sock.once('data', r));
  expect(head.toString('latin1')).toMatch(/^HTTP\/1.1 101 /);
  sock.pause(); // never reads again
  return { sock, closed };
}
/** A masked text frame (payload under 126 bytes), as a client must send it. */
function maskedText(text: string): Buffer {
  const payload = Buffer.from(text);
  const mask = randomBytes(4);
  const out = Buffer.alloc(6 + payload.length);
  out[0] = 0x81;
  out[1] = 0x80 | payload.length;
  mask.copy(out, 2);
  for (let i = 0; i < payload.length; i++) out[6 + i] = payload[i] ^ mask[i & 3];
  return out;
}
/** Floods until the server has dropped the client (or the time is up), ticking for the healthy client and sampling the heap. */
async function flood(app: FastifyInstance, send: () => void, until: () => boolean, ms: number) {
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base,
    ticks = 0;
  const start = Date.now();
  let lastTick = start;
  while (!until() && Date.now() - start < ms) {
    for (let i = 0; i < 500; i++) send();
    await new Promise((r) => setImmediate(r));
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    if (Date.now() - lastTick >= 100) {
      app.yukong.stream.broadcast({ tMs: T0 + ticks * 1000, tracks: batch(ticks), alerts: [] });
      ticks++;
      lastTick = Date.now();
    }
  }
  return { growthMB: (peak - base) / 1_048_576, ticks, ms: Date.now() - start };
}

describe('ping flood from a client that never reads', () => {
  let s: { app: FastifyInstance; url: string };
  beforeAll(async () => {
    s = await serve({ closeGraceMs: 200 });
  });
  afterAll(() => s.app.close());

  it('is rate-limited, told once, cut off as a flood (4029); the heap stays bounded and a tracks client keeps its ticks', async () => {
    const hub = s.app.yukong.stream;
    const healthy = await connect(s.url, ['tracks']);
    const m0 = hub.stats.messages;
    const attacker = await rawClient(s.url);
    const frames = Buffer.concat(Array.from({ length: 5000 }, (_, i) => maskedText(JSON.stringify({ type: 'ping', id: `${i}`.padEnd(64, 'x') }))));
    let written = 0;
    // 50,000 pings as fast as the socket takes them, never reading a reply; ticks every 100 ms meanwhile
    const r = await flood(
      s.app,
      () => {
        if (written < 10 && !attacker.sock.destroyed) {
          attacker.sock.write(frames);
          written++;
        }
      },
      () => false,
      2000,
    );
    expect(written).toBe(10);
    expect(hub.stats.disconnectedFlood).toBe(1);
    expect(hub.stats.rateLimitedMessages).toBeGreaterThanOrEqual(200);
    expect(hub.clientCount).toBe(1);
    expect(r.ticks).toBeGreaterThanOrEqual(10);
    expect(r.growthMB).toBeLessThan(64);
    await sleep(200);
    expect(healthy.got.filter((m) => m.type === 'tracks')).toHaveLength(r.ticks); // every tick
    // all the attacker was sent: its hello, the burst of pongs, one RATE_LIMITED error
    expect(hub.stats.messages - m0 - r.ticks).toBeGreaterThanOrEqual(1 + 40 + 1);
    expect(hub.stats.messages - m0 - r.ticks).toBeLessThanOrEqual(1 + 50 + 1);
    attacker.sock.resume(); // a paused socket does not even see the end of the connection
    await attacker.closed;
    healthy.ws.close();
  }, 30_000);

  it('a reading client over the limit gets one RATE_LIMITED error and no pongs for what was dropped; flooding on closes it with 4029', async () => {
    const c = await connect(s.url, null);
    for (let i = 0; i < 60; i++) c.ws.send(JSON.stringify({ type: 'ping', id: i }));
    await sleep(300);
    const pongs = c.got.filter((m) => m.type === 'pong');
    expect(pongs.length).toBeGreaterThanOrEqual(40);
    expect(pongs.length).toBeLessThanOrEqual(50); // the burst, and the few tokens refilled meanwhile
    expect(c.got.filter((m) => m.type === 'error').map((m) => m.type === 'error' && m.code)).toEqual(['RATE_LIMITED']);
    for (let i = 0; i < 300; i++) c.ws.send('{"type":"ping"}');
    expect(await c.closed).toBe(STREAM_CLOSE_CODES.FLOOD);
  });

  it('WebSocket control pings count too', async () => {
    const c = await connect(s.url, null);
    for (let i = 0; i < 400 && c.ws.readyState === WebSocket.OPEN; i++) c.ws.ping();
    expect(await c.closed).toBe(STREAM_CLOSE_CODES.FLOOD);
  });
});

describe('a client that never reads, with the inbound limit lifted', () => {
  let s: { app: FastifyInstance; url: string };
  beforeAll(async () => {
    s = await serve({ inboundRatePerS: 1e9, inboundBurst: 1e9, highWaterBytes: 64 * 1024, maxBufferedBytes: 1 << 20, maxQueuedMessages: 500, closeGraceMs: 200 });
  });
  afterAll(() => s.app.close());

  it('is cut off for its backlog of pongs (4008): the heap stays bounded, a tracks client keeps its ticks', async () => {
    const hub = s.app.yukong.stream;
    const healthy = await connect(s.url, ['tracks']);
    const attacker = await connect(s.url, null);
    pauseReading(attacker.ws);
    const ping = JSON.stringify({ type: 'ping', id: 'x'.repeat(64) });
    const r = await flood(
      s.app,
      () => {
        if (attacker.ws.readyState === WebSocket.OPEN) attacker.ws.send(ping);
      },
      () => hub.stats.disconnectedBacklog > 0,
      20_000,
    );
    expect(hub.stats.disconnectedBacklog).toBe(1);
    expect(hub.clientCount).toBe(1);
    expect(r.growthMB).toBeLessThan(64);
    await sleep(200);
    expect(healthy.got.filter((m) => m.type === 'tracks')).toHaveLength(r.ticks);
    expect([STREAM_CLOSE_CODES.BACKLOG, 1006]).toContain(await resumeAndClosed(attacker));
    healthy.ws.close();
  }, 30_000);

  it('a client subscribed only to plans that stops reading is cut off once over its budget; a reading one gets every event', async () => {
    const hub = s.app.yukong.stream;
    const ctx = s.app.yukong.services;
    const at = new Date(T0).toISOString();
    ctx.plans.insert({
      id: 'FP-0000001',
      state: 'approved',
      priority: 40,
      emergency: false,
      station: { id: 'A-CQ', kind: 'A' },
      operatorId: 'ACME',
      submittedBy: 'p',
      volumes: [],
      version: 1,
      createdAt: at,
      updatedAt: at,
    } as unknown as FlightPlan);
    const reader = await connect(s.url, ['plans']);
    const stalled = await connect(s.url, ['plans']);
    pauseReading(stalled.ws);
    const before = hub.stats.disconnectedBacklog;
    let events = 0;
    for (let k = 0; k < 400 && hub.stats.disconnectedBacklog === before; k++) {
      for (let i = 0; i < 20; i++, events++) for (const l of ctx.listeners) l({ at, kind: 'revised', planId: 'FP-0000001', stationId: 'A-CQ', payload: { note: 'x'.repeat(2000), n: events } });
      await sleep(5);
    }
    expect(hub.stats.disconnectedBacklog).toBe(before + 1);
    expect([STREAM_CLOSE_CODES.BACKLOG, 1006]).toContain(await resumeAndClosed(stalled));
    await sleep(300);
    expect(reader.got.filter((m) => m.type === 'plan')).toHaveLength(events);
    reader.ws.close();
  }, 30_000);

  it('a client subscribed only to alerts that stops reading is cut off once over its budget; a reading one gets them all', async () => {
    const hub = s.app.yukong.stream;
    const reader = await connect(s.url, ['alerts']);
    const stalled = await connect(s.url, ['alerts']);
    pauseReading(stalled.ws);
    const before = hub.stats.disconnectedBacklog;
    const alert = (i: number) => ({
      id: `AL-${i}`,
      kind: 'lost-link' as const,
      severity: 'warning' as const,
      trackId: `T${i}`,
      stationId: 'A-CQ',
      lng: 106.5,
      lat: 29.5,
      altitudeM: 80,
      message: '失联 '.repeat(500),
      raisedAt: new Date(T0).toISOString(),
      action: 'raise' as const,
    });
    let sentAlerts = 0;
    for (let k = 0; k < 200 && hub.stats.disconnectedBacklog === before; k++) {
      hub.broadcast({ tMs: T0 + k * 1000, tracks: [], alerts: Array.from({ length: 50 }, (_, i) => alert(k * 50 + i)) });
      sentAlerts += 50;
      await sleep(5);
    }
    expect(hub.stats.disconnectedBacklog).toBe(before + 1);
    expect([STREAM_CLOSE_CODES.BACKLOG, 1006]).toContain(await resumeAndClosed(stalled));
    await sleep(300);
    expect(reader.got.filter((m) => m.type === 'alert')).toHaveLength(sentAlerts);
    reader.ws.close();
  }, 30_000);
});
