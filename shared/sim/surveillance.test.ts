/** X-station coverage: the bucketed lookup against a scan of every station, on seeded random stations and points. */
import { describe, expect, it } from 'vitest';
import { haversineM } from '../geo/earth.js';
import type { Station } from '../schemas/station.js';
import { createPrng } from '../util/prng.js';
import { Surveillance } from './surveillance.js';

describe('surveillance coverage', () => {
  it('observers and covers agree with a scan of every station (500 stations, 20,000 points)', () => {
    const rng = createPrng(11);
    const stations: Station[] = Array.from({ length: 500 }, (_, i) => ({
      id: `X-${String(i).padStart(3, '0')}`,
      kind: 'X',
      name: `x${i}`,
      location: [rng.range(105.3, 110.2), rng.range(28.2, 32.2)],
      coverageRadiusM: rng.range(0, 20_000),
      altitudeLowerM: rng.range(0, 50),
      altitudeUpperM: rng.range(100, 600),
    }));
    const s = new Surveillance(stations);
    let seen = 0;
    for (let k = 0; k < 20_000; k++) {
      const [lng, lat, alt] = [rng.range(105.3, 110.2), rng.range(28.2, 32.2), rng.range(0, 700)];
      const scan = stations
        .filter((x) => alt >= x.altitudeLowerM && alt <= x.altitudeUpperM && haversineM(lng, lat, x.location[0], x.location[1]) <= x.coverageRadiusM)
        .map((x) => x.id)
        .sort();
      expect(s.observers(lng, lat, alt)).toEqual(scan);
      expect(s.covers(lng, lat, alt)).toBe(scan.length > 0);
      if (scan.length) seen++;
    }
    // neither all covered nor none: the check means something
    expect(seen).toBeGreaterThan(1000);
    expect(seen).toBeLessThan(19_000);
  });
});
