/**
 * Reference check: on seeded random volumes, the index + exact test finds exactly the conflicts
 * a brute-force scan with @turf/turf finds.
 */
import * as turf from '@turf/turf';
import type { Feature, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { prepareVolume, type VolumeLike } from '../shared/airspace/prepared-volume.js';
import { VolumeIndex } from '../shared/airspace/volume-index.js';
import { createPrng } from '../shared/util/prng.js';
import { CHONGQING_CORE, randomVolume } from './fixtures/random-volumes.js';

function turfFootprintsIntersect(a: VolumeLike['outline'], b: VolumeLike['outline']): boolean {
  if (a.type === 'Circle' && b.type === 'Circle') {
    return turf.distance(a.center, b.center, { units: 'meters' }) <= a.radiusM + b.radiusM + 0.01;
  }
  if (a.type === 'Circle' || b.type === 'Circle') {
    const c = (a.type === 'Circle' ? a : b) as Extract<VolumeLike['outline'], { type: 'Circle' }>;
    const p = (a.type === 'Circle' ? b : a) as Polygon;
    if (turf.booleanPointInPolygon(c.center, p)) return true;
    return p.coordinates.some((ring) => turf.pointToLineDistance(c.center, turf.lineString(ring), { units: 'meters', method: 'geodesic' }) <= c.radiusM + 0.01);
  }
  return turf.booleanIntersects(turf.feature(a as Polygon) as Feature<Polygon>, turf.feature(b as Polygon) as Feature<Polygon>);
}

function turfConflict(a: VolumeLike, b: VolumeLike): boolean {
  const t = Date.parse(a.timeStart) <= Date.parse(b.timeEnd) && Date.parse(b.timeStart) <= Date.parse(a.timeEnd);
  const h = a.altitudeLowerM <= b.altitudeUpperM && b.altitudeLowerM <= a.altitudeUpperM;
  return t && h && turfFootprintsIntersect(a.outline, b.outline);
}

describe('index + exact test vs brute-force turf scan', () => {
  for (const seed of [1, 2, 3]) {
    it(`finds exactly the same conflicts (seed ${seed})`, () => {
      const rng = createPrng(seed);
      // dense enough that many queries have several conflicts
      const opts = { ...CHONGQING_CORE, bbox: [106.5, 29.5, 106.56, 29.56] as [number, number, number, number] };
      const stored = Array.from({ length: 600 }, () => randomVolume(rng, opts));
      const index = new VolumeIndex<null>();
      stored.forEach((v, i) => {
        index.insert(`v${i}`, [prepareVolume(v)], null);
      });
      let total = 0;
      for (let q = 0; q < 150; q++) {
        const query = randomVolume(rng, opts);
        const fast = index
          .conflicts(prepareVolume(query))
          .map((e) => e.ownerId)
          .sort();
        const brute = stored.flatMap((v, i) => (turfConflict(query, v) ? [`v${i}`] : [])).sort();
        expect(fast).toEqual(brute);
        total += brute.length;
      }
      expect(total).toBeGreaterThan(150); // the check is not vacuous
    });
  }
});
