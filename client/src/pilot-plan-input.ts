/**
 * The pilot portal's form → a flight-plan input: a route through waypoints, or an area (an
 * operating volume such as a survey block) held for a duration. Pure, with a clear message key
 * for every mistake the server would otherwise refuse.
 */
import type { LngLat } from '../../shared/geo/types.js';
import type { FlightPlanInput } from '../../shared/schemas/flight-plan.js';

export type PlanShape = 'route' | 'area';
export interface PilotForm {
  shape: PlanShape;
  points: LngLat[];
  registration: string;
  category: FlightPlanInput['aircraft']['category'];
  mission: FlightPlanInput['mission'];
  lowerM: number;
  upperM: number;
  /** departure (route) or start of the area's time window, epoch ms */
  departMs: number;
  /** how long the area is held */
  durationMin: number;
  cruiseSpeedMps: number;
}
export type FormProblem = 'needTwo' | 'needThree' | 'badBand' | 'badDuration' | 'needRegistration' | 'badTime' | 'selfIntersecting';

function segmentsCross(a: LngLat, b: LngLat, c: LngLat, d: LngLat): boolean {
  const o = (p: LngLat, q: LngLat, r: LngLat) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return o(a, b, c) * o(a, b, d) < 0 && o(c, d, a) * o(c, d, b) < 0;
}

/** True when two non-adjacent edges of the closed ring cross (a bow-tie the server would refuse). */
export function ringSelfIntersects(pts: LngLat[]): boolean {
  const n = pts.length;
  for (let i = 0; i < n; i++)
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      if (segmentsCross(pts[i], pts[(i + 1) % n], pts[j], pts[(j + 1) % n])) return true;
    }
  return false;
}

export function buildPlanInput(f: PilotForm): { input: FlightPlanInput } | { problem: FormProblem } {
  if (!f.registration.trim()) return { problem: 'needRegistration' };
  if (!Number.isFinite(f.lowerM) || !Number.isFinite(f.upperM) || f.lowerM < 0 || f.upperM <= f.lowerM) return { problem: 'badBand' };
  if (!Number.isFinite(f.departMs)) return { problem: 'badTime' };
  const aircraft = { registration: f.registration.trim(), category: f.category };
  if (f.shape === 'route') {
    if (f.points.length < 2) return { problem: 'needTwo' };
    return {
      input: {
        aircraft,
        mission: f.mission,
        route: { waypoints: f.points, corridorHalfWidthM: 25, cruiseSpeedMps: f.cruiseSpeedMps, altitudeLowerM: f.lowerM, altitudeUpperM: f.upperM, departAt: new Date(f.departMs).toISOString() },
      },
    };
  }
  if (f.points.length < 3) return { problem: 'needThree' };
  if (ringSelfIntersects(f.points)) return { problem: 'selfIntersecting' };
  if (!Number.isFinite(f.durationMin) || f.durationMin < 1 || f.durationMin > 24 * 60) return { problem: 'badDuration' };
  return {
    input: {
      aircraft,
      mission: f.mission,
      volumes: [
        {
          outline: { type: 'Polygon', coordinates: [[...f.points, f.points[0]]] },
          altitudeLowerM: f.lowerM,
          altitudeUpperM: f.upperM,
          timeStart: new Date(f.departMs).toISOString(),
          timeEnd: new Date(f.departMs + f.durationMin * 60_000).toISOString(),
        },
      ],
    },
  };
}
