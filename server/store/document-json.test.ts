import { describe, expect, it } from 'vitest';
import { createPrng } from '../../shared/util/prng.js';
import { documentJson, holdsStoredDocument, jsonWithStored, parseDocument, stringifyDocument, withList } from './document-json.js';

/** Seeded values of every kind JSON.stringify treats specially, some holding stored documents. */
function randomValue(rng: () => number, depth: number, docs: object[]): unknown {
  const r = rng();
  if (depth === 0 || r < 0.3) {
    const leaves: unknown[] = [
      null,
      0,
      -1.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      1e21,
      'a"\\\n',
      '璧山区',
      true,
      undefined,
      () => 1,
      Symbol('s'),
      new Date(Date.UTC(2026, 11, 1)),
      { toJSON: () => 'custom' },
    ];
    return leaves[Math.floor(rng() * leaves.length)];
  }
  if (r < 0.4 && docs.length) return docs[Math.floor(rng() * docs.length)];
  if (r < 0.65) return Array.from({ length: Math.floor(rng() * 4) }, () => randomValue(rng, depth - 1, docs));
  const o: Record<string, unknown> = rng() < 0.2 ? Object.create(null) : {};
  for (let i = 0; i < Math.floor(rng() * 4); i++) o[rng() < 0.2 ? String(i) : `k${i}"é`] = randomValue(rng, depth - 1, docs);
  return o;
}

describe('stored document JSON', () => {
  it('composes exactly what JSON.stringify writes, on seeded values of every kind, with stored documents at any depth', () => {
    const prng = createPrng(17);
    const rng = () => prng.next();
    const written = { id: 'FP-3', emergency: false, list: [1, 'x'] };
    stringifyDocument(written);
    const docs: object[] = [parseDocument('{"id":"FP-1","volumes":[[106.5,29.5]],"name":"渝北区"}'), parseDocument('{"id":"FP-2","n":null}'), written];
    let holding = 0;
    for (let n = 0; n < 3000; n++) {
      const v = { results: [randomValue(rng, 5, docs)], more: randomValue(rng, 4, docs) };
      if (holdsStoredDocument(v)) holding++;
      expect(jsonWithStored(v)).toBe(JSON.stringify(v));
    }
    expect(holding).toBeGreaterThan(500);
  });

  it('writes stored documents as their stored text, within three levels (a batch answer), and says when an answer holds one', () => {
    const stored = parseDocument<{ id: string; n: number }>('{"id":"FP-9","n":1.50}');
    // the stored text itself, not a fresh serialisation (which would write 1.5)
    expect(documentJson(stored)).toBe('{"id":"FP-9","n":1.50}');
    const batch = {
      results: [
        { index: 0, status: 201, plan: stored },
        { index: 1, status: 409, error: { code: 'X' } },
      ],
    };
    expect(holdsStoredDocument(batch)).toBe(true);
    expect(jsonWithStored(batch)).toBe('{"results":[{"index":0,"status":201,"plan":{"id":"FP-9","n":1.50}},{"index":1,"status":409,"error":{"code":"X"}}]}');
    expect(jsonWithStored({ plans: [stored] })).toBe('{"plans":[{"id":"FP-9","n":1.50}]}');
    // deeper than three levels: serialised afresh
    const deep = { a: { b: { c: { d: stored } } } };
    expect(holdsStoredDocument(deep)).toBe(false);
    expect(jsonWithStored(deep)).toBe(JSON.stringify(deep));
    expect(holdsStoredDocument({ plans: [{ ...stored }] })).toBe(false);
  });

  it('writes a list into the empty member of a stored document: the text JSON.stringify gives the copy', () => {
    const rng = createPrng(41);
    for (let k = 0; k < 300; k++) {
      const ids = Array.from({ length: Math.floor(rng.next() * 4) }, (_, i) => `FP-${k}-${i}"é`);
      const plan = {
        id: `FP-${k}`,
        note: rng.next() < 0.3 ? '"competing":[] in words' : '璧山区',
        decision: rng.next() < 0.3 ? { competing: [] } : { reasons: [] },
        competing: [] as string[],
        input: { n: rng.next() },
      };
      const stored = parseDocument<typeof plan>(stringifyDocument(plan));
      const copy = withList(stored, 'competing', ids);
      expect(copy).toEqual({ ...stored, competing: ids });
      expect(stored.competing).toEqual([]);
      expect(jsonWithStored(copy)).toBe(JSON.stringify(copy));
      // the member written in when it is the only one of its kind; a second one (nested) leaves the copy to be serialised
      expect(documentJson(copy) !== undefined).toBe(!('competing' in stored.decision));
    }
    // a document never stored, or a member that is not an empty list: nothing remembered
    expect(documentJson(withList({ competing: [] as string[] }, 'competing', ['x']))).toBeUndefined();
    const full = parseDocument<{ competing: string[] }>('{"competing":["a"]}');
    expect(documentJson(withList(full, 'competing', ['x']))).toBeUndefined();
  });
});
