import { describe, expect, it } from 'vitest';
import { corridorZone } from '../../shared/airspace/corridor-zone.js';
import type { LngLat } from '../../shared/geo/types.js';
import type { LandingPoint } from '../../shared/schemas/landing-point.js';
import { corridorsAmongSites } from './phase-corridors.js';

const A: LngLat = [106.4, 29.8];
const B: LngLat = [106.45, 29.82];
const lp = (id: string, location: LngLat): LandingPoint => ({ id, name: id, location, districtAdcode: '500109', kind: 'hub', capacityPerHour: 30 });
const cor = corridorZone({ id: 'COR-AB', name: 'A—B', from: { id: 'LP-A', location: A }, to: { id: 'LP-B', location: B }, reason: 'test', source: 'test' });
const ends = [lp('LP-A', A), lp('LP-B', B)];

describe('corridorsAmongSites', () => {
  it('keeps a corridor whose ends are sites, keyed to the sites at the same place', () => {
    expect(corridorsAmongSites([cor], ends, ends)).toEqual([cor]);
    const sites = [
      { id: 'C-500109', location: A },
      { id: 'T-1', location: [B[0] + 0.000005, B[1]] as LngLat }, // 0.5 m away
    ];
    expect(corridorsAmongSites([cor], ends, sites)).toEqual([{ ...cor, corridorEnds: ['C-500109', 'T-1'] }]);
  });
  it('drops a corridor with an end no site stands for, and ignores other zones', () => {
    expect(
      corridorsAmongSites([cor], ends, [
        { id: 'C-500109', location: A },
        { id: 'T-1', location: [B[0] + 0.0001, B[1]] },
      ]),
    ).toEqual([]);
    expect(corridorsAmongSites([{ ...cor, kind: 'suitable' }], ends, ends)).toEqual([]);
  });
});
