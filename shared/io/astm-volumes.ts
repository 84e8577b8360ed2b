/**
 * ASTM F3548-21 (InterUSS) style 4D volumes in and out:
 * {volume: {outline_polygon: {vertices: [{lat, lng}]}} | {outline_circle: {center: {lat, lng}, radius: {value, units}}},
 *  altitude_lower/upper: {value, reference, units}}, time_start/time_end: {value, format: "RFC3339"}}.
 * ASTM polygons are not closed; Yukong's are. Altitude references are carried over as they are
 * (Yukong volumes are AGL unless they say otherwise); there is no datum conversion.
 */
import type { LngLat, Outline } from '../geo/types.js';
import type { Volume4D } from '../schemas/volume.js';

export interface AstmAltitude {
  value: number;
  reference: string;
  units: string;
}
export interface AstmVolume4D {
  volume: {
    outline_polygon?: { vertices: { lat: number; lng: number }[] };
    outline_circle?: { center: { lat: number; lng: number }; radius: { value: number; units: string } };
    altitude_lower: AstmAltitude;
    altitude_upper: AstmAltitude;
  };
  time_start: { value: string; format: 'RFC3339' };
  time_end: { value: string; format: 'RFC3339' };
}

const FT = 0.3048;
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
const REF_OUT: Record<string, string> = { AGL: 'AGL', AMSL: 'AMSL', W84: 'W84' };

export function volumeToAstm(v: Volume4D): AstmVolume4D {
  const ref = REF_OUT[v.altitudeReference ?? 'AGL'];
  const o = v.outline;
  return {
    volume: {
      ...(o.type === 'Circle'
        ? { outline_circle: { center: { lat: o.center[1], lng: o.center[0] }, radius: { value: o.radiusM, units: 'M' } } }
        : { outline_polygon: { vertices: o.coordinates[0].slice(0, -1).map(([lng, lat]) => ({ lat, lng })) } }),
      altitude_lower: { value: v.altitudeLowerM, reference: ref, units: 'M' },
      altitude_upper: { value: v.altitudeUpperM, reference: ref, units: 'M' },
    },
    time_start: { value: v.timeStart, format: 'RFC3339' },
    time_end: { value: v.timeEnd, format: 'RFC3339' },
  };
}

export interface AstmProblem {
  path: string;
  message: string;
}

export function astmToVolume(a: unknown, path = ''): { volume: Volume4D | null; problems: AstmProblem[] } {
  const problems: AstmProblem[] = [];
  const fail = (p: string, m: string) => {
    problems.push({ path: `${path}${p}`, message: m });
    return { volume: null, problems };
  };
  const x = a as AstmVolume4D;
  if (!x || typeof x !== 'object' || !x.volume || typeof x.volume !== 'object') return fail('.volume', 'volume is required');
  const vol = x.volume;
  let outline: Outline;
  const num = (n: unknown) => typeof n === 'number' && Number.isFinite(n);
  if (vol.outline_polygon && !vol.outline_circle) {
    const vs = vol.outline_polygon.vertices;
    if (!Array.isArray(vs) || vs.length < 3 || vs.some((p) => !p || !num(p.lat) || !num(p.lng))) return fail('.volume.outline_polygon.vertices', 'at least 3 vertices {lat, lng}');
    const ring: LngLat[] = vs.map((p) => [p.lng, p.lat]);
    const first = ring[0],
      last = ring[ring.length - 1];
    if (first[0] !== last[0] || first[1] !== last[1]) ring.push([first[0], first[1]]);
    outline = { type: 'Polygon', coordinates: [ring] };
  } else if (vol.outline_circle && !vol.outline_polygon) {
    const c = vol.outline_circle;
    if (!c.center || !num(c.center.lat) || !num(c.center.lng)) return fail('.volume.outline_circle.center', 'center {lat, lng} is required');
    if (!c.radius || !num(c.radius.value) || !['M', 'FT'].includes(c.radius.units)) return fail('.volume.outline_circle.radius', 'radius {value, units: M|FT} is required');
    outline = { type: 'Circle', center: [c.center.lng, c.center.lat], radiusM: c.radius.units === 'FT' ? round6(c.radius.value * FT) : c.radius.value };
  } else return fail('.volume', 'exactly one of outline_polygon or outline_circle');
  const alt = (h: AstmAltitude | undefined, k: string) => {
    if (!h || !num(h.value) || !['M', 'FT'].includes(h.units)) {
      problems.push({ path: `${path}.volume.${k}`, message: 'value and units (M|FT) are required' });
      return null;
    }
    if (!['W84', 'AGL', 'AMSL'].includes(h.reference)) {
      problems.push({ path: `${path}.volume.${k}.reference`, message: 'reference must be W84, AGL or AMSL' });
      return null;
    }
    return { m: h.units === 'FT' ? round6(h.value * FT) : h.value, ref: h.reference as 'W84' | 'AGL' | 'AMSL' };
  };
  const lo = alt(vol.altitude_lower, 'altitude_lower'),
    hi = alt(vol.altitude_upper, 'altitude_upper');
  if (lo && hi && lo.ref !== hi.ref) problems.push({ path: `${path}.volume`, message: 'lower and upper altitude references must be the same' });
  const time = (t: { value: string; format: string } | undefined, k: string) => {
    if (!t || typeof t.value !== 'string' || t.format !== 'RFC3339' || !Number.isFinite(Date.parse(t.value))) {
      problems.push({ path: `${path}.${k}`, message: 'an RFC3339 {value, format} is required' });
      return null;
    }
    return t.value;
  };
  const ts = time(x.time_start, 'time_start'),
    te = time(x.time_end, 'time_end');
  if (problems.length || !lo || !hi || !ts || !te) return { volume: null, problems };
  return { volume: { outline, altitudeLowerM: lo.m, altitudeUpperM: hi.m, altitudeReference: lo.ref, timeStart: ts, timeEnd: te }, problems };
}
