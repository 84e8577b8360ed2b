/**
 * A track as the stream sends it, and its JSON text written directly: the same text as
 * JSON.stringify(toStreamTrack(u)), without building the object (10,000 of them every tick).
 */
import type { TrackUpdate } from '../../shared/monitor/conformance-monitor.js';
import type { StreamTrack } from '../../shared/schemas/stream.js';

export const toStreamTrack = (u: TrackUpdate): StreamTrack => ({
  id: u.id,
  ...(u.planId ? { planId: u.planId } : {}),
  lng: u.lng,
  lat: u.lat,
  altitudeM: Math.round(u.altitudeM * 10) / 10,
  speedMps: Math.round(u.speedMps * 10) / 10,
  headingDeg: Math.round(u.headingDeg),
  source: u.source,
});

/** a number as JSON writes it */
const num = (x: number): string => (Number.isFinite(x) ? String(x) : 'null');

export function trackJson(u: TrackUpdate): string {
  let source = '';
  for (let i = 0; i < u.source.length; i++) source += (i ? ',' : '') + JSON.stringify(u.source[i]);
  const plan = u.planId ? `,"planId":${JSON.stringify(u.planId)}` : '';
  return `{"id":${JSON.stringify(u.id)}${plan},"lng":${num(u.lng)},"lat":${num(u.lat)},"altitudeM":${num(Math.round(u.altitudeM * 10) / 10)},"speedMps":${num(Math.round(u.speedMps * 10) / 10)},"headingDeg":${num(Math.round(u.headingDeg))},"source":[${source}]}`;
}
