import { describe, expect, it } from 'vitest';
import type { PreparedVolume } from '../../shared/airspace/prepared-volume.js';
import { createPrng } from '../../shared/util/prng.js';
import { lockKeys as lockKeysOrNull, MAX_LOCK_KEYS } from './lock-keys.js';
import type { Movement } from '../../shared/rules/movement-book.js';

/** A box volume (only bbox and times matter to the keys). */
function box(lng: number, lat: number, wDeg: number, hDeg: number, startMs: number, minutes: number): PreparedVolume {
  return { bbox: [lng, lat, lng + wDeg, lat + hDeg], startMs, endMs: startMs + minutes * 60_000, altLowerM: 0, altUpperM: 120 } as unknown as PreparedVolume;
}

const overlaps = (a: PreparedVolume, b: PreparedVolume) =>
  a.bbox[0] <= b.bbox[2] && b.bbox[0] <= a.bbox[2] && a.bbox[1] <= b.bbox[3] && b.bbox[1] <= a.bbox[3] && a.startMs <= b.endMs && b.startMs <= a.endMs;

/** the keys of a plan that has some (not too many) */
function lockKeys(volumes: PreparedVolume[], movements: Movement[] = []): [number, number][] {
  const keys = lockKeysOrNull(volumes, movements);
  if (!keys) throw new Error('too many keys');
  return keys;
}

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

  it('plans that book the same landing point in the same hour share a key wherever their volumes are; another hour does not', () => {
    const t = Date.parse('2026-12-01T02:10:00Z');
    const here = box(106.4, 29.8, 0.01, 0.01, t, 20);
    const far = box(107.9, 30.9, 0.01, 0.01, t, 20); // ≈ 170 km away
    expect(shareKey(lockKeys([here]), lockKeys([far]))).toBe(false);
    const lp = (timeMs: number): Movement => ({ landingPointId: 'LP-7', timeMs });
    expect(shareKey(lockKeys([here], [lp(t)]), lockKeys([far], [lp(t + 40 * 60_000)]))).toBe(true); // 02:10 and 02:50
    expect(shareKey(lockKeys([here], [lp(t)]), lockKeys([far], [lp(t + 60 * 60_000)]))).toBe(false); // 03:10: another slot
    expect(shareKey(lockKeys([here], [lp(t)]), lockKeys([far], [{ landingPointId: 'LP-8', timeMs: t }]))).toBe(false);
  });

  it('a plan with too many keys gets none (its decision takes the whole airspace), found quickly; an ordinary one stays far under the cap', () => {
    const t = Date.parse('2026-12-01T00:00:00Z');
    const started = performance.now();
    // a thin sliver 3° long whose bounding box is 3° × 3°, for 23 hours
    expect(lockKeysOrNull([box(105.3, 28.2, 3, 3, t, 23 * 60)])).toBeNull();
    // the largest area a plan may have (50 × 50 km), for 24 hours
    expect(lockKeysOrNull([box(106, 29, 0.5, 0.45, t, 24 * 60)])).toBeNull();
    // many volumes, each small, that add up past the cap
    expect(lockKeysOrNull(Array.from({ length: 50 }, (_, i) => box(106 + i * 0.05, 29.5, 0.01, 0.01, t + i * 3_600_000, 50)))).toBeNull();
    expect(performance.now() - started).toBeLessThan(1000);
    const route = lockKeys([box(106.4, 29.8, 0.05, 0.05, t, 40), box(106.45, 29.85, 0.05, 0.05, t + 40 * 60_000, 40)]);
    expect(route.length).toBeGreaterThan(0);
    expect(route.length).toBeLessThan(MAX_LOCK_KEYS / 4);
  });
});
