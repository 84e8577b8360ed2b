import { describe, expect, it } from 'vitest';
import { prepareVolume } from '../../shared/airspace/prepared-volume.js';
import { routeToVolumes } from '../../shared/airspace/route-volumes.js';
import { VolumeIndex } from '../../shared/airspace/volume-index.js';
import { destination } from '../../shared/geo/earth.js';
import type { LngLat } from '../../shared/geo/types.js';
import { type AlertEvent, ConformanceMonitor, DEFAULT_MONITOR_CONFIG, type TrackUpdate } from '../../shared/monitor/conformance-monitor.js';
import type { Zone } from '../../shared/schemas/zone.js';
import type { MonitorOp } from './monitor-messages.js';
import { MonitorSession } from './monitor-session.js';
import { TrackPacker } from './track-pack.js';

const T0 = Date.parse('2026-12-01T02:00:00Z');
const A: LngLat = [106.5, 29.5];
const B = destination(A, 3000, 90);
const volumes = routeToVolumes({ waypoints: [A, B], corridorHalfWidthM: 20, cruiseSpeedMps: 10, altitudeLowerM: 40, altitudeUpperM: 80, departAt: new Date(T0).toISOString() });
const at = (id: string, p: LngLat, tMs: number, planId?: string, source = ['network']): TrackUpdate => ({
  id,
  ...(planId ? { planId } : {}),
  lng: p[0],
  lat: p[1],
  altitudeM: 60,
  speedMps: 10,
  headingDeg: 90,
  tMs,
  source,
});
const yieldClear: AlertEvent = { action: 'clear', kind: 'yield', key: 'yield:P9:P1', trackId: 'P9', planId: 'P9', lng: 0, lat: 0, altitudeM: 0, tMs: T0, message: 'the flight has ended' };

describe('the monitor session of the worker thread', () => {
  it('gives the in-thread monitor’s events, with drops and main-thread events in their place', () => {
    const off = destination(A, 500, 0);
    const steps: { updates: { u: TrackUpdate; known: boolean }[]; ops: MonitorOp[] }[] = [
      {
        updates: [
          { u: at('T1', off, T0 + 30_000, 'P1'), known: true },
          { u: at('R1', A, T0 + 30_000, undefined, ['X-1']), known: false },
          { u: at('T2', off, T0 + 30_000, 'P2'), known: false },
        ],
        ops: [
          { at: 0, op: 'plan', plan: { id: 'P1', volumes, category: 'light', approvedZoneIds: [] } },
          { at: 1, op: 'echo', events: [yieldClear] },
          { at: 2, op: 'drop', id: 'T1', tMs: T0 + 30_000 },
        ],
      },
      { updates: [{ u: at('R1', destination(A, 30, 45), T0 + 31_000, undefined, ['X-1']), known: false }], ops: [{ at: 1, op: 'drop', id: 'R1', tMs: T0 + 31_000 }] },
    ];
    // the reference: the in-thread monitor, fed the same way LiveTraffic feeds it
    const monitor = new ConformanceMonitor(new VolumeIndex<Zone>(), DEFAULT_MONITOR_CONFIG);
    const plan = { id: 'P1', volumes: volumes.map(prepareVolume), category: 'light', approvedZoneIds: new Set<string>() };
    const session = new MonitorSession(DEFAULT_MONITOR_CONFIG);
    const packer = new TrackPacker();
    for (const [s, step] of steps.entries()) {
      const expected: AlertEvent[] = [];
      const apply = (i: number) => {
        for (const op of step.ops) {
          if (op.at !== i) continue;
          if (op.op === 'echo') expected.push(...op.events);
          if (op.op === 'drop') expected.push(...monitor.drop(op.id, op.tMs));
        }
      };
      for (const [i, { u, known }] of step.updates.entries()) {
        apply(i);
        expected.push(...monitor.update(u, known && u.planId === 'P1' ? plan : undefined));
        packer.add(u, known);
      }
      apply(step.updates.length);
      const tMs = T0 + 30_000 + s * 1000;
      expected.push(...monitor.separation(tMs), ...monitor.lostLinks(tMs));
      session.batch(packer.take(), step.ops);
      const reply = session.tick(s, tMs);
      expect(reply.events).toEqual(expected);
      expect(reply.openAlerts).toBe(monitor.openAlertCount);
      expect(reply.tracks).toBe(monitor.trackCount);
      if (s === 0) {
        // off its plan, then the yield echoed before R1, the rogue seen, T1 dropped before T2 (network only: nothing)
        expect(expected.map((e) => `${e.action} ${e.kind} ${e.trackId}`)).toEqual(['raise off-plan-lateral T1', 'clear yield P9', 'raise unidentified-aircraft R1', 'clear off-plan-lateral T1']);
      }
    }
  });
});
