import { describe, expect, it } from 'vitest';
import { createPrng } from '../util/prng.js';
import { destination } from './earth.js';
import { forEachEdgeNear, pointInPolygon } from './edge-bands.js';
import { pointInRings } from './planar.js';
import { preparePolygon } from './shape.js';
import type { BBox, LngLat } from './types.js';

describe('edge bands', () => {
  const rng = createPrng(11);
  const c: LngLat = [106.5, 29.5];
  const star = (n: number, r0: number, r1: number) => {
    const ring = Array.from({ length: n }, (_, i) => destination(c, rng.range(r0, r1), (360 * i) / n));
    return [...ring, ring[0]];
  };
  const p = preparePolygon([star(2000, 8000, 20000), star(300, 1000, 3000)]); // big concave ring with a hole

  it('point-in-polygon agrees with the plain ray test', () => {
    for (let k = 0; k < 5000; k++) {
      const x = rng.range(p.bbox[0] - 0.01, p.bbox[2] + 0.01),
        y = rng.range(p.bbox[1] - 0.01, p.bbox[3] + 0.01);
      expect(pointInPolygon(x, y, p)).toBe(pointInRings(x, y, p.rings));
    }
  });

  it('visits exactly the edges whose bbox meets the box, each once', () => {
    for (let k = 0; k < 200; k++) {
      const x = rng.range(p.bbox[0], p.bbox[2]),
        y = rng.range(p.bbox[1], p.bbox[3]);
      const box: BBox = [x, y, x + rng.range(0, 0.05), y + rng.range(0, 0.05)];
      const got: string[] = [];
      forEachEdgeNear(p, box, (r, j) => {
        got.push(`${p.rings.indexOf(r)}:${j}`);
      });
      const want: string[] = [];
      p.rings.forEach((r, ri) => {
        for (let i = 0, j = r.length - 2; i < r.length; j = i, i += 2) {
          if (Math.max(r[j], r[i]) >= box[0] && Math.min(r[j], r[i]) <= box[2] && Math.max(r[j + 1], r[i + 1]) >= box[1] && Math.min(r[j + 1], r[i + 1]) <= box[3]) want.push(`${ri}:${j}`);
        }
      });
      expect(got.sort()).toEqual(want.sort());
    }
  });
});
