/**
 * A change of the published airspace reaches every open stream at once, whatever its box or
 * channels: a restriction published or withdrawn, a landing point added; one message per change
 * (a restriction's zones in one), and none for a preview, which writes nothing.
 */
import { Value } from '@sinclair/typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app.js';
import { configFromEnv } from '../server/config.js';
import { ServerMessage, type AirspaceMessage } from '../shared/schemas/stream.js';

const NOW = Date.parse('2026-12-01T02:00:00Z');
let app: FastifyInstance;
let url: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  app = await buildApp({ config: configFromEnv({ YUKONG_DB: ':memory:', YUKONG_SIM: 'off', YUKONG_ADMIN_TOKEN: 'adm' }), clock: () => NOW });
  url = `${(await app.listen({ port: 0, host: '127.0.0.1' })).replace('http', 'ws')}/api/v1/stream`;
  for (const [name, body] of Object.entries({ pilot: { role: 'pilot', name: 'p', operatorId: 'ACME' }, city: { role: 'operator', name: 'c', stationId: 'A-CQ' } })) {
    const r = await app.inject({ method: 'POST', url: '/api/v1/principals', headers: { authorization: 'Bearer adm' }, payload: body });
    tokens[name] = r.json().token;
  }
});
afterAll(() => app.close());

/** A pilot's stream, never subscribed: what it is told about the airspace. */
async function listen(): Promise<{ ws: WebSocket; airspace: AirspaceMessage[] }> {
  const ws = new WebSocket(url, { headers: { authorization: `Bearer ${tokens.pilot}` } });
  const airspace: AirspaceMessage[] = [];
  await new Promise<void>((resolve, reject) => {
    ws.on('message', (d) => {
      const m: unknown = JSON.parse(String(d));
      if (!Value.Check(ServerMessage, m)) return reject(new Error(`not a server message: ${String(d)}`));
      if (m.type === 'hello') resolve();
      if (m.type === 'airspace') airspace.push(m);
    });
    ws.once('error', reject);
  });
  return { ws, airspace };
}
const settle = () => new Promise((r) => setTimeout(r, 150));
const restriction = {
  name: '消防演练',
  reason: 'drill',
  outline: {
    type: 'Polygon',
    coordinates: [
      [
        [106.4, 29.8],
        [106.42, 29.8],
        [106.42, 29.82],
        [106.4, 29.82],
        [106.4, 29.8],
      ],
    ],
  },
  altitudeLowerM: 0,
  altitudeUpperM: 300,
  restriction: 'prohibited',
  applicability: { kind: 'window', start: '2026-12-01T03:00:00Z', end: '2026-12-01T05:00:00Z' },
};
const as = (who: string, method: 'POST' | 'DELETE', path: string, payload?: object) =>
  app.inject({ method, url: `/api/v1${path}`, headers: { authorization: `Bearer ${tokens[who]}` }, ...(payload ? { payload } : {}) });

describe('the published airspace on the stream', () => {
  it('a restriction published and withdrawn, and a landing point added, each reach every stream once; a preview does not', async () => {
    const a = await listen();
    const b = await listen();
    expect((await as('city', 'POST', '/zones/preview', restriction)).statusCode).toBe(200);
    await settle();
    expect(a.airspace).toEqual([]);
    const published = await as('city', 'POST', '/zones', restriction);
    expect(published.statusCode).toBe(201);
    await settle();
    for (const c of [a, b]) expect(c.airspace.map((m) => m.changed)).toEqual([['zones']]);
    expect(a.airspace[0].at).toBe(new Date(NOW).toISOString());
    expect((await as('city', 'DELETE', `/zones/${published.json().zone.id}`)).statusCode).toBe(204);
    const lp = await as('city', 'POST', '/landing-points', { name: '测试起降点', category: 'grass', lng: 106.46, lat: 29.76, capacityPerHour: 2 });
    expect(lp.statusCode, lp.body).toBe(201);
    await settle();
    for (const c of [a, b]) expect(c.airspace.map((m) => m.changed)).toEqual([['zones'], ['zones'], ['landing-points']]);
    // a refused change tells nothing
    expect((await as('pilot', 'POST', '/zones', restriction)).statusCode).toBe(403);
    await settle();
    expect(a.airspace).toHaveLength(3);
    a.ws.close();
    b.ws.close();
  });
});
