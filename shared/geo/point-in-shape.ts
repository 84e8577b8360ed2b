/** Is a point inside a footprint (boundary inclusive, to `toleranceM`)? */
import { haversineM } from './earth.js';
import { forEachEdgeNear, pointInPolygon } from './edge-bands.js';
import { DEFAULT_TOLERANCE_M } from './intersect.js';
import { makeFrame, pointSegmentDist2 } from './planar.js';
import { bboxesOverlap, padBBox, type Shape } from './shape.js';

export function pointInShape(shape: Shape, lng: number, lat: number, toleranceM = DEFAULT_TOLERANCE_M): boolean {
  if (shape.kind === 'circle') return haversineM(shape.lng, shape.lat, lng, lat) <= shape.radiusM + toleranceM;
  // inside one of the polygons: the usual answer (an aircraft on its plan), without allocating
  const polygons = shape.polygons;
  for (let k = 0; k < polygons.length; k++) if (pointInPolygon(lng, lat, polygons[k])) return true;
  // outside every polygon: on the boundary only if some edge lies within the tolerance
  const f = makeFrame(lng, lat);
  const box = padBBox([lng, lat, lng, lat], toleranceM);
  if (!bboxesOverlap(box, shape.bbox)) return false;
  const tol2 = toleranceM * toleranceM;
  const near = (r: Float64Array, j: number, i: number) => pointSegmentDist2(0, 0, (r[j] - lng) * f.kx, (r[j + 1] - lat) * f.ky, (r[i] - lng) * f.kx, (r[i + 1] - lat) * f.ky) <= tol2;
  for (let k = 0; k < polygons.length; k++) if (forEachEdgeNear(polygons[k], box, near)) return true;
  return false;
}
