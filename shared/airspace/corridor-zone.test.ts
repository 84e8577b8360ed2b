import { describe, expect, it } from 'vitest';
import { destination } from '../geo/earth.js';
import type { LngLat } from '../geo/types.js';
import type { FlightPlanInput } from '../schemas/flight-plan.js';
import { candidateFromInput, createAirspaceState, putZone } from '../rules/airspace-state.js';
import { evaluatePlan } from '../rules/evaluate-plan.js';
import { CORRIDOR_DEFAULTS, corridorLane, corridorZone } from './corridor-zone.js';

const A: LngLat = [106.3, 29.9];
const B: LngLat = destination(A, 4_000, 60);
const cor = corridorZone({ id: 'COR-AB', name: 'A—B', from: { id: 'LP-A', location: A }, to: { id: 'LP-B', location: B }, reason: 'test', source: 'test' });
const NOW = Date.parse('2026-12-01T00:00:00Z');

function route(from: LngLat, to: LngLat, band: { altitudeLowerM: number; altitudeUpperM: number }, category: 'light' | 'small' | 'medium' = 'light'): FlightPlanInput {
  return {
    aircraft: { registration: 'UAS-CQ-1', category },
    mission: 'logistics',
    route: { waypoints: [from, to], corridorHalfWidthM: 25, cruiseSpeedMps: 12, ...band, departAt: '2026-12-01T02:00:00Z' },
  };
}

describe('corridorZone', () => {
  it('is a permanent AGL corridor for light and small aircraft, 0–240 m, between the two ends', () => {
    expect(cor).toMatchObject({
      kind: 'corridor',
      altitudeLowerM: 0,
      altitudeUpperM: 240,
      altitudeReference: 'AGL',
      applicability: { kind: 'permanent' },
      allowedCategories: ['light', 'small'],
      corridorEnds: ['LP-A', 'LP-B'],
    });
    expect(cor.outline.type).toBe('Polygon');
    expect(CORRIDOR_DEFAULTS).toEqual({ halfWidthM: 150, altitudeLowerM: 0, altitudeUpperM: 240 });
  });
});

describe('corridorLane', () => {
  it('gives the lower lane from the first end and the upper lane back, 20 m apart with the 10 m buffers', () => {
    expect(corridorLane(cor, 'LP-A')).toEqual({ altitudeLowerM: 10, altitudeUpperM: 100 });
    expect(corridorLane(cor, 'LP-B')).toEqual({ altitudeLowerM: 140, altitudeUpperM: 230 });
  });
  it('is null for another landing point or a zone that is not a corridor', () => {
    expect(corridorLane(cor, 'LP-C')).toBeNull();
    expect(corridorLane({ ...cor, kind: 'suitable' }, 'LP-A')).toBeNull();
  });
  it('gives both directions the whole band when it is too thin for two lanes', () => {
    expect(corridorLane({ ...cor, altitudeLowerM: 0, altitudeUpperM: 50 }, 'LP-B')).toEqual({ altitudeLowerM: 10, altitudeUpperM: 40 });
    expect(corridorLane({ ...cor, altitudeLowerM: 0, altitudeUpperM: 20 }, 'LP-B')).toBeNull();
  });
});

describe('a route in its lane inside a corridor', () => {
  const withCorridor = createAirspaceState();
  putZone(withCorridor, cor);
  const without = createAirspaceState();
  const decide = (s: typeof without, p: FlightPlanInput) => evaluatePlan(s, candidateFromInput(p), { nowMs: NOW });
  /** every volume of the plan: take-off, the leg's segments, landing */
  const every = (p: FlightPlanInput) => candidateFromInput(p).volumes.map((_, i) => i);

  it('is approved with DESIGNATED_AIRSPACE on every volume, in both lanes', () => {
    for (const [from, to, dep] of [
      [A, B, 'LP-A'],
      [B, A, 'LP-B'],
    ] as const) {
      const plan = route(from, to, corridorLane(cor, dep) as { altitudeLowerM: number; altitudeUpperM: number });
      const d = decide(withCorridor, plan);
      expect(d.outcome).toBe('approved');
      const designated = d.reasons.filter((r) => r.code === 'DESIGNATED_AIRSPACE');
      expect(every(plan).length).toBeGreaterThan(3); // the leg in segments
      expect(designated.map((r) => r.volumeIndex)).toEqual(every(plan));
      expect(designated.every((r) => r.ref === 'COR-AB' && r.params?.zoneKind === 'corridor')).toBe(true);
    }
  });

  it('needs approval above 120 m without the corridor', () => {
    const plan = route(B, A, { altitudeLowerM: 140, altitudeUpperM: 230 });
    const d = decide(without, plan);
    expect(d.outcome).toBe('pending');
    expect(d.reasons.filter((r) => r.code === 'ABOVE_120M_CONTROLLED').map((r) => r.volumeIndex)).toEqual(every(plan));
  });

  it('still needs approval for a medium aircraft, and above the corridor', () => {
    const medium = decide(withCorridor, route(B, A, { altitudeLowerM: 140, altitudeUpperM: 230 }, 'medium'));
    expect(medium.outcome).toBe('pending');
    expect(medium.reasons.map((r) => r.code)).toContain('CATEGORY_ALWAYS_CONTROLLED');
    expect(medium.reasons.map((r) => r.code)).not.toContain('DESIGNATED_AIRSPACE');
    const above = decide(withCorridor, route(B, A, { altitudeLowerM: 140, altitudeUpperM: 235 }));
    expect(above.outcome).toBe('pending');
  });
});
