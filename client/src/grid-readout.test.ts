import { describe, expect, it } from 'vitest';
import { gridReadout } from './grid-readout.js';

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
