import { describe, expect, it } from 'vitest';
import { createPrng } from '../util/prng.js';
import { decode2D, encode2D } from './beidou-code.js';
import { coverOutline, coverVolume } from './beidou-cover.js';
import { CODE3D_LENGTHS, decode3D, encode3D, heightLayer } from './beidou-height.js';
import { CODE_LENGTHS } from './beidou-levels.js';

const LNG = 116 + 18 / 60 + 45.37 / 3600;
const LAT = 39 + 59 / 60 + 35.38 / 3600;

describe('BeiDou grid 2D code', () => {
  it('matches the known answer of GB/T 39409-2020 Appendix B at levels 1-8', () => {
    const expected = ['N50J', 'N50J47', 'N50J475', 'N50J47539', 'N50J47539B8', 'N50J47539B82', 'N50J47539B8255', 'N50J47539B825534'];
    expected.forEach((code, i) => {
      expect(encode2D(LNG, LAT, i + 1)).toBe(code);
    });
  });

  it('has the code lengths of the standard', () => {
    for (let l = 1; l <= 10; l++) expect(encode2D(LNG, LAT, l)).toHaveLength(CODE_LENGTHS[l]);
    expect(CODE_LENGTHS.slice(1)).toEqual([4, 6, 7, 9, 11, 12, 14, 16, 18, 20]);
  });

  it('numbers mirrored in all four quadrants, outward from the equator and the prime meridian', () => {
    const ne = encode2D(LNG, LAT, 10),
      nw = encode2D(-LNG, LAT, 10),
      se = encode2D(LNG, -LAT, 10),
      sw = encode2D(-LNG, -LAT, 10);
    expect([ne.slice(0, 4), nw.slice(0, 4), se.slice(0, 4), sw.slice(0, 4)]).toEqual(['N50J', 'N11J', 'S50J', 'S11J']);
    for (const c of [nw, se, sw]) expect(c.slice(4)).toBe(ne.slice(4));
    // Chongqing
    expect(encode2D(106.55, 29.56, 2).slice(0, 4)).toBe('N48H');
    for (const [lng, lat] of [
      [LNG, LAT],
      [-LNG, LAT],
      [LNG, -LAT],
      [-LNG, -LAT],
    ]) {
      const c = decode2D(encode2D(lng, lat, 10)).cell;
      expect(lng >= c.west && lng <= c.east && lat >= c.south && lat <= c.north).toBe(true);
    }
  });

  it('property: a point lies inside the cell its code decodes to, at every level', () => {
    const rng = createPrng(5);
    for (let k = 0; k < 2000; k++) {
      const lng = rng.range(-180, 180),
        lat = rng.range(-87.9, 87.9);
      for (let l = 1; l <= 10; l++) {
        const code = encode2D(lng, lat, l);
        const d = decode2D(code);
        expect(d.level).toBe(l);
        expect(lng).toBeGreaterThanOrEqual(d.cell.west - 1e-12);
        expect(lng).toBeLessThanOrEqual(d.cell.east + 1e-12);
        expect(lat).toBeGreaterThanOrEqual(d.cell.south - 1e-12);
        expect(lat).toBeLessThanOrEqual(d.cell.north + 1e-12);
        expect(encode2D((d.cell.west + d.cell.east) / 2, (d.cell.south + d.cell.north) / 2, l)).toBe(code);
      }
    }
  });

  it('rejects malformed codes with a clear error', () => {
    for (const bad of ['X50J', 'N00J', 'N61J', 'N50Z', 'N5AJ', 'N50J4', 'N50JC0', 'N50J48', 'N50J476', 'N50J475F0', 'N50J47539F0', 'N50J47539B84', 'N50J47539B8285', '', 'N50J47539B82553']) {
      expect(() => decode2D(bad), bad).toThrow(/./);
    }
    expect(() => encode2D(200, 0, 3)).toThrow(/within/);
    expect(() => encode2D(0, 0, 11)).toThrow(/level/);
  });
});

describe('BeiDou grid height and 3D code', () => {
  it('computes layer numbers from the formula and writes 32 characters at level 10', () => {
    expect(heightLayer(0)).toBe(0);
    // n = floor(7,372,800 · ln(1 + H/r0) / ln(1 + π/180))
    expect(heightLayer(100)).toBe(Math.floor((7_372_800 * Math.log1p(100 / 6_378_137)) / Math.log1p(Math.PI / 180)));
    expect(heightLayer(-50)).toBeLessThan(0);
    const c = encode3D(LNG, LAT, 100, 10);
    expect(c).toHaveLength(32);
    expect(CODE3D_LENGTHS[10]).toBe(32);
    expect(c.slice(0, 5)).toBe('N050J'); // hemisphere, sign, level-1 code
    expect(encode3D(LNG, LAT, -100, 10)[1]).toBe('1');
  });

  it('decodes to the same 2D cell and a height range containing the height, at every level', () => {
    const rng = createPrng(9);
    for (let k = 0; k < 300; k++) {
      const lng = rng.range(-180, 180),
        lat = rng.range(-87, 87),
        h = rng.range(-500, 20000);
      for (let l = 1; l <= 10; l++) {
        const d = decode3D(encode3D(lng, lat, h, l));
        expect(d.code2d).toBe(encode2D(lng, lat, l));
        expect(h).toBeGreaterThanOrEqual(d.heightLowerM - 1e-6);
        expect(h).toBeLessThan(d.heightUpperM + 1e-6);
      }
    }
    expect(() => decode3D('N050J99')).toThrow(/below 64/);
    expect(() => decode3D('N250J00')).toThrow(/sign/);
    expect(() => decode3D('N050J0047050390B8020550340610529')).toThrow(/height digit/);
  });
});

describe('covering volumes with cells', () => {
  it('covers a footprint with exactly the cells it meets', () => {
    // a 1.5′ × 1.5′ square centred on a level-4 cell corner meets 4 level-4 cells
    const c = [106 + 30 / 60, 29 + 30 / 60];
    const d = 0.75 / 60;
    const sq = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [c[0] - d, c[1] - d],
          [c[0] + d, c[1] - d],
          [c[0] + d, c[1] + d],
          [c[0] - d, c[1] + d],
          [c[0] - d, c[1] - d],
        ],
      ] as [number, number][][],
    };
    const cells = coverOutline(sq, 4);
    expect(cells).toHaveLength(4);
    for (const code of cells) expect(code).toHaveLength(9);
    expect(new Set(cells.map((x) => x.slice(0, 4)))).toEqual(new Set(['N48H']));
    const vol = coverVolume(sq, 0, 100, 4);
    expect(vol).toHaveLength(4); // one level-4 height layer (~1.8 km) holds 0–100 m
    expect(() => coverOutline({ type: 'Circle', center: [106.5, 29.5], radiusM: 50_000 }, 8)).toThrow(/at most/);
  });
});
