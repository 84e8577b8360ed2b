import { describe, expect, it } from 'vitest';
import { destination, haversineM } from '../geo/earth.js';
import { prepareOutline } from '../geo/shape.js';
import { pointInRings } from '../geo/planar.js';
import type { PolygonsShape } from '../geo/shape.js';
import { DEFAULT_ROUTE_BUFFERS, routeToVolumes } from './route-volumes.js';

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
