import { describe, expect, it } from 'vitest';
import { haversineM } from '../geo/earth.js';
import type { LngLat } from '../geo/types.js';
import { createPrng } from '../util/prng.js';
import { PointIndex } from './point-index.js';

describe('PointIndex', () => {
  it('matches a brute-force radius scan through inserts and removes', () => {
    const rng = createPrng(3);
    const pts = Array.from({ length: 2000 }, (_, i) => ({ id: `p${i}`, location: [rng.range(105.3, 110.2), rng.range(28.2, 32.2)] as LngLat }));
    const index = new PointIndex(pts.slice(0, 1000));
    for (const p of pts.slice(1000)) index.insert(p);
    const live = new Map(pts.map((p) => [p.id, p]));
    for (let i = 0; i < 2000; i += 7) {
      index.remove(`p${i}`);
      live.delete(`p${i}`);
    }
    expect(index.size).toBe(live.size);
    for (let q = 0; q < 100; q++) {
      const c: LngLat = [rng.range(105.3, 110.2), rng.range(28.2, 32.2)];
      const r = rng.range(1000, 40_000);
      const fast = index.within(c, r).map((x) => x.value.id);
      const brute = [...live.values()]
        .map((p) => ({ id: p.id, d: haversineM(c[0], c[1], p.location[0], p.location[1]) }))
        .filter((x) => x.d <= r)
        .sort((a, b) => a.d - b.d || a.id.localeCompare(b.id))
        .map((x) => x.id);
      expect(fast).toEqual(brute);
    }
  });
});

describe('PointIndex version', () => {
  it('changes with every insert and removal, and not with a removal of nothing', () => {
    const index = new PointIndex([{ id: 'a', location: [106.5, 29.5] as LngLat }]);
    expect(index.version).toBe(0);
    index.insert({ id: 'b', location: [106.6, 29.5] });
    expect(index.version).toBe(1);
    index.insert({ id: 'b', location: [106.7, 29.5] }); // a move: out, then in
    expect(index.version).toBe(3);
    expect(index.remove('zz')).toBe(false);
    expect(index.version).toBe(3);
    index.remove('a');
    expect([index.version, index.size]).toEqual([4, 1]);
  });
});
