import { describe, expect, it } from 'vitest';
import { haversineM } from '../geo/earth.js';
import { inPolygons } from '../geo/point-inside.js';
import { buildCandidates } from './candidate-sites.js';
import { coverageMetrics, nearestDistancesM } from './coverage-metrics.js';
import { placeSites } from './place-sites.js';
import { twoDistricts } from './synthetic-geography.test-util.js';
import { createPrng } from '../util/prng.js';
import type { LngLat } from '../geo/types.js';

describe('candidate sites', () => {
  it('sets aside candidates in prohibited and airport areas with the reason, keeps the rest', () => {
    const geo = twoDistricts({
      zones: [
        {
          id: 'Z-P',
          name: 'no-fly',
          kind: 'prohibited',
          outline: { type: 'Circle', center: [106.15, 30.05], radiusM: 500 },
          altitudeLowerM: 0,
          altitudeUpperM: 500,
          altitudeReference: 'AGL',
          applicability: { kind: 'permanent' },
          reason: 'test',
          source: 'test',
        },
        {
          id: 'Z-A',
          name: 'airport',
          kind: 'controlled',
          special: 'airport',
          outline: { type: 'Circle', center: [106.3, 30.05], radiusM: 500 },
          altitudeLowerM: 0,
          altitudeUpperM: 500,
          altitudeReference: 'AGL',
          applicability: { kind: 'permanent' },
          reason: 'test',
          source: 'test',
        },
        {
          id: 'Z-R',
          name: 'restricted only',
          kind: 'restricted',
          outline: { type: 'Circle', center: [106.05, 30.05], radiusM: 500 },
          altitudeLowerM: 0,
          altitudeUpperM: 500,
          altitudeReference: 'AGL',
          applicability: { kind: 'permanent' },
          reason: 'test',
          source: 'test',
        },
      ],
    });
    const { candidates, rejected } = buildCandidates(geo, { sources: ['townships'] });
    expect(candidates.map((c) => c.id)).toEqual(['T-100001001', 'T-100001002']);
    expect(rejected.map((r) => [r.id, r.why])).toEqual([
      ['T-100001003', 'inside prohibited area Z-P'],
      ['T-100002004', 'inside airport protection area Z-A'],
    ]);
  });

  it('places a seatless township at a deterministic point inside its district', () => {
    const a = twoDistricts({ withSeatless: true }).townships.find((t) => t.code === '100002005');
    const b = twoDistricts({ withSeatless: true }).townships.find((t) => t.code === '100002005');
    expect(a?.seatEstimated).toBe(true);
    expect(a?.location).toEqual(b?.location);
    expect(inPolygons(twoDistricts().districts[1].shape, a?.location as LngLat)).toBe(true);
  });

  it('merges sites within a metre, earlier sources winning; grid candidates lie inside their district', () => {
    const geo = twoDistricts();
    geo.existing.push({ id: 'LP-1', name: 'old point', location: [106.05, 30.05] }, { id: 'LP-2', name: 'new point', location: [106.25, 30.02] });
    const { candidates } = buildCandidates(geo, { sources: ['townships', 'existing', 'grid'], gridResolution: 7 });
    expect(candidates.filter((c) => c.source === 'existing').map((c) => [c.id, c.adcode])).toEqual([['E-LP-2', '100002']]);
    const grid = candidates.filter((c) => c.source === 'grid');
    expect(grid.length).toBeGreaterThan(20);
    for (const g of grid) expect(inPolygons(geo.districts.find((d) => d.adcode === g.adcode)!.shape, g.location)).toBe(true);
  });
});

describe('placement', () => {
  it('county-first, then coverage, in an order worked out by hand', () => {
    const geo = twoDistricts();
    const { candidates } = buildCandidates(geo, { sources: ['townships'] });
    const placed = placeSites(geo, candidates, { count: 4, radiusM: 5000 });
    // 甲县: 001 and 002 each cover both (tie → lower id); 乙县: 004; then 003 is the only uncovered
    expect(placed.slice(0, 3).map((p) => [p.id, p.stage])).toEqual([
      ['T-100001001', 'county'],
      ['T-100002004', 'county'],
      ['T-100001003', 'coverage'],
    ]);
    expect(placed[3].id).toBe('T-100001002');
    expect(placed.map((p) => p.order)).toEqual([1, 2, 3, 4]);
  });

  it('gives each township its own seat once coverage is saturated, heaviest-and-farthest first', () => {
    const geo = twoDistricts();
    const { candidates } = buildCandidates(geo, { sources: ['townships', 'centres'] });
    // the centre (106.1) covers 001, 002 and 003 (4.8, 3.9 and 4.8 km) → it wins the county stage
    const placed = placeSites(geo, candidates, { count: 5, radiusM: 5000 });
    expect(placed.slice(0, 2).map((p) => [p.id, p.stage])).toEqual([
      ['C-100001', 'county'],
      ['T-100002004', 'county'],
    ]);
    // 001 and 003 are both 4.8 km from the centre (tie → township order); 002 is then 964 m from
    // 001's point, which counts as served (< 1 km), so it comes last, from the spread stage
    expect(placed.slice(2, 5).map((p) => [p.id, p.stage])).toEqual([
      ['T-100001001', 'township'],
      ['T-100001003', 'township'],
      ['T-100001002', 'spread'],
    ]);
  });

  it('keeps existing points first when asked; the random baseline is seeded and nested', () => {
    const geo = twoDistricts();
    geo.existing.push({ id: 'LP-9', name: 'old', location: [106.35, 30.08] });
    const { candidates } = buildCandidates(geo, { sources: ['townships', 'existing'] });
    expect(placeSites(geo, candidates, { count: 2, keepExisting: true })[0]).toMatchObject({ id: 'E-LP-9', stage: 'existing' });
    const r1 = placeSites(geo, candidates, { count: 5, strategy: 'random', seed: 7 }).map((p) => p.id);
    expect(placeSites(geo, candidates, { count: 5, strategy: 'random', seed: 7 }).map((p) => p.id)).toEqual(r1);
    expect(placeSites(geo, candidates, { count: 3, strategy: 'random', seed: 7 }).map((p) => p.id)).toEqual(r1.slice(0, 3));
    expect(new Set(r1).size).toBe(5);
  });

  it('never places more points than there are candidates', () => {
    const geo = twoDistricts();
    const { candidates } = buildCandidates(geo, { sources: ['townships'] });
    expect(placeSites(geo, candidates, { count: 50 })).toHaveLength(4);
  });
});

describe('coverage metrics', () => {
  it('counts districts, townships within R and the distance distribution by hand', () => {
    const geo = twoDistricts();
    const m = coverageMetrics(
      geo,
      [
        { id: 'a', location: [106.05, 30.05], adcode: '100001' },
        { id: 'b', location: [106.3, 30.05], adcode: '100002' },
      ],
      5000,
    );
    expect(m).toMatchObject({ districtsCovered: 2, districtsTotal: 2, townshipsWithinR: 3, townshipsWithinRPct: 75, demandWithinRPct: 87.5 });
    // 003 is 0.1° of longitude at 30°N from the nearest point: 9.63 km
    expect(m.distance.maxKm).toBeCloseTo(9.6, 5);
    expect(m.histogram.map((h) => h.townships)).toEqual([3, 0, 0, 1, 0, 0]);
    const one = coverageMetrics(geo, [{ id: 'a', location: [106.05, 30.05], adcode: '100001' }], 5000);
    expect(one).toMatchObject({ districtsCovered: 1, districtsMissing: ['100002'], townshipsWithinR: 2 });
  });

  it('nearest distances agree with a brute-force scan on seeded random points', () => {
    const rng = createPrng(42);
    const pts = Array.from({ length: 300 }, (): LngLat => [rng.range(105, 110), rng.range(28, 32)]);
    const sites = Array.from({ length: 120 }, (_, i) => ({ id: `s${i}`, location: [rng.range(105, 110), rng.range(28, 32)] as LngLat }));
    const fast = nearestDistancesM(pts, sites);
    pts.forEach((p, i) => {
      expect(fast[i]).toBeCloseTo(Math.min(...sites.map((s) => haversineM(p[0], p[1], s.location[0], s.location[1]))), 6);
    });
  });
});
