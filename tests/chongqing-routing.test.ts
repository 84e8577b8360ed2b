/** Station routing and zone rules on the real Chongqing scenario. */
import { describe, expect, it } from 'vitest';
import { destination } from '../shared/geo/earth.js';
import type { LngLat } from '../shared/geo/types.js';
import { candidateFromInput } from '../shared/rules/airspace-state.js';
import { evaluatePlan } from '../shared/rules/evaluate-plan.js';
import { buildAirspace } from '../server/scenario/build-airspace.js';
import { loadScenario } from '../server/scenario/load-scenario.js';

const state = buildAirspace(loadScenario('chongqing'));
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
const decide = (c: LngLat, halfM = 200, mission: 'logistics' | 'rescue' = 'logistics', band: [number, number] = [30, 100]) =>
  evaluatePlan(
    state,
    candidateFromInput({
      aircraft: { registration: 'UAS-CQ-1', category: 'light' },
      mission,
      volumes: [{ outline: square(c, halfM), altitudeLowerM: band[0], altitudeUpperM: band[1], timeStart: '2026-12-01T02:00:00Z', timeEnd: '2026-12-01T02:30:00Z' }],
    }),
    { nowMs: Date.parse('2026-11-30T00:00:00Z') },
  );

describe('routing on the Chongqing scenario', () => {
  it('a plan inside Beibei goes to its B station and is approved at once', () => {
    const d = decide([106.4, 29.83]);
    expect(d.routing).toMatchObject({ stationId: 'B-500109', stationKind: 'B', districts: [{ adcode: '500109', name: '北碚区' }] });
    expect(d.outcome).toBe('approved');
  });
  it('a plan at Jiangbei airport needs approval at the A station', () => {
    const d = decide([106.6519, 29.7123]);
    expect(d.routing.stationKind).toBe('A');
    expect(d.outcome).toBe('pending');
    expect(d.reasons.map((r) => r.code)).toContain('ZONE_CONTROLLED');
  });
  it('a plan over Dazu air base is rejected', () => {
    const d = decide([105.7736, 29.6362]);
    expect(d.outcome).toBe('rejected');
    expect(d.conflicts[0]).toMatchObject({ kind: 'zone', id: 'ZONE-ZUDZ', zoneKind: 'prohibited' });
  });
  it('a plan straddling two districts, or leaving Chongqing, goes to the A station', () => {
    // Chengdu is outside the municipality
    expect(decide([104.06, 30.67]).routing).toMatchObject({ stationKind: 'A', why: 'crosses the municipal border', districts: [] });
    // a 20 km square around Beibei's seat touches several districts
    const wide = decide([106.43, 29.83], 10_000);
    expect(wide.routing.stationKind).toBe('A');
    expect(wide.routing.districts.length).toBeGreaterThan(1);
  });
  it('an emergency mission goes to the A station', () => {
    expect(decide([106.4, 29.83], 200, 'rescue').routing.stationId).toBe('A-CQ');
  });
});

describe('airport protection areas: what the district stations decide', () => {
  const yuzhong: LngLat = [106.57, 29.556]; // 渝中, inside the Jiangbei protection area, ~18 km from the aerodrome
  it('a low plan in the outer protection area goes to the district B station, still for an operator to approve', () => {
    const d = decide(yuzhong, 200, 'logistics', [20, 50]);
    expect(d.routing).toMatchObject({ stationId: 'B-500103', stationKind: 'B' });
    expect(d.routing.why).toContain('ZONE-ZUCK');
    expect(d.outcome).toBe('pending');
    expect(d.reasons.map((r) => r.code)).toContain('ZONE_CONTROLLED');
  });
  it('above the delegated ceiling (60 m), or within 5 km of the aerodrome, the A station decides', () => {
    expect(decide(yuzhong, 200, 'logistics', [40, 90]).routing).toMatchObject({ stationKind: 'A', why: expect.stringContaining('ZONE-ZUCK') });
    const nearAerodrome = destination([106.651895, 29.712254], 4000, 200);
    expect(decide(nearAerodrome, 200, 'logistics', [20, 50]).routing).toMatchObject({ stationKind: 'A', why: expect.stringContaining('ZONE-ZUCK') });
    const justOutside = destination([106.651895, 29.712254], 6500, 200);
    expect(decide(justOutside, 200, 'logistics', [20, 50]).routing.stationKind).toBe('B');
  });
});
