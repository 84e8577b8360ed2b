import { describe, expect, it } from 'vitest';
import type { TrackUpdate } from '../../shared/monitor/conformance-monitor.js';
import { createPrng } from '../../shared/util/prng.js';
import { toStreamTrack, trackJson } from './track-json.js';

describe('a track as stream JSON', () => {
  it('is the text JSON.stringify writes for the stream track, for any numbers and ids', () => {
    const rng = createPrng(9);
    const odd = [0, -0, -0.04, 0.05, 1e-7, 1e21, -1e-9, Number.NaN, Number.POSITIVE_INFINITY, 359.5, -359.5];
    for (let i = 0; i < 2_000; i++) {
      const pick = () => (rng.next() < 0.2 ? odd[rng.int(0, odd.length - 1)] : rng.range(-400, 400));
      const u: TrackUpdate = {
        id: rng.next() < 0.1 ? `odd "id" \\ ${i}\n\u0001` : `FP-${i}`,
        ...(rng.next() < 0.7 ? { planId: rng.next() < 0.1 ? `计划-${i}"` : `FP-${i}` } : {}),
        lng: pick(),
        lat: pick(),
        altitudeM: pick(),
        speedMps: pick(),
        headingDeg: pick(),
        tMs: 0,
        source: rng.next() < 0.2 ? [] : rng.next() < 0.5 ? ['network'] : ['network', `X-${i}`, 'X-"q"'],
      };
      expect(trackJson(u)).toBe(JSON.stringify(toStreamTrack(u)));
    }
  });
});
