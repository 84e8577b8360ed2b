/**
 * Exact footprint intersection: two footprints intersect when they share a point or come
 * within `toleranceM` (default 1 cm) of each other. Boundaries are inclusive, so shapes that
 * touch at one point intersect; bounding boxes that overlap prove nothing.
 */
import { haversineM } from './earth.js';
import { forEachEdgeNear, pointInPolygon } from './edge-bands.js';
import { type Frame, makeFrame, segmentSegmentDist2 } from './planar.js';
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

/**
 * Edges of `p` whose bounding boxes meet `box`, in the frame `f` (metres), written as
 * [x1, y1, x2, y2] runs into a scratch buffer that grows as needed; returns the buffer and the
 * number of edges. No objects per edge: corridors are tested against each other on every decision.
 */
function projectEdgesNear(p: PreparedPolygon, box: BBox, f: Frame, scratch: 0 | 1): [Float64Array, number] {
  let buf = SCRATCH[scratch];
  let n = 0;
  forEachEdgeNear(p, box, (r, j, i) => {
    if (4 * n + 4 > buf.length) {
      const bigger = new Float64Array(buf.length * 2);
      bigger.set(buf);
      buf = SCRATCH[scratch] = bigger;
    }
    const o = 4 * n++;
    buf[o] = (r[j] - f.lng0) * f.kx;
    buf[o + 1] = (r[j + 1] - f.lat0) * f.ky;
    buf[o + 2] = (r[i] - f.lng0) * f.kx;
    buf[o + 3] = (r[i + 1] - f.lat0) * f.ky;
  });
  return [buf, n];
}
const SCRATCH: [Float64Array, Float64Array] = [new Float64Array(512), new Float64Array(512)];

export function polygonsIntersect(a: PreparedPolygon, b: PreparedPolygon, toleranceM = DEFAULT_TOLERANCE_M): boolean {
  const pa = padBBox(a.bbox, toleranceM);
  const pb = padBBox(b.bbox, toleranceM);
  if (!bboxesOverlap(pa, b.bbox)) return false;
  const f = makeFrame((Math.max(a.bbox[0], b.bbox[0]) + Math.min(a.bbox[2], b.bbox[2])) / 2, (Math.max(a.bbox[1], b.bbox[1]) + Math.min(a.bbox[3], b.bbox[3])) / 2);
  const tol2 = toleranceM * toleranceM;
  const [ea, na] = projectEdgesNear(a, pb, f, 0);
  const [eb, nb] = projectEdgesNear(b, pa, f, 1);
  if (!na || !nb) return pointInPolygon(a.rings[0][0], a.rings[0][1], b) || pointInPolygon(b.rings[0][0], b.rings[0][1], a);
  for (let s = 0; s < 4 * na; s += 4) {
    const ax = ea[s],
      ay = ea[s + 1],
      bx = ea[s + 2],
      by = ea[s + 3];
    for (let t = 0; t < 4 * nb; t += 4) {
      const cx = eb[t],
        cy = eb[t + 1],
        dx = eb[t + 2],
        dy = eb[t + 3];
      if (Math.max(ax, bx) + toleranceM < Math.min(cx, dx) || Math.max(cx, dx) + toleranceM < Math.min(ax, bx)) continue;
      if (Math.max(ay, by) + toleranceM < Math.min(cy, dy) || Math.max(cy, dy) + toleranceM < Math.min(ay, by)) continue;
      if (segmentSegmentDist2(ax, ay, bx, by, cx, cy, dx, dy) <= tol2) return true;
    }
  }
  // No boundaries meet: either one lies inside the other (outside any hole) or they are apart.
  return pointInPolygon(a.rings[0][0], a.rings[0][1], b) || pointInPolygon(b.rings[0][0], b.rings[0][1], a);
}

export function circlePolygonIntersect(c: CircleShape, p: PreparedPolygon, toleranceM = DEFAULT_TOLERANCE_M): boolean {
  if (!bboxesOverlap(padBBox(c.bbox, toleranceM), p.bbox)) return false;
  if (pointInPolygon(c.lng, c.lat, p)) return true;
  const limit = c.radiusM + toleranceM;
  return forEachEdgeNear(p, padBBox(c.bbox, toleranceM), (r, j, i) => compareEdgeDistance(c.lng, c.lat, r[j], r[j + 1], r[i], r[i + 1], limit) < 0);
}
