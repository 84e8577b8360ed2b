import { describe, expect, it } from 'vitest';
import { degreePadding, haversineM } from '../geo/earth.js';
import { createPrng } from '../util/prng.js';
import { closePairs, type Positioned } from './close-pairs.js';

/** Every pair, the slow way. */
function bruteForce(tracks: Positioned[], h: number, v: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < tracks.length; i++)
    for (let j = i + 1; j < tracks.length; j++) {
      const [a, b] = tracks[i].id < tracks[j].id ? [tracks[i], tracks[j]] : [tracks[j], tracks[i]];
      if (Math.abs(a.altitudeM - b.altitudeM) <= v && haversineM(a.lng, a.lat, b.lng, b.lat) <= h) out.push(`${a.id}|${b.id}`);
    }
  return out.sort();
}

describe('closePairs', () => {
  const rng = createPrng(31);
  const swarm = (n: number, lng: number, lat: number, spreadDeg: number): Positioned[] =>
    Array.from({ length: n }, (_, i) => ({ id: `T${rng.int(0, 1e6)}-${i}`, lng: lng + rng.range(-spreadDeg, spreadDeg), lat: lat + rng.range(-spreadDeg, spreadDeg), altitudeM: rng.range(60, 140) }));

  it('finds exactly the pairs a scan of every pair finds, in sorted order (a city)', () => {
    for (const [h, v] of [
      [50, 15],
      [200, 30],
    ]) {
      const tracks = [...swarm(1500, 106.55, 29.56, 0.02), ...swarm(500, 107.1, 29.9, 0.2)];
      const want = bruteForce(tracks, h, v);
      expect(want.length).toBeGreaterThan(20);
      expect([...closePairs(tracks, h, v)]).toEqual(want);
    }
  });

  it('finds them too when the tracks span more cells than small keys allow (across the world)', () => {
    const tracks = [...swarm(400, 106.55, 29.56, 0.01), ...swarm(400, -70.6, -33.4, 0.01), ...swarm(50, 0, 0, 80)];
    const want = bruteForce(tracks, 50, 15);
    expect(want.length).toBeGreaterThan(20);
    expect([...closePairs(tracks, 50, 15)]).toEqual(want);
  });

  it('finds them far from the equator, where a degree of longitude is short', () => {
    for (const lat of [48.5, 65, 80]) {
      // in a row along the parallel, 30–45 m apart: every neighbour is a close pair
      const tracks: Positioned[] = Array.from({ length: 60 }, (_, i) => ({
        id: `P${String(i).padStart(2, '0')}`,
        lng: 10 + (i * 40) / (111_195 * Math.cos((lat * Math.PI) / 180)) + rng.range(-5e-5, 5e-5),
        lat,
        altitudeM: 100,
      }));
      const want = bruteForce(tracks, 50, 15);
      expect(want.length).toBeGreaterThanOrEqual(50);
      expect([...closePairs(tracks, 50, 15)]).toEqual(want);
    }
  });

  it('compares tracks in neighbouring cells, whichever side of the boundary each is on', () => {
    // two aircraft 30 m apart across a cell boundary, in each direction
    const d = 0.0001; // ≈ 10 m
    const cellDeg = degreePadding(75, 0, 0)[1];
    const y = Math.ceil(29.5 / cellDeg) * cellDeg;
    const cellDegX = degreePadding(75, y - d, y + d)[0];
    const x = Math.ceil(106.5 / cellDegX) * cellDegX;
    const tracks: Positioned[] = [
      { id: 'a', lng: x - d, lat: y - d, altitudeM: 100 },
      { id: 'b', lng: x + d, lat: y + d, altitudeM: 100 },
      { id: 'c', lng: x + d, lat: y - d, altitudeM: 100 },
      { id: 'd', lng: x - d, lat: y + d, altitudeM: 100 },
    ];
    expect([...closePairs(tracks, 50, 15)]).toEqual(['a|b', 'a|c', 'a|d', 'b|c', 'b|d', 'c|d']);
    expect([...closePairs([], 50, 15)]).toEqual([]);
  });
});
