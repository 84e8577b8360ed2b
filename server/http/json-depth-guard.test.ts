import { describe, expect, it } from 'vitest';
import { createPrng } from '../../shared/util/prng.js';
import { depthCheckedJsonParser, JsonDepthScanner } from './json-depth-guard.js';

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

  it('as the JSON body parser: a shallow body goes on to the parser as it came; a deep one is refused and never parsed', () => {
    const parsed: Buffer[] = [];
    const parse = depthCheckedJsonParser((_req: unknown, body: Buffer, done: (e: Error | null, v?: unknown) => void) => {
      parsed.push(body);
      done(null, JSON.parse(body.toString()));
    }, 3);
    const answers: { err: Error | null; value?: unknown }[] = [];
    const done = (err: Error | null, value?: unknown) => answers.push({ err, value });
    parse({}, Buffer.from('{"x":[1,[2]],"s":"[[[[[["}'), done);
    parse({}, Buffer.from(`{"a":1,"b":${'['.repeat(50)}${']'.repeat(50)}}`), done);
    expect(answers[0]).toEqual({ err: null, value: { x: [1, [2]], s: '[[[[[[' } });
    expect(answers[1].err).toMatchObject({ code: 'JSON_TOO_DEEP', status: 400 });
    expect(parsed.map((b) => b.toString())).toEqual(['{"x":[1,[2]],"s":"[[[[[["}']);
  });
});
