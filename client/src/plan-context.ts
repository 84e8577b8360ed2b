/**
 * A plan in context, for the operator and the pilot (pure, tested): its time window and deadline
 * in UTC+8, its place, the band asked for apart from the buffered one, what approving it would do
 * to other plans (competing pending plans rejected, lower-priority plans revoked, airborne flights
 * asked to yield) and what it did.
 */
import type { FlightPlan } from '../../shared/schemas/flight-plan-record.js';
import { formatUtc8 } from './value-text.js';
import type { Lang } from './i18n.js';
import { PLAN_TEXT } from './i18n-plans.js';

type PlanLike = Pick<FlightPlan, 'volumes' | 'input'>;

/** The band the filer asked for (route or volumes of the input), before any buffer. */
export function requestedBand(p: Pick<FlightPlan, 'input'>): [number, number] | null {
  const r = p.input.route;
  if (r) return [r.altitudeLowerM, r.altitudeUpperM];
  const vs = p.input.volumes ?? [];
  if (!vs.length) return null;
  return [Math.min(...vs.map((v) => v.altitudeLowerM)), Math.max(...vs.map((v) => v.altitudeUpperM))];
}

/** The band the plan holds, buffers included. */
export function bufferedBand(p: Pick<FlightPlan, 'volumes'>): [number, number] | null {
  if (!p.volumes.length) return null;
  return [Math.min(...p.volumes.map((v) => v.altitudeLowerM)), Math.max(...p.volumes.map((v) => v.altitudeUpperM))];
}

const m = (x: number) => Math.round(x);

/** "150–200 米（含缓冲 0–210 米）": the band asked for first, the buffered one apart. */
export function bandText(p: PlanLike, lang: Lang): string {
  const asked = requestedBand(p);
  const held = bufferedBand(p);
  const unit = lang === 'zh' ? ' 米' : ' m';
  if (!asked && !held) return '–';
  const main = asked ?? held;
  const base = `${m((main as number[])[0])}–${m((main as number[])[1])}${unit}`;
  if (!asked || !held || (m(asked[0]) === m(held[0]) && m(asked[1]) === m(held[1]))) return base;
  return `${base}${PLAN_TEXT.buffered[lang].replace('{band}', `${m(held[0])}–${m(held[1])}${unit}`)}`;
}

/** The plan's time window, "MM-DD HH:MM–HH:MM" in UTC+8 (the end with its date when it falls on another day). */
export function windowText(p: Pick<FlightPlan, 'volumes'>): string {
  if (!p.volumes.length) return '–';
  const start = Math.min(...p.volumes.map((v) => Date.parse(v.timeStart)));
  const end = Math.max(...p.volumes.map((v) => Date.parse(v.timeEnd)));
  const a = formatUtc8(start).slice(5);
  const b = formatUtc8(end).slice(5);
  return `${a}–${a.slice(0, 5) === b.slice(0, 5) ? b.slice(6) : b}`;
}

/** A deadline as "MM-DD HH:MM" UTC+8. */
export const deadlineText = (iso: string | undefined): string => (iso ? formatUtc8(iso).slice(5) : '–');

/** The districts a plan touches, by name. */
export function placeText(p: Pick<FlightPlan, 'districts'>, lang: Lang): string {
  if (!p.districts.length) return PLAN_TEXT.noDistrict[lang];
  const names = p.districts.map((d) => d.name);
  return names.length > 3 ? `${names.slice(0, 3).join('、')} ${PLAN_TEXT.andMore[lang].replace('{n}', String(names.length - 3))}` : names.join('、');
}

export interface ApprovalEffects {
  /** competing pending plans of equal or lower priority: re-checked and rejected once this one is booked */
  rejects: string[];
  /** lower-priority booked plans this one overrides: revoked */
  revokes: string[];
  /** airborne flights it conflicts with: asked to yield (never revoked) */
  yields: string[];
}

/**
 * What approving a plan would do to others, as the server does it (plan-actions approve): the
 * decision's preempted plans are revoked, airborne conflicts are asked to yield, and competing
 * pending plans are re-checked — rejected when they now meet a booked plan of equal or higher priority.
 */
export function approvalEffects(plan: Pick<FlightPlan, 'priority' | 'decision'>, competitors: Pick<FlightPlan, 'id' | 'state' | 'priority'>[]): ApprovalEffects {
  return {
    rejects: competitors
      .filter((c) => c.state === 'pending' && c.priority <= plan.priority)
      .map((c) => c.id)
      .sort(),
    revokes: [...new Set(plan.decision.preempted)].sort(),
    yields: [...new Set(plan.decision.reasons.filter((r) => r.code === 'ACTIVE_FLIGHT_CONFLICT' && r.ref).map((r) => r.ref as string))].sort(),
  };
}

/** The warning before approving, or null when approving touches no other plan. */
export function approvalWarning(e: ApprovalEffects, lang: Lang): string | null {
  const parts: string[] = [];
  if (e.rejects.length) parts.push(PLAN_TEXT.willReject[lang].replace('{plans}', e.rejects.join('、')));
  if (e.revokes.length) parts.push(PLAN_TEXT.willRevoke[lang].replace('{plans}', e.revokes.join('、')));
  if (e.yields.length) parts.push(PLAN_TEXT.willYield[lang].replace('{plans}', e.yields.join('、')));
  return parts.length ? parts.join(lang === 'zh' ? '；' : '; ') : null;
}

/**
 * What an approval did, from the approved plan (its new decision: preempted, airborne conflicts)
 * and the competitors as they are afterwards (rejected by the re-check, or still pending).
 */
export function approvalSummary(approved: Pick<FlightPlan, 'id' | 'decision'>, competitorsAfter: Pick<FlightPlan, 'id' | 'state'>[], lang: Lang): string {
  const done = approvalEffects({ priority: Number.NEGATIVE_INFINITY, decision: approved.decision }, []);
  const rejected = competitorsAfter
    .filter((c) => c.state === 'rejected')
    .map((c) => c.id)
    .sort();
  const parts = [PLAN_TEXT.approvedOne[lang].replace('{plan}', approved.id)];
  if (rejected.length) parts.push(PLAN_TEXT.didReject[lang].replace('{plans}', rejected.join('、')));
  if (done.revokes.length) parts.push(PLAN_TEXT.didRevoke[lang].replace('{plans}', done.revokes.join('、')));
  if (done.yields.length) parts.push(PLAN_TEXT.didYield[lang].replace('{plans}', done.yields.join('、')));
  if (parts.length === 1) parts.push(PLAN_TEXT.noSideEffects[lang]);
  return parts.join(lang === 'zh' ? '；' : '; ');
}
