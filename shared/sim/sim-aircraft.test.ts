import { describe, expect, it } from 'vitest';
import { destination, haversineM } from '../geo/earth.js';
import { createPrng, hashString } from '../util/prng.js';
import { positionAt, withNoise, type FlightProfile } from './flight-kinematics.js';
import { noiseSeed, noisyAt, observe, type SimAircraft } from './sim-aircraft.js';
import { Surveillance } from './surveillance.js';

describe('observation of a simulated aircraft', () => {
  it('draws exactly the noise a PRNG seeded from the aircraft and the time draws (a run replays as before)', () => {
    const rng = createPrng(3);
    for (let i = 0; i < 500; i++) {
      const id = i % 3 ? `FP-${rng.int(0, 99_999)}` : `ROGUE-${i}-${rng.int(0, 9)}`;
      const tMs = Date.parse('2026-12-01T00:00:00Z') + rng.range(0, 86_400_000);
      expect(noiseSeed(id, tMs)).toBe(hashString(`${id}@${Math.round(tMs)}`));
      const profile: FlightProfile = {
        waypoints: [
          [106.5, 29.5],
          [106.6 + rng.range(0, 0.1), 29.6],
        ],
        cruiseAltM: 60,
        speedMps: 12,
        departMs: tMs - rng.range(-5_000, 900_000),
      };
      const s = positionAt(profile, tMs);
      const seed = noiseSeed(id, tMs);
      expect(noisyAt(s, seed, 3, 1)).toEqual(withNoise(s, createPrng(seed), 3, 1));
    }
  });

  it('reports network and the X stations that see it, nothing for an unseen rogue, nothing on the ground', () => {
    const surveillance = new Surveillance([
      { id: 'X-2', kind: 'X', name: 'x2', location: [106.5, 29.5], coverageRadiusM: 5_000, altitudeLowerM: 0, altitudeUpperM: 300 },
      { id: 'X-1', kind: 'X', name: 'x1', location: [106.51, 29.5], coverageRadiusM: 5_000, altitudeLowerM: 0, altitudeUpperM: 300 },
    ] as never);
    const t0 = Date.parse('2026-12-01T00:00:00Z');
    const a: SimAircraft = {
      id: 'FP-1',
      planId: 'FP-1',
      cooperative: true,
      profile: {
        waypoints: [
          [106.5, 29.5],
          [106.52, 29.5],
        ],
        cruiseAltM: 60,
        speedMps: 10,
        departMs: t0,
      },
      noiseHM: 3,
      noiseVM: 1,
    };
    expect(observe(a, t0 - 1000, surveillance)).toBeNull();
    const u = observe(a, t0 + 30_000, surveillance);
    expect(u).toMatchObject({ id: 'FP-1', planId: 'FP-1', tMs: t0 + 30_000, source: ['network', 'X-1', 'X-2'] });
    const far: SimAircraft = {
      id: 'ROGUE-0-1',
      cooperative: false,
      profile: {
        waypoints: [
          [108, 31],
          [108.1, 31],
        ],
        cruiseAltM: 60,
        speedMps: 10,
        departMs: t0,
      },
    };
    expect(observe(far, t0 + 30_000, surveillance)).toBeNull();
    expect(observe({ ...a, lostLinkAtMs: t0 + 10_000 }, t0 + 30_000, surveillance)?.source).toEqual(['X-1', 'X-2']);
  });
});

describe('surveillance coverage', () => {
  it('finds exactly the X stations within their radius and band, in id order, as a scan of every station does', () => {
    const rng = createPrng(21);
    const stations = Array.from({ length: 120 }, (_, i) => ({
      id: `X-${String(rng.int(0, 9999)).padStart(4, '0')}-${i}`,
      kind: i % 10 ? 'X' : 'B',
      name: `s${i}`,
      location: [rng.range(105.5, 106.5), rng.range(29, 30)] as [number, number],
      coverageRadiusM: rng.next() < 0.05 ? 0 : rng.range(500, 15_000),
      altitudeLowerM: rng.next() < 0.3 ? 30 : 0,
      altitudeUpperM: rng.next() < 0.3 ? 100 : 300,
    }));
    const s = new Surveillance(stations as never);
    const scan = (lng: number, lat: number, alt: number) =>
      stations
        .filter((x) => x.kind === 'X' && x.coverageRadiusM > 0 && alt >= x.altitudeLowerM && alt <= x.altitudeUpperM && haversineM(lng, lat, x.location[0], x.location[1]) <= x.coverageRadiusM)
        .map((x) => x.id)
        .sort();
    let seen = 0;
    for (let i = 0; i < 5_000; i++) {
      const lng = rng.range(105.3, 106.7),
        lat = rng.range(28.8, 30.2),
        alt = rng.range(-10, 350);
      const got = s.observers(lng, lat, alt);
      expect(got).toEqual(scan(lng, lat, alt));
      if (got.length) seen++;
    }
    expect(seen).toBeGreaterThan(1_000);
    // on the edge of a coverage circle
    const x = stations.find((st) => st.kind === 'X' && st.coverageRadiusM > 1000) as (typeof stations)[number];
    for (const b of [0, 90, 180, 270]) {
      const [lng, lat] = destination(x.location, x.coverageRadiusM * 0.999_999, b);
      expect(s.observers(lng, lat, 50)).toEqual(scan(lng, lat, 50));
    }
  });
});
