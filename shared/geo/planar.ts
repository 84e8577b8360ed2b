/**
 * Planar primitives in a local metric frame. The frame is an affine map of [lng, lat]
 * (x = Δlng·kx, y = Δlat·ky), so straight edges, crossings and containment are exactly those of
 * the [lng, lat] plane, while distances are metres, accurate near the frame's latitude.
 */
import { METERS_PER_DEGREE_LAT } from './earth.js';

export interface Frame {
  lng0: number;
  lat0: number;
  kx: number;
  ky: number;
}

export function makeFrame(lng0: number, lat0: number): Frame {
  return { lng0, lat0, kx: METERS_PER_DEGREE_LAT * Math.cos((lat0 * Math.PI) / 180), ky: METERS_PER_DEGREE_LAT };
}

/** Orientation of c relative to a→b: >0 left, <0 right, 0 collinear. */
export function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/** True when the open segments cross at a single interior point of both. */
export function segmentsCrossProperly(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
  const o1 = orient(ax, ay, bx, by, cx, cy);
  const o2 = orient(ax, ay, bx, by, dx, dy);
  if (!((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0))) return false;
  const o3 = orient(cx, cy, dx, dy, ax, ay);
  const o4 = orient(cx, cy, dx, dy, bx, by);
  return (o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0);
}

/** Squared distance from p to segment ab, and the parameter t of the nearest point. */
export function pointSegmentDist2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const vx = bx - ax;
  const vy = by - ay;
  const len2 = vx * vx + vy * vy;
  let t = len2 > 0 ? ((px - ax) * vx + (py - ay) * vy) / len2 : 0;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const dx = ax + t * vx - px;
  const dy = ay + t * vy - py;
  return dx * dx + dy * dy;
}

/** Squared distance between segments ab and cd (0 when they cross). */
export function segmentSegmentDist2(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): number {
  if (segmentsCrossProperly(ax, ay, bx, by, cx, cy, dx, dy)) return 0;
  return Math.min(pointSegmentDist2(ax, ay, cx, cy, dx, dy), pointSegmentDist2(bx, by, cx, cy, dx, dy), pointSegmentDist2(cx, cy, ax, ay, bx, by), pointSegmentDist2(dx, dy, ax, ay, bx, by));
}

/** Even-odd point-in-polygon over all rings (holes included), in any affine frame. */
export function pointInRings(x: number, y: number, rings: Float64Array[]): boolean {
  let inside = false;
  for (const r of rings) {
    const n = r.length;
    for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
      const xi = r[i],
        yi = r[i + 1],
        xj = r[j],
        yj = r[j + 1];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** Signed area of an open ring in frame units (positive when counter-clockwise). */
export function ringSignedArea(r: Float64Array, f: Frame): number {
  let a = 0;
  const n = r.length;
  for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
    a += (r[j] - f.lng0) * f.kx * (r[i + 1] - f.lat0) * f.ky - (r[i] - f.lng0) * f.kx * (r[j + 1] - f.lat0) * f.ky;
  }
  return a / 2;
}
