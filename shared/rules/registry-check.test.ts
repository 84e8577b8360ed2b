import { describe, expect, it } from 'vitest';
import { haversineM } from '../geo/earth.js';
import { createPrng } from '../util/prng.js';
import { reachesBeyondM } from './registry-check.js';

describe('reachesBeyondM', () => {
  it('agrees with the farthest corner of every box, found by a scan (seeded random flights)', () => {
    const rng = createPrng(31);
    let beyond = 0;
    for (let n = 0; n < 2000; n++) {
      const takeoff: [number, number] = [106 + rng.next(), 29 + rng.next()];
      const reach = Array.from({ length: 1 + Math.floor(rng.next() * 6) }, () => {
        const w = takeoff[0] + (rng.next() - 0.5) * 0.02;
        const s = takeoff[1] + (rng.next() - 0.5) * 0.02;
        return { bbox: [w, s, w + rng.next() * 0.01, s + rng.next() * 0.01] };
      });
      let farthestM = 0;
      for (const { bbox: b } of reach)
        for (const [x, y] of [
          [b[0], b[1]],
          [b[2], b[1]],
          [b[2], b[3]],
          [b[0], b[3]],
        ])
          farthestM = Math.max(farthestM, haversineM(takeoff[0], takeoff[1], x, y));
      const limitM = 300 + rng.next() * 1700;
      expect(reachesBeyondM({ takeoff, reach }, limitM), `flight ${n}`).toBe(farthestM > limitM);
      if (farthestM > limitM) beyond++;
    }
    // both answers occur in the sample
    expect(beyond).toBeGreaterThan(200);
    expect(beyond).toBeLessThan(1800);
  });

  it('a flight that stays at its take-off point goes nowhere beyond', () => {
    expect(reachesBeyondM({ takeoff: [106.4, 29.8], reach: [{ bbox: [106.4, 29.8, 106.4, 29.8] }] }, 0)).toBe(false);
    expect(reachesBeyondM({ takeoff: [106.4, 29.8], reach: [] }, 0)).toBe(false);
  });
});
