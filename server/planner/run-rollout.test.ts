import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { twoDistricts } from '../../shared/planner/synthetic-geography.test-util.js';
import type { ScenarioBundle } from '../../shared/io/scenario-features.js';
import { parseCsv } from '../../shared/io/csv.js';
import { writeRollout } from './rollout-outputs.js';
import { DEFAULT_ROLLOUT, pointDemand, runRollout } from './run-rollout.js';
import { parseSites, parseWeights } from './load-geography.js';

const geo = twoDistricts();
const scenario: ScenarioBundle = {
  stations: [{ id: 'A-T', kind: 'A', name: 'A', location: [106.2, 30.05], coverageRadiusM: 0, altitudeLowerM: 0, altitudeUpperM: 0 }],
  landingPoints: [],
  zones: [],
  districts: geo.districts.map((d) => ({ adcode: d.adcode, name: d.name, outline: d.outline })),
};
const opts = { phases: [4, 2], sources: ['townships' as const], traffic: { ...(DEFAULT_ROLLOUT.traffic as Exclude<typeof DEFAULT_ROLLOUT.traffic, false>), flightsPerPointPerDay: 20 } };

describe('rollout study on the synthetic geography', () => {
  it('is exactly reproducible from its seed, phases nested', () => {
    const a = runRollout(geo, scenario, opts).result;
    const b = runRollout(geo, scenario, opts).result;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.phases.map((p) => p.points)).toEqual([2, 4]);
    expect(a.sites.map((s) => [s.id, s.phase])).toEqual([
      ['T-100001001', 2],
      ['T-100002004', 2],
      ['T-100001003', 4],
      ['T-100001002', 4],
    ]);
    expect(a.phases[0]).toMatchObject({ districtsCovered: 2, townshipsWithinR: 3, baseStations: 2 });
    expect(a.phases[1]).toMatchObject({ townshipsWithinR: 4, townshipsWithinRPct: 100 });
    const t = a.phases[1].traffic!;
    expect(t.requested).toBeGreaterThan(20);
    expect(t.approved + t.pending + t.preempted + t.rejected).toBe(t.requested);
    // 4 points, 80 flights a day: conflicts happen, and with so few points most are at the points
    expect(t.conflictsPer1000).toBeGreaterThan(0);
    expect(t.conflictsAtLandingPointsPct).toBeGreaterThan(50);
    expect(t.conflictsAtLandingPointsPct).toBeLessThanOrEqual(100);
    // the day's revenue: by element and by recipient, both the whole, per flight within it
    const rev = t.revenue;
    expect(rev.totalFen).toBeGreaterThan(0);
    expect(Object.values(rev.byElement).reduce((x, y) => x + y, 0)).toBe(rev.totalFen);
    expect(Object.values(rev.byRecipient).reduce((x, y) => x + y, 0)).toBe(rev.totalFen);
    expect(rev.perFlight.flights).toBeGreaterThan(0);
    expect(rev.perFlight.flights).toBeLessThanOrEqual(t.flown);
    expect(rev.perFlight.p10Fen).toBeLessThanOrEqual(rev.perFlight.p50Fen);
    expect(rev.perFlight.p50Fen).toBeLessThanOrEqual(rev.perFlight.p90Fen);
    const c = runRollout(geo, scenario, { ...opts, seed: 2 }).result;
    expect(c.phases[1].traffic!.requested === t.requested && JSON.stringify(c.usage) === JSON.stringify(a.usage)).toBe(false);
  });

  it('writes the summary, layers and a self-contained report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yukong-rollout-'));
    try {
      const { result } = runRollout(geo, scenario, { ...opts, traffic: false });
      const files = writeRollout(dir, result, scenario);
      expect(files).toEqual(expect.arrayContaining(['summary.json', 'rollout.json', 'phases.csv', 'sites.csv', 'sites.geojson', 'base-stations.geojson', 'coverage.geojson', 'report.html']));
      const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
      expect(
        summary.phases.map((p: { points: number; districtsCovered: number; townshipsWithinRPct: number; baseStations: number }) => [
          p.points,
          p.districtsCovered,
          p.townshipsWithinRPct,
          p.baseStations,
        ]),
      ).toEqual([
        [2, 2, 75, 2],
        [4, 2, 100, result.phases[1].baseStations],
      ]);
      expect(parseCsv(readFileSync(join(dir, 'sites.csv'), 'utf8')).map((r) => r.id)).toEqual(result.sites.map((s) => s.id));
      const sites = JSON.parse(readFileSync(join(dir, 'sites.geojson'), 'utf8'));
      expect(sites.features[0]).toMatchObject({ geometry: { type: 'Point', coordinates: [106.05, 30.05] }, properties: { stage: 'county', phase: 2 } });
      const html = readFileSync(join(dir, 'report.html'), 'utf8');
      expect(html).toContain('<svg');
      expect(html).not.toMatch(/<script|<link|src="http/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('traffic demand by point', () => {
  it("gives each township's weight to its nearest point, plus a floor for every point", () => {
    // 001, 002 and 003 are nearest 106.05; 004 (weight 5) is nearest 106.30; floor = 0.1 × 8 / 3
    expect(
      pointDemand(geo, [
        { id: 'a', location: [106.05, 30.05] },
        { id: 'b', location: [106.3, 30.05] },
        { id: 'c', location: [106.39, 30.09] },
      ]),
    ).toEqual({ a: 3.267, b: 5.267, c: 0.267 });
  });
});

describe('planner inputs', () => {
  it('reads weights and sites, refusing bad rows with the row number', () => {
    expect(parseWeights('code,population\n500101001,12000\n500101002,800\n')).toEqual(
      new Map([
        ['500101001', 12000],
        ['500101002', 800],
      ]),
    );
    expect(() => parseWeights('code,population\n1,-4\n')).toThrow(/row 2/);
    expect(() => parseWeights('id,population\n1,4\n')).toThrow(/code/);
    expect(parseSites('id,name,lng,lat\nS1,one,106.5,29.5\n')).toEqual([{ id: 'S1', name: 'one', location: [106.5, 29.5] }]);
    expect(parseSites('{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[106,30]},"properties":{"id":"x"}}]}')).toEqual([
      { id: 'x', name: 'x', location: [106, 30] },
    ]);
    expect(() => parseSites('id,lng,lat\nS1,200,29\n')).toThrow(/row 2/);
    expect(() => parseSites('{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[]},"properties":{}}]}')).toThrow(/Point/);
  });
});
