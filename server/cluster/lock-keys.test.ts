import { describe, expect, it } from 'vitest';
import type { PreparedVolume } from '../../shared/airspace/prepared-volume.js';
import { createPrng } from '../../shared/util/prng.js';
import { lockKeys } from './lock-keys.js';

/** A box volume (only bbox and times matter to the keys). */
function box(lng: number, lat: number, wDeg: number, hDeg: number, startMs: number, minutes: number): PreparedVolume {
  return { bbox: [lng, lat, lng + wDeg, lat + hDeg], startMs, endMs: startMs + minutes * 60_000, altLowerM: 0, altUpperM: 120 } as unknown as PreparedVolume;
}

const overlaps = (a: PreparedVolume, b: PreparedVolume) =>
  a.bbox[0] <= b.bbox[2] && b.bbox[0] <= a.bbox[2] && a.bbox[1] <= b.bbox[3] && b.bbox[1] <= a.bbox[3] && a.startMs <= b.endMs && b.startMs <= a.endMs;

const shareKey = (a: [number, number][], b: [number, number][]) => {
  const set = new Set(a.map((k) => `${k[0]}:${k[1]}`));
  return b.some((k) => set.has(`${k[0]}:${k[1]}`));
};

describe('the keys a decision locks', () => {
  it('two volumes that overlap in space and time always share a key (seeded random pairs, brute force)', () => {
    const prng = createPrng(20261128);
    const rng = () => prng.next();
    const t0 = Date.parse('2026-12-01T00:00:00Z');
    let overlapping = 0;
    for (let i = 0; i < 3000; i++) {
      // a: up to 30 km wide; b: small, touching a's edge in a sliver somewhere along it (the hard case)
      const a = box(106 + rng() * 1.5, 29 + rng() * 1.2, rng() * 0.3, rng() * 0.3, t0 + Math.floor(rng() * 48) * 900_000, 5 + rng() * 90);
      const w = 0.002 + rng() * 0.01;
      const along = a.bbox[0] + rng() * (a.bbox[2] - a.bbox[0]);
      const sliver = rng() * 0.001;
      const b = i % 2 ? box(along, a.bbox[3] - sliver, w, w, a.startMs + rng() * 3_600_000, 5 + rng() * 30) : box(along, a.bbox[1] - w + sliver, w, w, a.endMs - rng() * 600_000, 5 + rng() * 30);
      if (!overlaps(a, b)) continue;
      overlapping++;
      expect(shareKey(lockKeys([a]), lockKeys([b])), `pair ${i}`).toBe(true);
    }
    expect(overlapping).toBeGreaterThan(500);
  });

  it('are sorted and distinct, and far-apart plans share none', () => {
    const t = Date.parse('2026-12-01T02:00:00Z');
    const keys = lockKeys([box(106.4, 29.8, 0.01, 0.01, t, 30), box(106.405, 29.805, 0.01, 0.01, t, 30)]);
    for (let i = 1; i < keys.length; i++) expect(keys[i][0] > keys[i - 1][0] || (keys[i][0] === keys[i - 1][0] && keys[i][1] > keys[i - 1][1])).toBe(true);
    expect(shareKey(keys, lockKeys([box(107.9, 30.9, 0.01, 0.01, t, 30)]))).toBe(false); // ≈ 170 km away
    expect(shareKey(keys, lockKeys([box(106.4, 29.8, 0.01, 0.01, t + 5 * 3_600_000, 30)]))).toBe(false); // five hours later
  });
});
