/**
 * Route plans → 4D volumes: a take-off volume (vertical climb at the first waypoint, from the
 * ground), one corridor per leg — cut into segments of at most `maxSegmentM`, each for its own
 * minutes — and a landing volume (vertical descent at the last waypoint).
 * Each leg is a stadium of half-width `corridorHalfWidthM + horizontalBufferM`, drawn so the
 * polygon contains the true corridor; altitude bands grow by `verticalBufferM` (never below
 * ground); time windows follow climb, cruise speed and descent, widened by a margin that grows
 * with elapsed time.
 */
import { bearingDeg, DestinationFan, haversineM } from '../geo/earth.js';
import type { LngLat } from '../geo/types.js';
import type { Route } from '../schemas/flight-plan.js';
import type { Volume4D } from '../schemas/volume.js';
import { isoInstant } from '../util/iso-instant.js';
import { preparedVolume, type PreparedVolume } from './prepared-volume.js';

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
  /**
   * Longest stretch of a leg reserved as one volume: a longer leg is cut into segments, each
   * reserved only for the minutes the aircraft flies it (with the growing margin), so a flight
   * holds the far end of its leg only when it gets there.
   */
  maxSegmentM: number;
  /** vertical rates assumed for take-off and landing (the aircraft climbs and descends in place) */
  climbMps: number;
  descentMps: number;
}

/** A route is cut into at most this many volumes while its legs allow (segments grow on long routes). */
export const MAX_ROUTE_VOLUMES = 50;

/** The ceiling of Volume4DSchema (altitudeUpperM ≤ 10,000 m). */
export const MAX_VOLUME_ALTITUDE_M = 10_000;

export const DEFAULT_ROUTE_BUFFERS: RouteBuffers = {
  horizontalBufferM: 30,
  verticalBufferM: 10,
  timeMarginS: 60,
  timeMarginFraction: 0.1,
  capSegments: 8,
  maxSideStepM: 2000,
  maxSegmentM: 2000,
  climbMps: 3,
  descentMps: 2,
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
  const heading: number[] = [];
  for (let i = 0; i <= pieces; i++) heading.push(len === 0 ? 0 : i < pieces ? bearingDeg(along[i], along[i + 1]) : (bearingDeg(b, along[i - 1]) + 180) % 360);
  // every vertex lies r from a station: what the points share is computed once (the same numbers as destination())
  const fan = new DestinationFan(r);
  const ring: LngLat[] = [];
  // right side a→b
  for (let i = 0; i <= pieces; i++) ring.push(fan.from(along[i]).to(heading[i] + 90));
  // cap around b (right → ahead → left)
  const hb = heading[pieces];
  fan.from(b);
  for (let k = 1; k < n; k++) ring.push(fan.to(hb + 90 - k * step));
  // left side b→a
  for (let i = pieces; i >= 0; i--) ring.push(fan.from(along[i]).to(heading[i] - 90));
  // cap around a (left → behind → right)
  const ha = heading[0];
  fan.from(a);
  for (let k = 1; k < n; k++) ring.push(fan.to(ha - 90 - k * step));
  ring.push([ring[0][0], ring[0][1]]);
  return ring;
}

/** Seconds to climb to (and descend from) the top of the band: the longest the vertical phases last. */
export function verticalTimesS(route: Pick<Route, 'altitudeUpperM'>, b: RouteBuffers = DEFAULT_ROUTE_BUFFERS): { climbS: number; descentS: number } {
  return { climbS: route.altitudeUpperM / b.climbMps, descentS: route.altitudeUpperM / b.descentMps };
}

/** Milliseconds rounded to whole seconds: down for a window's start, up for its end. */
function roundS(ms: number, up: boolean): number {
  return (up ? Math.ceil(ms / 1000) : Math.floor(ms / 1000)) * 1000;
}

/** A route's volumes, each with its prepared form (built from the numbers, not read back from the strings). */
export interface RouteVolumes {
  volumes: Volume4D[];
  prepared: PreparedVolume[];
}

export function routeToVolumes(route: Route, buffers: RouteBuffers = DEFAULT_ROUTE_BUFFERS): Volume4D[] {
  return buildRouteVolumes(route, buffers, null);
}

/** `routeToVolumes` and `volumes.map(prepareVolume)` in one pass (the same values; checked in route-volumes.test.ts). */
export function routeToPreparedVolumes(route: Route, buffers: RouteBuffers = DEFAULT_ROUTE_BUFFERS): RouteVolumes {
  const prepared: PreparedVolume[] = [];
  return { volumes: buildRouteVolumes(route, buffers, prepared), prepared };
}

function pushVolume(out: Volume4D[], prepared: PreparedVolume[] | null, outline: Volume4D['outline'], lowerM: number, upperM: number, startMs: number, endMs: number): void {
  out.push({ outline, altitudeLowerM: lowerM, altitudeUpperM: upperM, altitudeReference: 'AGL', timeStart: isoInstant(startMs), timeEnd: isoInstant(endMs) });
  prepared?.push(preparedVolume(outline, lowerM, upperM, startMs, endMs));
}

/** The time margin after `elapsedS` seconds of flight, in ms: fixed, plus a share of the elapsed time. */
function marginMs(b: RouteBuffers, elapsedS: number): number {
  return (b.timeMarginS + b.timeMarginFraction * elapsedS) * 1000;
}

function buildRouteVolumes(route: Route, buffers: RouteBuffers, prepared: PreparedVolume[] | null): Volume4D[] {
  const depart = Date.parse(route.departAt);
  const halfWidth = route.corridorHalfWidthM + buffers.horizontalBufferM;
  const lower = Math.max(0, route.altitudeLowerM - buffers.verticalBufferM);
  // the buffer never lifts a volume above the highest altitude a volume may carry
  const upper = Math.min(MAX_VOLUME_ALTITUDE_M, route.altitudeUpperM + buffers.verticalBufferM);
  const { climbS, descentS } = verticalTimesS(route, buffers);
  const w = route.waypoints;
  const out: Volume4D[] = [];
  pushVolume(
    out,
    prepared,
    { type: 'Circle', center: w[0], radiusM: halfWidth },
    0,
    upper,
    roundS(depart - marginMs(buffers, 0), false),
    roundS(depart + climbS * 1000 + marginMs(buffers, climbS), true),
  );
  let elapsedS = climbS;
  const legs: number[] = [];
  let total = 0;
  for (let i = 1; i < w.length; i++) {
    const m = haversineM(w[i - 1][0], w[i - 1][1], w[i][0], w[i][1]);
    legs.push(m);
    total += m;
  }
  const room = MAX_ROUTE_VOLUMES - 2 - legs.length;
  const segmentM = room > 0 ? Math.max(buffers.maxSegmentM, total / room) : Infinity;
  for (let i = 0; i + 1 < w.length; i++) {
    const a = w[i];
    const b = w[i + 1];
    const pieces = Number.isFinite(segmentM) ? Math.max(1, Math.ceil(legs[i] / segmentM - 1e-9)) : 1;
    let p = a;
    for (let k = 0; k < pieces; k++) {
      const q: LngLat = k + 1 === pieces ? b : [a[0] + ((b[0] - a[0]) * (k + 1)) / pieces, a[1] + ((b[1] - a[1]) * (k + 1)) / pieces];
      const pieceS = legs[i] / pieces / route.cruiseSpeedMps;
      const t0 = depart + elapsedS * 1000 - marginMs(buffers, elapsedS);
      elapsedS += pieceS;
      const t1 = depart + elapsedS * 1000 + marginMs(buffers, elapsedS);
      pushVolume(out, prepared, { type: 'Polygon', coordinates: [corridorRing(p, q, halfWidth, buffers)] }, lower, upper, roundS(t0, false), roundS(t1, true));
      p = q;
    }
  }
  const arriveStart = depart + elapsedS * 1000 - marginMs(buffers, elapsedS);
  elapsedS += descentS;
  const arriveEnd = depart + elapsedS * 1000 + marginMs(buffers, elapsedS);
  pushVolume(out, prepared, { type: 'Circle', center: w[w.length - 1], radiusM: halfWidth }, 0, upper, roundS(arriveStart, false), roundS(arriveEnd, true));
  return out;
}
