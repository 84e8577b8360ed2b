import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BASEMAP_BBOX, clipLine } from './build-basemap.js';

const WATER = new URL('./basemap/water.geojson', import.meta.url);

describe('offline basemap water', () => {
  it('clips a line to the box, keeping one vertex beyond each end so it reaches the edge', () => {
    const line: [number, number][] = [
      [100, 29],
      [104, 29],
      [106, 29],
      [107, 29],
      [112, 29],
      [113, 29],
    ];
    expect(clipLine(line)).toEqual([
      [
        [104, 29],
        [106, 29],
        [107, 29],
        [112, 29],
      ],
    ]);
    expect(
      clipLine([
        [0, 0],
        [1, 1],
      ]),
    ).toEqual([]);
  });

  it('the bundled file is small and has the Yangtze, the Jialing and the Wu inside Chongqing', () => {
    expect(statSync(WATER).size).toBeLessThan(100_000);
    const fc = JSON.parse(readFileSync(WATER, 'utf8')) as { features: { properties: { nameZh: string }; geometry: { coordinates: [number, number][][] } }[] };
    const names = fc.features.map((f) => f.properties.nameZh);
    for (const n of ['长江', '嘉陵江', '乌江']) expect(names).toContain(n);
    const [w, s, e, n] = BASEMAP_BBOX;
    for (const f of fc.features) {
      const inside = f.geometry.coordinates.flat().filter(([x, y]) => x >= w && x <= e && y >= s && y <= n);
      expect(inside.length).toBeGreaterThan(0);
    }
  });
});
