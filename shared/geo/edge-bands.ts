/**
 * Horizontal edge bands for large polygons (district and municipal borders): each band lists
 * the edges whose latitude range meets it, so point-in-polygon and "edges near a box" visit a
 * few dozen edges instead of thousands. Built lazily, cached per prepared polygon.
 */
import { pointInRings } from './planar.js';
import type { PreparedPolygon } from './shape.js';
import type { BBox } from './types.js';

const MIN_VERTICES = 64;
const EDGES_PER_BAND = 8;

interface EdgeBands {
  y0: number;
  dy: number;
  /** band → [ring, j, i, first, ring, j, i, first, ...]: each edge meeting the band, and the first band it meets */
  bands: number[][];
}
const STRIDE = 4;
const cache = new WeakMap<PreparedPolygon, EdgeBands>();

function build(p: PreparedPolygon, total: number): EdgeBands {
  const [, s, , n] = p.bbox;
  const count = Math.max(1, Math.ceil(total / EDGES_PER_BAND));
  const dy = (n - s) / count || 1;
  const bands: number[][] = Array.from({ length: count }, () => []);
  p.rings.forEach((r, ri) => {
    const len = r.length;
    for (let i = 0, j = len - 2; i < len; j = i, i += 2) {
      // (an edge on the top of the box divides to `count`: it belongs to the last band)
      const lo = Math.min(count - 1, Math.max(0, Math.floor((Math.min(r[j + 1], r[i + 1]) - s) / dy)));
      const hi = Math.min(count - 1, Math.floor((Math.max(r[j + 1], r[i + 1]) - s) / dy));
      for (let b = lo; b <= hi; b++) bands[b].push(ri, j, i, lo);
    }
  });
  return { y0: s, dy, bands };
}

function bandsOf(p: PreparedPolygon): EdgeBands | null {
  // small polygons (route corridors, most zones) are scanned whole: nothing to build or remember
  const total = p.vertices;
  if (total < MIN_VERTICES) return null;
  let b = cache.get(p);
  if (b === undefined) {
    b = build(p, total);
    cache.set(p, b);
  }
  return b;
}

/** Even-odd point-in-polygon (holes included). */
export function pointInPolygon(x: number, y: number, p: PreparedPolygon): boolean {
  if (x < p.bbox[0] || x > p.bbox[2] || y < p.bbox[1] || y > p.bbox[3]) return false;
  const eb = bandsOf(p);
  if (!eb) return pointInRings(x, y, p.rings);
  const band = eb.bands[Math.min(eb.bands.length - 1, Math.max(0, Math.floor((y - eb.y0) / eb.dy)))];
  let inside = false;
  for (let k = 0; k < band.length; k += STRIDE) {
    const r = p.rings[band[k]];
    const j = band[k + 1],
      i = band[k + 2];
    const xi = r[i],
      yi = r[i + 1],
      xj = r[j],
      yj = r[j + 1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Calls `fn(ring, j, i)` for every edge (from vertex offset j to i) whose bbox meets `box`. */
export function forEachEdgeNear(p: PreparedPolygon, box: BBox, fn: (ring: Float64Array, j: number, i: number) => boolean | void): boolean {
  const eb = bandsOf(p);
  if (!eb) {
    for (const r of p.rings) {
      const n = r.length;
      for (let i = 0, j = n - 2; i < n; j = i, i += 2) if (visitEdge(box, fn, r, j, i)) return true;
    }
    return false;
  }
  const lo = Math.min(eb.bands.length - 1, Math.max(0, Math.floor((box[1] - eb.y0) / eb.dy)));
  const hi = Math.min(eb.bands.length - 1, Math.floor((box[3] - eb.y0) / eb.dy));
  for (let b = lo; b <= hi; b++) {
    const band = eb.bands[b];
    for (let k = 0; k < band.length; k += STRIDE) {
      // an edge across several bands is visited in the first of them the box meets
      if (b > lo && band[k + 3] < b) continue;
      if (visitEdge(box, fn, p.rings[band[k]], band[k + 1], band[k + 2])) return true;
    }
  }
  return false;
}

/** `fn(r, j, i) === true` for an edge whose bbox meets `box`; false for the others. */
function visitEdge(box: BBox, fn: (ring: Float64Array, j: number, i: number) => boolean | void, r: Float64Array, j: number, i: number): boolean {
  const x1 = r[j],
    y1 = r[j + 1],
    x2 = r[i],
    y2 = r[i + 1];
  if (Math.max(x1, x2) < box[0] || Math.min(x1, x2) > box[2] || Math.max(y1, y2) < box[1] || Math.min(y1, y2) > box[3]) return false;
  return fn(r, j, i) === true;
}
