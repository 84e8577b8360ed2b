/**
 * Prepared footprints: outlines turned into flat typed arrays with bounding boxes, ready for
 * repeated exact tests. Polygon edges are straight lines in [lng, lat] (RFC 7946 §3.1.1);
 * a circle is the set of points within `radiusM` great-circle metres of its centre.
 */
import { degreePadding } from './earth.js';
import type { AnyOutline, BBox, LngLat } from './types.js';

/** One polygon: rings[0] is the outer ring, the rest are holes; each ring is open [x0,y0,x1,y1,...]. */
export interface PreparedPolygon {
  rings: Float64Array[];
  bbox: BBox;
  /** vertices over all rings (what decides whether edge bands pay: geo/edge-bands.ts) */
  vertices: number;
}
export interface PolygonsShape {
  kind: 'polygons';
  polygons: PreparedPolygon[];
  bbox: BBox;
}
export interface CircleShape {
  kind: 'circle';
  lng: number;
  lat: number;
  radiusM: number;
  bbox: BBox;
}
export type Shape = PolygonsShape | CircleShape;

export function prepareRing(ring: LngLat[]): Float64Array {
  let n = ring.length;
  if (n > 1 && ring[0][0] === ring[n - 1][0] && ring[0][1] === ring[n - 1][1]) n -= 1;
  const pts = new Float64Array(2 * n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const p = ring[i];
    const x = p[0],
      y = p[1];
    if (m >= 2 && pts[m - 2] === x && pts[m - 1] === y) continue; // drop repeated vertices
    pts[m++] = x;
    pts[m++] = y;
  }
  return m === pts.length ? pts : pts.slice(0, m);
}

function ringsBBox(rings: Float64Array[]): BBox {
  let w = Infinity,
    s = Infinity,
    e = -Infinity,
    n = -Infinity;
  for (const r of rings) {
    for (let i = 0; i < r.length; i += 2) {
      if (r[i] < w) w = r[i];
      if (r[i] > e) e = r[i];
      if (r[i + 1] < s) s = r[i + 1];
      if (r[i + 1] > n) n = r[i + 1];
    }
  }
  return [w, s, e, n];
}

export function preparePolygon(coords: LngLat[][]): PreparedPolygon {
  const rings = coords.map(prepareRing);
  let vertices = 0;
  for (const r of rings) vertices += r.length / 2;
  return { rings, bbox: ringsBBox(rings.slice(0, 1)), vertices };
}

export function circleBBox(lng: number, lat: number, radiusM: number): BBox {
  const [dLng, dLat] = degreePadding(radiusM, lat, lat);
  return [lng - dLng, lat - dLat, lng + dLng, lat + dLat];
}

export function prepareOutline(outline: AnyOutline): Shape {
  if (outline.type === 'Circle') {
    const [lng, lat] = outline.center;
    return { kind: 'circle', lng, lat, radiusM: outline.radiusM, bbox: circleBBox(lng, lat, outline.radiusM) };
  }
  const polys = outline.type === 'Polygon' ? [outline.coordinates] : outline.coordinates;
  const polygons = polys.map(preparePolygon);
  return { kind: 'polygons', polygons, bbox: unionBBox(polygons.map((p) => p.bbox)) };
}

export function unionBBox(boxes: BBox[]): BBox {
  let w = Infinity,
    s = Infinity,
    e = -Infinity,
    n = -Infinity;
  for (const b of boxes) {
    if (b[0] < w) w = b[0];
    if (b[1] < s) s = b[1];
    if (b[2] > e) e = b[2];
    if (b[3] > n) n = b[3];
  }
  return [w, s, e, n];
}

export function bboxesOverlap(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** Grow a bbox by `distanceM` on every side (conservatively). */
export function padBBox(b: BBox, distanceM: number): BBox {
  if (distanceM <= 0) return b;
  const [dLng, dLat] = degreePadding(distanceM, b[1], b[3]);
  return [b[0] - dLng, b[1] - dLat, b[2] + dLng, b[3] + dLat];
}
