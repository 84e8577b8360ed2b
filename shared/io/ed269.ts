/**
 * EUROCAE ED-269 UAS geographical zones, in and out. Both wrappers ({"features": [...]} and
 * {"UASZoneList": [...]}), Polygon and Circle projections, metres and feet, AGL/AMSL/WGS84
 * references, applicability (permanent, start-end, schedule / dailyPeriod), restriction, reason,
 * zoneAuthority. Import reports every problem and returns no zones when there is any.
 * A zone with several geometries becomes one zone per geometry (`<identifier>#<n>`).
 * Schedule times are UTC unless extendedProperties.yukong.utcOffsetMin says otherwise.
 */
import { Value } from '@sinclair/typebox/value';
import '../schemas/formats.js';
import type { ErrorCode } from '../errors/error-codes.js';
import { validateOutline } from '../geo/validate-outline.js';
import { validateApplicability } from '../rules/validate-zone.js';
import type { LngLat, Outline } from '../geo/types.js';
import { ZoneSchema, type Applicability, type Zone, type ZoneKind } from '../schemas/zone.js';
import { normaliseEd269, type Ed269Note } from './ed269-normalise.js';

export interface Ed269Problem {
  path: string;
  message: string;
  /** the catalogue code of the problem, when it has a more precise one than INVALID_ED269 */
  code?: ErrorCode;
}
const ED269_TIME_FIELDS = { start: 'startDateTime', end: 'endDateTime', validFrom: 'startDateTime', validTo: 'endDateTime' };

const RESTRICTIONS = ['PROHIBITED', 'REQ_AUTHORISATION', 'CONDITIONAL', 'NO_RESTRICTION'] as const;
type Restriction = (typeof RESTRICTIONS)[number];
export const ED269_REASONS = ['AIR_TRAFFIC', 'SENSITIVE', 'PRIVACY', 'POPULATION', 'NATURE', 'NOISE', 'FOREIGN_TERRITORY', 'EMERGENCY', 'OTHER'];
const DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
const FT = 0.3048;
const REFS: Record<string, 'AGL' | 'AMSL' | 'W84'> = { AGL: 'AGL', AMSL: 'AMSL', WGS84: 'W84' };

const KIND_OF: Record<Restriction, ZoneKind> = { PROHIBITED: 'prohibited', REQ_AUTHORISATION: 'controlled', CONDITIONAL: 'restricted', NO_RESTRICTION: 'suitable' };

function restrictionOf(z: Zone): Restriction {
  switch (z.kind) {
    case 'prohibited':
      return 'PROHIBITED';
    case 'controlled':
      return 'REQ_AUTHORISATION';
    case 'restricted':
      return 'CONDITIONAL';
    case 'temporary':
      return z.restriction === 'approval' ? 'REQ_AUTHORISATION' : 'PROHIBITED';
    default:
      return 'NO_RESTRICTION';
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const round = (x: number) => Math.round(x * 1e6) / 1e6;

function parseApplicability(list: unknown, offset: number | undefined, path: string, problems: Ed269Problem[]): Applicability | null {
  if (list === undefined) return { kind: 'permanent' };
  const items = Array.isArray(list) ? list : [list];
  if (items.length !== 1 || !isObj(items[0])) {
    problems.push({ path, message: 'exactly one applicability period is supported' });
    return null;
  }
  const a = items[0];
  const start = a.startDateTime,
    end = a.endDateTime;
  for (const [k, v] of [
    ['startDateTime', start],
    ['endDateTime', end],
  ] as const) {
    if (v !== undefined && typeof v !== 'string') problems.push({ path: `${path}.${k}`, message: 'must be an RFC 3339 date-time', code: 'INVALID_TIME' });
  }
  // instants within 2000–2100, end after start (historical zones may be imported: no clock here)
  const checked = (parsed: Applicability): Applicability => {
    for (const p of validateApplicability(parsed, path, undefined, ED269_TIME_FIELDS)) problems.push({ path: p.path, message: `${p.code}: ${p.message}`, code: p.code });
    return parsed;
  };
  const schedule = a.schedule ?? a.dailyPeriod;
  if (a.permanent === 'YES' && schedule === undefined && start === undefined) return { kind: 'permanent' };
  if (a.permanent !== undefined && a.permanent !== 'YES' && a.permanent !== 'NO') problems.push({ path: `${path}.permanent`, message: 'must be YES or NO' });
  if (schedule !== undefined) {
    const periods = (Array.isArray(schedule) ? schedule : [schedule])
      .map((p, i) => {
        const pp = `${path}.schedule[${i}]`;
        if (!isObj(p)) {
          problems.push({ path: pp, message: 'must be an object' });
          return null;
        }
        const dayList = (Array.isArray(p.day) ? p.day : [p.day]) as unknown[];
        const days = dayList.flatMap((d) => (d === 'ANY' ? [1, 2, 3, 4, 5, 6, 7] : DAYS.indexOf(d as string) >= 0 ? [DAYS.indexOf(d as string) + 1] : []));
        if (!dayList.length || days.length === 0 || dayList.some((d) => d !== 'ANY' && !DAYS.includes(d as string)))
          problems.push({ path: `${pp}.day`, message: `days must be among ${DAYS.join(', ')}, ANY` });
        const time = (v: unknown, k: string) => {
          if (typeof v === 'string' && /^(([01]\d|2[0-3]):[0-5]\d(:00)?|24:00(:00)?)$/.test(v)) return v.slice(0, 5);
          problems.push({ path: `${pp}.${k}`, message: 'must be HH:MM' });
          return '00:00';
        };
        return { days: [...new Set(days)].sort(), startTime: time(p.startTime, 'startTime'), endTime: time(p.endTime, 'endTime') };
      })
      .filter((p): p is NonNullable<typeof p> => p !== null);
    return checked({ kind: 'weekly', periods, utcOffsetMin: offset ?? 0, ...(typeof start === 'string' ? { validFrom: start } : {}), ...(typeof end === 'string' ? { validTo: end } : {}) });
  }
  if (typeof start === 'string' && typeof end === 'string') return checked({ kind: 'window', start, end });
  problems.push({ path, message: 'give permanent: YES, a startDateTime and endDateTime, or a schedule' });
  return null;
}

function parseProjection(h: unknown, path: string, uomFactor: number, problems: Ed269Problem[]): Outline | null {
  if (!isObj(h)) {
    problems.push({ path, message: 'horizontalProjection is required' });
    return null;
  }
  if (h.type === 'Polygon') {
    const outline = { type: 'Polygon' as const, coordinates: h.coordinates as LngLat[][] };
    if (!Array.isArray(h.coordinates)) {
      problems.push({ path: `${path}.coordinates`, message: 'must be an array of rings' });
      return null;
    }
    const bad = validateOutline(outline, path);
    for (const b of bad) problems.push({ path: b.path, message: `${b.code}: ${b.message}`, code: b.code });
    return bad.length ? null : outline;
  }
  if (h.type === 'Circle') {
    const c = h.center,
      r = h.radius;
    const outline = { type: 'Circle' as const, center: c as LngLat, radiusM: round(Number(r) * uomFactor) };
    if (!Array.isArray(c) || typeof r !== 'number') {
      problems.push({ path, message: 'a Circle needs center [lng, lat] and radius' });
      return null;
    }
    const bad = validateOutline(outline, path);
    for (const b of bad) problems.push({ path: b.path, message: `${b.code}: ${b.message}`, code: b.code });
    return bad.length ? null : outline;
  }
  problems.push({ path: `${path}.type`, message: 'horizontalProjection type must be Polygon or Circle' });
  return null;
}

export function parseEd269(raw: unknown): { zones: Zone[]; problems: Ed269Problem[]; notes: Ed269Note[] } {
  // what the standard allows (nulls, numbers as strings, …) is normalised first, with a note each
  const { doc, notes } = normaliseEd269(raw);
  const problems: Ed269Problem[] = [];
  const list = isObj(doc) ? (Array.isArray(doc.features) ? { key: 'features', items: doc.features } : Array.isArray(doc.UASZoneList) ? { key: 'UASZoneList', items: doc.UASZoneList } : null) : null;
  if (!list) return { zones: [], problems: [{ path: '', message: 'expected {"features": [...]} or {"UASZoneList": [...]}' }], notes };
  const zones: Zone[] = [];
  list.items.forEach((f: unknown, i: number) => {
    const path = `${list.key}[${i}]`;
    if (!isObj(f)) {
      problems.push({ path, message: 'a zone must be an object' });
      return;
    }
    const id = f.identifier;
    if (typeof id !== 'string' || !id || id.length > 70) problems.push({ path: `${path}.identifier`, message: 'identifier is required (1-70 characters)' });
    const restriction = f.restriction as Restriction;
    if (!RESTRICTIONS.includes(restriction)) problems.push({ path: `${path}.restriction`, message: `restriction must be one of ${RESTRICTIONS.join(', ')}` });
    const reasons = f.reason === undefined ? [] : Array.isArray(f.reason) ? f.reason : [f.reason];
    if (reasons.some((r) => !ED269_REASONS.includes(r as string))) problems.push({ path: `${path}.reason`, message: `reasons must be among ${ED269_REASONS.join(', ')}` });
    const ext = isObj(f.extendedProperties) && isObj(f.extendedProperties.yukong) ? f.extendedProperties.yukong : {};
    const offset = typeof ext.utcOffsetMin === 'number' ? ext.utcOffsetMin : undefined;
    const applicability = parseApplicability(f.applicability, offset, `${path}.applicability`, problems);
    const authority = Array.isArray(f.zoneAuthority) && isObj(f.zoneAuthority[0]) ? f.zoneAuthority[0] : null;
    const geometries = Array.isArray(f.geometry) ? f.geometry : f.geometry === undefined ? [] : [f.geometry];
    if (!geometries.length) problems.push({ path: `${path}.geometry`, message: 'at least one geometry is required' });
    geometries.forEach((g: unknown, gi: number) => {
      const gp = `${path}.geometry[${gi}]`;
      if (!isObj(g)) {
        problems.push({ path: gp, message: 'a geometry must be an object' });
        return;
      }
      const uom = g.uomDimensions ?? 'M';
      if (uom !== 'M' && uom !== 'FT') problems.push({ path: `${gp}.uomDimensions`, message: 'must be M or FT' });
      const k = uom === 'FT' ? FT : 1;
      const lower = g.lowerLimit ?? 0,
        upper = g.upperLimit;
      if (typeof lower !== 'number' || typeof upper !== 'number' || !(lower < upper) || lower < 0)
        problems.push({ path: gp, message: 'lowerLimit and upperLimit must be numbers with 0 ≤ lower < upper' });
      const lref = REFS[(g.lowerVerticalReference as string) ?? 'AGL'],
        uref = REFS[(g.upperVerticalReference as string) ?? 'AGL'];
      if (!lref || !uref) problems.push({ path: gp, message: 'vertical references must be AGL, AMSL or WGS84' });
      else if (lref !== uref) problems.push({ path: gp, message: 'lower and upper vertical references must be the same' });
      const outline = parseProjection(g.horizontalProjection, `${gp}.horizontalProjection`, k, problems);
      if (!outline || !applicability || typeof id !== 'string' || problems.length) return;
      const kind = (typeof ext.kind === 'string' ? ext.kind : KIND_OF[restriction]) as ZoneKind;
      const zone: Zone = {
        id: geometries.length > 1 ? `${id}#${gi + 1}` : id,
        name: typeof f.name === 'string' ? f.name : id,
        kind,
        outline,
        altitudeLowerM: round((lower as number) * k),
        altitudeUpperM: round((upper as number) * k),
        altitudeReference: lref,
        applicability,
        ...(kind === 'temporary' ? { restriction: restriction === 'PROHIBITED' ? ('prohibited' as const) : ('approval' as const) } : {}),
        ...(Array.isArray(ext.allowedCategories) ? { allowedCategories: ext.allowedCategories as Zone['allowedCategories'] } : {}),
        ...(typeof ext.special === 'string' ? { special: ext.special as Zone['special'] } : {}),
        ...(Array.isArray(ext.corridorEnds) ? { corridorEnds: ext.corridorEnds as Zone['corridorEnds'] } : {}),
        reason: typeof f.otherReasonInfo === 'string' ? f.otherReasonInfo : reasons.join(', '),
        source: authority && typeof authority.name === 'string' ? authority.name : 'ED-269 import',
      };
      if (!Value.Check(ZoneSchema, zone)) {
        for (const e of Value.Errors(ZoneSchema, zone)) problems.push({ path: `${gp}${e.path}`, message: e.message });
        return;
      }
      zones.push(zone);
    });
  });
  const seen = new Set<string>();
  zones.forEach((z) => {
    if (seen.has(z.id)) problems.push({ path: z.id, message: `duplicate identifier ${z.id}` });
    seen.add(z.id);
  });
  return problems.length ? { zones: [], problems, notes } : { zones, problems, notes };
}

function applicabilityOut(a: Applicability) {
  if (a.kind === 'permanent') return [{ permanent: 'YES' }];
  if (a.kind === 'window') return [{ permanent: 'NO', startDateTime: a.start, endDateTime: a.end }];
  return [
    {
      permanent: 'NO',
      ...(a.validFrom ? { startDateTime: a.validFrom } : {}),
      ...(a.validTo ? { endDateTime: a.validTo } : {}),
      schedule: a.periods.map((p) => ({ day: p.days.length === 7 ? ['ANY'] : p.days.map((d) => DAYS[d - 1]), startTime: p.startTime, endTime: p.endTime })),
    },
  ];
}

export function toEd269Feature(z: Zone) {
  const reasons = z.reason.split(', ');
  const coded = reasons.length > 0 && reasons.every((r) => ED269_REASONS.includes(r));
  const h = z.outline.type === 'Circle' ? { type: 'Circle', center: z.outline.center, radius: z.outline.radiusM } : z.outline;
  const ref = z.altitudeReference === 'W84' ? 'WGS84' : (z.altitudeReference ?? 'AGL');
  const yukong = {
    kind: z.kind,
    ...(z.allowedCategories ? { allowedCategories: z.allowedCategories } : {}),
    ...(z.special ? { special: z.special } : {}),
    ...(z.corridorEnds ? { corridorEnds: z.corridorEnds } : {}),
    ...(z.applicability.kind === 'weekly' ? { utcOffsetMin: z.applicability.utcOffsetMin ?? 480 } : {}),
  };
  return {
    identifier: z.id,
    country: 'CHN',
    name: z.name,
    type: 'COMMON',
    restriction: restrictionOf(z),
    reason: coded ? reasons : ['OTHER'],
    ...(coded ? {} : { otherReasonInfo: z.reason }),
    zoneAuthority: [{ name: z.source, purpose: 'AUTHORIZATION' }],
    applicability: applicabilityOut(z.applicability),
    geometry: [{ uomDimensions: 'M', lowerLimit: z.altitudeLowerM, lowerVerticalReference: ref, upperLimit: z.altitudeUpperM, upperVerticalReference: ref, horizontalProjection: h }],
    extendedProperties: { yukong },
  };
}

export function toEd269(zones: Zone[], wrapper: 'features' | 'UASZoneList' = 'features') {
  const features = zones.map(toEd269Feature);
  return wrapper === 'features' ? { title: 'Yukong UAS geographical zones', features } : { UASZoneList: features };
}
