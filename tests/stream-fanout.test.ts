/**
 * A tick to many clients goes out a slice of clients at a time (requests are answered in between):
 * every client still gets every tick, whole and in order, and a tick handed over while the last is
 * still going out waits for it.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildApp } from '../server/app.js';
import { configFromEnv } from '../server/config.js';
import type { TrackUpdate } from '../shared/monitor/conformance-monitor.js';
import { toStreamTrack, trackJson } from '../server/live/track-json.js';

const CLIENTS = 25;
const T0 = Date.parse('2026-12-01T02:00:00Z');
let app: FastifyInstance;
const received: { tracks: string[]; t: string }[][] = [];
/** every tracks message's tracks, as sent, of each client */
const sentTracks: { t: string; tracks: unknown[] }[][] = [];
const sockets: WebSocket[] = [];

beforeAll(async () => {
  app = await buildApp({
    config: configFromEnv({ YUKONG_DB: ':memory:', YUKONG_SIM: 'off', YUKONG_ADMIN_TOKEN: 'fan-admin', YUKONG_SCENARIO: 'empty' }),
    stream: { maxConnectionsPerPrincipal: CLIENTS },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  for (let i = 0; i < CLIENTS; i++) {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v1/stream`, { headers: { authorization: 'Bearer fan-admin' } });
    const got: { tracks: string[]; t: string }[] = [];
    received.push(got);
    const whole: { t: string; tracks: unknown[] }[] = [];
    sentTracks.push(whole);
    const subscribed = new Promise<void>((resolve) =>
      ws.on('message', (d) => {
        const m = JSON.parse(String(d));
        if (m.type === 'subscribed') resolve();
        if (m.type === 'tracks') {
          got.push({ t: m.t, tracks: m.tracks.map((x: { id: string }) => x.id) });
          whole.push({ t: m.t, tracks: m.tracks });
        }
      }),
    );
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ type: 'subscribe', bbox: i % 2 ? [106, 29, 107, 30] : [106.4, 29.4, 106.6, 29.6], channels: ['tracks'] }));
    await subscribed;
    sockets.push(ws);
  }
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await app?.close();
});

const at = (id: string, lng: number, lat: number, tMs: number): TrackUpdate => ({ id, lng, lat, altitudeM: 60, speedMps: 10, headingDeg: 90, tMs, source: ['X-1'] });

describe('fan-out to many clients', () => {
  it('sends every tick to every client, whole and in order, a slice of clients at a time', async () => {
    const live = app.yukong.live;
    const stream = app.yukong.stream;
    let synchronous = 0;
    const before = stream.stats.messages;
    for (let k = 0; k < 3; k++) {
      const t = T0 + k * 1000;
      live.ingest([at(`A-${k}`, 106.5, 29.5, t), at(`B-${k}`, 106.9, 29.9, t)]);
      live.tick(t);
      // the first slice goes at once, the rest on later turns of the event loop
      if (k === 0) synchronous = stream.stats.messages - before;
    }
    expect(synchronous).toBeGreaterThan(0);
    expect(synchronous).toBeLessThan(CLIENTS);
    await stream.whenSent();
    await new Promise((r) => setTimeout(r, 300));
    for (const [i, got] of received.entries()) {
      const ticks = got.map((m) => Date.parse(m.t));
      expect(ticks).toEqual([T0, T0 + 1000, T0 + 2000]);
      // only the tick's changed tracks inside the box
      expect(got.map((m) => m.tracks.sort())).toEqual([0, 1, 2].map((k) => (i % 2 ? [`A-${k}`, `B-${k}`] : [`A-${k}`])));
    }
  });

  it('takes the JSON a tick brings for its first tracks (written while the monitor computed) and writes the rest', async () => {
    const stream = app.yukong.stream;
    const t = T0 + 10_000;
    const tracks = [at('J-1', 106.45, 29.45, t), at('J-2', 106.5, 29.5, t), at('J-3', 106.55, 29.55, t)];
    // the JSON brought for the first track says 61 m: what the client gets is what was brought
    const brought = trackJson({ ...tracks[0], altitudeM: 61 });
    const forms = [undefined, [brought], [brought, trackJson(tracks[1]), trackJson(tracks[2])]];
    for (const [k, trackJsonOf] of forms.entries()) stream.broadcast({ tMs: t + k * 1000, tracks, ...(trackJsonOf ? { trackJson: trackJsonOf } : {}), alerts: [] });
    await stream.whenSent();
    await new Promise((r) => setTimeout(r, 300));
    const got = sentTracks[0].filter((m) => Date.parse(m.t) >= t).map((m) => m.tracks);
    const written = tracks.map(toStreamTrack);
    expect(got).toEqual([written, [{ ...written[0], altitudeM: 61 }, ...written.slice(1)], [{ ...written[0], altitudeM: 61 }, ...written.slice(1)]]);
  });
});
