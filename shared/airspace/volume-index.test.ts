import { describe, expect, it } from 'vitest';
import { CHONGQING_CORE, randomVolume } from '../../tests/fixtures/random-volumes.js';
import { createPrng } from '../util/prng.js';
import { prepareVolume, volumesConflict, type PreparedVolume } from './prepared-volume.js';
import { VolumeIndex } from './volume-index.js';

describe('VolumeIndex', () => {
  it('matches a brute-force scan of the same exact test through inserts and removes', () => {
    const rng = createPrng(7);
    const opts = { ...CHONGQING_CORE, bbox: [106.5, 29.5, 106.6, 29.6] as [number, number, number, number], maxDurationMs: 3 * 86_400_000 };
    const live = new Map<string, PreparedVolume[]>();
    const index = new VolumeIndex<number>({ slabMs: 3_600_000, longMs: 86_400_000 });
    for (let i = 0; i < 800; i++) {
      const vols = Array.from({ length: rng.int(1, 3) }, () => prepareVolume(randomVolume(rng, opts)));
      index.insert(`p${i}`, vols, i);
      live.set(`p${i}`, vols);
    }
    for (let i = 0; i < 800; i += 3) {
      index.remove(`p${i}`);
      live.delete(`p${i}`);
    }
    expect(index.size).toBe(live.size);
    let hits = 0;
    for (let q = 0; q < 200; q++) {
      const v = prepareVolume(randomVolume(rng, opts));
      const fast = [...new Set(index.conflicts(v).map((e) => e.ownerId))].sort();
      const brute = [...live]
        .filter(([, vs]) => vs.some((w) => volumesConflict(v, w)))
        .map(([id]) => id)
        .sort();
      expect(fast).toEqual(brute);
      hits += brute.length;
    }
    expect(hits).toBeGreaterThan(50);
  });

  it('reports each conflicting volume once even when it spans many time slabs', () => {
    const index = new VolumeIndex<null>({ slabMs: 60_000 });
    const v = prepareVolume({
      outline: { type: 'Circle', center: [106.5, 29.5], radiusM: 100 },
      altitudeLowerM: 0,
      altitudeUpperM: 100,
      timeStart: '2026-12-01T00:00:00Z',
      timeEnd: '2026-12-01T01:00:00Z',
    });
    index.insert('a', [v], null);
    expect(index.conflicts(v)).toHaveLength(1);
    expect(index.search(v.bbox, -Infinity, Infinity)).toHaveLength(1);
    expect(index.remove('a')).toBe(true);
    expect(index.conflicts(v)).toHaveLength(0);
    expect(index.remove('a')).toBe(false);
  });

  it('replaces an owner on re-insert and keeps long volumes in the long tree', () => {
    const index = new VolumeIndex<string>({ longMs: 3_600_000 });
    const mk = (s: string, e: string) => prepareVolume({ outline: { type: 'Circle', center: [106.5, 29.5], radiusM: 100 }, altitudeLowerM: 0, altitudeUpperM: 100, timeStart: s, timeEnd: e });
    index.insert('z', [mk('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')], 'year');
    index.insert('z', [mk('2026-12-01T00:00:00Z', '2026-12-01T00:30:00Z')], 'half-hour');
    expect(index.size).toBe(1);
    expect(index.volumes).toBe(1);
    const probe = mk('2026-06-01T00:00:00Z', '2026-06-01T00:10:00Z');
    expect(index.conflicts(probe)).toHaveLength(0);
    index.insert('y', [{ ...probe, startMs: -Infinity, endMs: Infinity }], 'forever');
    expect(index.conflicts(probe).map((e) => e.meta)).toEqual(['forever']);
  });
});
