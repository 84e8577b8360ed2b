/**
 * What one client may cost the server: refusal before the body is read, JSON depth, rate limit,
 * plan quota, slow bodies, oversized URLs and headers — each answered in the error body shape.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, planBody, type Harness } from './helpers/api-harness.js';

/** Raw HTTP/1.1 over a socket: write `head` and then `body` chunks, collect what comes back. */
function rawExchange(port: number, head: string, body: string[] = [], opts: { gapMs?: number; waitMs?: number } = {}): Promise<{ text: string; closed: boolean; ms: number; firstByteMs: number }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const s = connect(port, '127.0.0.1');
    let text = '';
    let closed = false;
    let firstByteMs = Number.NaN;
    const finish = () => {
      s.destroy();
      resolve({ text, closed, ms: performance.now() - t0, firstByteMs });
    };
    const timer = setTimeout(finish, opts.waitMs ?? 5000);
    s.on('data', (d) => {
      if (!text) firstByteMs = performance.now() - t0;
      text += d.toString('utf8');
    });
    s.on('error', () => {});
    s.on('close', () => {
      closed = true;
      clearTimeout(timer);
      finish();
    });
    s.on('connect', async () => {
      s.write(head);
      for (const chunk of body) {
        if (s.destroyed) break;
        await new Promise((r) => setTimeout(r, opts.gapMs ?? 0));
        s.write(chunk);
      }
    });
  });
}
const statusOf = (text: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
/** The first response's JSON body (a second response may follow when the server drops the rest of the request). */
function bodyOf(text: string) {
  const start = text.indexOf('\r\n\r\n') + 4;
  const length = Number(/content-length: (\d+)/i.exec(text.slice(0, start))?.[1]);
  return JSON.parse(Buffer.from(text.slice(start), 'utf8').subarray(0, length).toString('utf8'));
}

let h: Harness;
let port: number;
beforeAll(async () => {
  h = await createHarness('2026-12-01T00:00:00Z', { YUKONG_RATE_LIMIT_PER_MIN: '40', YUKONG_PLAN_QUOTA_PER_HOUR: '6', YUKONG_REQUEST_TIMEOUT_MS: '1000' });
  const url = await h.app.listen({ port: 0, host: '127.0.0.1' });
  port = Number(new URL(url).port);
});
afterAll(() => h.close());

describe('a refused caller never costs a parse', () => {
  it('a viewer announcing 8 MB of nested arrays for /flight-plans/batch is answered 403 after 1 KB, without the rest being sent', async () => {
    const head = `POST /api/v1/flight-plans/batch HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${h.tokens.viewer}\r\ncontent-type: application/json\r\ncontent-length: ${8 * 1024 * 1024}\r\n\r\n`;
    const r = await rawExchange(port, head, ['['.repeat(1024)], { waitMs: 3000 });
    expect(statusOf(r.text), r.text.slice(0, 400)).toBe(403);
    expect(bodyOf(r.text).error.code).toBe('FORBIDDEN');
    expect(r.firstByteMs).toBeLessThan(500); // answered at once, not after the request timeout
  });

  it("an allowed pilot's deeply nested body is refused at the depth limit, never parsed", async () => {
    const deep = '['.repeat(200_000);
    const head = `POST /api/v1/flight-plans/batch HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${h.tokens.acme}\r\ncontent-type: application/json\r\ncontent-length: ${deep.length}\r\n\r\n`;
    const r = await rawExchange(port, head, [deep], { waitMs: 3000 });
    expect(statusOf(r.text)).toBe(400);
    expect(bodyOf(r.text).error.code).toBe('JSON_TOO_DEEP');
    // the same over inject: nothing recorded
    const before = h.app.yukong.services.plans.list({}).length;
    const again = await h.call('acme', 'POST', '/api/v1/flight-plans', `{"a":${'['.repeat(100)}${']'.repeat(100)}}`);
    expect(again.body.error.code).toBe('JSON_TOO_DEEP');
    expect(h.app.yukong.services.plans.list({}).length).toBe(before);
  });

  it('a small deep body that arrives in one piece with its headers is refused too', async () => {
    const deep = `{"aircraft":${'['.repeat(40)}${']'.repeat(40)}}`;
    const r = await rawExchange(
      port,
      `POST /api/v1/flight-plans/check HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${h.tokens.acme}\r\ncontent-type: application/json\r\ncontent-length: ${deep.length}\r\n\r\n${deep}`,
      [],
      { waitMs: 3000 },
    );
    expect(statusOf(r.text)).toBe(400);
    expect(bodyOf(r.text).error.code).toBe('JSON_TOO_DEEP');
  });

  it('depth inside strings does not count', async () => {
    const r = await h.call('city', 'POST', '/api/v1/flight-plans/check', { ...planBody(), remarks: '['.repeat(500) });
    expect(r.status).toBe(200);
  });

  it('a per-role body limit: a pilot may not send a 3 MB batch (the route takes 4 MB from operators)', async () => {
    const head = `POST /api/v1/flight-plans/batch HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${h.tokens.other}\r\ncontent-type: application/json\r\ncontent-length: ${3 * 1024 * 1024}\r\n\r\n`;
    const r = await rawExchange(port, head, ['{"plans":['], { waitMs: 3000 });
    expect(statusOf(r.text)).toBe(413);
    expect(bodyOf(r.text).error.code).toBe('BODY_TOO_LARGE');
  });
});

describe('slow and oversized requests', () => {
  it('a body that never finishes is answered 408 in the error shape and the connection closed', async () => {
    const head = `POST /api/v1/flight-plans/check HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${h.tokens.city}\r\ncontent-type: application/json\r\ncontent-length: 5000\r\n\r\n`;
    const r = await rawExchange(port, head, ['{"aircraft":'], { waitMs: 6000 });
    expect(r.closed).toBe(true);
    expect(statusOf(r.text)).toBe(408);
    expect(bodyOf(r.text).error.code).toBe('REQUEST_TIMEOUT');
    expect(r.ms).toBeLessThan(4000);
  });

  it('oversized headers are 431, an overlong path parameter 414, both in the error shape', async () => {
    const big = `GET /api/v1/me HTTP/1.1\r\nhost: x\r\nx-junk: ${'a'.repeat(20_000)}\r\n\r\n`;
    const r = await rawExchange(port, big, [], { waitMs: 3000 });
    expect(statusOf(r.text)).toBe(431);
    expect(bodyOf(r.text).error.code).toBe('HEADERS_TOO_LARGE');
    const long = await h.call('viewer', 'GET', `/api/v1/flight-plans/${'x'.repeat(300)}`);
    expect(long.status).toBe(414);
    expect(long.body.error.code).toBe('URI_TOO_LONG');
  });
});

describe('rate limit and quota', () => {
  it('a principal over its rate gets 429 with Retry-After and the error body; another principal is not affected', async () => {
    const made = await h.call('admin', 'POST', '/api/v1/principals', { role: 'viewer', name: 'busy' });
    let last = { status: 0, body: undefined as any };
    let headers: Record<string, unknown> = {};
    for (let i = 0; i < 45 && last.status !== 429; i++) {
      const r = await h.app.inject({ method: 'GET', url: '/api/v1/stations?kind=A', headers: { authorization: `Bearer ${made.body.token}` } });
      last = { status: r.statusCode, body: r.json() };
      headers = r.headers;
    }
    expect(last.status).toBe(429);
    expect(last.body.error.code).toBe('RATE_LIMITED');
    expect(Number(headers['retry-after'])).toBeGreaterThan(0);
    expect((await h.call('planner', 'GET', '/api/v1/stations?kind=A')).status).toBe(200);
  });

  it('plans per hour per principal: a batch over the quota is refused whole, with Retry-After, and nothing is written', async () => {
    const made = await h.call('admin', 'POST', '/api/v1/principals', { role: 'pilot', name: 'prolific', operatorId: 'PROLIFIC' });
    const plan = (i: number) => planBody({ c: [106.3 + i * 0.02, 29.8], start: '2026-12-01T06:00:00Z', end: '2026-12-01T06:10:00Z' });
    const first = await h.call(made.body.token, 'POST', '/api/v1/flight-plans/batch', { plans: [0, 1, 2, 3].map(plan) });
    expect(first.status).toBe(200);
    const before = h.app.yukong.services.plans.list({ operatorId: 'PROLIFIC' }).length;
    const r = await h.app.inject({ method: 'POST', url: '/api/v1/flight-plans/batch', headers: { authorization: `Bearer ${made.body.token}` }, payload: { plans: [4, 5, 6].map(plan) } });
    expect(r.statusCode).toBe(429);
    expect(r.json().error.code).toBe('QUOTA_EXCEEDED');
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    expect(h.app.yukong.services.plans.list({ operatorId: 'PROLIFIC' }).length).toBe(before);
    expect((await h.call(made.body.token, 'POST', '/api/v1/flight-plans', plan(7))).status).toBe(201); // 5 of 6
  });
});

describe('the server clock', () => {
  it('health gives now (the server clock) and the simulation state', async () => {
    h.clock.now = Date.parse('2026-12-01T03:04:05Z');
    const r = await h.call('anonymous', 'GET', '/api/v1/health');
    expect(r.body.now).toBe('2026-12-01T03:04:05.000Z');
    expect(r.body.simulation).toEqual({ enabled: false, speed: 1, running: true });
  });
});
