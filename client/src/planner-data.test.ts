import { describe, expect, it } from 'vitest';
import type { PhaseSummary } from '../../shared/schemas/planner.js';
import { compareRows, coverageCellsCollection, distanceColour, series, studySitesCollection, utilisationCellsCollection, type StudyResult } from './planner-data.js';

const phase = (points: number, pct: number, traffic: PhaseSummary['traffic'] = null): PhaseSummary => ({
  points,
  districtsCovered: Math.min(points, 38),
  districtsTotal: 38,
  townshipsWithinRPct: pct,
  demandWithinRPct: pct,
  radiusKm: 5,
  meanDistanceKm: 3,
  p90DistanceKm: 8,
  baseStations: points / 2,
  networkComponents: 1,
  largestComponentPct: 100,
  relaysToConnect: 0,
  baselineTownshipsWithinRPct: pct / 2,
  traffic,
});

const result: StudyResult = {
  phases: [{ points: 2 }, { points: 3 }],
  sites: [
    { id: 'a', name: 'a', location: [106, 30], stage: 'county', order: 1, phase: 2 },
    { id: 'b', name: 'b', location: [106.1, 30], stage: 'county', order: 2, phase: 2 },
    { id: 'c', name: 'c', location: [106.2, 30], stage: 'coverage', order: 3, phase: 3 },
  ],
  stations: [
    { id: 'x1', location: [106, 30], phase: 2 },
    { id: 'x2', location: [106.2, 30], phase: 3 },
  ],
  coverageCells: [{ cell: '864019947ffffff', distanceKm: [12, 1.5] }],
};

describe('planner page data', () => {
  it('colours coverage cells by distance at the chosen phase, as closed hexagons', () => {
    expect(distanceColour(1.9)).toBe('#1a9850');
    expect(distanceColour(5)).toBe('#91cf60');
    expect(distanceColour(25)).toBe('#d73027');
    const [f0] = coverageCellsCollection(result, 0).features;
    expect(f0.properties).toMatchObject({ distanceKm: 12, colour: '#fc8d59' });
    const ring = (f0.geometry.coordinates as number[][][])[0];
    expect(ring).toHaveLength(7);
    expect(ring[0]).toEqual(ring[6]);
    expect(coverageCellsCollection(result, 1).features[0].properties.colour).toBe('#1a9850');
  });

  it('shows the sites and stations built by a phase, marking the new ones', () => {
    const p0 = studySitesCollection(result, 0).features.map((f) => [f.properties.id, f.properties.isNew ?? null]);
    expect(p0).toEqual([
      ['a', true],
      ['b', true],
      ['x1', null],
    ]);
    const p1 = studySitesCollection(result, 1).features.map((f) => [f.properties.id, f.properties.isNew ?? null]);
    expect(p1).toEqual([
      ['a', false],
      ['b', false],
      ['c', true],
      ['x1', null],
      ['x2', null],
    ]);
  });

  it('compares two studies phase by phase, leaving a gap where one has no such phase', () => {
    const rows = compareRows([phase(200, 52.3), phase(500, 85.7)], [phase(200, 20)]);
    expect(rows.filter((r) => r.metric === 'mTownships')).toEqual([
      { metric: 'mTownships', points: 200, a: '52.3%', b: '20%' },
      { metric: 'mTownships', points: 500, a: '85.7%' },
    ]);
    expect(rows.find((r) => r.metric === 'mFlown')).toEqual({ metric: 'mFlown', points: 200, a: '–', b: '–' });
    // revenue appears once a phase carries it
    const withRevenue = {
      ...phase(200, 52.3),
      traffic: {
        ...(phase(200, 52.3).traffic ?? {}),
        revenue: {
          totalFen: 123456,
          byElement: {},
          byRecipient: { aStation: 0, bStations: 0, landingPoints: 0, surveillance: 0 },
          perFlight: { flights: 3, meanFen: 500, p10Fen: 200, p50Fen: 450, p90Fen: 990 },
        },
      },
    } as never;
    const rev = compareRows([withRevenue], [phase(200, 20)]);
    expect(rev.find((r) => r.metric === 'mRevenue')).toEqual({ metric: 'mRevenue', points: 200, a: '¥1,234.56', b: '–' });
    expect(rev.find((r) => r.metric === 'mPricePerFlight')?.a).toBe('¥4.50 (¥2.00–¥9.90)');
    expect(series([phase(200, 52.3), phase(500, 85.7)], (p) => p.townshipsWithinRPct)).toEqual([
      [200, 52.3],
      [500, 85.7],
    ]);
    expect(series([phase(200, 52.3)], (p) => p.traffic?.flightsFlown ?? null)).toEqual([]);
  });

  it('colours the busiest cells of an evaluation by peak utilisation', () => {
    const f = utilisationCellsCollection([
      { cell: '864019947ffffff', peakHourFlights: 27, peakUtilisationPct: 90 },
      { cell: '86401994fffffff', peakHourFlights: 3, peakUtilisationPct: 10 },
    ]).features;
    expect(f.map((x) => x.properties.colour)).toEqual(['#b30000', '#c6dbef']);
    expect((f[0].geometry.coordinates as number[][][])[0]).toHaveLength(7);
  });
});
