import { describe, expect, it } from 'vitest';
import type { Zone } from '../../shared/schemas/zone.js';
import { gridReadout } from './grid-readout.js';
import { zonesAtPoint } from './zones-at-point.js';

describe('grid readout', () => {
  it('gives the codes and the cell of a clicked point', () => {
    const r = gridReadout(116 + 18 / 60 + 45.37 / 3600, 39 + 59 / 60 + 35.38 / 3600, 8, 100);
    if ('error' in r) throw new Error(r.error);
    expect(r.code).toBe('N50J47539B825534');
    expect(r.code3d).toHaveLength(26);
    // a level-8 cell is 1/32″ ≈ 0.96 m north-south
    expect(r.sizeM[1]).toBeCloseTo(0.97, 1);
    expect(r.cell.west).toBeLessThan(r.lng);
  });
  it('explains a point it cannot encode', () => {
    expect(gridReadout(0, 89, 3, 0)).toEqual({ error: expect.stringMatching(/polar/) });
  });
});

describe('zones at a clicked point', () => {
  const zone = (id: string, kind: Zone['kind'], outline: Zone['outline'], lower = 0): Zone => ({
    id,
    name: id,
    kind,
    outline,
    altitudeLowerM: lower,
    altitudeUpperM: 120,
    applicability: { kind: 'permanent' },
    reason: 'r',
    source: 's',
  });
  const square = (x: number, y: number, d: number): Zone['outline'] => ({
    type: 'Polygon',
    coordinates: [
      [
        [x - d, y - d],
        [x + d, y - d],
        [x + d, y + d],
        [x - d, y + d],
        [x - d, y - d],
      ],
    ],
  });
  it('lists the zones whose footprint holds the point, most restrictive first; none elsewhere', () => {
    const zones = [
      zone('SUIT', 'suitable', square(106.5, 29.5, 0.1)),
      zone('AIRPORT', 'prohibited', { type: 'Circle', center: [106.5, 29.5], radiusM: 3000 }),
      zone('CTRL', 'controlled', square(106.52, 29.5, 0.05), 50),
      zone('FAR', 'prohibited', square(107, 30, 0.01)),
    ];
    expect(zonesAtPoint(zones, 106.5, 29.5).map((z) => z.id)).toEqual(['AIRPORT', 'CTRL', 'SUIT']);
    // 5 km east: outside the airport's 3 km circle, inside the controlled square and the suitable one
    expect(zonesAtPoint(zones, 106.552, 29.5).map((z) => z.id)).toEqual(['CTRL', 'SUIT']);
    expect(zonesAtPoint(zones, 105, 28)).toEqual([]);
  });
});
