/**
 * Exact footprint intersection: two footprints intersect when they share a point or come
 * within `toleranceM` (default 1 cm) of each other. Boundaries are inclusive, so shapes that
 * touch at one point intersect; bounding boxes that overlap prove nothing.
 */
import { haversineM } from './earth.js';
import { makeFrame, pointInRings, segmentSegmentDist2 } from './planar.js';
import { compareEdgeDistance } from './segment-distance.js';
import { bboxesOverlap, padBBox, type CircleShape, type PreparedPolygon, type Shape } from './shape.js';
import type { BBox } from './types.js';

export const DEFAULT_TOLERANCE_M = 0.01;

export function shapesIntersect(a: Shape, b: Shape, toleranceM = DEFAULT_TOLERANCE_M): boolean {
  if (!bboxesOverlap(padBBox(a.bbox, toleranceM), b.bbox)) return false;
  if (a.kind === 'circle') {
    if (b.kind === 'circle') return haversineM(a.lng, a.lat, b.lng, b.lat) <= a.radiusM + b.radiusM + toleranceM;
    return b.polygons.some((p) => circlePolygonIntersect(a, p, toleranceM));
  }
  if (b.kind === 'circle') return a.polygons.some((p) => circlePolygonIntersect(b, p, toleranceM));
  for (const pa of a.polygons) {
    for (const pb of b.polygons) if (polygonsIntersect(pa, pb, toleranceM)) return true;
  }
  return false;
}

/** Edges of `p` (as ring index, vertex offset) whose bounding boxes meet `box`. */
function edgesNear(p: PreparedPolygon, box: BBox): number[] {
  const out: number[] = [];
  for (let r = 0; r < p.rings.length; r++) {
    const ring = p.rings[r];
    const n = ring.length;
    for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
      const x1 = ring[j], y1 = ring[j + 1], x2 = ring[i], y2 = ring[i + 1];
      if (Math.min(x1, x2) <= box[2] && Math.max(x1, x2) >= box[0] && Math.min(y1, y2) <= box[3] && Math.max(y1, y2) >= box[1]) {
        out.push(r, j, i);
      }
    }
  }
  return out;
}

export function polygonsIntersect(a: PreparedPolygon, b: PreparedPolygon, toleranceM = DEFAULT_TOLERANCE_M): boolean {
  const pa = padBBox(a.bbox, toleranceM);
  const pb = padBBox(b.bbox, toleranceM);
  if (!bboxesOverlap(pa, b.bbox)) return false;
  const f = makeFrame((Math.max(a.bbox[0], b.bbox[0]) + Math.min(a.bbox[2], b.bbox[2])) / 2,
    (Math.max(a.bbox[1], b.bbox[1]) + Math.min(a.bbox[3], b.bbox[3])) / 2);
  const tol2 = toleranceM * toleranceM;
  const ea = edgesNear(a, pb);
  const eb = edgesNear(b, pa);
  for (let i = 0; i < ea.length; i += 3) {
    const ra = a.rings[ea[i]];
    const ax = (ra[ea[i + 1]] - f.lng0) * f.kx, ay = (ra[ea[i + 1] + 1] - f.lat0) * f.ky;
    const bx = (ra[ea[i + 2]] - f.lng0) * f.kx, by = (ra[ea[i + 2] + 1] - f.lat0) * f.ky;
    for (let k = 0; k < eb.length; k += 3) {
      const rb = b.rings[eb[k]];
      const cx = (rb[eb[k + 1]] - f.lng0) * f.kx, cy = (rb[eb[k + 1] + 1] - f.lat0) * f.ky;
      const dx = (rb[eb[k + 2]] - f.lng0) * f.kx, dy = (rb[eb[k + 2] + 1] - f.lat0) * f.ky;
      if (Math.max(ax, bx) + toleranceM < Math.min(cx, dx) || Math.max(cx, dx) + toleranceM < Math.min(ax, bx)) continue;
      if (Math.max(ay, by) + toleranceM < Math.min(cy, dy) || Math.max(cy, dy) + toleranceM < Math.min(ay, by)) continue;
      if (segmentSegmentDist2(ax, ay, bx, by, cx, cy, dx, dy) <= tol2) return true;
    }
  }
  // No boundaries meet: either one lies inside the other (outside any hole) or they are apart.
  const a0 = a.rings[0], b0 = b.rings[0];
  return pointInRings(a0[0], a0[1], b.rings) || pointInRings(b0[0], b0[1], a.rings);
}

export function circlePolygonIntersect(c: CircleShape, p: PreparedPolygon, toleranceM = DEFAULT_TOLERANCE_M): boolean {
  if (!bboxesOverlap(padBBox(c.bbox, toleranceM), p.bbox)) return false;
  if (pointInRings(c.lng, c.lat, p.rings)) return true;
  const limit = c.radiusM + toleranceM;
  const box = padBBox(c.bbox, toleranceM);
  for (const ring of p.rings) {
    const n = ring.length;
    for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
      const x1 = ring[j], y1 = ring[j + 1], x2 = ring[i], y2 = ring[i + 1];
      if (Math.max(x1, x2) < box[0] || Math.min(x1, x2) > box[2] || Math.max(y1, y2) < box[1] || Math.min(y1, y2) > box[3]) continue;
      if (compareEdgeDistance(c.lng, c.lat, x1, y1, x2, y2, limit) < 0) return true;
    }
  }
  return false;
}
