/**
 * A simulated aircraft and what the ground sees of it: cooperative aircraft report by network
 * telemetry (until their link is lost); any aircraft is seen by the X stations that cover it.
 */
import type { TrackUpdate } from '../monitor/conformance-monitor.js';
import { createPrng, hashString, type Prng } from '../util/prng.js';
import { positionAt, withNoise, type Deviation, type FlightProfile } from './flight-kinematics.js';
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

function rngFor(a: SimAircraft, tMs: number): Prng {
  // noise depends only on (aircraft, time): the same run replays exactly whatever the tick order
  return createPrng(hashString(`${a.id}@${Math.round(tMs)}`));
}

/** The report(s) the ground receives of `a` at `tMs`, or null when nobody sees it. */
export function observe(a: SimAircraft, tMs: number, surveillance: Surveillance): TrackUpdate | null {
  let s = positionAt(a.profile, tMs, a.deviation);
  if (s.phase === 'ground') return null;
  if (a.noiseHM || a.noiseVM) s = withNoise(s, rngFor(a, tMs), a.noiseHM ?? 0, a.noiseVM ?? 0);
  const source: string[] = [];
  if (a.cooperative && (a.lostLinkAtMs === undefined || tMs < a.lostLinkAtMs)) source.push('network');
  source.push(...surveillance.observers(s.lng, s.lat, s.altitudeM));
  if (!source.length) return null;
  return { id: a.id, ...(a.planId ? { planId: a.planId } : {}), lng: s.lng, lat: s.lat, altitudeM: s.altitudeM, speedMps: s.speedMps, headingDeg: s.headingDeg, tMs, source };
}
