import { describe, expect, it } from 'vitest';
import { haversineM } from '../geo/earth.js';
import { createPrng } from '../util/prng.js';
import { coverNetwork, routeSamples } from './base-station-cover.js';
import { greedyCover } from './greedy-cover.js';
import { connectivity, routeNetwork } from './hop-graph.js';
import { east } from './synthetic-geography.test-util.js';

const line = [0, 4, 8, 25, 40].map((km, i) => ({ id: `P${i}`, location: east(km) }));

describe('hop graph', () => {
  it('finds the components of points along a line by range', () => {
    expect(connectivity(line, 10_000)).toMatchObject({ components: 3, largestComponent: 3, isolated: ['P3', 'P4'], unreachable: ['P3', 'P4'], connected: false });
    expect(connectivity(line, 20_000)).toMatchObject({ components: 1, isolated: [], unreachable: [], connected: true, largestComponentPct: 100, gaps: [] });
    // 25 km is 17 km from the main network's 8 km point: one relay; 40 km is 32 km away: three
    const gaps = connectivity(line, 10_000).gaps.map((g) => [g.from, g.to, Math.round(g.gapM / 1000), g.relaysNeeded]);
    expect(gaps).toEqual([
      ['P3', 'P2', 17, 1],
      ['P4', 'P2', 32, 3],
    ]);
  });
  it('links each point to its nearest neighbours in range, each pair once', () => {
    const r = routeNetwork(line, 20_000, 2);
    expect(r.map((x) => `${x.from}-${x.to}`)).toEqual(['P0-P1', 'P0-P2', 'P1-P2', 'P2-P3', 'P3-P4']);
    expect(r.find((x) => x.from === 'P2')?.lengthM).toBeGreaterThan(16_900);
  });
});

describe('base stations', () => {
  it('covers points on a line with the hand-worked minimum (3 stations at radius 10 km)', () => {
    const plan = coverNetwork(line, [], { radiusM: 10_000 });
    expect(plan.stations.map((s) => s.location)).toEqual([line[0].location, line[3].location, line[4].location]);
    expect(plan.uncovered).toBe(0);
  });

  it('observes every point and every route sample, and keeps earlier stations', () => {
    const routes = routeNetwork(line, 20_000, 2);
    const first = coverNetwork(line.slice(0, 3), routeNetwork(line.slice(0, 3), 20_000, 2), { radiusM: 10_000 });
    const plan = coverNetwork(line, routes, { radiusM: 10_000 }, first.stations, 2);
    expect(plan.stations.slice(0, first.stations.length)).toEqual(first.stations);
    const targets = [...line.map((p) => p.location), ...routeSamples(routes, 2500)];
    for (const t of targets) expect(plan.stations.some((s) => haversineM(s.location[0], s.location[1], t[0], t[1]) <= 10_000)).toBe(true);
    expect(plan.stations.filter((s) => s.phase === 2).length).toBeGreaterThan(0);
  });

  it('refuses a height the stations do not observe', () => {
    expect(() => coverNetwork(line, [], { altitudeM: 500 })).toThrow(/observe/);
  });
});

describe('greedy cover against brute force', () => {
  it('is feasible and within the ln-n bound of the optimum on seeded random instances', () => {
    const rng = createPrng(5);
    for (let trial = 0; trial < 30; trial++) {
      const nT = rng.int(5, 12),
        nS = rng.int(4, 10);
      const covers = Array.from({ length: nS }, () => Array.from({ length: nT }, (_, t) => t).filter(() => rng.next() < 0.35));
      covers.push(Array.from({ length: nT }, (_, t) => t).filter((t) => !covers.some((c) => c.includes(t))));
      const { chosen, uncovered } = greedyCover(covers, Array(nT).fill(1));
      expect(uncovered).toEqual([]);
      let opt = Infinity;
      for (let mask = 1; mask < 1 << covers.length; mask++) {
        const sets = covers.filter((_, i) => mask & (1 << i));
        if (new Set(sets.flat()).size === nT) opt = Math.min(opt, sets.length);
      }
      const h = Array.from({ length: Math.max(...covers.map((c) => c.length)) }, (_, i) => 1 / (i + 1)).reduce((a, b) => a + b, 0);
      expect(chosen.length).toBeGreaterThanOrEqual(opt);
      expect(chosen.length).toBeLessThanOrEqual(Math.floor(h * opt + 1e-9));
    }
  });
});
