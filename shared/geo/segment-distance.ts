/**
 * Great-circle distance from a point to an edge that is straight in [lng, lat]. A local-frame
 * estimate settles clear cases; near a threshold it is refined on the sphere by golden-section
 * search along the edge, so decisions hold to well under a centimetre.
 */
import { EARTH_RADIUS_M, haversineM, metersPerDegreeLng, METERS_PER_DEGREE_LAT } from './earth.js';
import { pointSegmentDist2 } from './planar.js';

const GOLDEN = (Math.sqrt(5) - 1) / 2;

/** Exact (to ~1e-6 m) distance from (plng, plat) to the edge a–b, by search on the sphere. */
export function pointEdgeDistanceM(plng: number, plat: number, alng: number, alat: number, blng: number, blat: number): number {
  const f = (t: number) => haversineM(plng, plat, alng + (blng - alng) * t, alat + (blat - alat) * t);
  let lo = 0,
    hi = 1;
  let x1 = hi - GOLDEN * (hi - lo),
    x2 = lo + GOLDEN * (hi - lo);
  let f1 = f(x1),
    f2 = f(x2);
  for (let k = 0; k < 60 && hi - lo > 1e-12; k++) {
    if (f1 <= f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - GOLDEN * (hi - lo);
      f1 = f(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + GOLDEN * (hi - lo);
      f2 = f(x2);
    }
  }
  return Math.min(f1, f2, f(0), f(1));
}

/** Local-frame estimate of the distance from p to edge a–b and a bound on its error. */
export function pointEdgeDistanceEstimate(plng: number, plat: number, alng: number, alat: number, blng: number, blat: number): { distanceM: number; slackM: number } {
  const kx = metersPerDegreeLng(plat);
  const ky = METERS_PER_DEGREE_LAT;
  const d = Math.sqrt(pointSegmentDist2(0, 0, (alng - plng) * kx, (alat - plat) * ky, (blng - plng) * kx, (blat - plat) * ky));
  // Scale error of an equirectangular frame grows with |tan φ|·Δφ; bound it generously.
  const tanLat = Math.abs(Math.tan((plat * Math.PI) / 180)) + 0.1;
  const slackM = 0.05 + d * (4 * tanLat * (d / EARTH_RADIUS_M) + 1e-6);
  return { distanceM: d, slackM };
}

/**
 * Compare the distance from p to edge a–b against a threshold: -1 when certainly below or equal,
 * +1 when certainly above; refines on the sphere when the estimate is inconclusive.
 */
export function compareEdgeDistance(plng: number, plat: number, alng: number, alat: number, blng: number, blat: number, thresholdM: number): -1 | 1 {
  const { distanceM, slackM } = pointEdgeDistanceEstimate(plng, plat, alng, alat, blng, blat);
  if (distanceM + slackM <= thresholdM) return -1;
  if (distanceM - slackM > thresholdM) return 1;
  return pointEdgeDistanceM(plng, plat, alng, alat, blng, blat) <= thresholdM ? -1 : 1;
}
