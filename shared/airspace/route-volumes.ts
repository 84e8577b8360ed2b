/**
 * Route plans → per-leg 4D volumes. Each leg becomes a corridor (stadium) of half-width
 * `corridorHalfWidthM + horizontalBufferM`, drawn so the polygon contains the true corridor;
 * the altitude band grows by `verticalBufferM` (never below ground); the time window is the
 * leg's flying time at cruise speed widened by a margin that grows with elapsed time.
 */
import { bearingDeg, destination, haversineM } from '../geo/earth.js';
import type { LngLat } from '../geo/types.js';
import type { Route } from '../schemas/flight-plan.js';
import type { Volume4D } from '../schemas/volume.js';

export interface RouteBuffers {
  horizontalBufferM: number;
  verticalBufferM: number;
  /** fixed time margin before and after each leg */
  timeMarginS: number;
  /** extra margin as a fraction of the elapsed flying time */
  timeMarginFraction: number;
  /** vertices per half-circle cap */
  capSegments: number;
  /** longest straight piece along a corridor side */
  maxSideStepM: number;
}

export const DEFAULT_ROUTE_BUFFERS: RouteBuffers = {
  horizontalBufferM: 30, verticalBufferM: 10, timeMarginS: 60, timeMarginFraction: 0.1, capSegments: 8, maxSideStepM: 2000,
};

/** Closed ring around segment a→b at distance ≥ halfWidthM everywhere. */
export function corridorRing(a: LngLat, b: LngLat, halfWidthM: number, buf: Pick<RouteBuffers, 'capSegments' | 'maxSideStepM'> = DEFAULT_ROUTE_BUFFERS): LngLat[] {
  const n = Math.max(2, buf.capSegments);
  const step = 180 / n;
  const r = halfWidthM / Math.cos((step / 2) * (Math.PI / 180)); // circumscribe the arcs
  const len = haversineM(a[0], a[1], b[0], b[1]);
  const pieces = Math.max(1, Math.ceil(len / buf.maxSideStepM));
  const along: LngLat[] = [];
  for (let i = 0; i <= pieces; i++) along.push([a[0] + ((b[0] - a[0]) * i) / pieces, a[1] + ((b[1] - a[1]) * i) / pieces]);
  // direction of travel at each station along the leg (final bearing at b)
  const heading = (i: number) => (len === 0 ? 0 : i < pieces ? bearingDeg(along[i], along[i + 1]) : (bearingDeg(b, along[i - 1]) + 180) % 360);
  const ring: LngLat[] = [];
  // right side a→b
  for (let i = 0; i <= pieces; i++) ring.push(destination(along[i], r, heading(i) + 90));
  // cap around b (right → ahead → left)
  const hb = heading(pieces);
  for (let k = 1; k < n; k++) ring.push(destination(b, r, hb + 90 - k * step));
  // left side b→a
  for (let i = pieces; i >= 0; i--) ring.push(destination(along[i], r, heading(i) - 90));
  // cap around a (left → behind → right)
  const ha = heading(0);
  for (let k = 1; k < n; k++) ring.push(destination(a, r, ha - 90 - k * step));
  // 1e-7° (about 1 cm) is far finer than the buffers; it keeps stored plans compact
  const out = ring.map(([x, y]): LngLat => [Math.round(x * 1e7) / 1e7, Math.round(y * 1e7) / 1e7]);
  out.push([out[0][0], out[0][1]]);
  return out;
}

export function routeToVolumes(route: Route, buffers: RouteBuffers = DEFAULT_ROUTE_BUFFERS): Volume4D[] {
  const depart = Date.parse(route.departAt);
  const halfWidth = route.corridorHalfWidthM + buffers.horizontalBufferM;
  const lower = Math.max(0, route.altitudeLowerM - buffers.verticalBufferM);
  const upper = route.altitudeUpperM + buffers.verticalBufferM;
  const margin = (elapsedS: number) => (buffers.timeMarginS + buffers.timeMarginFraction * elapsedS) * 1000;
  const out: Volume4D[] = [];
  let elapsedS = 0;
  for (let i = 0; i + 1 < route.waypoints.length; i++) {
    const a = route.waypoints[i];
    const b = route.waypoints[i + 1];
    const legS = haversineM(a[0], a[1], b[0], b[1]) / route.cruiseSpeedMps;
    const t0 = depart + elapsedS * 1000 - margin(elapsedS);
    elapsedS += legS;
    const t1 = depart + elapsedS * 1000 + margin(elapsedS);
    out.push({
      outline: { type: 'Polygon', coordinates: [corridorRing(a, b, halfWidth, buffers)] },
      altitudeLowerM: lower, altitudeUpperM: upper, altitudeReference: 'AGL',
      timeStart: new Date(Math.floor(t0 / 1000) * 1000).toISOString(),
      timeEnd: new Date(Math.ceil(t1 / 1000) * 1000).toISOString(),
    });
  }
  return out;
}
