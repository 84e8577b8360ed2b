/**
 * Footprint containment, boundaries inclusive (to `toleranceM`): is `inner` wholly inside
 * `outer`? Used for "wholly inside suitable airspace" and "inside the municipal border".
 */
import { haversineM } from './earth.js';
import { DEFAULT_TOLERANCE_M } from './intersect.js';
import { makeFrame, pointInRings, pointSegmentDist2, segmentsCrossProperly, type Frame } from './planar.js';
import { pointEdgeDistanceM } from './segment-distance.js';
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
    return outer.polygons.some((p) => {
      if (!pointInRings(inner.lng, inner.lat, p.rings)) return false;
      for (const ring of p.rings) {
        const n = ring.length;
        for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
          if (pointEdgeDistanceM(inner.lng, inner.lat, ring[j], ring[j + 1], ring[i], ring[i + 1]) < inner.radiusM - toleranceM) return false;
        }
      }
      return true;
    });
  }
  return inner.polygons.every((q) => outer.polygons.some((p) => polygonContains(p, q, toleranceM)));
}

function distToRings(x: number, y: number, rings: Float64Array[], f: Frame): number {
  let best = Infinity;
  const px = (x - f.lng0) * f.kx, py = (y - f.lat0) * f.ky;
  for (const r of rings) {
    const n = r.length;
    for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
      const d = pointSegmentDist2(px, py, (r[j] - f.lng0) * f.kx, (r[j + 1] - f.lat0) * f.ky, (r[i] - f.lng0) * f.kx, (r[i + 1] - f.lat0) * f.ky);
      if (d < best) best = d;
    }
  }
  return Math.sqrt(best);
}

function inOrOn(x: number, y: number, p: PreparedPolygon, f: Frame, tol: number): boolean {
  return pointInRings(x, y, p.rings) || distToRings(x, y, p.rings, f) <= tol;
}

/** Polygon q inside polygon p (holes of both respected). */
export function polygonContains(p: PreparedPolygon, q: PreparedPolygon, toleranceM = DEFAULT_TOLERANCE_M): boolean {
  if (!bboxesOverlap(padBBox(p.bbox, toleranceM), q.bbox)) return false;
  const f = makeFrame((q.bbox[0] + q.bbox[2]) / 2, (q.bbox[1] + q.bbox[3]) / 2);
  for (const r of q.rings) {
    const n = r.length;
    for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
      // vertices and edge midpoints of q must be inside p or on its boundary
      if (!inOrOn(r[i], r[i + 1], p, f, toleranceM)) return false;
      if (!inOrOn((r[i] + r[j]) / 2, (r[i + 1] + r[j + 1]) / 2, p, f, toleranceM)) return false;
      for (const s of p.rings) {
        const m = s.length;
        for (let a = 0, b = m - 2; a < m; b = a, a += 2) {
          if (segmentsCrossProperly(r[j], r[j + 1], r[i], r[i + 1], s[b], s[b + 1], s[a], s[a + 1])) return false;
        }
      }
    }
  }
  // no part of p's boundary (e.g. a hole) may lie strictly inside q
  for (const s of p.rings) {
    for (let a = 0; a < s.length; a += 2) {
      if (pointInRings(s[a], s[a + 1], q.rings) && distToRings(s[a], s[a + 1], q.rings, f) > toleranceM) return false;
    }
  }
  return true;
}
