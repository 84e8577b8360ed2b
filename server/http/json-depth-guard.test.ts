import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createPrng } from '../../shared/util/prng.js';
import { JsonDepthScanner, watchDepth } from './json-depth-guard.js';

/** Reference: the depth of a parsed JSON value. */
function depthOf(v: unknown): number {
  if (Array.isArray(v)) return 1 + Math.max(0, ...v.map(depthOf));
  if (v && typeof v === 'object') return 1 + Math.max(0, ...Object.values(v).map(depthOf));
  return 0;
}

function randomJson(rng: () => number, depth: number): unknown {
  const r = rng();
  if (depth === 0 || r < 0.25) return r < 0.1 ? 'a"[{\\"}]' : r < 0.2 ? Math.round(r * 1000) : null;
  if (r < 0.6) return Array.from({ length: 1 + Math.floor(rng() * 3) }, () => randomJson(rng, depth - 1));
  return Object.fromEntries(Array.from({ length: 1 + Math.floor(rng() * 3) }, (_, i) => [`k[${i}"{`, randomJson(rng, depth - 1)]));
}

describe('JSON depth scanner', () => {
  it('agrees with the parsed depth on seeded random documents, fed in random chunks', () => {
    const prng = createPrng(11);
    const rng = () => prng.next();
    for (let n = 0; n < 500; n++) {
      const text = JSON.stringify(randomJson(rng, 1 + Math.floor(rng() * 12)));
      const bytes = Buffer.from(text);
      const s = new JsonDepthScanner();
      for (let i = 0; i < bytes.length; ) {
        const len = 1 + Math.floor(rng() * 7);
        expect(s.feed(bytes.subarray(i, i + len), 1000)).toBe(true);
        i += len;
      }
      expect(s.maxSeen).toBe(depthOf(JSON.parse(text)));
      expect(s.depth).toBe(0);
    }
  });

  it('stops at the limit, and brackets inside strings (with escaped quotes) do not count', () => {
    const s = new JsonDepthScanner();
    expect(s.feed(Buffer.from('{"a":"[[[[\\"[[[[","b":[[1]]}'), 3)).toBe(true);
    expect(s.maxSeen).toBe(3);
    expect(new JsonDepthScanner().feed(Buffer.from('[[[[1]]]]'), 3)).toBe(false);
  });

  /** What Fastify's body reader does: listens for data, end and error, then resumes the stream. */
  const read = (payload: Readable, limit = Number.POSITIVE_INFINITY, chunks: Buffer[] = []) =>
    new Promise<string>((resolve, reject) => {
      let size = 0;
      const onData = (c: Buffer) => {
        size += c.length;
        if (size > limit) {
          off();
          reject(Object.assign(new Error('too large'), { code: 'TOO_LARGE' }));
          return;
        }
        chunks.push(c);
      };
      const onEnd = (e?: Error) => {
        off();
        if (e) reject(e);
        else resolve(Buffer.concat(chunks).toString());
      };
      const off = () => {
        payload.removeListener('data', onData);
        payload.removeListener('end', onEnd);
        payload.removeListener('error', onEnd);
      };
      payload.on('data', onData);
      payload.on('end', onEnd);
      payload.on('error', onEnd);
      payload.resume();
    });

  it('on the body stream: its reader gets shallow bodies unchanged, and JSON_TOO_DEEP for deep ones as the deep chunk arrives', async () => {
    const chunks = ['{"x":[1,', '[2]]}'].map((c) => Buffer.from(c));
    expect(await read(watchDepth(Readable.from(chunks), 3))).toBe('{"x":[1,[2]]}');
    // the reader hears the error once the offending chunk has come; nothing after it reaches the reader
    const deep = Readable.from(['{"a":1,', `"b":${'['.repeat(50)}`, ']'.repeat(50), '}'].map((c) => Buffer.from(c)));
    const got: Buffer[] = [];
    await expect(read(watchDepth(deep, 32), Number.POSITIVE_INFINITY, got)).rejects.toMatchObject({ code: 'JSON_TOO_DEEP', status: 400 });
    expect(got.map((c) => c.toString())).toEqual(['{"a":1,', `"b":${'['.repeat(50)}`]);
    // a reader that gave up on the same chunk (too large) is not told a second time
    const big = watchDepth(Readable.from([Buffer.from('['.repeat(50))]), 32);
    await expect(read(big, 10)).rejects.toMatchObject({ code: 'TOO_LARGE' });
    await new Promise((r) => setTimeout(r, 10));
    expect(big.listenerCount('error')).toBe(0);
  });
});
