/** Deterministic sample points inside a polygonal area (e.g. a seat for a township with no known seat). */
import { createPrng, hashString } from '../util/prng.js';
import { pointInRings } from './planar.js';
import type { PolygonsShape } from './shape.js';
import type { LngLat } from './types.js';

export const round6 = (c: LngLat): LngLat => [Math.round(c[0] * 1e6) / 1e6, Math.round(c[1] * 1e6) / 1e6];

export const inPolygons = (shape: PolygonsShape, p: LngLat): boolean => shape.polygons.some((q) => pointInRings(p[0], p[1], q.rings));

/**
 * A point inside `shape` (rounded to 1e-6°) that `reject` does not refuse, seeded by `key`:
 * the same key always gives the same point. Throws when none is found in 10,000 tries.
 */
export function pointInside(shape: PolygonsShape, key: string, reject: (p: LngLat) => boolean = () => false): LngLat {
  const rng = createPrng(hashString(key));
  const b = shape.bbox;
  for (let i = 0; i < 10_000; i++) {
    const p = round6([rng.range(b[0], b[2]), rng.range(b[1], b[3])]);
    if (inPolygons(shape, p) && !reject(p)) return p;
  }
  throw new Error(`no point found inside the area for ${key}`);
}
