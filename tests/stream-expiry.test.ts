/** A stream does not outlive its token: at expiry it is closed as a revocation would close it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app.js';
import { configFromEnv } from '../server/config.js';
import { STREAM_CLOSE_CODES } from '../shared/schemas/stream.js';

let app: FastifyInstance;
let base: string;
beforeAll(async () => {
  app = await buildApp({ config: configFromEnv({ YUKONG_DB: ':memory:', YUKONG_SIM: 'off', YUKONG_SCENARIO: 'empty', YUKONG_ADMIN_TOKEN: 'adm' }) });
  base = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('http', 'ws');
});
afterAll(() => app.close());

describe('stream and token expiry', () => {
  it('closes an open stream with 4001 once its token expires; a token without expiry stays', async () => {
    const expiresAt = new Date(Date.now() + 700).toISOString();
    const made = await app.inject({ method: 'POST', url: '/api/v1/principals', headers: { authorization: 'Bearer adm' }, payload: { role: 'viewer', name: 'short', expiresAt } });
    const open = (token: string) =>
      new Promise<{ ws: WebSocket; closed: Promise<number> }>((resolve) => {
        const ws = new WebSocket(`${base}/api/v1/stream`, { headers: { authorization: `Bearer ${token}` } });
        const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
        ws.once('open', () => resolve({ ws, closed }));
      });
    const short = await open(made.json().token);
    const lasting = await open('adm');
    await new Promise((r) => setTimeout(r, Date.parse(expiresAt) - Date.now() + 50));
    app.yukong.stream.broadcast({ tMs: Date.now(), tracks: [], alerts: [] });
    expect(await short.closed).toBe(STREAM_CLOSE_CODES.REVOKED);
    expect(lasting.ws.readyState).toBe(WebSocket.OPEN);
    lasting.ws.close();
  });
});
