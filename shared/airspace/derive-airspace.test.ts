import { area, polygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { destination } from '../geo/earth.js';
import { shapesIntersect } from '../geo/intersect.js';
import { prepareOutline } from '../geo/shape.js';
import type { GeoPolygon, LngLat } from '../geo/types.js';
import { validateOutline } from '../geo/validate-outline.js';
import type { LandingPoint } from '../schemas/landing-point.js';
import type { Zone } from '../schemas/zone.js';
import { deriveCorridors, deriveSuitableAirspace } from './derive-airspace.js';

const O: LngLat = [106.5, 29.5];
const at = (x: number, y: number): LngLat => destination(destination(O, x, 90), y, 0);
const square = (x0: number, y0: number, x1: number, y1: number): GeoPolygon => ({ type: 'Polygon', coordinates: [[at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1), at(x0, y0)]] });
const zone = (id: string, z: Partial<Zone>): Zone => ({
  id,
  name: id,
  kind: 'controlled',
  outline: { type: 'Circle', center: at(0, 0), radiusM: 2000 },
  altitudeLowerM: 0,
  altitudeUpperM: 3000,
  applicability: { kind: 'permanent' },
  reason: 'test',
  source: 'test',
  ...z,
});
const district = { adcode: '500199', name: '测试区', outline: square(-10_000, -10_000, 10_000, 10_000) };
const km2 = (z: Zone) => area(polygon((z.outline as GeoPolygon).coordinates)) / 1e6;

describe('deriveSuitableAirspace', () => {
  it('keeps the district less the zone and a 500 m margin, never touching the grown zone, as a valid outline', () => {
    const circle = zone('AIRPORT', {});
    const [s, ...rest] = deriveSuitableAirspace([district], [circle]);
    expect(rest).toEqual([]);
    expect(s).toMatchObject({
      id: 'SUITABLE-500199',
      name: '测试区适飞空域',
      kind: 'suitable',
      altitudeLowerM: 0,
      altitudeUpperM: 120,
      altitudeReference: 'AGL',
      applicability: { kind: 'permanent' },
      allowedCategories: ['light', 'small'],
    });
    expect(s.source).toMatch(/illustrative/);
    expect(validateOutline(s.outline)).toEqual([]);
    expect(shapesIntersect(prepareOutline(s.outline), prepareOutline({ type: 'Circle', center: at(0, 0), radiusM: 2499 }))).toBe(false);
    // 400 km² less a circle of 2.5 km: 380.37 km²
    const expected = 400 - Math.PI * 2.5 ** 2;
    expect(Math.abs(km2(s) - expected) / expected).toBeLessThan(0.01);
    expect((s.outline as GeoPolygon).coordinates.flat().every(([x, y]) => Math.round(x * 1e6) / 1e6 === x && Math.round(y * 1e6) / 1e6 === y)).toBe(true);
  });

  it('ignores suitable zones and corridors, and gives the whole district when nothing is in the way', () => {
    const [s] = deriveSuitableAirspace([district], [zone('S', { kind: 'suitable' }), zone('T', { kind: 'corridor' })]);
    expect(Math.abs(km2(s) - 400) / 400).toBeLessThan(0.001);
  });

  it('gives one zone per piece, largest first, and drops slivers under 1 km²', () => {
    // a band 2 km wide (3 km with the margins) cuts the district at x = 2…4 km: pieces of 12 km and 6 km width
    const band = zone('BAND', { kind: 'prohibited', outline: square(2_000, -12_000, 4_000, 12_000) });
    const pieces = deriveSuitableAirspace([district], [band]);
    expect(pieces.map((p) => p.id)).toEqual(['SUITABLE-500199', 'SUITABLE-500199-2']);
    expect(km2(pieces[0])).toBeCloseTo(20 * 11.5, -1);
    expect(km2(pieces[1])).toBeCloseTo(20 * 5.5, -1);
    const sliver = zone('EDGE', { outline: square(-9_000, -12_000, 12_000, 12_000) }); // leaves a 500 m strip: 10 km²
    expect(deriveSuitableAirspace([district], [sliver]).map((p) => p.id)).toEqual(['SUITABLE-500199']);
    const wide = zone('EDGE', { outline: square(-9_400, -12_000, 12_000, 12_000) }); // leaves 100 m: 2 km², kept; 20 m strip: dropped
    expect(deriveSuitableAirspace([district], [wide]).length).toBe(1);
    expect(deriveSuitableAirspace([district], [zone('EDGE', { outline: square(-9_480, -12_000, 12_000, 12_000) })])).toEqual([]);
  });
});

const hub = (id: string, adcode: string, p: LngLat): LandingPoint => ({ id, name: `${id}中心起降点`, location: p, districtAdcode: adcode, kind: 'hub', capacityPerHour: 30 });
const river: LngLat[] = [at(0, -20_000), at(0, 20_000)];

describe('deriveCorridors', () => {
  const west = hub('LP-W', '500101', at(-3_000, 0));
  const east = hub('LP-E', '500102', at(3_000, 0));
  it('joins two hubs across a river with one corridor', () => {
    const [c, ...rest] = deriveCorridors([east, west], [river], [], { names: { '500101': '西区', '500102': '东区' } });
    expect(rest).toEqual([]);
    expect(c).toMatchObject({ id: 'CORRIDOR-500101-500102', name: '西区—东区跨江航路走廊', kind: 'corridor', corridorEnds: ['LP-W', 'LP-E'], altitudeLowerM: 0, altitudeUpperM: 240 });
    expect(c.source).toMatch(/illustrative/);
  });
  it('makes none when a zone lies on the segment, the hubs are too far apart or no river lies between', () => {
    expect(deriveCorridors([east, west], [river], [zone('ON', { outline: { type: 'Circle', center: at(1_000, 0), radiusM: 300 } })])).toEqual([]);
    expect(deriveCorridors([east, west], [river], [zone('OFF', { outline: { type: 'Circle', center: at(1_000, 1_000), radiusM: 300 } })])).toHaveLength(1);
    expect(deriveCorridors([hub('LP-W', '500101', at(-8_000, 0)), hub('LP-E', '500102', at(8_000, 0))], [river], [])).toEqual([]);
    expect(deriveCorridors([hub('LP-W', '500101', at(-8_000, 0)), hub('LP-E', '500102', at(-2_000, 0))], [river], [])).toEqual([]);
    expect(deriveCorridors([west, { ...east, kind: 'township' }], [river], [])).toEqual([]);
  });
  it('joins each hub to at most its two nearest qualifying partners', () => {
    const far = [hub('LP-1', '500111', at(2_000, 0)), hub('LP-2', '500112', at(3_000, 0)), hub('LP-3', '500113', at(4_000, 0))];
    const ids = deriveCorridors([hub('LP-W', '500101', at(-1_000, 0)), ...far], [river], []).map((z) => z.id);
    expect(ids).toEqual(['CORRIDOR-500101-500111', 'CORRIDOR-500101-500112']);
  });
});
