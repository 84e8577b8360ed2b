/**
 * The browser's stream client (client/src/live-stream.ts) against the real server: a ticket per
 * (re)connect, never the token in a URL; typed messages; reconnection; a revoked or refused token
 * stops it. `ws` stands in for the browser's WebSocket.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WS from 'ws';
import { createApi, type Api } from '../client/src/api.js';
import { LiveStream, parseServerMessage, type StreamStatus } from '../client/src/live-stream.js';
import { buildApp } from '../server/app.js';
import { configFromEnv } from '../server/config.js';
import type { HelloMessage, StreamTrack } from '../shared/schemas/stream.js';

const NOW = Date.parse('2026-12-01T02:00:00Z');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(20);
  }
}

const urls: string[] = [];
class RecordingWebSocket extends WS {
  constructor(url: string) {
    urls.push(url);
    super(url);
  }
}
const saved = { WebSocket: (globalThis as { WebSocket?: unknown }).WebSocket, location: (globalThis as { location?: unknown }).location };
let app: FastifyInstance;
let base: string;
beforeAll(async () => {
  app = await buildApp({ config: configFromEnv({ YUKONG_DB: ':memory:', YUKONG_SIM: 'off', YUKONG_ADMIN_TOKEN: 'adm' }), clock: () => NOW });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
  Object.assign(globalThis, { WebSocket: RecordingWebSocket, location: { protocol: 'http:', host: new URL(base).host } });
});
afterAll(async () => {
  Object.assign(globalThis, saved);
  await app.close();
});

function watch(api: Api) {
  const seen = { statuses: [] as StreamStatus[], hello: null as HelloMessage | null, tracks: [] as StreamTrack[], tickets: 0 };
  const counting: Api = {
    ...api,
    post: <T>(p: string, b?: unknown) => {
      if (p === '/stream/tickets') seen.tickets++;
      return api.post<T>(p, b);
    },
  };
  const stream = new LiveStream(
    counting,
    {
      onTracks: (ts) => seen.tracks.push(...ts),
      onHello: (h) => {
        seen.hello = h;
      },
      onStatus: (s) => seen.statuses.push(s),
    },
    ['tracks'],
  );
  return { stream, seen };
}

describe('browser stream client', () => {
  it('connects with a fresh ticket each time (never the token), gets typed messages and reconnects', async () => {
    urls.length = 0;
    const { stream, seen } = watch(createApi('adm', `${base}/api/v1`));
    await until(() => seen.hello !== null);
    expect(seen.hello?.now).toBe(new Date(NOW).toISOString());
    expect(seen.tickets).toBe(1);
    expect(urls).toHaveLength(1);
    expect(urls[0]).toMatch(/\/api\/v1\/stream\?ticket=[A-Za-z0-9_-]+$/);
    expect(urls[0]).not.toContain('adm');
    stream.subscribe([106, 29, 107, 30]);
    await sleep(100);
    app.yukong.stream.broadcast({ tMs: NOW, alerts: [], tracks: [{ id: 'T1', lng: 106.5, lat: 29.5, altitudeM: 80, speedMps: 10, headingDeg: 90, tMs: NOW, source: ['X-0001'] }] });
    await until(() => seen.tracks.length > 0);
    expect(seen.tracks[0]).toMatchObject({ id: 'T1', lng: 106.5, lat: 29.5 });
    // the connection drops: a new ticket, a new connection, the box subscribed again
    (stream as unknown as { ws: WS }).ws.close();
    await until(() => urls.length === 2 && seen.statuses.at(-1) === 'open', 5000);
    expect(seen.tickets).toBe(2);
    expect(urls[1]).not.toBe(urls[0]);
    await sleep(100);
    app.yukong.stream.broadcast({ tMs: NOW + 1000, alerts: [], tracks: [{ id: 'T2', lng: 106.6, lat: 29.6, altitudeM: 80, speedMps: 10, headingDeg: 90, tMs: NOW + 1000, source: ['X-0001'] }] });
    await until(() => seen.tracks.some((t) => t.id === 'T2'));
    stream.close();
  }, 15_000);

  it('stops for good when its token is revoked (close 4001) or refused (401 on the ticket)', async () => {
    const viewer = (await app.inject({ method: 'POST', url: '/api/v1/principals', headers: { authorization: 'Bearer adm' }, payload: { role: 'viewer', name: 'v' } })).json();
    const { stream, seen } = watch(createApi(viewer.token, `${base}/api/v1`));
    await until(() => seen.statuses.at(-1) === 'open');
    await app.inject({ method: 'DELETE', url: `/api/v1/principals/${viewer.id}`, headers: { authorization: 'Bearer adm' } });
    await until(() => seen.statuses.at(-1) === 'unauthorized');
    await sleep(1500);
    expect(seen.tickets).toBe(1); // no retry
    stream.close();

    urls.length = 0;
    const refused = watch(createApi('bogus', `${base}/api/v1`));
    await until(() => refused.seen.statuses.at(-1) === 'unauthorized');
    await sleep(1200);
    expect(refused.seen.tickets).toBe(1);
    expect(urls).toEqual([]); // never tried the WebSocket
    refused.stream.close();
  }, 15_000);

  it('parses only protocol v1 messages', () => {
    expect(parseServerMessage('{"v":1,"type":"pong","t":"2026-12-01T02:00:00Z"}')).toEqual({ v: 1, type: 'pong', t: '2026-12-01T02:00:00Z' });
    expect(parseServerMessage('{"v":2,"type":"pong"}')).toBeNull();
    expect(parseServerMessage('{"v":1,"type":"surprise"}')).toBeNull();
    expect(parseServerMessage('not json')).toBeNull();
    expect(parseServerMessage('null')).toBeNull();
  });
});
