/** Is a point inside a footprint (boundary inclusive, to `toleranceM`)? */
import { haversineM } from './earth.js';
import { forEachEdgeNear, pointInPolygon } from './edge-bands.js';
import { DEFAULT_TOLERANCE_M } from './intersect.js';
import { makeFrame, pointSegmentDist2 } from './planar.js';
import { padBBox, type Shape } from './shape.js';

export function pointInShape(shape: Shape, lng: number, lat: number, toleranceM = DEFAULT_TOLERANCE_M): boolean {
  if (shape.kind === 'circle') return haversineM(shape.lng, shape.lat, lng, lat) <= shape.radiusM + toleranceM;
  const f = makeFrame(lng, lat);
  const box = padBBox([lng, lat, lng, lat], toleranceM);
  return shape.polygons.some(
    (p) =>
      pointInPolygon(lng, lat, p) ||
      forEachEdgeNear(p, box, (r, j, i) => pointSegmentDist2(0, 0, (r[j] - lng) * f.kx, (r[j + 1] - lat) * f.ky, (r[i] - lng) * f.kx, (r[i + 1] - lat) * f.ky) <= toleranceM * toleranceM),
  );
}
