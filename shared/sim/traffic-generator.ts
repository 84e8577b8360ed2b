/**
 * Demand: flight requests with mission profiles (logistics between landing points, inspection
 * loops, sightseeing, survey areas, emergency flights), seeded. Pure: the simulator files what
 * this returns through the same flight-plan service users use.
 */
import { corridorLane } from '../airspace/corridor-zone.js';
import type { PointIndex } from '../airspace/point-index.js';
import { destination } from '../geo/earth.js';
import type { LngLat } from '../geo/types.js';
import type { FlightPlanInput } from '../schemas/flight-plan.js';
import type { LandingPoint } from '../schemas/landing-point.js';
import type { Zone } from '../schemas/zone.js';
import type { Prng } from '../util/prng.js';
import { beijingHour } from '../util/beijing-time.js';
import type { Deviation } from './flight-kinematics.js';

export interface DemandConfig {
  flightsPerHour: number;
  shares: { logistics: number; inspection: number; sightseeing: number; survey: number; emergency: number };
  driftShare: number;
  overrunShare: number;
  lostLinkShare: number;
  leadTimeMin: [number, number];
  /** relative demand by local hour (UTC+8), 24 values; flat when absent. Scaled so the day's mean is flightsPerHour. */
  hourlyProfile?: number[];
  /** relative demand at each landing point (id → weight); points not listed get none; uniform when absent */
  departureWeights?: Record<string, number>;
  /** share of logistics flights from a landing point with corridors that fly one of them (default 0.3) */
  corridorShare?: number;
}

export const DEFAULT_CORRIDOR_SHARE = 0.3;

/** Corridors by landing point: each end's partners (sorted by partner id), for corridors with both ends known. */
function corridorPartners(corridors: readonly Zone[], lps: PointIndex<LandingPoint>): Map<string, { partner: LandingPoint; zone: Zone }[]> {
  const out = new Map<string, { partner: LandingPoint; zone: Zone }[]>();
  for (const zone of [...corridors].sort((a, b) => a.id.localeCompare(b.id))) {
    if (zone.kind !== 'corridor' || !zone.corridorEnds) continue;
    const [a, b] = zone.corridorEnds;
    const pa = lps.get(a),
      pb = lps.get(b);
    if (!pa || !pb || a === b) continue;
    out.set(a, [...(out.get(a) ?? []), { partner: pb, zone }]);
    out.set(b, [...(out.get(b) ?? []), { partner: pa, zone }]);
  }
  for (const list of out.values()) list.sort((x, y) => x.partner.id.localeCompare(y.partner.id) || x.zone.id.localeCompare(y.zone.id));
  return out;
}

/** Picks one item with probability proportional to its weight (one PRNG draw, like `pick`). */
function weightedPick<T extends { id: string }>(rng: Prng, items: T[], weights: Record<string, number>): T {
  let total = 0;
  for (const it of items) total += Math.max(0, weights[it.id] ?? 0);
  if (total <= 0) return rng.pick(items);
  let x = rng.next() * total;
  for (const it of items) {
    x -= Math.max(0, weights[it.id] ?? 0);
    if (x < 0) return it;
  }
  return items[items.length - 1];
}

/** A working-day profile: quiet at night, peaks mid-morning and late afternoon (mean 1). */
export const DAY_PROFILE: number[] = (() => {
  const raw = [0.1, 0.05, 0.05, 0.05, 0.1, 0.2, 0.5, 1.0, 1.6, 1.9, 1.9, 1.6, 1.3, 1.4, 1.7, 1.9, 1.9, 1.7, 1.4, 1.0, 0.7, 0.5, 0.3, 0.2];
  const mean = raw.reduce((a, b) => a + b, 0) / raw.length;
  return raw.map((x) => x / mean);
})();

/** Demand multiplier at a moment: the profile's value for the local (UTC+8) hour, or 1. */
export function demandFactor(d: DemandConfig, tMs: number): number {
  if (!d.hourlyProfile || d.hourlyProfile.length !== 24) return 1;
  const mean = d.hourlyProfile.reduce((a, b) => a + b, 0) / 24 || 1;
  return d.hourlyProfile[beijingHour(tMs)] / mean;
}

export const DEFAULT_DEMAND: DemandConfig = {
  flightsPerHour: 120,
  shares: { logistics: 0.45, inspection: 0.2, sightseeing: 0.15, survey: 0.1, emergency: 0.1 },
  driftShare: 0.03,
  overrunShare: 0.02,
  lostLinkShare: 0.02,
  leadTimeMin: [10, 45],
};

export interface GeneratedFlight {
  input: FlightPlanInput;
  /** the path actually flown (for volume plans, a pattern inside the area) */
  path: LngLat[];
  cruiseAltM: number;
  speedMps: number;
  deviation?: Deviation & { lostLinkAfterS?: number };
}

function pick<K extends string>(rng: Prng, shares: Record<K, number>): K {
  const entries = Object.entries(shares) as [K, number][];
  let x = rng.next() * entries.reduce((a, [, w]) => a + w, 0);
  for (const [k, w] of entries) {
    x -= w;
    if (x <= 0) return k;
  }
  return entries[entries.length - 1][0];
}

const loop = (rng: Prng, c: LngLat, n: number, radiusM: number): LngLat[] => {
  const start = rng.range(0, 360);
  const pts = Array.from({ length: n }, (_, i) => destination(c, radiusM * rng.range(0.6, 1), start + (360 * i) / n));
  return [c, ...pts, c];
};

/**
 * Flights requested in (fromMs, toMs]. A logistics flight from a landing point at the end of a
 * corridor flies one (to its partner, in the direction's lane) with probability corridorShare,
 * drawn only at such points so demand without corridors replays as before; any logistics flight
 * between the two ends of a corridor flies in its lane.
 */
export function generateFlights(rng: Prng, lps: PointIndex<LandingPoint>, fromMs: number, toMs: number, d: DemandConfig = DEFAULT_DEMAND, corridors: readonly Zone[] = []): GeneratedFlight[] {
  if (!lps.size || toMs <= fromMs) return [];
  const expected = (d.flightsPerHour * demandFactor(d, fromMs) * (toMs - fromMs)) / 3_600_000;
  const n = Math.floor(expected + rng.next());
  if (n === 0) return [];
  const all = lps.values().sort((a, b) => a.id.localeCompare(b.id));
  const partners = corridorPartners(corridors, lps);
  const out: GeneratedFlight[] = [];
  for (let i = 0; i < n; i++) {
    const dep = d.departureWeights ? weightedPick(rng, all, d.departureWeights) : rng.pick(all);
    const mission = pick(rng, d.shares);
    const departMs = Math.ceil((toMs + rng.range(d.leadTimeMin[0], d.leadTimeMin[1]) * 60_000) / 60_000) * 60_000;
    const registration = `UAS-CQ-${String(rng.int(0, 999_999)).padStart(6, '0')}`;
    let path: LngLat[];
    let lower = rng.int(3, 8) * 10,
      upper = lower + 30,
      speed = rng.range(10, 16);
    let category: FlightPlanInput['aircraft']['category'] = rng.pick(['light', 'small'] as const);
    let input: FlightPlanInput;
    let planMission: FlightPlanInput['mission'] = mission === 'emergency' ? rng.pick(['rescue', 'medical'] as const) : mission;
    if (mission === 'logistics') {
      const mine = partners.get(dep.id) ?? [];
      let arr: LandingPoint;
      if (mine.length && rng.next() < (d.corridorShare ?? DEFAULT_CORRIDOR_SHARE)) arr = rng.pick(mine).partner;
      else {
        const near = lps.within(dep.location, 15_000).filter((x) => x.distanceM > 2_000);
        if (!near.length) continue;
        arr = rng.pick(near).value;
      }
      const lane = mine.map((c) => (c.partner.id === arr.id ? corridorLane(c.zone, dep.id) : null)).find((x) => x !== null);
      if (lane) {
        lower = lane.altitudeLowerM;
        upper = lane.altitudeUpperM;
      }
      path = [dep.location, arr.location];
      input = {
        aircraft: { registration, category },
        mission: planMission,
        departure: dep.id,
        arrival: arr.id,
        route: { waypoints: path, corridorHalfWidthM: 25, cruiseSpeedMps: speed, altitudeLowerM: lower, altitudeUpperM: upper, departAt: new Date(departMs).toISOString() },
      };
    } else if (mission === 'survey') {
      // the area holds its take-off point, so it never lies wholly outside the served region
      const c = destination(dep.location, rng.range(0, 250), rng.range(0, 360));
      const half = 300;
      const corners = [
        [-1, -1],
        [1, -1],
        [1, 1],
        [-1, 1],
      ].map(([x, y]) => destination(destination(c, x * half, 90), y * half, 0));
      const ring = [...corners, corners[0]];
      path = [
        c,
        ...[-200, -100, 0, 100, 200].flatMap((dy, k) => {
          const row = destination(c, dy, 0);
          const w = destination(row, 200, 270),
            e = destination(row, 200, 90);
          return k % 2 ? [e, w] : [w, e];
        }),
        c,
      ];
      speed = 8;
      const durMs = 40 * 60_000;
      input = {
        aircraft: { registration, category },
        mission: 'survey',
        volumes: [
          {
            outline: { type: 'Polygon', coordinates: [ring] },
            altitudeLowerM: 0,
            altitudeUpperM: upper + 10,
            timeStart: new Date(departMs - 60_000).toISOString(),
            timeEnd: new Date(departMs + durMs).toISOString(),
          },
        ],
      };
    } else {
      if (mission === 'emergency') {
        path = [dep.location, destination(dep.location, rng.range(2_000, 8_000), rng.range(0, 360))];
        lower = 100;
        upper = 140;
        speed = 20;
        category = 'small';
      } else {
        path = loop(rng, dep.location, rng.int(3, 5), mission === 'inspection' ? 1500 : 800);
        if (mission === 'sightseeing') {
          lower = 30;
          upper = 80;
          speed = 8;
          planMission = 'sightseeing';
        }
      }
      input = {
        aircraft: { registration, category },
        mission: planMission,
        departure: dep.id,
        ...(mission !== 'emergency' ? { arrival: dep.id } : {}),
        ...(mission === 'emergency' ? { deadline: new Date(departMs - 5 * 60_000).toISOString() } : {}),
        route: { waypoints: path, corridorHalfWidthM: 25, cruiseSpeedMps: speed, altitudeLowerM: lower, altitudeUpperM: upper, departAt: new Date(departMs).toISOString() },
      };
    }
    const r = rng.next();
    const deviation =
      r < d.driftShare
        ? { driftFromMs: departMs + rng.range(60, 240) * 1000, driftMps: rng.range(1, 3) }
        : r < d.driftShare + d.overrunShare
          ? { speedFactor: 0.6 }
          : r < d.driftShare + d.overrunShare + d.lostLinkShare
            ? { lostLinkAfterS: rng.range(60, 300) }
            : undefined;
    out.push({ input, path, cruiseAltM: (lower + upper) / 2, speedMps: speed, ...(deviation ? { deviation } : {}) });
  }
  return out;
}
