import { describe, expect, it } from 'vitest';
import { createPrng } from '../util/prng.js';
import { destination } from './earth.js';
import { forEachEdgeNear, pointInPolygon } from './edge-bands.js';
import { pointInRings } from './planar.js';
import { shapeContains } from './contains.js';
import { prepareOutline, preparePolygon } from './shape.js';
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

  it('visits an edge on the top of the box (it divides to one band past the last)', () => {
    // 80 vertices (banded): a rectangle whose top is one horizontal edge at the box's top
    const ring: LngLat[] = [];
    for (let i = 0; i <= 40; i++) ring.push([106 + i / 400, 29]);
    for (let i = 1; i < 40; i++) ring.push([106.1, 29 + i / 400]);
    ring.push([106.1, 29.1], [106, 29.1]);
    for (let i = 39; i > 0; i--) ring.push([106, 29 + i / 400]);
    ring.push([106, 29]);
    const q = preparePolygon([ring]);
    const top = q.rings[0].findIndex((_, k) => k % 2 === 0 && q.rings[0][k] === 106 && q.rings[0][k + 1] === 29.1);
    for (const box of [[106.04, 29.099, 106.06, 29.101] as BBox, [106.04, 29.1, 106.06, 29.1] as BBox]) {
      const got: number[] = [];
      forEachEdgeNear(q, box, (_r, _j, i) => {
        got.push(i);
      });
      expect(got).toContain(top);
    }
    // and what it decides: a circle across that edge is not inside the polygon
    expect(shapeContains(prepareOutline({ type: 'Polygon', coordinates: [ring] }), prepareOutline({ type: 'Circle', center: [106.05, 29.0995], radiusM: 200 }))).toBe(false);
    expect(shapeContains(prepareOutline({ type: 'Polygon', coordinates: [ring] }), prepareOutline({ type: 'Circle', center: [106.05, 29.05], radiusM: 200 }))).toBe(true);
  });
});
