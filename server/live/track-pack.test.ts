import { describe, expect, it } from 'vitest';
import type { TrackUpdate } from '../../shared/monitor/conformance-monitor.js';
import { createPrng } from '../../shared/util/prng.js';
import { PACK_FIELDS, TrackPacker, TrackUnpacker } from './track-pack.js';

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

  const at = (id: string, lng: number, planId?: string, source = ['network']): TrackUpdate => ({
    id,
    ...(planId ? { planId } : {}),
    lng,
    lat: 29.5,
    altitudeM: 80,
    speedMps: 12,
    headingDeg: 90,
    tMs: 1_800_000_000_000,
    source,
  });
  /** unpacks a whole batch: [id, planId, lng, sources] of each update */
  const read = (un: TrackUnpacker, p: ReturnType<TrackPacker['take']>) => {
    const n = un.begin(p);
    return Array.from({ length: n }, (_, i) => {
      const u = un.at(i);
      return [u.id, u.planId, u.lng, u.source.join('+')];
    });
  };
  const rows = (p: ReturnType<TrackPacker['take']>) => (p.text ? p.text.split('\u0000').length : 0);
  const slots = (p: ReturnType<TrackPacker['take']>) => Array.from({ length: p.count }, (_, i) => p.nums[i * PACK_FIELDS + 7]);

  it('a known track crosses as numbers alone; its strings go again when its plan or sources change', () => {
    const packer = new TrackPacker();
    const un = new TrackUnpacker();
    for (const id of ['A', 'B', 'C']) packer.add(at(id, 1, `FP-${id}`), true);
    let p = packer.take();
    expect(rows(p)).toBe(3);
    expect(read(un, p)).toEqual([
      ['A', 'FP-A', 1, 'network'],
      ['B', 'FP-B', 1, 'network'],
      ['C', 'FP-C', 1, 'network'],
    ]);
    for (const id of ['C', 'A', 'B']) packer.add(at(id, 2, `FP-${id}`, ['network']), true); // equal lists, other arrays
    p = packer.take();
    expect(rows(p)).toBe(0);
    expect(read(un, p)).toEqual([
      ['C', 'FP-C', 2, 'network'],
      ['A', 'FP-A', 2, 'network'],
      ['B', 'FP-B', 2, 'network'],
    ]);
    packer.add(at('A', 3, 'FP-A'), true);
    packer.add(at('B', 3, 'FP-B', ['network', 'ADS-B-1']), true);
    packer.add(at('C', 3), false); // its plan is gone
    p = packer.take();
    expect(rows(p)).toBe(2);
    expect(read(un, p)).toEqual([
      ['A', 'FP-A', 3, 'network'],
      ['B', 'FP-B', 3, 'network+ADS-B-1'],
      ['C', undefined, 3, 'network'],
    ]);
  });

  it('a forgotten track frees its slot for the next new one; both sides agree, and a reader out of step says so', () => {
    const packer = new TrackPacker();
    const un = new TrackUnpacker();
    for (const id of ['A', 'B']) packer.add(at(id, 1, `FP-${id}`), true);
    const first = packer.take();
    const [slotA, slotB] = slots(first);
    read(un, first);
    expect(un.tracked).toBe(2);
    packer.forget('A');
    un.forget('A');
    expect(packer.tracked).toBe(1);
    expect(un.tracked).toBe(1);
    packer.add(at('N', 5, 'FP-N'), true);
    packer.add(at('B', 5, 'FP-B'), true);
    packer.add(at('A', 5, 'FP-A'), true); // back: a new slot, described again
    const next = packer.take();
    expect(slots(next)).toEqual([slotA, slotB, Math.max(slotA, slotB) + 1]);
    expect(rows(next)).toBe(2);
    expect(read(un, next)).toEqual([
      ['N', 'FP-N', 5, 'network'],
      ['B', 'FP-B', 5, 'network'],
      ['A', 'FP-A', 5, 'network'],
    ]);
    expect([packer.tracked, un.tracked]).toEqual([3, 3]);
    // a reader that never saw B described cannot make it up
    const fresh = new TrackUnpacker();
    packer.add(at('B', 6, 'FP-B'), true);
    const alone = packer.take();
    fresh.begin(alone);
    expect(() => fresh.at(0)).toThrow(/out of step/);
  });
});
