/**
 * A stream client cannot make the server hold unbounded memory: a ping flood from a client that
 * never reads is rate-limited and cut off (or, with the limit lifted, cut off for its backlog);
 * a client subscribed only to plans or alerts that stops reading is cut off once over its budget;
 * healthy clients keep getting every tick meanwhile. Real sockets on loopback, server in-process.
 */
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
import { ServerMessage, STREAM_CLOSE_CODES } from '../shared/schemas/stream.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const T0 = Date.parse('2026-12-01T02:00:00Z');
const batch = (k: number, n = 500): TrackUpdate[] => Array.from({ length: n }, (_, i) => ({
  id: `A${i}`, lng: 106 + (i % 100) * 0.01, lat: 29 + Math.floor(i / 100) * 0.01, altitudeM: 60, speedMps: 10, headingDeg: 90, tMs: T0 + k * 1000, source: ['X-0001'] }));

async function serve(stream: Partial<StreamOptions>): Promise<{ app: FastifyInstance; url: string }> {
  const app = await buildApp({ config: configFromEnv({ YUKONG_DB: ':memory:', YUKONG_SIM: 'off', YUKONG_ADMIN_TOKEN: 'adm' }), stream });
  const url = `${(await app.listen({ port: 0, host: '127.0.0.1' })).replace('http', 'ws')}/api/v1/stream`;
  return { app, url };
}

interface Conn { ws: WebSocket; got: ServerMessage[]; closed: Promise<number> }
async function connect(url: string, channels: string[] | null, token = 'adm'): Promise<Conn> {
  const ws = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
  const got: ServerMessage[] = [];
  ws.on('message', (d) => {
    const m: unknown = JSON.parse(String(d));
    if (!Value.Check(ServerMessage, m)) throw new Error(`not a protocol message: ${String(d).slice(0, 200)}`);
    got.push(m);
  });
  const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
  await new Promise((r, j) => { ws.once('open', r); ws.once('error', j); });
  if (channels) ws.send(JSON.stringify({ type: 'subscribe', bbox: [105, 28, 111, 33], channels }));
  await sleep(50);
  return { ws, got, closed };
}
const pauseReading = (ws: WebSocket) => (ws as unknown as { _socket: { pause(): void } })._socket.pause();
/** Reads again (a paused client sees nothing, not even the end of the connection) and waits for the close code. */
const resumeAndClosed = (c: Conn) => { (c.ws as unknown as { _socket: { resume(): void } })._socket.resume(); return c.closed; };

/** Floods until the server has dropped the client (or the time is up), ticking for the healthy client and sampling the heap. */
async function flood(app: FastifyInstance, send: () => void, until: () => boolean, ms: number) {
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base, ticks = 0;
  const start = Date.now();
  let lastTick = start;
  while (!until() && Date.now() - start < ms) {
    for (let i = 0; i < 500; i++) send();
    await new Promise((r) => setImmediate(r));
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    if (Date.now() - lastTick >= 100) { app.yukong.stream.broadcast({ tMs: T0 + ticks * 1000, tracks: batch(ticks), alerts: [] }); ticks++; lastTick = Date.now(); }
  }
  return { growthMB: (peak - base) / 1_048_576, ticks, ms: Date.now() - start };
}

describe('ping flood from a client that never reads', () => {
  let s: { app: FastifyInstance; url: string };
  beforeAll(async () => { s = await serve({ closeGraceMs: 200 }); });
  afterAll(() => s.app.close());

  it('is rate-limited, told once, cut off as a flood (4029); the heap stays bounded and a tracks client keeps its ticks', async () => {
    const hub = s.app.yukong.stream;
    const healthy = await connect(s.url, ['tracks']);
    const attacker = await connect(s.url, null);
    pauseReading(attacker.ws);
    const ping = JSON.stringify({ type: 'ping', id: 'x'.repeat(64) });
    let sent = 0;
    attacker.ws.on('error', () => undefined); // writing on after the server hung up
    // the attacker keeps on for 2 s whatever happens; ticks go out every 100 ms meanwhile
    const r = await flood(s.app, () => { if (attacker.ws.readyState === WebSocket.OPEN) { attacker.ws.send(ping); sent++; } }, () => false, 2000);
    expect(hub.stats.disconnectedFlood).toBe(1);
    expect(hub.clientCount).toBe(1);
    expect(sent).toBeGreaterThan(10_000);
    expect(r.ticks).toBeGreaterThanOrEqual(10);
    expect(hub.stats.rateLimitedMessages).toBeGreaterThanOrEqual(200);
    console.log("FLOOD", JSON.stringify(r), JSON.stringify(hub.stats));
    expect(r.growthMB).toBeLessThan(64);
    // the healthy client got every tick
    await sleep(200);
    expect(healthy.got.filter((m) => m.type === 'tracks')).toHaveLength(r.ticks);
    expect([STREAM_CLOSE_CODES.FLOOD, 1006]).toContain(await resumeAndClosed(attacker));
    // what the attacker read once it looked: its hello, at most the burst of pongs, one RATE_LIMITED
    expect(attacker.got.filter((m) => m.type === 'pong').length).toBeLessThanOrEqual(45);
    expect(attacker.got.filter((m) => m.type === 'error').map((m) => m.type === 'error' && m.code)).toEqual(['RATE_LIMITED']);
    healthy.ws.close();
  }, 30_000);

  it('a reading client over the limit gets one RATE_LIMITED error and no pongs for what was dropped; flooding on closes it with 4029', async () => {
    const c = await connect(s.url, null);
    for (let i = 0; i < 60; i++) c.ws.send(JSON.stringify({ type: 'ping', id: i }));
    await sleep(300);
    const pongs = c.got.filter((m) => m.type === 'pong');
    expect(pongs.length).toBeGreaterThanOrEqual(40);
    expect(pongs.length).toBeLessThan(45); // the burst, and the few tokens refilled meanwhile
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
    const r = await flood(s.app, () => { if (attacker.ws.readyState === WebSocket.OPEN) attacker.ws.send(ping); }, () => hub.stats.disconnectedBacklog > 0, 20_000);
    expect(hub.stats.disconnectedBacklog).toBe(1);
    expect(hub.clientCount).toBe(1);
    console.log("FLOOD", JSON.stringify(r), JSON.stringify(hub.stats));
    expect(r.growthMB).toBeLessThan(64);
    await sleep(200);
    expect(healthy.got.filter((m) => m.type === 'tracks')).toHaveLength(r.ticks);
    expect([STREAM_CLOSE_CODES.BACKLOG, 1006]).toContain(await resumeAndClosed(attacker));
    healthy.ws.close();
  }, 30_000);

  it('a client subscribed only to alerts that stops reading is cut off once over its budget; a reading one gets them all', async () => {
    const hub = s.app.yukong.stream;
    const reader = await connect(s.url, ['alerts']);
    const stalled = await connect(s.url, ['alerts']);
    pauseReading(stalled.ws);
    const before = hub.stats.disconnectedBacklog;
    const alert = (i: number) => ({ id: `AL-${i}`, kind: 'lost-link' as const, severity: 'warning' as const, trackId: `T${i}`, stationId: 'A-CQ', lng: 106.5, lat: 29.5,
      altitudeM: 80, message: '失联 '.repeat(500), raisedAt: new Date(T0).toISOString(), action: 'raise' as const });
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
