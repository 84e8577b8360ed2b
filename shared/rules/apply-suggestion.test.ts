import { describe, expect, it } from 'vitest';
import { destination } from '../geo/earth.js';
import type { LngLat } from '../geo/types.js';
import type { FlightPlanInput } from '../schemas/flight-plan.js';
import { createPrng, type Prng } from '../util/prng.js';
import { bookPlan, candidateFromInput, createAirspaceState } from './airspace-state.js';
import { applySuggestion } from './apply-suggestion.js';
import { evaluatePlan } from './evaluate-plan.js';

const NOW = Date.parse('2026-12-01T00:00:00Z');
const AREA = [106.45, 29.5, 106.6, 29.65];

function randomPlan(rng: Prng, route: boolean): FlightPlanInput {
  const c: LngLat = [rng.range(AREA[0], AREA[2]), rng.range(AREA[1], AREA[3])];
  const start = NOW + 3_600_000 + Math.floor(rng.range(0, 6 * 3_600_000) / 60_000) * 60_000;
  const lower = rng.int(2, 8) * 10;
  const aircraft = { registration: `UAS-CQ-${rng.int(0, 999999)}`, category: 'light' as const };
  if (route) {
    const waypoints: LngLat[] = [c];
    let heading = rng.range(0, 360);
    for (let i = 0, legs = rng.int(1, 3); i < legs; i++) {
      heading += rng.range(-50, 50);
      waypoints.push(destination(waypoints[waypoints.length - 1], rng.range(800, 3000), heading));
    }
    return {
      aircraft,
      mission: 'logistics',
      route: { waypoints, corridorHalfWidthM: 20, cruiseSpeedMps: rng.range(10, 18), altitudeLowerM: lower, altitudeUpperM: lower + 30, departAt: new Date(start).toISOString() },
    };
  }
  const d = rng.range(200, 800);
  const ring = [0, 90, 180, 270, 0].map((h) => destination(c, d, h + 45));
  return {
    aircraft,
    mission: 'inspection',
    volumes: [
      {
        outline: { type: 'Polygon', coordinates: [ring] },
        altitudeLowerM: lower,
        altitudeUpperM: lower + 30,
        timeStart: new Date(start).toISOString(),
        timeEnd: new Date(start + rng.int(10, 40) * 60_000).toISOString(),
      },
    ],
  };
}

describe('a suggestion applied to the plan as filed', () => {
  it('gives the outcome it promised (seeded busy airspace, route and volume plans, every suggestion)', () => {
    const rng = createPrng(11);
    const state = createAirspaceState();
    for (let i = 0; i < 1500; i++) {
      const c = candidateFromInput(randomPlan(rng, i % 2 === 0), undefined, `B-${i}`);
      if (evaluatePlan(state, c, { nowMs: NOW, suggest: false }).outcome === 'approved') bookPlan(state, { ...c, id: `B-${i}` });
    }
    const checked: Record<string, number> = {};
    for (let i = 0; i < 400; i++) {
      const input = randomPlan(rng, i % 2 === 0);
      const d = evaluatePlan(state, candidateFromInput(input), { nowMs: NOW });
      if (d.outcome !== 'rejected') continue;
      for (const s of d.suggestions) {
        const again = evaluatePlan(state, candidateFromInput(applySuggestion(input, s)), { nowMs: NOW, suggest: false });
        const kind = `${input.route ? 'route' : 'volumes'} ${s.kind}`;
        checked[kind] = (checked[kind] ?? 0) + 1;
        expect(again.outcome, `${kind} ${JSON.stringify(s)}: ${JSON.stringify(again.reasons.map((r) => r.code))}`).toBe(s.outcome);
        // and it is where the suggestion says
        const prepared = candidateFromInput(applySuggestion(input, s)).prepared;
        expect(new Date(Math.min(...prepared.map((v) => v.startMs))).toISOString()).toBe(s.timeStart);
        expect(new Date(Math.max(...prepared.map((v) => v.endMs))).toISOString()).toBe(s.timeEnd);
        expect(Math.max(...prepared.map((v) => v.altUpperM))).toBe(s.altitudeUpperM);
      }
    }
    // every kind was exercised
    expect(Object.keys(checked).sort()).toEqual(['route altitude-shift', 'route time-shift', 'volumes altitude-shift', 'volumes time-shift']);
  });
});
