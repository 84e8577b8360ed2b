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

  it('makes one volume per leg with the vertical buffer', () => {
    expect(vols).toHaveLength(2);
    for (const v of vols) {
      expect(v.altitudeLowerM).toBe(30 - DEFAULT_ROUTE_BUFFERS.verticalBufferM);
      expect(v.altitudeUpperM).toBe(60 + DEFAULT_ROUTE_BUFFERS.verticalBufferM);
    }
  });

  it('times each leg at cruise speed with a growing margin', () => {
    // leg 1: 100 s of flight; margin 60 s + 10 % of elapsed
    expect(vols[0].timeStart).toBe('2026-12-01T01:59:00.000Z');
    expect(vols[0].timeEnd).toBe('2026-12-01T02:02:50.000Z'); // 100 + 60 + 10
    // leg 2 starts at 100 s (margin 60 + 10), lasts 200 s (ends at 300 s, margin 60 + 30)
    expect(vols[1].timeStart).toBe('2026-12-01T02:00:30.000Z');
    expect(vols[1].timeEnd).toBe('2026-12-01T02:06:30.000Z');
  });

  it('covers the corridor plus the horizontal buffer and little more', () => {
    const w = 20 + DEFAULT_ROUTE_BUFFERS.horizontalBufferM; // 50 m
    const shape = prepareOutline(vols[0].outline) as PolygonsShape;
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
