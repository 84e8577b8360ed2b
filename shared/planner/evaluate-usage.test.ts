import { latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { destination } from '../geo/earth.js';
import type { LngLat } from '../geo/types.js';
import type { FlightPlan } from '../schemas/flight-plan-record.js';
import type { LandingPoint } from '../schemas/landing-point.js';
import type { Zone } from '../schemas/zone.js';
import { evaluateUsage } from './evaluate-usage.js';
import { cellsOfOutline, UtilisationGrid } from './h3-utilisation.js';

const A: LngLat = [106.4, 29.8],
  B: LngLat = [106.5, 29.8];
const lps: LandingPoint[] = [
  { id: 'LP-A', name: '甲', location: A, districtAdcode: '500109', kind: 'township', capacityPerHour: 2 },
  { id: 'LP-B', name: '乙', location: B, districtAdcode: '500109', kind: 'township', capacityPerHour: 12 },
];
const square = (c: LngLat, halfM: number) => {
  const ring = [
    [-1, -1],
    [1, -1],
    [1, 1],
    [-1, 1],
    [-1, -1],
  ].map(([x, y]) => destination(destination(c, x * halfM, 90), y * halfM, 0));
  return { type: 'Polygon' as const, coordinates: [ring] };
};
let n = 0;
function plan(over: { state?: FlightPlan['state']; start: string; end: string; dep?: string; arr?: string; at?: LngLat; reasons?: FlightPlan['decision']['reasons'] }): FlightPlan {
  const id = `FP-${++n}`;
  return {
    id,
    state: over.state ?? 'completed',
    priority: 0,
    emergency: false,
    station: { id: 'B-500109', kind: 'B' },
    districts: [],
    submittedBy: 'p',
    aircraft: { registration: 'R', category: 'light' },
    mission: 'logistics',
    volumes: [{ outline: square(over.at ?? A, 200), altitudeLowerM: 30, altitudeUpperM: 60, timeStart: over.start, timeEnd: over.end }],
    decision: {
      outcome: over.state === 'rejected' ? 'rejected' : 'approved',
      reasons: over.reasons ?? [],
      conflicts: [],
      preempted: [],
      suggestions: [],
      routing: { stationId: 'B-500109', stationKind: 'B', districts: [], why: '' },
      decidedAt: over.start,
    },
    competing: [],
    input: {
      aircraft: { registration: 'R', category: 'light' },
      mission: 'logistics',
      ...(over.dep ? { departure: over.dep } : {}),
      ...(over.arr ? { arrival: over.arr } : {}),
    } as FlightPlan['input'],
    createdAt: over.start,
    updatedAt: over.start,
    version: 1,
  };
}

describe('H3 utilisation', () => {
  it('counts a flight once per cell and clock hour it spans, against the cell capacity', () => {
    const g = new UtilisationGrid(7, 4);
    const cell = latLngToCell(A[1], A[0], 7);
    g.addVolume('f1', square(A, 100), Date.parse('2026-12-01T01:30:00Z'), Date.parse('2026-12-01T03:10:00Z'));
    g.addVolume('f1', square(A, 100), Date.parse('2026-12-01T01:40:00Z'), Date.parse('2026-12-01T01:50:00Z'));
    g.addVolume('f2', square(A, 100), Date.parse('2026-12-01T02:00:00Z'), Date.parse('2026-12-01T02:30:00Z'));
    const at = (h: number) => g.cellHours().find((c) => c.cell === cell && c.hourStartMs === Date.parse(`2026-12-01T0${h}:00:00Z`));
    expect([1, 2, 3].map((h) => at(h)?.flights)).toEqual([1, 2, 1]);
    expect(at(2)?.utilisationPct).toBe(50);
    expect(g.summary().peak?.flights).toBe(2);
    g.addTrack('f3', A[0], A[1], Date.parse('2026-12-01T02:10:00Z'), 900);
    g.addTrack('f3', A[0], A[1], Date.parse('2026-12-01T02:25:00Z'), 900);
    expect(at(2)).toMatchObject({ flights: 3, aircraftSeconds: 1800 });
    expect(g.cellTotals().find((c) => c.cell === cell)).toMatchObject({ flights: 3, peakHourFlights: 3, aircraftHours: 0.5 });
    const mine = (x: UtilisationGrid) => x.cellHours().filter((c) => c.cell === cell);
    expect(mine(g.window(Date.parse('2026-12-01T03:00:00Z'), Date.parse('2026-12-01T04:00:00Z'))).map((c) => [c.hourStartMs, c.flights])).toEqual([[Date.parse('2026-12-01T03:00:00Z'), 1]]);
    g.pruneBefore(Date.parse('2026-12-01T03:00:00Z'));
    expect(new Set(g.cellHours().map((c) => c.hourStartMs))).toEqual(new Set([Date.parse('2026-12-01T03:00:00Z')]));
  });

  it('finds every cell a narrow 10 km corridor passes through, ends and middle included', () => {
    const end = destination(A, 10_000, 90);
    const mid = destination(A, 5_000, 90);
    const off = (p: LngLat, m: number) => destination(p, m, 0);
    const corridor = { type: 'Polygon' as const, coordinates: [[off(A, -25), off(end, -25), off(end, 25), off(A, 25), off(A, -25)]] };
    const cells = cellsOfOutline(corridor, 8);
    for (const p of [A, mid, end]) expect(cells).toContain(latLngToCell(p[1], p[0], 8));
    // res-8 hexagons are ~0.92 km across: a 10 km line crosses at least 10 of them
    expect(cells.length).toBeGreaterThanOrEqual(10);
  });
});

describe('usage evaluation', () => {
  it('finds the busiest landing points and proposes capacity and corridors from recorded flights', () => {
    const plans = [
      ...Array.from({ length: 8 }, (_, i) =>
        plan({ start: `2026-12-01T0${i % 2 ? 3 : 2}:0${i}:00Z`, end: `2026-12-01T0${i % 2 ? 3 : 2}:3${i}:00Z`, dep: i % 2 ? 'LP-B' : 'LP-A', arr: i % 2 ? 'LP-A' : 'LP-B' }),
      ),
      plan({
        state: 'rejected',
        start: '2026-12-01T02:00:00Z',
        end: '2026-12-01T02:30:00Z',
        dep: 'LP-A',
        arr: 'LP-B',
        reasons: [{ code: 'LANDING_POINT_CAPACITY', effect: 'reject', message: 'full', ref: 'LP-A' }],
      }),
    ];
    const r = evaluateUsage(plans, lps, []);
    expect(r.plans).toEqual({ total: 9, flown: 8, rejected: 1, pending: 0 });
    // LP-A: 4 take-offs 02:0x and 4 landings 03:3x → 4 movements per hour against 2
    expect(r.busiestLandingPoints[0]).toMatchObject({ id: 'LP-A', movements: 8, peakHourMovements: 4, capacityPerHour: 2, peakUtilisationPct: 200, capacityRejections: 1 });
    expect(r.adjustments.filter((a) => a.kind === 'landing-point-capacity').map((a) => a.ref)).toEqual(['LP-A']);
    expect(r.adjustments.find((a) => a.kind === 'corridor')).toMatchObject({ ref: 'LP-A|LP-B', evidence: { flights: 8 }, geometry: { type: 'LineString', coordinates: [A, B] } });
    expect(evaluateUsage(plans.slice(1), lps, []).adjustments.some((a) => a.kind === 'corridor')).toBe(false);
  });

  it('proposes an off-peak opening for a zone that turned demand away at night, never for an airport', () => {
    const zone = (id: string, special?: Zone['special']): Zone => ({
      id,
      name: id,
      kind: 'restricted',
      outline: { type: 'Circle', center: B, radiusM: 500 },
      altitudeLowerM: 0,
      altitudeUpperM: 300,
      applicability: { kind: 'permanent' },
      reason: 'r',
      source: 's',
      ...(special ? { special } : {}),
    });
    const day = Array.from({ length: 12 }, (_, i) => plan({ start: `2026-12-01T0${i % 4}:10:00Z`, end: `2026-12-01T0${i % 4}:40:00Z` })); // 08:00–11:59 local
    // 14:xx UTC = 22:xx local, a quiet hour
    const night = (z: string) =>
      Array.from({ length: 3 }, () =>
        plan({ state: 'rejected', start: '2026-12-01T14:05:00Z', end: '2026-12-01T14:35:00Z', at: B, reasons: [{ code: 'ZONE_PROHIBITED', effect: 'reject', message: 'no', ref: z }] }),
      );
    const r = evaluateUsage([...day, ...night('Z-PARK'), ...night('Z-AIR')], lps, [zone('Z-PARK'), zone('Z-AIR', 'airport')]);
    expect(r.zonesRejecting.map((z) => [z.id, z.rejected, z.byLocalHour[22]])).toEqual([
      ['Z-AIR', 3, 3],
      ['Z-PARK', 3, 3],
    ]);
    const s = r.adjustments.filter((a) => a.kind === 'zone-schedule');
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ ref: 'Z-PARK', evidence: { rejected: 3, offPeakRejected: 3, window: '22:00–23:00' } });
    expect(evaluateUsage([...day, ...night('Z-PARK').slice(0, 2)], lps, [zone('Z-PARK')]).adjustments.some((a) => a.kind === 'zone-schedule')).toBe(false);
  });
});
