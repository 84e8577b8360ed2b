import { describe, expect, it } from 'vitest';
import { bearingDeg, destination, haversineM } from '../geo/earth.js';
import type { LngLat } from '../geo/types.js';
import { createPrng } from '../util/prng.js';
import { prepareOutline } from '../geo/shape.js';
import { pointInRings } from '../geo/planar.js';
import type { PolygonsShape } from '../geo/shape.js';
import type { Route } from '../schemas/flight-plan.js';
import type { Volume4D } from '../schemas/volume.js';
import { prepareVolume } from './prepared-volume.js';
import { corridorRing, DEFAULT_ROUTE_BUFFERS, MAX_ROUTE_VOLUMES, type RouteBuffers, routeToPreparedVolumes, routeToVolumes } from './route-volumes.js';

const T = '2026-12-01T02:00:00Z';

describe('route → per-leg volumes', () => {
  const a: [number, number] = [106.5, 29.5];
  const b = destination(a, 1000, 90);
  const c = destination(b, 2000, 0);
  const vols = routeToVolumes({ waypoints: [a, b, c], corridorHalfWidthM: 20, cruiseSpeedMps: 10, altitudeLowerM: 30, altitudeUpperM: 60, departAt: T });

  it('makes a take-off volume, one volume per leg with the vertical buffer, and a landing volume', () => {
    expect(vols).toHaveLength(4);
    expect(vols[0]).toMatchObject({ outline: { type: 'Circle', center: a, radiusM: 50 }, altitudeLowerM: 0, altitudeUpperM: 70 });
    expect(vols[3]).toMatchObject({ outline: { type: 'Circle', center: c, radiusM: 50 }, altitudeLowerM: 0, altitudeUpperM: 70 });
    for (const v of vols.slice(1, 3)) {
      expect(v.altitudeLowerM).toBe(30 - DEFAULT_ROUTE_BUFFERS.verticalBufferM);
      expect(v.altitudeUpperM).toBe(60 + DEFAULT_ROUTE_BUFFERS.verticalBufferM);
    }
  });

  it('times climb, each leg at cruise speed and descent, with a growing margin', () => {
    // climb to 60 m at 3 m/s: 20 s; margin 60 s + 10 % of elapsed
    expect([vols[0].timeStart, vols[0].timeEnd]).toEqual(['2026-12-01T01:59:00.000Z', '2026-12-01T02:01:22.000Z']); // 20 + 60 + 2
    // leg 1 from 20 s (margin 62) to 120 s (margin 72)
    expect([vols[1].timeStart, vols[1].timeEnd]).toEqual(['2026-12-01T01:59:18.000Z', '2026-12-01T02:03:12.000Z']);
    // leg 2 from 120 s (margin 72) to 320 s (margin 92)
    expect([vols[2].timeStart, vols[2].timeEnd]).toEqual(['2026-12-01T02:00:48.000Z', '2026-12-01T02:06:52.000Z']);
    // landing: descent from 320 s, 30 s at 2 m/s, ends 350 s (margin 95)
    expect([vols[3].timeStart, vols[3].timeEnd]).toEqual(['2026-12-01T02:03:48.000Z', '2026-12-01T02:07:25.000Z']);
  });

  it('covers the corridor plus the horizontal buffer and little more', () => {
    const w = 20 + DEFAULT_ROUTE_BUFFERS.horizontalBufferM; // 50 m
    const shape = prepareOutline(vols[1].outline) as PolygonsShape;
    const inside = (p: [number, number]) => pointInRings(p[0], p[1], shape.polygons[0].rings);
    for (let s = 0; s <= 1000; s += 100) {
      const onLine = destination(a, s, 90);
      expect(inside(destination(onLine, w - 0.01, 0))).toBe(true);
      expect(inside(destination(onLine, w - 0.01, 180))).toBe(true);
      expect(inside(destination(onLine, w * 1.03, 0))).toBe(false);
    }
    for (let brg = 0; brg < 360; brg += 7) {
      expect(inside(destination(a, w - 0.01, brg))).toBe(true); // caps
      expect(inside(destination(b, w - 0.01, brg))).toBe(true);
    }
    expect(haversineM(a[0], a[1], b[0], b[1])).toBeCloseTo(1000, 6);
  });
});

describe('long legs in segments, each for its own minutes', () => {
  const a: [number, number] = [106.5, 29.5];
  const b = destination(a, 5000, 90);
  const vols = routeToVolumes({ waypoints: [a, b], corridorHalfWidthM: 20, cruiseSpeedMps: 10, altitudeLowerM: 30, altitudeUpperM: 60, departAt: T });

  it('a 5 km leg is three segments of 1,667 m; the far end is held only when the aircraft gets there', () => {
    expect(vols).toHaveLength(5);
    // climb 20 s; segments of 166.7 s each: 20–186.7, 186.7–353.3, 353.3–520 s, margins 60 s + 10 % of elapsed
    const secs = vols.map((v) => [(Date.parse(v.timeStart) - Date.parse(T)) / 1000, (Date.parse(v.timeEnd) - Date.parse(T)) / 1000]);
    expect(secs.slice(1, 4)).toEqual([
      [-42, 266],
      [108, 449],
      [258, 632],
    ]);
    // each segment reaches from its start to its end point (with the caps), and no further
    const inside = (i: number, p: [number, number]) => pointInRings(p[0], p[1], (prepareOutline(vols[i].outline) as PolygonsShape).polygons[0].rings);
    expect(inside(1, a)).toBe(true);
    expect(inside(1, destination(a, 1666, 90))).toBe(true);
    expect(inside(1, b)).toBe(false);
    expect(inside(3, b)).toBe(true);
    expect(inside(3, a)).toBe(false);
  });

  it('a long route keeps within the volume count by growing its segments', () => {
    const far = routeToVolumes({ waypoints: [a, destination(a, 200_000, 90)], corridorHalfWidthM: 20, cruiseSpeedMps: 30, altitudeLowerM: 30, altitudeUpperM: 60, departAt: T });
    expect(far.length).toBeLessThanOrEqual(MAX_ROUTE_VOLUMES);
    expect(far.length).toBeGreaterThan(40);
  });
});

/** corridorRing as first written, one destination() per vertex: the reference the faster one must match bit for bit */
function referenceRing(a: LngLat, b: LngLat, halfWidthM: number, buf: { capSegments: number; maxSideStepM: number }): LngLat[] {
  const n = Math.max(2, buf.capSegments);
  const step = 180 / n;
  const r = halfWidthM / Math.cos((step / 2) * (Math.PI / 180));
  const len = haversineM(a[0], a[1], b[0], b[1]);
  const pieces = Math.max(1, Math.ceil(len / buf.maxSideStepM));
  const along: LngLat[] = [];
  for (let i = 0; i <= pieces; i++) along.push([a[0] + ((b[0] - a[0]) * i) / pieces, a[1] + ((b[1] - a[1]) * i) / pieces]);
  const heading = (i: number) => (len === 0 ? 0 : i < pieces ? bearingDeg(along[i], along[i + 1]) : (bearingDeg(b, along[i - 1]) + 180) % 360);
  const ring: LngLat[] = [];
  for (let i = 0; i <= pieces; i++) ring.push(destination(along[i], r, heading(i) + 90));
  for (let k = 1; k < n; k++) ring.push(destination(b, r, heading(pieces) + 90 - k * step));
  for (let i = pieces; i >= 0; i--) ring.push(destination(along[i], r, heading(i) - 90));
  for (let k = 1; k < n; k++) ring.push(destination(a, r, heading(0) - 90 - k * step));
  const out = ring.map(([x, y]): LngLat => [Math.round(x * 1e7) / 1e7, Math.round(y * 1e7) / 1e7]);
  out.push([out[0][0], out[0][1]]);
  return out;
}

describe('corridorRing', () => {
  it('gives the reference ring bit for bit on seeded random legs (zero length, long, near the antimeridian, other caps)', () => {
    const rng = createPrng(31);
    for (let k = 0; k < 3000; k++) {
      const a: LngLat = k % 500 === 0 ? [179.99, 10] : [rng.range(-180, 180), rng.range(-80, 80)];
      const b: LngLat = k % 7 === 0 ? [a[0], a[1]] : destination(a, 10 ** rng.range(0, 4.5), rng.range(0, 360));
      const buf = { capSegments: 2 + (k % 12), maxSideStepM: k % 3 === 0 ? 500 : 2000 };
      const half = rng.range(1, 300);
      expect(corridorRing(a, b, half, buf)).toStrictEqual(referenceRing(a, b, half, buf));
    }
  });
});

/** The volumes of a route as first written (closures, `Date#toISOString`, prepared afterwards): the reference for the one-pass build. */
function referenceVolumes(route: Route, buffers: RouteBuffers): Volume4D[] {
  const depart = Date.parse(route.departAt);
  const halfWidth = route.corridorHalfWidthM + buffers.horizontalBufferM;
  const lower = Math.max(0, route.altitudeLowerM - buffers.verticalBufferM);
  const upper = Math.min(10_000, route.altitudeUpperM + buffers.verticalBufferM);
  const margin = (s: number) => (buffers.timeMarginS + buffers.timeMarginFraction * s) * 1000;
  const iso = (ms: number, up: boolean) => new Date((up ? Math.ceil(ms / 1000) : Math.floor(ms / 1000)) * 1000).toISOString();
  const climbS = route.altitudeUpperM / buffers.climbMps;
  const descentS = route.altitudeUpperM / buffers.descentMps;
  const w = route.waypoints;
  const pad = (p: LngLat): Volume4D['outline'] => ({ type: 'Circle', center: p, radiusM: halfWidth });
  const vol = (outline: Volume4D['outline'], lo: number, t0: string, t1: string): Volume4D => ({
    outline,
    altitudeLowerM: lo,
    altitudeUpperM: upper,
    altitudeReference: 'AGL',
    timeStart: t0,
    timeEnd: t1,
  });
  const out = [vol(pad(w[0]), 0, iso(depart - margin(0), false), iso(depart + climbS * 1000 + margin(climbS), true))];
  let elapsedS = climbS;
  const legs = w.slice(1).map((b, i) => haversineM(w[i][0], w[i][1], b[0], b[1]));
  const room = MAX_ROUTE_VOLUMES - 2 - legs.length;
  const segmentM = room > 0 ? Math.max(buffers.maxSegmentM, legs.reduce((x, y) => x + y, 0) / room) : Infinity;
  for (let i = 0; i + 1 < w.length; i++) {
    const [a, b] = [w[i], w[i + 1]];
    const pieces = Number.isFinite(segmentM) ? Math.max(1, Math.ceil(legs[i] / segmentM - 1e-9)) : 1;
    const at = (k: number): LngLat => (k === 0 ? a : k === pieces ? b : [a[0] + ((b[0] - a[0]) * k) / pieces, a[1] + ((b[1] - a[1]) * k) / pieces]);
    for (let k = 0; k < pieces; k++) {
      const t0 = depart + elapsedS * 1000 - margin(elapsedS);
      elapsedS += legs[i] / pieces / route.cruiseSpeedMps;
      const t1 = depart + elapsedS * 1000 + margin(elapsedS);
      out.push(vol({ type: 'Polygon', coordinates: [corridorRing(at(k), at(k + 1), halfWidth, buffers)] }, lower, iso(t0, false), iso(t1, true)));
    }
  }
  const arrive = depart + elapsedS * 1000 - margin(elapsedS);
  elapsedS += descentS;
  out.push(vol(pad(w[w.length - 1]), 0, iso(arrive, false), iso(depart + elapsedS * 1000 + margin(elapsedS), true)));
  return out;
}

describe('routeToVolumes and routeToPreparedVolumes', () => {
  it('give the reference volumes, and the prepared volumes prepareVolume makes of them, on seeded random routes', () => {
    const rng = createPrng(47);
    let volumes = 0;
    for (let k = 0; k < 1500; k++) {
      // short and long legs, repeated waypoints, routes past the volume limit (legs in one piece), odd departure milliseconds
      const legs = k % 100 === 0 ? 60 : rng.int(1, 8);
      const waypoints: LngLat[] = [[rng.range(105.3, 110.1), rng.range(28.2, 32.2)]];
      for (let i = 0; i < legs; i++) waypoints.push(k % 9 === 0 && i === 1 ? waypoints[i] : destination(waypoints[i], 10 ** rng.range(1, 4.3), rng.range(0, 360)));
      const lower = rng.int(0, 300);
      const route: Route = {
        waypoints,
        corridorHalfWidthM: rng.range(5, 200),
        cruiseSpeedMps: rng.range(3, 40),
        altitudeLowerM: lower,
        altitudeUpperM: lower + rng.int(1, 9_900 - lower),
        departAt: new Date(Date.UTC(2026, 0, 1) + Math.floor(rng.range(0, 5 * 365 * 86_400_000))).toISOString(),
      };
      const buffers: RouteBuffers =
        k % 4 === 0 ? { ...DEFAULT_ROUTE_BUFFERS, timeMarginS: rng.range(0, 300), timeMarginFraction: rng.range(0, 0.5), maxSegmentM: rng.range(300, 5000) } : DEFAULT_ROUTE_BUFFERS;
      const expected = referenceVolumes(route, buffers);
      expect(routeToVolumes(route, buffers)).toStrictEqual(expected);
      const built = routeToPreparedVolumes(route, buffers);
      expect(built.volumes).toStrictEqual(expected);
      expect(built.prepared).toStrictEqual(expected.map(prepareVolume));
      volumes += expected.length;
    }
    expect(volumes).toBeGreaterThan(9000);
  });
});
