import { describe, expect, it } from 'vitest';
import { haversineM } from '../../shared/geo/earth.js';
import type { Zone } from '../../shared/schemas/zone.js';
import { aircraftCollection, circleRing, extendTrail, jurisdictionColour, trailsCollection, zonesCollection } from './map-data.js';

const zone = (id: string, over: Partial<Zone> = {}): Zone => ({
  id,
  name: id,
  kind: 'controlled',
  outline: { type: 'Circle', center: [106.5, 29.5], radiusM: 1000 },
  altitudeLowerM: 0,
  altitudeUpperM: 120,
  applicability: { kind: 'permanent' },
  reason: 'r',
  source: 's',
  ...over,
});

describe('map data', () => {
  it('draws circles at their radius', () => {
    const ring = circleRing([106.5, 29.5], 1000, 36);
    expect(ring).toHaveLength(37);
    for (const p of ring) expect(haversineM(106.5, 29.5, p[0], p[1])).toBeCloseTo(1000, 6);
  });
  it('marks which zones apply at the chosen height and moment', () => {
    const zones = [
      zone('low'),
      zone('high', { altitudeLowerM: 150, altitudeUpperM: 300 }),
      zone('office-hours', { applicability: { kind: 'weekly', periods: [{ days: [1, 2, 3, 4, 5], startTime: '08:00', endTime: '18:00' }] } }),
    ];
    const active = (altitudeM: number, iso: string) =>
      zonesCollection(zones, { altitudeM, timeMs: Date.parse(iso) })
        .features.filter((f) => f.properties.active)
        .map((f) => f.properties.id);
    expect(active(100, '2026-12-01T02:00:00Z')).toEqual(['low', 'office-hours']); // Tuesday 10:00 Beijing
    expect(active(200, '2026-12-01T02:00:00Z')).toEqual(['high']);
    expect(active(100, '2026-12-01T14:00:00Z')).toEqual(['low']); // 22:00 Beijing
    expect(zonesCollection(zones).features.every((f) => f.properties.active)).toBe(true);
  });
  it('colours aircraft by state', () => {
    const c = aircraftCollection(
      [
        { id: 'a', planId: 'P', lng: 1, lat: 2, altitudeM: 3, speedMps: 4, headingDeg: 90, source: ['network'] },
        { id: 'b', lng: 1, lat: 2, altitudeM: 3, speedMps: 4, headingDeg: 90, source: ['X-1'] },
        { id: 'c', planId: 'Q', lng: 1, lat: 2, altitudeM: 3, speedMps: 4, headingDeg: 90, source: ['network', 'X-1'] },
      ],
      new Set(['c']),
    );
    expect(c.features.map((f) => f.properties.state)).toEqual(['cooperative', 'surveillance-only', 'alert']);
  });
  it('keeps short bounded trails', () => {
    let t = extendTrail(undefined, [1, 1], 3);
    for (const p of [
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
    ] as [number, number][])
      t = extendTrail(t, p, 3);
    expect(t).toEqual([
      [2, 2],
      [3, 3],
      [4, 4],
    ]); // repeats skipped, oldest dropped
    expect(
      trailsCollection(
        new Map([
          ['a', t],
          ['b', [[0, 0]]],
        ]),
      ).features.map((f) => f.properties.id),
    ).toEqual(['a']);
  });

  it('fills no district with a water colour (blue or cyan), whatever its station', () => {
    const hues = Array.from({ length: 400 }, (_, i) => Number(/hsl\((\d+)/.exec(jurisdictionColour(`B-5001${i}`))?.[1]));
    for (const h of hues) expect(h < 175 || h >= 255, `hue ${h}`).toBe(true);
    // and still many colours, to tell neighbours apart
    expect(new Set(hues).size).toBeGreaterThan(150);
  });
});
