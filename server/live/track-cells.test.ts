import { describe, expect, it } from 'vitest';
import { createPrng } from '../../shared/util/prng.js';
import type { TrackUpdate } from '../../shared/monitor/conformance-monitor.js';
import { type Bbox, trackCells } from './track-cells.js';

const track = (id: string, lng: number, lat: number): TrackUpdate => ({ id, lng, lat, altitudeM: 100, speedMps: 10, headingDeg: 0, tMs: 0, source: ['network'] });

describe('trackCells', () => {
  it('answers exactly the tracks inside a box, bounds included, each once', () => {
    const rng = createPrng(8);
    const tracks = Array.from({ length: 3000 }, (_, i) => track(`T${i}`, rng.range(105.2, 110.2), rng.range(28.1, 32.2)));
    // some on cell edges and on the boxes' bounds
    for (let k = 0; k < 50; k++) tracks.push(track(`E${k}`, 106 + 0.25 * rng.int(0, 8), 29 + 0.25 * rng.int(0, 8)));
    const within = trackCells(tracks);
    for (let k = 0; k < 300; k++) {
      const w = k % 10 === 0 ? 106 + 0.25 * rng.int(0, 4) : rng.range(104, 110.5);
      const s = k % 10 === 0 ? 29 + 0.25 * rng.int(0, 4) : rng.range(27.5, 32.5);
      // small boxes (a few cells) and large ones (more cells than are occupied: a scan)
      const size = k % 3 === 0 ? rng.range(2, 8) : rng.range(0.01, 0.6);
      const box: Bbox = [w, s, w + size, s + size];
      const got = within(box);
      const want = tracks.filter((u) => u.lng >= box[0] && u.lng <= box[2] && u.lat >= box[1] && u.lat <= box[3]).map((u) => u.id);
      expect(got.map((u) => u.id).sort()).toEqual(want.sort());
    }
    expect(within([0, 0, 1, 1])).toEqual([]);
  });
});
