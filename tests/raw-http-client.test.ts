/**
 * The benchmarks' raw HTTP/1.1 client reads answers as a real server sends them: status and body
 * by Content-Length, several on one keep-alive connection, answers split over many packets, and
 * refuses (never guesses) an answer without a length.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RawHttpConnection } from '../bench/raw-http-client.js';

let server: http.Server | null = null;
afterEach(async () => {
  await new Promise((r) => server?.close(r) ?? r(null));
  server = null;
});

/** a server that echoes method, path, authorization and body; `/slow` writes its answer a byte at a time, `/chunked` has no length */
async function start(): Promise<number> {
  const s = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const text = JSON.stringify({ method: req.method, url: req.url, auth: req.headers.authorization ?? null, body: Buffer.concat(parts).toString('utf8') });
      if (req.url === '/chunked') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write(text);
        res.end();
        return;
      }
      const bytes = Buffer.from(text);
      res.writeHead(req.url === '/missing' ? 404 : 201, { 'content-type': 'application/json', 'content-length': bytes.length });
      if (req.url !== '/slow') return void res.end(bytes);
      let i = 0;
      const next = () => (i < bytes.length ? res.write(bytes.subarray(i, ++i), () => setImmediate(next)) : res.end());
      next();
    });
  });
  server = s;
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return (s.address() as AddressInfo).port;
}

describe('RawHttpConnection', () => {
  it('sends requests with their headers and reads status and body, many on one connection', async () => {
    const port = await start();
    const c = await RawHttpConnection.connect(port, { authorization: 'Bearer t' });
    for (let i = 0; i < 20; i++) {
      const body = JSON.stringify({ i, text: '渝空'.repeat(i) });
      const a = await c.request('POST', `/p/${i}`, body);
      expect(a.status).toBe(201);
      expect(JSON.parse(a.body)).toEqual({ method: 'POST', url: `/p/${i}`, auth: 'Bearer t', body });
    }
    const got = await c.request('GET', '/missing', null);
    expect(got.status).toBe(404);
    expect(JSON.parse(got.body)).toMatchObject({ method: 'GET', body: '' });
    c.close();
  });

  it('waits for an answer split over many packets', async () => {
    const port = await start();
    const c = await RawHttpConnection.connect(port);
    const a = await c.request('POST', '/slow', '{"x":1}');
    expect(a.status).toBe(201);
    expect(JSON.parse(a.body)).toMatchObject({ url: '/slow', body: '{"x":1}' });
    // and the connection goes on
    expect((await c.request('POST', '/after', 'y')).status).toBe(201);
    c.close();
  });

  it('refuses an answer without a length, and one request at a time', async () => {
    const port = await start();
    const c = await RawHttpConnection.connect(port);
    const first = c.request('POST', '/a', '1');
    await expect(c.request('POST', '/b', '2')).rejects.toThrow('one request at a time');
    expect((await first).status).toBe(201);
    await expect(c.request('GET', '/chunked', null)).rejects.toThrow('without a content-length');
    c.close();
  });
});
