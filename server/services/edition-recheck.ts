/**
 * Which plans an airspace change touches, and what re-checking one against the new airspace does.
 * A zone touches the booked and pending plans whose volumes meet it in space, height and its
 * schedule (found through the volume indexes, then exactly); a landing point touches the plans
 * that take off or land there. Re-checking looks only at airspace reasons: an approved plan is
 * revoked when the airspace now refuses it, sent back to an operator when it now needs an approval
 * it was not given, and otherwise left as it is; a pending plan is decided again.
 */
import { activeIntervals } from '../../shared/airspace/applicability.js';
import { rememberPrepared } from '../../shared/airspace/prepared-cache.js';
import { intervalsOverlap, type PreparedVolume } from '../../shared/airspace/prepared-volume.js';
import { shapesIntersect } from '../../shared/geo/intersect.js';
import { zoneVolume } from '../../shared/rules/airspace-state.js';
import { evaluatePlan } from '../../shared/rules/evaluate-plan.js';
import type { Decision, Reason } from '../../shared/schemas/decision.js';
import type { FlightPlan } from '../../shared/schemas/flight-plan-record.js';
import type { Zone } from '../../shared/schemas/zone.js';
import { candidateFromPlan, type ServiceContext } from './context.js';
import { filerOfPlan, whoFiles } from './who-files.js';
import { suggestionPricer, withQuote } from './pricing-service.js';

/** Reasons by which the airspace itself refuses a plan. */
export const AIRSPACE_REJECTS: ReadonlySet<string> = new Set(['ZONE_PROHIBITED', 'ZONE_CATEGORY_NOT_ALLOWED', 'LANDING_POINT_UNKNOWN', 'LANDING_POINT_CLOSED', 'OUTSIDE_SERVICE_AREA']);
/** Reasons by which the airspace asks for an operator's approval. */
export const AIRSPACE_APPROVALS: ReadonlySet<string> = new Set([
  'ABOVE_120M_CONTROLLED',
  'ABOVE_CATEGORY_LIMIT',
  'CATEGORY_ALWAYS_CONTROLLED',
  'ZONE_CONTROLLED',
  'ZONE_RESTRICTED',
  'ZONE_TEMPORARY_APPROVAL',
]);
/** Plans an airspace change can still affect. */
export const LIVE_STATES: ReadonlySet<string> = new Set(['pending', 'approved', 'active']);

/** Booked and pending plans whose volumes ending after `fromMs` meet the zone (space, height, schedule). */
export function plansTouchingZone(ctx: ServiceContext, zone: Zone, fromMs = -Infinity): string[] {
  const zv = zoneVolume(zone);
  const startMs = Math.max(zv.startMs, fromMs);
  if (startMs >= zv.endMs) return [];
  const hit = new Set<string>();
  for (const index of [ctx.airspace.plans, ctx.pending]) {
    for (const e of index.search(zv.bbox, startMs, zv.endMs, zone.altitudeLowerM, zone.altitudeUpperM)) {
      const v = e.volume;
      if (hit.has(e.ownerId) || v.endMs <= fromMs) continue;
      if (!intervalsOverlap(v.altLowerM, v.altUpperM, zone.altitudeLowerM, zone.altitudeUpperM)) continue;
      if (!activeIntervals(zone.applicability, Math.max(v.startMs, fromMs), v.endMs).length) continue;
      if (shapesIntersect(v.shape, zv.shape)) hit.add(e.ownerId);
    }
  }
  return [...hit].sort();
}

/** A decision on some of a plan's volumes, its volume numbers put back to the plan's own. */
function renumber(d: Decision, ahead: number[]): Decision {
  const at = (i: number | undefined) => (i === undefined ? i : ahead[i]);
  return {
    ...d,
    reasons: d.reasons.map((r) => (r.volumeIndex === undefined ? r : { ...r, volumeIndex: at(r.volumeIndex) })),
    conflicts: d.conflicts.map((x) => ({ ...x, volumeIndex: at(x.volumeIndex) as number })),
  };
}

export type Verdict = 'revoke' | 'reject' | 'suspend' | 'unchanged';

const key = (r: Reason) => `${r.code}:${r.ref ?? ''}`;

/** A stored plan's volumes were prepared when it was indexed: a re-check reuses them rather than preparing a parsed copy again. */
function reusePrepared(ctx: ServiceContext, plan: FlightPlan): void {
  const entries = ctx.airspace.plans.get(plan.id) ?? ctx.pending.get(plan.id);
  if (!entries) return;
  const byIndex = new Map(entries.map((e) => [e.volumeIndex, e.volume]));
  if (byIndex.size !== plan.volumes.length) return;
  rememberPrepared(
    plan.volumes,
    plan.volumes.map((_, i) => byIndex.get(i) as PreparedVolume),
  );
}

/** What the airspace as it now stands does to a live plan (none for a plan that ended before `fromMs`). */
export function recheckPlan(ctx: ServiceContext, plan: FlightPlan, fromMs: number): { verdict: Verdict; decision: Decision; why: Reason[] } | null {
  if (!LIVE_STATES.has(plan.state)) return null;
  const last = plan.volumes[plan.volumes.length - 1];
  if (last && Date.parse(last.timeEnd) <= fromMs) return null;
  reusePrepared(ctx, plan);
  const c = candidateFromPlan(plan, ctx.airspace.routeBuffers);
  if (plan.state === 'pending') {
    // decided as a filing is (its quote, its suggestions' prices): this decision replaces the one it was filed with
    const decision = withQuote(
      ctx,
      c,
      evaluatePlan(ctx.airspace, c, {
        nowMs: ctx.clock(),
        who: whoFiles(ctx, filerOfPlan(plan), plan.input, c),
        whoFor: (p) => whoFiles(ctx, filerOfPlan(plan), plan.input, p),
        priceSuggestion: suggestionPricer(ctx, c),
      }),
    );
    const why = decision.reasons.filter((r) => r.effect === 'reject');
    return { verdict: decision.outcome === 'rejected' ? 'reject' : 'unchanged', decision, why };
  }
  // a booked plan is judged on what is still ahead of it: volumes flown already, and an airborne flight's take-off, are behind it
  const cut = Math.max(fromMs, ctx.clock());
  const ahead = c.prepared.map((_, i) => i).filter((i) => c.prepared[i].endMs > cut);
  if (!ahead.length) return null;
  // (what is ahead is no longer the whole route: it is judged as volumes)
  const remaining = { ...c, route: undefined, volumes: ahead.map((i) => c.volumes[i]), prepared: ahead.map((i) => c.prepared[i]), ...(plan.state === 'active' ? { departure: undefined } : {}) };
  // the airspace's own rules only: booked plans were decided against each other when they were booked
  const decision = renumber(evaluatePlan(ctx.airspace, remaining, { nowMs: ctx.clock(), traffic: false, suggest: false }), ahead);
  const refused = decision.reasons.filter((r) => r.effect === 'reject' && AIRSPACE_REJECTS.has(r.code));
  if (refused.length) return { verdict: 'revoke', decision, why: refused };
  // an aircraft in the air is not sent back to the queue: it is told, and an operator may act
  if (plan.state === 'active') return { verdict: 'unchanged', decision, why: [] };
  const given = new Set(plan.decision.reasons.filter((r) => r.effect === 'approval').map(key));
  const needs = decision.reasons.filter((r) => r.effect === 'approval' && AIRSPACE_APPROVALS.has(r.code) && !given.has(key(r)));
  return needs.length ? { verdict: 'suspend', decision, why: needs } : { verdict: 'unchanged', decision, why: [] };
}
