import { describe, expect, it } from 'vitest';
import { createPrng } from '../util/prng.js';
import { destination, haversineM } from './earth.js';
import { forEachEdgeNear, pointInPolygon } from './edge-bands.js';
import { makeFrame, pointSegmentDist2 } from './planar.js';
import { pointInShape } from './point-in-shape.js';
import { padBBox, prepareOutline, type Shape } from './shape.js';
import type { LngLat } from './types.js';

/** The former implementation, the reference: inside or near an edge, polygon by polygon. */
function reference(shape: Shape, lng: number, lat: number, toleranceM: number): boolean {
  if (shape.kind === 'circle') return haversineM(shape.lng, shape.lat, lng, lat) <= shape.radiusM + toleranceM;
  const f = makeFrame(lng, lat);
  const box = padBBox([lng, lat, lng, lat], toleranceM);
  return shape.polygons.some(
    (p) =>
      pointInPolygon(lng, lat, p) ||
      forEachEdgeNear(p, box, (r, j, i) => pointSegmentDist2(0, 0, (r[j] - lng) * f.kx, (r[j + 1] - lat) * f.ky, (r[i] - lng) * f.kx, (r[i + 1] - lat) * f.ky) <= toleranceM * toleranceM),
  );
}

describe('pointInShape', () => {
  const rng = createPrng(23);
  const star = (c: LngLat, n: number, r0: number, r1: number) => {
    const ring = Array.from({ length: n }, (_, i) => destination(c, rng.range(r0, r1), (360 * i) / n));
    return [...ring, ring[0]];
  };
  const shapes: Shape[] = [];
  for (let k = 0; k < 12; k++) {
    const c: LngLat = [rng.range(105.5, 110), rng.range(28.3, 31.9)];
    const n = rng.pick([5, 12, 60, 400]);
    // a polygon, one with a hole, and two polygons side by side
    shapes.push(prepareOutline({ type: 'Polygon', coordinates: [star(c, n, 300, 2000)] }));
    shapes.push(prepareOutline({ type: 'Polygon', coordinates: [star(c, n, 1500, 3000), star(c, 8, 200, 600)] }));
    shapes.push(prepareOutline({ type: 'MultiPolygon', coordinates: [[star(c, n, 100, 900)], [star(destination(c, 1500, 90), n, 100, 900)]] }));
    shapes.push(prepareOutline({ type: 'Circle', center: c, radiusM: rng.range(50, 3000) }));
  }

  it('gives the reference answer for points inside, outside and within the tolerance of an edge', () => {
    let inside = 0,
      nearOnly = 0;
    for (const shape of shapes) {
      const [w, s, e, n] = shape.bbox;
      for (let k = 0; k < 800; k++) {
        const tol = rng.pick([0, 0.5, 10, 60]);
        let lng = rng.range(w - 0.01, e + 0.01),
          lat = rng.range(s - 0.01, n + 0.01);
        if (k % 2 === 0 && shape.kind === 'polygons') {
          // a point a few metres from a vertex: on either side of the boundary, near it
          const p = rng.pick(shape.polygons);
          const r = rng.pick(p.rings);
          const v = 2 * rng.int(0, r.length / 2 - 1);
          [lng, lat] = destination([r[v], r[v + 1]], rng.range(0, 80), rng.range(0, 360));
        }
        const want = reference(shape, lng, lat, tol);
        expect(pointInShape(shape, lng, lat, tol)).toBe(want);
        if (want) inside++;
        if (want && !pointInShape(shape, lng, lat, 0) && shape.kind === 'polygons') nearOnly++;
      }
    }
    // the draws cover every case: inside, outside, and outside but within the tolerance
    expect(inside).toBeGreaterThan(1000);
    expect(nearOnly).toBeGreaterThan(100);
  });
});
