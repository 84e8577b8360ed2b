import { describe, expect, it } from 'vitest';
import { corridorZone } from '../airspace/corridor-zone.js';
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

describe('traffic in corridors', () => {
  const AC = corridorZone({ id: 'COR-AC', name: 'A—C', from: { id: 'LP-A', location: [106.4, 29.8] }, to: { id: 'LP-C', location: [106.5, 29.8] }, reason: 'test', source: 'test' });
  const demand = { ...DEFAULT_DEMAND, flightsPerHour: 200, shares: { logistics: 1, inspection: 0, sightseeing: 0, survey: 0, emergency: 0 } };
  const gen = (share: number, corridors = [AC], seed = 4) => generateFlights(createPrng(seed), lps, day, day + 3 * 3_600_000, { ...demand, corridorShare: share }, corridors);
  const band = (f: ReturnType<typeof gen>[number]) => [f.input.departure, f.input.arrival, f.input.route?.altitudeLowerM, f.input.route?.altitudeUpperM];

  it('replays demand exactly as before when no corridor has both ends among the points', () => {
    const before = JSON.stringify(generateFlights(createPrng(4), lps, day, day + 3 * 3_600_000, demand));
    expect(JSON.stringify(gen(0.3, []))).toBe(before);
    expect(JSON.stringify(gen(0.3, [{ ...AC, corridorEnds: ['LP-A', 'LP-X'] }]))).toBe(before);
    expect(JSON.stringify(gen(0.3, [{ ...AC, kind: 'suitable' }]))).toBe(before);
  });

  it('sends every logistics flight from a corridor end through the corridor at share 1, each direction in its lane', () => {
    const flights = gen(1);
    const fromEnds = flights.filter((f) => f.input.departure === 'LP-A' || f.input.departure === 'LP-C');
    expect(fromEnds.length).toBeGreaterThan(100);
    for (const f of fromEnds) expect(band(f)).toEqual(f.input.departure === 'LP-A' ? ['LP-A', 'LP-C', 10, 100] : ['LP-C', 'LP-A', 140, 230]);
    expect(flights.find((f) => f.input.departure === 'LP-A')?.cruiseAltM).toBe(55);
  });

  it('flies any logistics flight between the ends in the lane, and others as before, at share 0', () => {
    const flights = gen(0);
    const between = flights.filter((f) => [f.input.departure, f.input.arrival].sort().join() === 'LP-A,LP-C');
    expect(between.length).toBeGreaterThan(10);
    for (const f of between) expect(band(f).slice(2)).toEqual(f.input.departure === 'LP-A' ? [10, 100] : [140, 230]);
    const others = flights.filter((f) => !between.includes(f));
    expect(others.length).toBeGreaterThan(10);
    for (const f of others) expect((f.input.route?.altitudeUpperM ?? 0) - (f.input.route?.altitudeLowerM ?? 0)).toBe(30);
  });
});
