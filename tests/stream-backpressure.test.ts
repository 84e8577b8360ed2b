/** A slow stream client gets coalesced latest positions, never an unbounded queue, and is cut off when stuck. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildApp } from '../server/app.js';
import { configFromEnv } from '../server/config.js';
import type { TrackUpdate } from '../shared/monitor/conformance-monitor.js';
import type { ServerMessage, TracksMessage } from '../shared/schemas/stream.js';

let app: FastifyInstance;
let base: string;
beforeAll(async () => {
  app = await buildApp({ config: configFromEnv({ YUKONG_DB: ':memory:', YUKONG_SIM: 'off', YUKONG_ADMIN_TOKEN: 'adm' }), stream: { highWaterBytes: 256 * 1024, stuckMs: 3000 } });
  base = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('http', 'ws');
});
afterAll(() => app.close());

function client(): Promise<{ ws: WebSocket; got: ServerMessage[] }> {
  const ws = new WebSocket(`${base}/api/v1/stream`, { headers: { authorization: 'Bearer adm' } });
  const got: ServerMessage[] = [];
  ws.on('message', (d) => got.push(JSON.parse(String(d)) as ServerMessage));
  return new Promise((resolve) =>
    ws.once('open', () => {
      ws.send(JSON.stringify({ type: 'subscribe', bbox: [105, 28, 111, 33], channels: ['tracks'] }));
      setTimeout(() => resolve({ ws, got }), 100);
    }),
  );
}

const batch = (tMs: number, n: number): TrackUpdate[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `A${i}`,
    lng: 106 + (i % 100) * 0.01,
    lat: 29 + Math.floor(i / 100) * 0.01,
    altitudeM: 50 + ((tMs / 1000) % 50),
    speedMps: 10,
    headingDeg: 90,
    tMs,
    source: ['X-0001'],
  }));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('stream backpressure', () => {
  it('coalesces for a client that stops reading and disconnects it once stuck; others are served', async () => {
    const fast = await client();
    const slow = await client();
    (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause(); // stops reading: the server's buffer fills
    const hub = app.yukong.stream;
    const t0 = Date.parse('2026-12-01T02:00:00Z');
    let tick = 0;
    const start = Date.now();
    while (Date.now() - start < 8000 && hub.clientCount > 1) {
      hub.broadcast({ tMs: t0 + tick * 1000, tracks: batch(t0 + tick * 1000, 3000), alerts: [] });
      tick++;
      await sleep(100);
    }
    expect(hub.clientCount).toBe(1); // the stuck client was cut off…
    expect(hub.stats.disconnectedSlow).toBe(1);
    expect(Date.now() - start).toBeGreaterThanOrEqual(3000); // …only after staying stuck for stuckMs
    await sleep(200);
    const fastTicks = fast.got.filter((m): m is TracksMessage => m.type === 'tracks');
    expect(fastTicks.length).toBe(tick); // the healthy client got every tick
    expect(fastTicks[fastTicks.length - 1].tracks).toHaveLength(3000);
    fast.ws.close();
  }, 20_000);

  it('a client that drains in time gets the latest position of every aircraft once, marked coalesced', async () => {
    const c = await client();
    const sock = (c.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    sock.pause();
    const hub = app.yukong.stream;
    const t0 = Date.parse('2026-12-01T03:00:00Z');
    let k = 0;
    // broadcast until the server holds this client back (its socket buffer is full)
    while (hub.slowClientCount === 0 && k < 200) {
      hub.broadcast({ tMs: t0 + k * 1000, tracks: batch(t0 + k * 1000, 3000), alerts: [] });
      k++;
      await sleep(20);
    }
    expect(hub.slowClientCount).toBe(1);
    for (let j = 0; j < 5; j++, k++) {
      hub.broadcast({ tMs: t0 + k * 1000, tracks: batch(t0 + k * 1000, 3000), alerts: [] });
      await sleep(20);
    }
    sock.resume();
    await sleep(500);
    hub.broadcast({ tMs: t0 + k * 1000, tracks: batch(t0 + k * 1000, 10).map((u) => ({ ...u, id: `N${u.id}` })), alerts: [] });
    await sleep(500);
    const ticks = c.got.filter((m): m is TracksMessage => m.type === 'tracks');
    const last = ticks[ticks.length - 1];
    expect(last.coalesced).toBe(true);
    expect(last.tracks).toHaveLength(3010); // every aircraft once: latest positions, not a backlog
    expect(ticks.length).toBeLessThan(k + 1); // some ticks were folded into the coalesced one
    expect(last.tracks.find((x) => x.id === 'A0')?.altitudeM).toBe(50 + (((t0 + (k - 1) * 1000) / 1000) % 50)); // the latest
    c.ws.close();
  }, 20_000);
});
