import { describe, expect, it } from 'vitest';
import { PointIndex } from '../airspace/point-index.js';
import type { LandingPoint } from '../schemas/landing-point.js';
import { createPrng } from '../util/prng.js';
import { DAY_PROFILE, DEFAULT_DEMAND, demandFactor, generateFlights } from './traffic-generator.js';

const lp = (id: string, lng: number): LandingPoint => ({ id, name: id, location: [lng, 29.8], districtAdcode: '500109', kind: 'township', capacityPerHour: 12 });
const lps = new PointIndex([lp('LP-A', 106.4), lp('LP-B', 106.45), lp('LP-C', 106.5)]);
const day = Date.parse('2026-12-01T00:00:00Z');

describe('traffic demand', () => {
  it('is seeded: the same seed gives the same flights', () => {
    const a = generateFlights(createPrng(3), lps, day, day + 3_600_000, { ...DEFAULT_DEMAND, flightsPerHour: 50 });
    const b = generateFlights(createPrng(3), lps, day, day + 3_600_000, { ...DEFAULT_DEMAND, flightsPerHour: 50 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.length).toBeGreaterThan(30);
  });

  it('starts flights where the demand is, in proportion to the weights', () => {
    const dep = (w: Record<string, number>) => {
      const count: Record<string, number> = {};
      for (const f of generateFlights(createPrng(9), lps, day, day + 10 * 3_600_000, { ...DEFAULT_DEMAND, flightsPerHour: 200, departureWeights: w })) {
        const id = f.input.departure ?? 'area';
        count[id] = (count[id] ?? 0) + 1;
      }
      return count;
    };
    const onlyA = dep({ 'LP-A': 1 });
    expect(Object.keys(onlyA).filter((k) => k !== 'area')).toEqual(['LP-A']);
    const c = dep({ 'LP-A': 3, 'LP-B': 1, 'LP-C': 0 });
    expect(c['LP-C']).toBeUndefined();
    expect(c['LP-A'] / c['LP-B']).toBeGreaterThan(2.4);
    expect(c['LP-A'] / c['LP-B']).toBeLessThan(3.6);
  });

  it('follows the daily profile in local time (UTC+8)', () => {
    const d = { ...DEFAULT_DEMAND, hourlyProfile: DAY_PROFILE };
    expect(DAY_PROFILE.reduce((a, b) => a + b, 0) / 24).toBeCloseTo(1, 9);
    // 01:00 UTC = 09:00 Beijing (a peak); 19:00 UTC = 03:00 Beijing (night)
    expect(demandFactor(d, Date.parse('2026-12-01T01:30:00Z'))).toBeGreaterThan(1.5);
    expect(demandFactor(d, Date.parse('2026-12-01T19:30:00Z'))).toBeLessThan(0.1);
    expect(demandFactor(DEFAULT_DEMAND, day)).toBe(1);
  });
});
