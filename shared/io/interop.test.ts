import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { astmToVolume, volumeToAstm } from './astm-volumes.js';
import { parseEd269, toEd269 } from './ed269.js';

const FIX = join(dirname(fileURLToPath(import.meta.url)), '../../tests/fixtures');
const read = (p: string) => JSON.parse(readFileSync(join(FIX, p), 'utf8'));

describe('ED-269 import and export', () => {
  for (const name of ['features-wrapper', 'uaszonelist-wrapper']) {
    it(`imports ${name} to the known zones`, () => {
      const { zones, problems } = parseEd269(read(`ed269/in/${name}.json`));
      expect(problems).toEqual([]);
      expect(zones).toEqual(read(`ed269/out/${name}.json`));
    });
    it(`round-trips ${name}: import → export → import is identical, in both wrappers`, () => {
      const first = parseEd269(read(`ed269/in/${name}.json`)).zones;
      for (const wrapper of ['features', 'UASZoneList'] as const) {
        const exported = JSON.parse(JSON.stringify(toEd269(first, wrapper)));
        expect(Object.keys(exported)).toContain(wrapper);
        const again = parseEd269(exported);
        expect(again.problems).toEqual([]);
        expect(again.zones).toEqual(first);
      }
    });
  }

  it('imports ED-269 as authorities publish it (nulls, numbers as strings, empty dailyPeriod, unlimited, feet, mixed references) and says how each was read', () => {
    const { zones, problems, notes } = parseEd269(read('ed269/in/as-published.json'));
    expect(problems).toEqual([]);
    expect(zones).toEqual(read('ed269/out/as-published.json'));
    // 400 ft AGL from the surface; a surface lower limit takes the upper limit's reference; unlimited is 100 km
    expect(zones.map((z) => [z.id, z.altitudeLowerM, z.altitudeUpperM, z.altitudeReference])).toEqual([
      ['CQ-ZONE-CTR-1', 0, 121.92, 'AGL'],
      ['CQ-ZONE-NAT-7', 0, 1200, 'AMSL'],
      ['CQ-ZONE-MIL-3', 0, 100_000, 'AMSL'],
    ]);
    const about = (zone: string) => notes.filter((n) => n.zone === zone).map((n) => n.note);
    expect(about('CQ-ZONE-CTR-1')).toEqual(expect.arrayContaining(['empty: no daily period (all day)', '"400" read as the number 400', 'null: from the surface']));
    expect(about('CQ-ZONE-NAT-7')).toEqual(expect.arrayContaining(["surface (AGL) read with the upper limit's reference AMSL", '"1500" read as the number 1500']));
    expect(about('CQ-ZONE-MIL-3')).toEqual(expect.arrayContaining(['null: the zone applies permanently', 'null: unlimited (read as 100000 m)']));
    // what the standard does not allow is still refused: a limit that is not a number, a schedule that is not one
    const bad = read('ed269/in/as-published.json');
    bad.UASZoneList[0].geometry[0].upperLimit = 'four hundred';
    bad.UASZoneList[1].applicability[0].schedule = [{ day: ['SOMEDAY'], startTime: '06:00', endTime: '18:00' }];
    const refused = parseEd269(bad);
    expect(refused.zones).toEqual([]);
    expect(refused.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['UASZoneList[0].geometry[0]', 'UASZoneList[1].applicability.schedule[0].day']));
  });

  it('lists every problem of an invalid document and imports nothing', () => {
    const { zones, problems } = parseEd269(read('ed269/in/invalid.json'));
    expect(zones).toEqual([]);
    const paths = problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'features[0].identifier',
        'features[0].restriction',
        'features[0].reason',
        'features[0].geometry',
        'features[1].applicability.schedule[0].day',
        'features[1].applicability.schedule[0].startTime',
        'features[1].geometry[0].uomDimensions',
        'features[1].geometry[0]',
        'features[1].geometry[0].horizontalProjection.coordinates',
        'features[2].geometry[0].horizontalProjection.type',
      ]),
    );
    expect(problems.find((p) => p.path === 'features[1].geometry[0].horizontalProjection.coordinates')?.message).toMatch(/SELF_INTERSECTING/);
    expect(parseEd269({ zones: [] }).problems[0].message).toMatch(/features|UASZoneList/);
  });
});

describe('ASTM F3548 volumes', () => {
  it('imports InterUSS-style volumes to the known answer (units, open rings, references)', () => {
    const got = read('astm/in/interuss-volumes.json').map((a: unknown, i: number) => astmToVolume(a, `[${i}]`));
    expect(got.flatMap((g: { problems: unknown[] }) => g.problems)).toEqual([]);
    expect(got.map((g: { volume: unknown }) => g.volume)).toEqual(read('astm/out/interuss-volumes.json'));
  });
  it('round-trips: import → export → import is identical', () => {
    const first = read('astm/in/interuss-volumes.json').map((a: unknown) => astmToVolume(a).volume);
    const again = first.map((v: Parameters<typeof volumeToAstm>[0]) => astmToVolume(JSON.parse(JSON.stringify(volumeToAstm(v)))).volume);
    expect(again).toEqual(first);
    const out = volumeToAstm(first[0]);
    expect(out.volume.outline_polygon?.vertices).toHaveLength(3); // ASTM rings are open
    expect(out.time_start).toEqual({ value: '2026-12-01T02:00:00Z', format: 'RFC3339' });
  });
  it('reports bad volumes', () => {
    expect(astmToVolume({ volume: { outline_polygon: { vertices: [] } } }).problems[0].path).toBe('.volume.outline_polygon.vertices');
    const r = astmToVolume({
      volume: {
        outline_circle: { center: { lat: 29, lng: 106 }, radius: { value: 10, units: 'M' } },
        altitude_lower: { value: 0, reference: 'XX', units: 'M' },
        altitude_upper: { value: 10, reference: 'W84', units: 'M' },
      },
      time_start: { value: 'x', format: 'RFC3339' },
    });
    expect(r.problems.map((p) => p.path)).toEqual(['.volume.altitude_lower.reference', '.time_start', '.time_end']);
  });
});
