import { describe, expect, it } from 'vitest';
import type { TrackUpdate } from '../../shared/monitor/conformance-monitor.js';
import { createPrng } from '../../shared/util/prng.js';
import { TrackPacker, TrackUnpacker } from './track-pack.js';

describe('packed track updates', () => {
  it('read back exactly, one at a time, whatever the ids, plans, sources and repeats', () => {
    const rng = createPrng(4);
    const packer = new TrackPacker();
    const unpacker = new TrackUnpacker();
    for (let batch = 0; batch < 3; batch++) {
      const sent: { u: TrackUpdate; known: boolean }[] = [];
      for (let i = 0; i < 700; i++) {
        const id = `T-${rng.int(0, 300)}${rng.next() < 0.05 ? '/sub 轨迹' : ''}`;
        const u: TrackUpdate = {
          id,
          lng: rng.range(-180, 180),
          lat: rng.range(-90, 90),
          altitudeM: rng.next() < 0.1 ? 0 : rng.range(0, 500),
          speedMps: rng.range(0, 40),
          headingDeg: rng.range(0, 360),
          tMs: 1_800_000_000_000 + rng.int(0, 1e6),
          source: rng.next() < 0.1 ? [] : rng.next() < 0.5 ? ['network'] : ['network', `X-${rng.int(1, 3)}`],
        };
        if (rng.next() < 0.7) u.planId = `FP-${rng.int(0, 50)}`;
        const known = rng.next() < 0.8;
        sent.push({ u, known });
        packer.add(u, known);
      }
      const packed = packer.take();
      expect(packer.count).toBe(0);
      expect(unpacker.begin(packed)).toBe(sent.length);
      for (const [i, { u, known }] of sent.entries()) {
        const got = unpacker.at(i);
        expect({ ...got, source: [...got.source] }).toEqual({ planId: undefined, ...u });
        expect(unpacker.planKnown(i)).toBe(known);
      }
    }
  });
});
