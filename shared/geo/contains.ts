/**
 * Footprint containment, boundaries inclusive (to `toleranceM`): is `inner` wholly inside
 * `outer`? Used for "wholly inside designated airspace" and "inside the municipal border".
 */
import { haversineM } from './earth.js';
import { forEachEdgeNear, pointInPolygon } from './edge-bands.js';
import { DEFAULT_TOLERANCE_M } from './intersect.js';
import { makeFrame, pointInRings, pointSegmentDist2, segmentsCrossProperly, type Frame } from './planar.js';
import { compareEdgeDistance } from './segment-distance.js';
import { bboxesOverlap, padBBox, type PreparedPolygon, type Shape } from './shape.js';

export function shapeContains(outer: Shape, inner: Shape, toleranceM = DEFAULT_TOLERANCE_M): boolean {
  if (!bboxesOverlap(padBBox(outer.bbox, toleranceM), inner.bbox)) return false;
  if (outer.kind === 'circle') {
    if (inner.kind === 'circle') {
      return haversineM(outer.lng, outer.lat, inner.lng, inner.lat) + inner.radiusM <= outer.radiusM + toleranceM;
    }
    // A disc is convex, so a polygon lies in it when its outer ring's vertices do.
    return inner.polygons.every((p) => {
      const r = p.rings[0];
      for (let i = 0; i < r.length; i += 2) {
        if (haversineM(outer.lng, outer.lat, r[i], r[i + 1]) > outer.radiusM + toleranceM) return false;
      }
      return true;
    });
  }
  if (inner.kind === 'circle') {
    const limit = inner.radiusM - toleranceM;
    return outer.polygons.some(
      (p) =>
        pointInPolygon(inner.lng, inner.lat, p) &&
        !(limit > 0 && forEachEdgeNear(p, padBBox(inner.bbox, toleranceM), (r, j, i) => compareEdgeDistance(inner.lng, inner.lat, r[j], r[j + 1], r[i], r[i + 1], limit) < 0)),
    );
  }
  return inner.polygons.every((q) => outer.polygons.some((p) => polygonContains(p, q, toleranceM)));
}

/** Is (x, y) within `tol` metres of p's boundary? */
function nearBoundary(x: number, y: number, p: PreparedPolygon, f: Frame, tol: number): boolean {
  const px = (x - f.lng0) * f.kx,
    py = (y - f.lat0) * f.ky;
  const box = padBBox([x, y, x, y], tol);
  return forEachEdgeNear(p, box, (r, j, i) => pointSegmentDist2(px, py, (r[j] - f.lng0) * f.kx, (r[j + 1] - f.lat0) * f.ky, (r[i] - f.lng0) * f.kx, (r[i + 1] - f.lat0) * f.ky) <= tol * tol);
}

function distToRings(x: number, y: number, rings: Float64Array[], f: Frame): number {
  let best = Infinity;
  const px = (x - f.lng0) * f.kx,
    py = (y - f.lat0) * f.ky;
  for (const r of rings) {
    const n = r.length;
    for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
      const d = pointSegmentDist2(px, py, (r[j] - f.lng0) * f.kx, (r[j + 1] - f.lat0) * f.ky, (r[i] - f.lng0) * f.kx, (r[i + 1] - f.lat0) * f.ky);
      if (d < best) best = d;
    }
  }
  return Math.sqrt(best);
}

/** The point inside polygon p or on its boundary (within the tolerance). */
function inOrOn(p: PreparedPolygon, f: Frame, toleranceM: number, x: number, y: number): boolean {
  return pointInPolygon(x, y, p) || nearBoundary(x, y, p, f, toleranceM);
}

/** Polygon q inside polygon p (holes of both respected). */
export function polygonContains(p: PreparedPolygon, q: PreparedPolygon, toleranceM = DEFAULT_TOLERANCE_M): boolean {
  if (!bboxesOverlap(padBBox(p.bbox, toleranceM), q.bbox)) return false;
  const f = makeFrame((q.bbox[0] + q.bbox[2]) / 2, (q.bbox[1] + q.bbox[3]) / 2);
  for (const r of q.rings) {
    const n = r.length;
    for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
      // vertices and edge midpoints of q must be inside p or on its boundary; no edge may cross p's
      if (!inOrOn(p, f, toleranceM, r[i], r[i + 1]) || !inOrOn(p, f, toleranceM, (r[i] + r[j]) / 2, (r[i + 1] + r[j + 1]) / 2)) return false;
      const box: [number, number, number, number] = [Math.min(r[i], r[j]), Math.min(r[i + 1], r[j + 1]), Math.max(r[i], r[j]), Math.max(r[i + 1], r[j + 1])];
      if (forEachEdgeNear(p, box, (s, b, a) => segmentsCrossProperly(r[j], r[j + 1], r[i], r[i + 1], s[b], s[b + 1], s[a], s[a + 1]))) return false;
    }
  }
  // no part of p's boundary (e.g. a hole) may lie strictly inside q
  return !forEachEdgeNear(p, q.bbox, (s, _b, a) => pointInRings(s[a], s[a + 1], q.rings) && distToRings(s[a], s[a + 1], q.rings, f) > toleranceM);
}
