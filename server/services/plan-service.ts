/** Submitting, checking and reading flight plans. */
import { createHash } from 'node:crypto';
import { rememberPrepared } from '../../shared/airspace/prepared-cache.js';
import { isEmergency } from '../../shared/domain/categories.js';
import { candidateFromInput, type CandidatePlan } from '../../shared/rules/airspace-state.js';
import { evaluatePlan } from '../../shared/rules/evaluate-plan.js';
import { validatePlanInput } from '../../shared/rules/validate-plan.js';
import type { Decision } from '../../shared/schemas/decision.js';
import type { FlightPlanInput } from '../../shared/schemas/flight-plan.js';
import type { FlightPlan } from '../../shared/schemas/flight-plan-record.js';
import type { BBox } from '../../shared/geo/types.js';
import { ApiError, problemCode } from '../errors.js';
import { isUniqueViolation } from '../store/sql-db.js';
import { withList } from '../store/document-json.js';
import { companyOf, type Principal } from '../policy/actor.js';
import { assertAllowed, assertCanReadPlan, listingScope } from '../policy/access-policy.js';
import { candidateFromPlan, iso, serialised, type ServiceContext } from './context.js';
import { commit, transition, type PlanChange } from './unit-of-work.js';
import { filerOf, reviewPreemption, whoFiles } from './who-files.js';
import { suggestionPricer, withQuote } from './pricing-service.js';

export const SYSTEM = 'system';

function validated(ctx: ServiceContext, input: FlightPlanInput): void {
  const problems = validatePlanInput(input, ctx.clock());
  if (problems.length) throw new ApiError(problemCode(problems[0].code), problems.map((p) => `${p.path ? `${p.path}: ` : ''}${p.message}`).join('; '), problems);
}

/** Pending plans whose volumes conflict with the candidate's (competing requests). */
export function competingWith(ctx: ServiceContext, c: CandidatePlan): string[] {
  const ids = new Set<string>();
  for (const v of c.prepared) for (const e of ctx.pending.conflicts(v)) if (e.ownerId !== c.id) ids.add(e.ownerId);
  return [...ids].sort();
}

/** The plan as answered: competing requests are derived now, never stored stale. */
export function present(ctx: ServiceContext, p: FlightPlan): FlightPlan {
  // a plan that is not pending competes with nothing: as stored (and sent as the text it was stored with)
  if (p.state !== 'pending' && p.competing?.length === 0) return p;
  // a pending plan as stored (competing nothing) is sent as its stored text with the list written in
  return withList(p, 'competing', p.state === 'pending' ? competingWith(ctx, candidateFromPlan(p)) : []);
}

export function checkPlan(ctx: ServiceContext, principal: Principal, input: FlightPlanInput) {
  assertAllowed(principal, 'plan.check');
  ctx.beforeDecision?.();
  validated(ctx, input);
  const c = candidateFromInput(input, ctx.airspace.routeBuffers);
  const who = whoFiles(ctx, filerOf(principal), input, c);
  c.priority = who.priority;
  const whoFor = whoFilesFor(ctx, principal, input);
  const decision = withQuote(ctx, c, reviewPreemption(ctx, filerOf(principal), who, evaluatePlan(ctx.airspace, c, { nowMs: ctx.clock(), who, whoFor, priceSuggestion: suggestionPricer(ctx, c) })));
  return {
    decision,
    volumes: c.volumes,
    priority: c.priority,
    station: { id: decision.routing.stationId, kind: decision.routing.stationKind },
    competing: decision.outcome === 'pending' ? competingWith(ctx, c) : [],
  };
}

/** What the audit keeps of a decision: outcome, coded reasons with their refs, conflicts, station. */
export function decisionSummary(d: Decision) {
  return {
    outcome: d.outcome,
    station: d.routing.stationId,
    reasons: d.reasons.filter((r) => r.effect !== 'info' || r.code === 'ROUTED_TO_STATION').map((r) => (r.ref ? `${r.code}:${r.ref}` : r.code)),
    conflicts: [...new Set(d.conflicts.map((c) => `${c.kind}:${c.id}`))],
    preempted: d.preempted,
  };
}

export const requestHash = (body: unknown) => createHash('sha256').update(JSON.stringify(body)).digest('hex');

export interface Submission {
  status: number;
  body: unknown;
}

export function submitPlan(ctx: ServiceContext, principal: Principal, input: FlightPlanInput, idempotencyKey?: string): Submission {
  assertAllowed(principal, 'plan.submit');
  ctx.beforeDecision?.();
  const early = replayed(ctx, principal.id, idempotencyKey, input);
  if (early) return early;
  validated(ctx, input);
  const now = ctx.clock();
  const id = ctx.plans.nextId();
  const c = candidateFromInput(input, ctx.airspace.routeBuffers, id);
  rememberPrepared(c.volumes, c.prepared);
  // decided and written with every overlapping decision serialised (servers sharing a database)
  try {
    return serialised(ctx, c, () => {
      // looked at again once the airspace is ours: another server may have decided the same key while this one waited
      const late = replayed(ctx, principal.id, idempotencyKey, input);
      if (late) return late;
      const who = whoFiles(ctx, filerOf(principal), input, c);
      c.priority = who.priority;
      const whoFor = whoFilesFor(ctx, principal, input);
      const decision: Decision = withQuote(
        ctx,
        c,
        reviewPreemption(ctx, filerOf(principal), who, evaluatePlan(ctx.airspace, c, { nowMs: now, who, whoFor, priceSuggestion: suggestionPricer(ctx, c) })),
      );
      const emergency = isEmergency(input.mission);
      const plan: FlightPlan = {
        id,
        state: decision.outcome,
        priority: c.priority,
        emergency,
        deadline: input.deadline ?? iso(Math.min(...c.prepared.map((v) => v.startMs))),
        station: { id: decision.routing.stationId, kind: decision.routing.stationKind },
        districts: decision.routing.districts,
        // the plan belongs to the company the filer acts for (never an operatorId on another role)
        ...(companyOf(principal) ? { operatorId: companyOf(principal) } : {}),
        submittedBy: principal.id,
        aircraft: { ...input.aircraft },
        mission: input.mission,
        volumes: c.volumes,
        decision,
        competing: [],
        input,
        createdAt: iso(now),
        updatedAt: iso(now),
        version: 1,
      };
      const decidedBy = decision.outcome === 'approved' ? `${SYSTEM}:auto-approval@${plan.station.id}` : SYSTEM;
      const changes: PlanChange[] = [
        {
          plan,
          isNew: true,
          audit: [
            { actor: principal.id, action: 'submit', toState: null },
            { actor: decidedBy, action: 'decide', toState: plan.state, reason: decision.reasons.map((r) => r.code).join(','), details: decisionSummary(decision) },
          ],
          event: { kind: 'submitted', payload: { outcome: decision.outcome } },
        },
      ];
      if (decision.outcome === 'approved') changes.push(...preemptions(ctx, id, c.priority, decision.preempted));
      // the answer once the plan is written (its stored text is then known, and its answer made from it)
      let body: FlightPlan | undefined;
      commit(
        ctx,
        changes,
        idempotencyKey === undefined
          ? undefined
          : () => {
              body = present(ctx, plan);
              remember(ctx, principal.id, idempotencyKey, input, body, iso(now));
            },
      );
      return { status: 201, body: body ?? present(ctx, plan) };
    });
  } catch (e) {
    // another server wrote this key meanwhile: its answer (the same request), or a conflict
    if (!(e instanceof KeyTaken)) throw e;
    const answered = replayed(ctx, principal.id, idempotencyKey, input);
    if (answered) return answered;
    throw new ApiError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used by another request at the same time');
  }
}

/** Who files, as the engine asks it of each shifted plan it tries (suggestions). */
function whoFilesFor(ctx: ServiceContext, principal: Principal, input: FlightPlanInput): (p: CandidatePlan) => ReturnType<typeof whoFiles> {
  return (p) => whoFiles(ctx, filerOf(principal), input, p);
}

/** The answer already given to this key (none without a key), or null; the same key with another request is a conflict. */
function replayed(ctx: ServiceContext, principalId: string, key: string | undefined, input: FlightPlanInput): Submission | null {
  if (key === undefined) return null;
  const seen = ctx.idempotency.get(principalId, key);
  if (!seen) return null;
  if (seen.requestHash !== requestHash(input)) throw new ApiError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with a different request');
  return { status: seen.status, body: seen.response };
}

/** The key was written by another server while this one decided: nothing of this decision is written. */
class KeyTaken extends Error {}

/** Records the answer under its key; a key taken meanwhile rolls this decision back (KeyTaken). */
function remember(ctx: ServiceContext, principalId: string, key: string, input: FlightPlanInput, body: unknown, at: string): void {
  try {
    ctx.idempotency.put(principalId, key, requestHash(input), 201, body, at);
  } catch (e) {
    if (isUniqueViolation(e)) throw new KeyTaken(`Idempotency-Key ${key} taken`);
    throw e;
  }
}

/** Lower-priority plans overridden by an approval: revoked and told to re-plan. */
export function preemptions(ctx: ServiceContext, byId: string, byPriority: number, ids: string[]): PlanChange[] {
  return ids
    .map((pid) => ctx.plans.get(pid))
    .filter((p): p is FlightPlan => !!p)
    .map((p) => {
      const ch = transition(
        ctx,
        p,
        'revoke',
        SYSTEM,
        `preempted by higher-priority plan ${byId} (priority ${byPriority} > ${p.priority}): re-plan`,
        {},
        { code: 'preempted', params: { planId: byId, priority: byPriority } },
      );
      ch.event = { kind: 'preempted', payload: { by: byId } };
      return ch;
    });
}

export function getPlan(ctx: ServiceContext, principal: Principal, id: string): FlightPlan {
  const p = ctx.plans.get(id);
  if (!p) throw new ApiError('NOT_FOUND', `no flight plan ${id}`);
  assertCanReadPlan(principal, p, ctx.jurisdiction);
  return present(ctx, p);
}

/** The append-only audit trail of a plan, for those who may read the plan. */
export function planHistory(ctx: ServiceContext, principal: Principal, id: string) {
  getPlan(ctx, principal, id);
  return ctx.audit.forSubject('plan', id);
}

export interface ListQuery {
  state?: string[];
  stationId?: string;
  bbox?: BBox;
  limit?: number;
  /** newest first (with a limit: the newest); default oldest first */
  order?: 'oldest' | 'newest';
}

export function listPlans(ctx: ServiceContext, principal: Principal, q: ListQuery): FlightPlan[] {
  const scope = listingScope(principal, ctx.jurisdiction, q.stationId);
  const plans = ctx.plans.list({ states: q.state, ...scope, bbox: q.bbox, limit: q.limit ?? 500, newestFirst: q.order === 'newest' }).map((p) => present(ctx, p));
  // the operator's queue: emergencies first, then by deadline
  if (q.state?.length === 1 && q.state[0] === 'pending') {
    plans.sort((a, b) => Number(b.emergency) - Number(a.emergency) || (a.deadline ?? '').localeCompare(b.deadline ?? '') || a.id.localeCompare(b.id));
  }
  return plans;
}
