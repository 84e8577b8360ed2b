/** Spherical earth helpers. Radius matches @turf/helpers so distances agree with turf. */
import type { LngLat } from './types.js';

export const EARTH_RADIUS_M = 6371008.8;
export const METERS_PER_DEGREE_LAT = (EARTH_RADIUS_M * Math.PI) / 180;
const RAD = Math.PI / 180;

/** Great-circle (haversine) distance in metres. */
export function haversineM(aLng: number, aLat: number, bLng: number, bLat: number): number {
  const dLat = (bLat - aLat) * RAD;
  const dLng = (bLng - aLng) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * RAD) * Math.cos(bLat * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Initial great-circle bearing from a to b, degrees clockwise from north in [0, 360). */
export function bearingDeg(a: LngLat, b: LngLat): number {
  const f1 = a[1] * RAD;
  const f2 = b[1] * RAD;
  const dl = (b[0] - a[0]) * RAD;
  const y = Math.sin(dl) * Math.cos(f2);
  const x = Math.cos(f1) * Math.sin(f2) - Math.sin(f1) * Math.cos(f2) * Math.cos(dl);
  return (((Math.atan2(y, x) / RAD) % 360) + 360) % 360;
}

/** Point reached from `origin` after `distanceM` along the great circle with `bearing` degrees. */
export function destination(origin: LngLat, distanceM: number, bearing: number): LngLat {
  const d = distanceM / EARTH_RADIUS_M;
  const th = bearing * RAD;
  const f1 = origin[1] * RAD;
  const l1 = origin[0] * RAD;
  const f2 = Math.asin(Math.sin(f1) * Math.cos(d) + Math.cos(f1) * Math.sin(d) * Math.cos(th));
  const l2 = l1 + Math.atan2(Math.sin(th) * Math.sin(d) * Math.cos(f1), Math.cos(d) - Math.sin(f1) * Math.sin(f2));
  return [((l2 / RAD + 540) % 360) - 180, f2 / RAD];
}

/**
 * Points at one distance from a series of origins, rounded to 1e-7° (about 1 cm): exactly
 * `destination()` followed by that rounding, with the sines and cosines the points share (of the
 * distance, of each origin's latitude) computed once.
 */
export class DestinationFan {
  private readonly sd: number;
  private readonly cd: number;
  private sf1 = 0;
  private cf1 = 1;
  private l1 = 0;

  constructor(distanceM: number) {
    const d = distanceM / EARTH_RADIUS_M;
    this.sd = Math.sin(d);
    this.cd = Math.cos(d);
  }

  from(origin: LngLat): this {
    const f1 = origin[1] * RAD;
    this.sf1 = Math.sin(f1);
    this.cf1 = Math.cos(f1);
    this.l1 = origin[0] * RAD;
    return this;
  }

  to(bearing: number): LngLat {
    const th = bearing * RAD;
    const f2 = Math.asin(this.sf1 * this.cd + this.cf1 * this.sd * Math.cos(th));
    const l2 = this.l1 + Math.atan2(Math.sin(th) * this.sd * this.cf1, this.cd - this.sf1 * Math.sin(f2));
    return [Math.round((mod360(l2 / RAD + 540) - 180) * 1e7) / 1e7, Math.round((f2 / RAD) * 1e7) / 1e7];
  }
}

/**
 * `x % 360` for the longitudes shifted by 540 that `to` normalises, without the floating-point
 * remainder call: for 0 ≤ x < 1080 subtracting 360 or 720 is exact (Sterbenz), so the result is
 * bit-identical; anything else takes `%`.
 */
function mod360(x: number): number {
  if (x >= 0 && x < 1080) return x < 360 ? x : x < 720 ? x - 360 : x - 720;
  return x % 360;
}

/** Metres per degree of longitude at a latitude. */
export function metersPerDegreeLng(lat: number): number {
  return METERS_PER_DEGREE_LAT * Math.cos(lat * RAD);
}

/**
 * Degrees of longitude and latitude that certainly cover `distanceM` anywhere in the
 * latitude range [minLat, maxLat] (used to pad bounding boxes conservatively).
 */
export function degreePadding(distanceM: number, minLat: number, maxLat: number): [number, number] {
  const dLat = (distanceM / METERS_PER_DEGREE_LAT) * 1.001 + 1e-9;
  const worstLat = Math.min(89, Math.max(Math.abs(minLat), Math.abs(maxLat)) + dLat);
  const dLng = (distanceM / metersPerDegreeLng(worstLat)) * 1.001 + 1e-9;
  return [dLng, dLat];
}
