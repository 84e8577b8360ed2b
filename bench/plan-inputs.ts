/** Seeded flight-plan submissions spread over Chongqing's main urban area and the next days. */
import { destination } from '../shared/geo/earth.js';
import type { LngLat } from '../shared/geo/types.js';
import type { FlightPlanInput } from '../shared/schemas/flight-plan.js';
import type { Prng } from '../shared/util/prng.js';

export const AREA: [number, number, number, number] = [106.2, 29.3, 106.9, 29.9];

export function randomSubmission(rng: Prng, t0Ms: number, spanMs: number): FlightPlanInput {
  const c: LngLat = [rng.range(AREA[0], AREA[2]), rng.range(AREA[1], AREA[3])];
  const start = t0Ms + Math.floor(rng.range(0, spanMs) / 60_000) * 60_000;
  const legs = rng.int(1, 4);
  const waypoints: LngLat[] = [c];
  let heading = rng.range(0, 360);
  for (let i = 0; i < legs; i++) {
    heading += rng.range(-50, 50);
    waypoints.push(destination(waypoints[waypoints.length - 1], rng.range(800, 3000), heading));
  }
  const lower = rng.int(2, 8) * 10;
  return {
    aircraft: { registration: `UAS-CQ-${rng.int(0, 999999).toString().padStart(6, '0')}`, category: 'light' },
    mission: rng.pick(['logistics', 'inspection', 'survey', 'sightseeing'] as const),
    route: { waypoints, corridorHalfWidthM: 20, cruiseSpeedMps: rng.range(10, 18), altitudeLowerM: lower, altitudeUpperM: lower + 30, departAt: new Date(start).toISOString() },
  };
}
