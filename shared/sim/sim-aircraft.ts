/**
 * A simulated aircraft and what the ground sees of it: cooperative aircraft report by network
 * telemetry (until their link is lost); any aircraft is seen by the X stations that cover it.
 */
import { destination } from '../geo/earth.js';
import { fnv1a, mulberry32Draw, mulberry32Step } from '../util/prng.js';
import type { TrackUpdate } from '../monitor/conformance-monitor.js';
import { positionAt, type Deviation, type FlightProfile, type KinematicState } from './flight-kinematics.js';
import type { Surveillance } from './surveillance.js';

export interface SimAircraft {
  id: string;
  planId?: string;
  cooperative: boolean;
  profile: FlightProfile;
  deviation?: Deviation;
  lostLinkAtMs?: number;
  noiseHM?: number;
  noiseVM?: number;
}

/** FNV-1a of `${id}@`, the part of each noise seed that never changes, per aircraft id */
const seedPrefix = new Map<string, number>();

/**
 * The noise seed of (aircraft, time): hashString(`${id}@${round(tMs)}`) without building the
 * string (the same run replays exactly whatever the tick order).
 */
export function noiseSeed(id: string, tMs: number): number {
  let h = seedPrefix.get(id);
  if (h === undefined) {
    h = fnv1a(0x811c9dc5, `${id}@`);
    if (seedPrefix.size > 100_000) seedPrefix.clear();
    seedPrefix.set(id, h);
  }
  return fnv1a(h, String(Math.round(tMs))) >>> 0;
}

/** createPrng's generator as a state in a number (no PRNG object per observation) */
let prngState = 0;
function draw(): number {
  prngState = mulberry32Step(prngState);
  return mulberry32Draw(prngState);
}
/** ≈ N(0, 1), as withNoise draws it */
function gauss(): number {
  return (draw() + draw() + draw() - 1.5) * 2;
}

/** withNoise(s, createPrng(seed), …) without a PRNG object or closures: the same numbers. */
export function noisyAt(s: KinematicState, seed: number, sigmaHM: number, sigmaVM: number): KinematicState {
  if (s.phase === 'ground' || s.phase === 'landed') return s;
  prngState = seed >>> 0;
  const distanceM = Math.abs(gauss() * sigmaHM);
  const bearing = 360 * draw();
  const [lng, lat] = destination([s.lng, s.lat], distanceM, bearing);
  return { lng, lat, altitudeM: Math.max(0, s.altitudeM + gauss() * sigmaVM), speedMps: s.speedMps, headingDeg: s.headingDeg, phase: s.phase };
}

/** The report(s) the ground receives of `a` at `tMs`, or null when nobody sees it (`at`: its position at tMs, when known). */
export function observe(a: SimAircraft, tMs: number, surveillance: Surveillance, at?: KinematicState): TrackUpdate | null {
  let s = at ?? positionAt(a.profile, tMs, a.deviation);
  if (s.phase === 'ground') return null;
  if (a.noiseHM || a.noiseVM) s = noisyAt(s, noiseSeed(a.id, tMs), a.noiseHM ?? 0, a.noiseVM ?? 0);
  const seen = surveillance.observers(s.lng, s.lat, s.altitudeM);
  const network = a.cooperative && (a.lostLinkAtMs === undefined || tMs < a.lostLinkAtMs);
  if (!network && !seen.length) return null;
  const source = network ? (seen.length ? ['network', ...seen] : ['network']) : seen;
  return a.planId
    ? { id: a.id, planId: a.planId, lng: s.lng, lat: s.lat, altitudeM: s.altitudeM, speedMps: s.speedMps, headingDeg: s.headingDeg, tMs, source }
    : { id: a.id, lng: s.lng, lat: s.lat, altitudeM: s.altitudeM, speedMps: s.speedMps, headingDeg: s.headingDeg, tMs, source };
}
