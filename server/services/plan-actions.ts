/** Operator and pilot actions on a plan: approve, reject, activate, complete, cancel. */
import { evaluatePlan } from '../../shared/rules/evaluate-plan.js';
import type { FlightPlan, StateCause } from '../../shared/schemas/flight-plan-record.js';
import { ApiError } from '../errors.js';
import type { Actor } from '../policy/actor.js';
import { assertCanDecide, assertCanFly } from '../policy/access-policy.js';
import { candidateFromPlan, serialised, type ServiceContext } from './context.js';
import { competingWith, decisionSummary, preemptions, present, SYSTEM } from './plan-service.js';
import { commit, transition, type PlanChange } from './unit-of-work.js';
import { filerOf, filerOfPlan, whoFiles } from './who-files.js';
import { recheckPlan } from './edition-recheck.js';
import { companyOf, isSystem } from '../policy/actor.js';
import { AlertRepo, type StoredAlert } from '../store/alert-repo.js';
import { suggestionPricer, withQuote } from './pricing-service.js';

export type PlanVerb = 'approve' | 'reject' | 'activate' | 'complete' | 'cancel';

function load(ctx: ServiceContext, id: string): FlightPlan {
  const p = ctx.plans.get(id);
  if (!p) throw new ApiError('NOT_FOUND', `no flight plan ${id}`);
  return p;
}

const planEnd = (p: FlightPlan) => Math.max(...p.volumes.map((v) => Date.parse(v.timeEnd)));

/** A person's (or a system actor's) action on a plan; `cause`: a system actor's reason as a code (`reason` then is its English gloss). */
export function actOnPlan(ctx: ServiceContext, principal: Actor, id: string, verb: PlanVerb, reason?: string, cause?: StateCause): FlightPlan {
  ctx.beforeDecision?.();
  if (!ctx.serialise) return act(ctx, principal, id, verb, reason, cause);
  // a plan's volumes and landing points never change: they name the airspace the action is serialised on (servers sharing a database)
  return serialised(ctx, candidateFromPlan(load(ctx, id)), () => act(ctx, principal, id, verb, reason, cause));
}

function act(ctx: ServiceContext, principal: Actor, id: string, verb: PlanVerb, reason?: string, cause?: StateCause): FlightPlan {
  const plan = load(ctx, id);
  if (verb === 'approve' || verb === 'reject') assertCanDecide(principal, plan, ctx.jurisdiction);
  else assertCanFly(principal, plan, ctx.jurisdiction);
  const now = ctx.clock();
  let changes: PlanChange[];
  switch (verb) {
    case 'approve':
      changes = approve(ctx, principal, plan, reason, cause);
      break;
    case 'reject': {
      if (!reason?.trim()) throw new ApiError('REASON_REQUIRED', 'a rejection needs a reason');
      changes = [transition(ctx, plan, 'reject', principal.id, reason, {}, cause)];
      break;
    }
    case 'activate': {
      const ch = transition(ctx, plan, 'activate', principal.id, reason, { conformance: 'conforming' }, cause);
      if (planEnd(plan) < now) throw new ApiError('PLAN_EXPIRED', `plan ${id} ended at ${new Date(planEnd(plan)).toISOString()}`);
      assertMayFlyNow(ctx, principal, plan);
      changes = [ch];
      break;
    }
    case 'complete':
      changes = [transition(ctx, plan, 'complete', principal.id, reason, {}, cause)];
      break;
    case 'cancel':
      changes = [transition(ctx, plan, 'cancel', principal.id, reason ?? 'cancelled', {}, cause ?? (reason ? undefined : { code: 'cancelled' }))];
      break;
  }
  const competitors = verb === 'approve' ? competingWith(ctx, candidateFromPlan(plan)) : [];
  commit(ctx, changes);
  if (competitors.length) recheckPending(ctx, competitors, `approval of ${plan.id}`, { code: 'recheck-approval', params: { planId: plan.id } });
  return present(ctx, changes[0].plan);
}

/**
 * An operator's approval: the plan is checked again against the airspace as it is now. It may
 * override lower-priority plans (revoked, told to re-plan); competing pending plans are re-checked
 * and rejected when they now conflict.
 */
function approve(ctx: ServiceContext, principal: Actor, plan: FlightPlan, reason?: string, cause?: StateCause): PlanChange[] {
  const now = ctx.clock();
  if (plan.state === 'pending' && planEnd(plan) < now) throw new ApiError('PLAN_EXPIRED', `plan ${plan.id} has already ended`);
  const c = candidateFromPlan(plan, ctx.airspace.routeBuffers);
  // the filer is checked again (a licence or policy may have lapsed); an operator's approval verifies an emergency
  const who = whoFiles(ctx, filerOfPlan(plan), plan.input, c, true);
  c.priority = who.priority;
  const decision = withQuote(
    ctx,
    c,
    evaluatePlan(ctx.airspace, c, { nowMs: now, who, whoFor: (p) => whoFiles(ctx, filerOfPlan(plan), plan.input, p, true), priceSuggestion: suggestionPricer(ctx, c) }),
  );
  // the airspace may have changed since filing (e.g. a flight is now airborne there): the station it routes to now decides
  if (decision.routing.stationId !== plan.station.id) assertCanDecide(principal, { ...plan, station: { id: decision.routing.stationId, kind: decision.routing.stationKind } }, ctx.jurisdiction);
  const first = transition(ctx, plan, 'approve', principal.id, reason ?? 'approved by operator', {}, cause ?? (reason ? undefined : { code: 'approved' }));
  if (decision.outcome === 'rejected') {
    throw new ApiError(
      'NOT_APPROVABLE',
      `plan ${plan.id} can no longer be approved: ${decision.reasons
        .filter((r) => r.effect === 'reject')
        .map((r) => r.message)
        .join('; ')}`,
      decision,
    );
  }
  first.plan.decision = { ...decision, outcome: 'approved' };
  first.audit[0].details = { ...decisionSummary(decision), ...(c.priority !== plan.priority ? { priority: { from: plan.priority, to: c.priority } } : {}) };
  first.plan.priority = c.priority;
  return [first, ...preemptions(ctx, plan.id, c.priority, decision.preempted), ...yieldRequests(ctx, principal, plan.id, c.priority, decision)];
}

/**
 * A pilot who takes off is checked as a filer is, now: its own licence (whoever filed), the
 * aircraft's registration and insurance, the company's standing (credit, suspension). An
 * operator's or the monitor's activation is a record of what happened, not a permission.
 */
function assertMayFlyNow(ctx: ServiceContext, actor: Actor, plan: FlightPlan): void {
  if (isSystem(actor) || !companyOf(actor) || ctx.registryMode !== 'enforce') return;
  const findings = whoFiles(ctx, filerOf(actor), plan.input, candidateFromPlan(plan), true).reasons.filter((r) => r.effect === 'reject');
  if (findings.length) throw new ApiError('PLAN_NOT_FLYABLE', `you may not fly plan ${plan.id} now: ${findings.map((r) => r.message).join('; ')}`, { reasons: findings });
}

/**
 * Airborne flights an approval conflicts with are asked to yield (never revoked): audited on each,
 * a `yield` alert stored in the approval's transaction (to the flight's station and company), and
 * told over the stream at the next tick, where the aircraft then is.
 */
function yieldRequests(ctx: ServiceContext, principal: Actor, byId: string, byPriority: number, decision: ReturnType<typeof evaluatePlan>): PlanChange[] {
  const at = new Date(ctx.clock()).toISOString();
  const alerts = AlertRepo.for(ctx.db);
  return [...new Set(decision.reasons.filter((r) => r.code === 'ACTIVE_FLIGHT_CONFLICT' && r.ref).map((r) => r.ref as string))]
    .map((id) => ctx.plans.get(id))
    .filter((p): p is FlightPlan => p?.state === 'active')
    .map((p) => {
      const v = p.volumes[0];
      const centre = v ? (v.outline.type === 'Circle' ? v.outline.center : v.outline.coordinates[0][0]) : [0, 0];
      const alert: StoredAlert = {
        id: alerts.nextId(),
        kind: 'yield',
        severity: 'critical',
        stationId: p.station.id,
        lng: centre[0],
        lat: centre[1],
        altitudeM: v?.altitudeLowerM ?? 0,
        message: `yield: plan ${byId} of higher priority was approved through your airspace; give way as the station instructs`,
        raisedAt: at,
        trackId: p.id,
        planId: p.id,
      };
      return {
        plan: { ...p, updatedAt: at, version: p.version + 1 },
        isNew: false,
        audit: [
          { actor: principal.id, action: 'yield-requested', fromState: p.state, toState: p.state, reason: `plan ${byId} (priority ${byPriority}) was approved through this flight's airspace: yield` },
        ],
        event: { kind: 'yield', payload: { by: byId, alertId: alert.id } },
        alerts: [alert],
      };
    });
}

/** Re-check pending plans after the airspace changed; those that can no longer be approved are rejected with the new decision. */
export function recheckPending(ctx: ServiceContext, ids: string[], cause: string, stateCause: StateCause): void {
  const changes: PlanChange[] = [];
  for (const id of [...new Set(ids)].sort()) {
    const other = ctx.plans.get(id);
    if (!other || other.state !== 'pending') continue;
    const r = recheckPlan(ctx, other, -Infinity);
    if (r?.verdict !== 'reject') continue;
    const ch = transition(ctx, other, 'reject', SYSTEM, `re-checked after ${cause}: ${r.why.map((x) => x.message).join('; ')}`, {}, stateCause);
    ch.plan.decision = r.decision;
    ch.audit[0].details = decisionSummary(r.decision);
    ch.event = { kind: 'rechecked', payload: { cause } };
    changes.push(ch);
  }
  if (changes.length) commit(ctx, changes);
}

/** The monitor's verdicts on flying plans: conforming or nonconforming (no change of state), one transaction a plan (under its locks where servers share a database). */
export function markConformance(ctx: ServiceContext, verdicts: Map<string, { conformance: 'conforming' | 'nonconforming'; why: string }>): void {
  const at = new Date(ctx.clock()).toISOString();
  const changed = (plan: FlightPlan | null, v: { conformance: 'conforming' | 'nonconforming' }): plan is FlightPlan => plan !== null && plan.state === 'active' && plan.conformance !== v.conformance;
  const change = (plan: FlightPlan, v: { conformance: 'conforming' | 'nonconforming'; why: string }): PlanChange => ({
    plan: { ...plan, conformance: v.conformance, updatedAt: at, version: plan.version + 1 },
    isNew: false,
    audit: [{ actor: 'system:monitor', action: 'conformance', fromState: plan.state, toState: plan.state, reason: v.why }],
    event: { kind: 'conformance', payload: { conformance: v.conformance } },
  });
  for (const [id, v] of verdicts) {
    const known = ctx.plans.get(id);
    if (!changed(known, v)) continue;
    // where servers share a database: read again and written under the plan's locks (another server may change it meanwhile)
    serialised(ctx, candidateFromPlan(known), () => {
      const plan = ctx.serialise ? ctx.plans.get(id) : known;
      if (changed(plan, v)) commit(ctx, [change(plan, v)]);
    });
  }
}
