/**
 * Airspace editions in words (pure, tested): a change as one line (op, the zone's name, kind and
 * band, the landing point's name, category and capacity, the evidence it was adopted on), counts
 * by status, an edition's errors worded for editions, why a proposal was not adopted.
 */
import type { Edition, EditionChange } from '../../shared/schemas/edition.js';
import type { LandingPoint } from '../../shared/schemas/landing-point.js';
import type { Zone } from '../../shared/schemas/zone.js';
import { ApiFailure } from './api.js';
import { EDITION_TEXT as E, type EditionTextKey } from './edition-text.js';
import { errorText, failureText } from './error-text.js';
import type { Lang } from './i18n.js';
import { fillText } from './i18n-plans.js';
import { lpKindText } from './card-text.js';
import { adjustmentKind } from './planner-format.js';
import { formatUtc8, ZONE_KIND_TEXT } from './value-text.js';
import { zoneName } from './zone-text.js';

const w = (key: EditionTextKey, lang: Lang, values: Record<string, string | number> = {}) => fillText(E[key][lang], values);
const sep = (lang: Lang) => (lang === 'zh' ? '，' : ', ');

export const statusText = (s: Edition['status'], lang: Lang): string => E[`st_${s}`]?.[lang] ?? s;
export const changeStatusText = (s: EditionChange['status'], lang: Lang): string => E[`cs_${s}`]?.[lang] ?? s;
export const opText = (op: string, lang: Lang): string => (E as Record<string, { zh: string; en: string }>)[`op_${op}`]?.[lang] ?? op;

/** Changes by status: all, accepted, proposed, declined. */
export function changeCounts(e: Pick<Edition, 'changes'>): { n: number; a: number; p: number; d: number } {
  const by = (s: string) => e.changes.filter((c) => c.status === s).length;
  return { n: e.changes.length, a: by('accepted'), p: by('proposed'), d: by('declined') };
}

/** "第 3 版 · 已生效 · 生效 2026-12-01 09:00 (UTC+8)" */
export function editionHeadline(e: Pick<Edition, 'number' | 'status' | 'effectiveAt'>, lang: Lang): string {
  const parts = [e.number === null ? w('unnumbered', lang) : w('numbered', lang, { n: e.number }), statusText(e.status, lang)];
  if (e.effectiveAt) parts.push(`${w('effectiveAt', lang, { at: formatUtc8(e.effectiveAt) })} (UTC+8)`);
  return parts.join(' · ');
}

export interface LineContext {
  /** the landing points in service, by id */
  lp: (id: string) => Pick<LandingPoint, 'name' | 'kind' | 'capacityPerHour'> | undefined;
  /** the edition has taken effect: the points in service already show its changes, so they cannot say what was before */
  applied?: boolean;
  /** an edition in effect: the points as they were before it (what it recorded) */
  pointBefore?: (id: string) => Pick<LandingPoint, 'capacityPerHour'> | undefined;
}

const inBrackets = (head: string, words: string[], lang: Lang) => (lang === 'zh' ? `${head}（${words.join('，')}）` : `${head} (${words.join(', ')})`);

/** Where a zone lies: a circle's centre and radius, a polygon's vertices (a closed ring repeats its first). */
function outlineWords(o: Zone['outline'], lang: Lang): string {
  if (o.type === 'Circle') return w('circleOutline', lang, { lng: o.center[0].toFixed(4), lat: o.center[1].toFixed(4), r: Math.round(o.radiusM) });
  const ring = o.coordinates[0] ?? [];
  const closed = ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1];
  return w('polygonOutline', lang, { n: ring.length - (closed ? 1 : 0) });
}

function zoneWords(z: Zone, lang: Lang, ctx: LineContext): string {
  const parts = [ZONE_KIND_TEXT[z.kind]?.[lang] ?? z.kind, w('band', lang, { lo: z.altitudeLowerM, hi: z.altitudeUpperM })];
  if (z.applicability.kind === 'weekly') parts.push(w('weekly', lang));
  if (z.corridorEnds) {
    const [a, b] = z.corridorEnds.map((id) => ctx.lp(id)?.name ?? id);
    parts.push(w('corridorEnds', lang, { a, b }));
  } else parts.push(outlineWords(z.outline, lang));
  return inBrackets(zoneName(z, lang), parts, lang);
}

function patchWords(c: Extract<EditionChange, { op: 'landing-point.change' }>, lang: Lang, ctx: LineContext): string {
  const recorded = ctx.pointBefore?.(c.landingPointId);
  const before = recorded ?? (ctx.applied ? undefined : ctx.lp(c.landingPointId));
  const p = c.patch;
  const out: string[] = [];
  if (p.capacityPerHour !== undefined) out.push(before ? w('capacityChange', lang, { from: before.capacityPerHour, to: p.capacityPerHour }) : w('capacitySet', lang, { to: p.capacityPerHour }));
  if (p.name !== undefined) out.push(w('renamed', lang, { name: p.name }));
  if (p.category !== undefined) out.push(w('recategorised', lang, { kind: lpKindText(p.category, lang) }));
  if (p.openingHours === null) out.push(w('allDay', lang));
  else if (p.openingHours) out.push(w('hours', lang, { from: p.openingHours.from, to: p.openingHours.to }));
  return out.join(sep(lang));
}

/** The evidence an adopted change carries, in words ("依据：两地间 8 架次"); empty for a change drafted by hand. */
export function evidenceText(origin: EditionChange['origin'], lang: Lang): string {
  const e = origin?.evidence ?? {};
  switch (origin?.kind) {
    case 'corridor':
      return w('evCorridor', lang, { n: e.flights ?? '–' });
    case 'zone-schedule':
      return w('evSchedule', lang, { r: e.rejected ?? '–', q: e.offPeakRejected ?? '–', window: e.window ?? '–' });
    case 'landing-point-capacity':
      return w('evCapacity', lang, { peak: e.peakHourMovements ?? '–', cap: e.capacityPerHour ?? '–', n: e.capacityRejections ?? 0 });
    case 'rollout-site':
      return w('evSite', lang, { phase: e.phase ?? '–' });
    default:
      return '';
  }
}

/** One change as a line: "新增空域 缙云山保护区（禁飞区，0–120 米）", "调整起降点 歇马起降点：容量 10 → 18 架次/小时". */
export function changeLine(c: EditionChange, lang: Lang, ctx: LineContext): string {
  const op = opText(c.op, lang);
  const colon = lang === 'zh' ? '：' : ': ';
  switch (c.op) {
    case 'zone.add':
    case 'zone.change':
      return `${op} ${zoneWords(c.zone, lang, ctx)}`;
    case 'zone.withdraw':
      return `${op} ${c.zoneId}`;
    case 'landing-point.add': {
      const p = c.landingPoint;
      const words = [lpKindText(p.category, lang), w('capacity', lang, { n: p.capacityPerHour })];
      if (p.openingHours) words.push(w('hours', lang, { from: p.openingHours.from, to: p.openingHours.to }));
      return `${op} ${inBrackets(p.name, words, lang)}`;
    }
    case 'landing-point.change':
      return `${op} ${ctx.lp(c.landingPointId)?.name ?? c.landingPointId}${colon}${patchWords(c, lang, ctx)}`;
    case 'landing-point.retire':
      return `${op} ${ctx.lp(c.landingPointId)?.name ?? c.landingPointId}`;
  }
}

/** Withdrawn zones are named by the map's zones when they are known. */
export function withdrawnName(c: EditionChange, zones: ReadonlyMap<string, Pick<Zone, 'id' | 'name' | 'kind'>>, lang: Lang): string | null {
  if (c.op !== 'zone.withdraw') return null;
  const z = zones.get(c.zoneId);
  return z ? `${opText(c.op, lang)} ${inBrackets(zoneName(z, lang), [ZONE_KIND_TEXT[z.kind]?.[lang] ?? z.kind], lang)}` : null;
}

export type EditionAction = 'decide' | 'review' | 'publish' | 'withdraw' | 'preview' | 'create' | 'adopt' | 'add';

/** A failed edition request in words: the codes that mean something particular for editions, else the code's sentence. */
export function editionFailure(e: unknown, action: EditionAction, lang: Lang): string {
  if (!(e instanceof ApiFailure)) return failureText(e, lang);
  const d = (e.details && typeof e.details === 'object' ? e.details : {}) as Record<string, unknown>;
  switch (e.code) {
    case 'FORBIDDEN':
      if (typeof d.reviewer === 'string') return w('errFourEyes', lang);
      if (typeof d.ref === 'string') return action === 'add' ? w('errOutsideAdd', lang) : w('errOutside', lang, { ref: d.ref });
      if (action === 'publish') return w('errPublisher', lang);
      if (action === 'withdraw') return w('errWithdrawer', lang);
      break;
    case 'INVALID_TRANSITION':
      return w('errState', lang);
    case 'TIME_OUT_OF_RANGE':
      return w('errPast', lang);
    case 'TOO_FAR_AHEAD':
      return w('errTooFar', lang);
    case 'VALIDATION_FAILED':
      if (d.outside === true) return w('errZoneOutside', lang);
      if (Array.isArray(d.proposed)) return w('errProposed', lang);
      if (Array.isArray(d.notAdopted)) return w('errNothingToAdopt', lang, { n: d.notAdopted.length });
      if (Array.isArray(d.phases)) return w('errNoPhase', lang);
      if (action === 'review') return w('errNothing', lang);
      break;
    case 'NOT_FOUND':
      if (typeof d.ref === 'string' && action === 'add') return w('errGone', lang, { ref: d.ref });
      break;
    case 'CONFLICT':
      if (Array.isArray(d.skipped)) return w('errSkipped', lang, { n: d.skipped.length });
      if (typeof d.edition === 'number') return w('errOrder', lang, { n: d.edition, at: `${formatUtc8(String(d.effectiveAt))} (UTC+8)` });
      if (typeof d.landingPointId === 'string') return w('errNearPoint', lang, { id: d.landingPointId });
      if (typeof d.ref === 'string') return w('errClash', lang, { ref: d.ref });
      break;
  }
  // the server's own words only in English (codes on the wire, words in the client)
  return lang === 'zh' ? errorText(e.code, lang, e.status) : failureText(e, lang);
}

/** Why a proposal was not adopted, by the server's code. */
const WHY: Record<string, EditionTextKey> = {
  POINT_NOT_IN_SERVICE: 'whyGone',
  ZONE_NOT_IN_FORCE: 'whyZoneGone',
  ZONE_HAS_SCHEDULE: 'whyScheduled',
  WINDOW_NOT_WHOLE_HOURS: 'whyHours',
  NEVER_APPLIES: 'whyNever',
  HOT_CELL_ADVICE: 'whyHotCell',
  NEAR_POINT: 'whyNear',
  OUTSIDE_JURISDICTION: 'whyJurisdiction',
  CORRIDOR_EXISTS: 'whyExists',
  EXISTS: 'whyExists',
};

/** Why a proposal was not adopted, in words from its code. */
export function notAdoptedText(n: { kind: string; ref: string; code: string }, lang: Lang): string {
  const kind = n.kind === 'site' ? E.kindSite[lang] : adjustmentKind(n.kind, lang);
  const key = WHY[n.code] ?? 'whyOther';
  return `${kind} ${n.ref}${lang === 'zh' ? '：' : ': '}${E[key][lang]}`;
}

/** The next full hour after `ms` (Beijing time is a whole number of hours from UTC). */
export const nextFullHour = (ms: number): number => Math.floor(ms / 3_600_000) * 3_600_000 + 3_600_000;
