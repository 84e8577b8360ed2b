/**
 * Believable multirotor flight along a route: vertical take-off and climb at the first waypoint,
 * cruise at speed along the legs, vertical descent and landing at the last; optional drift off the
 * route, a slower ground speed (time overrun), seeded noise.
 */
import { bearingDeg, destination, haversineM } from '../geo/earth.js';
import type { LngLat } from '../geo/types.js';
import type { Prng } from '../util/prng.js';

export interface FlightProfile {
  waypoints: LngLat[];
  cruiseAltM: number;
  speedMps: number;
  departMs: number;
  climbMps?: number;
  descentMps?: number;
}

export interface Deviation {
  /** from this time the aircraft drifts sideways (to the right of its track) at driftMps */
  driftFromMs?: number;
  driftMps?: number;
  /** ground speed multiplied by this factor (< 1: arrives late, overruns its window) */
  speedFactor?: number;
}

export interface KinematicState {
  lng: number;
  lat: number;
  altitudeM: number;
  speedMps: number;
  headingDeg: number;
  phase: 'ground' | 'climb' | 'cruise' | 'descent' | 'landed';
}

/** each route's leg lengths and total, computed once per waypoints array (routes are never mutated) */
const legCache = new WeakMap<LngLat[], { legsM: Float64Array; totalM: number }>();

function legsOf(w: LngLat[]): { legsM: Float64Array; totalM: number } {
  let r = legCache.get(w);
  if (!r) {
    const legsM = new Float64Array(Math.max(0, w.length - 1));
    let totalM = 0;
    for (let i = 1; i < w.length; i++) {
      legsM[i - 1] = haversineM(w[i - 1][0], w[i - 1][1], w[i][0], w[i][1]);
      totalM += legsM[i - 1];
    }
    r = { legsM, totalM };
    legCache.set(w, r);
  }
  return r;
}

export function routeLengthM(w: LngLat[]): number {
  return legsOf(w).totalM;
}

/** Point `s` metres along the polyline, with the heading of its leg. */
export function alongRoute(w: LngLat[], s: number): { p: LngLat; headingDeg: number } {
  const { legsM } = legsOf(w);
  let left = Math.max(0, s);
  for (let i = 1; i < w.length; i++) {
    const leg = legsM[i - 1];
    if (left <= leg || i === w.length - 1) {
      const f = leg > 0 ? Math.min(1, left / leg) : 0;
      return { p: [w[i - 1][0] + (w[i][0] - w[i - 1][0]) * f, w[i - 1][1] + (w[i][1] - w[i - 1][1]) * f], headingDeg: bearingDeg(w[i - 1], w[i]) };
    }
    left -= leg;
  }
  return { p: w[w.length - 1], headingDeg: 0 };
}

/** Where the aircraft is at `tMs`, before noise. */
export function positionAt(f: FlightProfile, tMs: number, dev: Deviation = {}): KinematicState {
  const climbS = f.cruiseAltM / (f.climbMps ?? 3),
    descentS = f.cruiseAltM / (f.descentMps ?? 2);
  const speed = f.speedMps * (dev.speedFactor ?? 1);
  const total = routeLengthM(f.waypoints);
  const cruiseS = total / speed;
  const t = (tMs - f.departMs) / 1000;
  if (t < 0) {
    const { p, headingDeg } = alongRoute(f.waypoints, 0);
    return { lng: p[0], lat: p[1], altitudeM: 0, speedMps: 0, headingDeg, phase: 'ground' };
  }
  if (t < climbS) {
    const { p, headingDeg } = alongRoute(f.waypoints, 0);
    return { lng: p[0], lat: p[1], altitudeM: (f.climbMps ?? 3) * t, speedMps: 0, headingDeg, phase: 'climb' };
  }
  const endMs = f.departMs + (climbS + cruiseS) * 1000;
  if (t < climbS + cruiseS) {
    const { p, headingDeg } = alongRoute(f.waypoints, (t - climbS) * speed);
    const q = drift(p, headingDeg, tMs, dev, tMs);
    return { lng: q[0], lat: q[1], altitudeM: f.cruiseAltM, speedMps: speed, headingDeg, phase: 'cruise' };
  }
  const { p, headingDeg } = alongRoute(f.waypoints, total);
  const q = drift(p, headingDeg, tMs, dev, endMs);
  const down = t - climbS - cruiseS;
  if (down < descentS) return { lng: q[0], lat: q[1], altitudeM: f.cruiseAltM - (f.descentMps ?? 2) * down, speedMps: 0, headingDeg, phase: 'descent' };
  return { lng: q[0], lat: q[1], altitudeM: 0, speedMps: 0, headingDeg, phase: 'landed' };
}

function drift(p: LngLat, headingDeg: number, tMs: number, dev: Deviation, untilMs: number): LngLat {
  if (dev.driftFromMs === undefined || !dev.driftMps || tMs <= dev.driftFromMs) return p;
  const d = ((Math.min(tMs, untilMs) - dev.driftFromMs) / 1000) * dev.driftMps;
  return destination(p, d, headingDeg + 90);
}

/** Gaussian-ish position noise (sum of uniforms), seeded. */
export function withNoise(s: KinematicState, rng: Prng, sigmaHM: number, sigmaVM: number): KinematicState {
  const g = () => (rng.next() + rng.next() + rng.next() - 1.5) * 2; // ≈ N(0, 1)
  if (s.phase === 'ground' || s.phase === 'landed') return s;
  const [lng, lat] = destination([s.lng, s.lat], Math.abs(g() * sigmaHM), rng.range(0, 360));
  return { ...s, lng, lat, altitudeM: Math.max(0, s.altitudeM + g() * sigmaVM) };
}
