import { describe, expect, it } from 'vitest';
import type { TrackUpdate } from '../../shared/monitor/conformance-monitor.js';
import type { LiveTraffic } from '../live/live-traffic.js';
import { TrackUsageRecorder } from './track-usage.js';

describe('observed airspace use', () => {
  it('samples fresh tracks every 10 s of clock time into aircraft-seconds per cell and hour', () => {
    let tracks: TrackUpdate[] = [];
    const listeners = new Set<(b: { tMs: number }) => void>();
    const live = { listeners, tracks: () => tracks } as unknown as LiveTraffic;
    const rec = new TrackUsageRecorder(live, 7, 10_000);
    const t0 = Date.parse('2026-12-01T02:00:00Z');
    const at = (id: string, tMs: number): TrackUpdate => ({ id, planId: `P-${id}`, lng: 106.4, lat: 29.8, altitudeM: 80, speedMps: 10, headingDeg: 0, tMs, source: ['network'] });
    for (let s = 0; s <= 60; s++) {
      // a: reported every second; b: last heard at t0 (stale afterwards)
      tracks = [at('a', t0 + s * 1000), at('b', t0)];
      for (const l of listeners) l({ tMs: t0 + s * 1000 });
    }
    const [cell] = rec.grid.cellHours();
    // samples at 0, 10, …, 60 s: a in all 7 (10 s each), b only at 0 and 10 (fresh within 10 s)
    expect(cell).toMatchObject({ flights: 2, aircraftSeconds: 90 });
    rec.grid.pruneBefore(t0 + 3_600_000);
    expect(rec.grid.cellHours()).toEqual([]);
  });

  it('samples each of many tracks once per interval, spread over the ticks', () => {
    let tracks: TrackUpdate[] = [];
    const listeners = new Set<(b: { tMs: number }) => void>();
    const rec = new TrackUsageRecorder({ listeners, tracks: () => tracks } as unknown as LiveTraffic, 7, 10_000);
    const t0 = Date.parse('2026-12-01T02:00:00Z');
    const perTick: number[] = [];
    for (let s = 0; s <= 60; s++) {
      tracks = Array.from({ length: 100 }, (_, i) => ({ id: `T${i}`, planId: `P${i}`, lng: 106.4, lat: 29.8, altitudeM: 80, speedMps: 10, headingDeg: 0, tMs: t0 + s * 1000, source: ['network'] }));
      const before = rec.grid.cellHours()[0]?.aircraftSeconds ?? 0;
      for (const l of listeners) l({ tMs: t0 + s * 1000 });
      perTick.push((rec.grid.cellHours()[0].aircraftSeconds - before) / 10);
    }
    // the first tick samples everyone; then each track once every 10 s: 7 samples of 10 s each
    expect(rec.grid.cellHours()[0]).toMatchObject({ flights: 100, aircraftSeconds: 7000 });
    expect(perTick[0]).toBe(100);
    expect(Math.max(...perTick.slice(1))).toBeLessThan(30);
  });
});
