/**
 * One mechanism for every change of plans: write the new documents, their audit records and
 * events in one transaction, then bring the in-memory indexes in line and notify listeners.
 */
import { afterCommit, noteChange, onRollback } from '../cluster/change-notes.js';
import { bookPlan, releasePlan } from '../../shared/rules/airspace-state.js';
import { BOOKED_STATES, nextState, type PlanAction } from '../../shared/rules/plan-state-machine.js';
import type { FlightPlan, StateCause } from '../../shared/schemas/flight-plan-record.js';
import type { PlanState } from '../../shared/schemas/flight-plan.js';
import { ApiError } from '../errors.js';
import type { AuditRecord } from '../store/audit-repo.js';
import { inTransaction } from '../store/sql-db.js';
import type { PlanEvent } from '../store/misc-repos.js';
import { recordPlanChangesForUom } from '../uom/uom-outbox.js';
import { candidateFromPlan, iso, type ServiceContext } from './context.js';
import { AlertRepo, type StoredAlert } from '../store/alert-repo.js';
import { recordCharges } from './billing-service.js';

export interface PlanChange {
  plan: FlightPlan;
  isNew: boolean;
  audit: Omit<AuditRecord, 'at' | 'subjectKind' | 'subjectId'>[];
  event: { kind: string; payload?: unknown };
  /** alerts raised by the change, stored in its transaction (an approval asking an airborne flight to yield) */
  alerts?: StoredAlert[];
}

export function commit(ctx: ServiceContext, changes: PlanChange[], extra?: () => void): void {
  const at = iso(ctx.clock());
  const events: PlanEvent[] = [];
  inTransaction(ctx.db, () => {
    for (const c of changes) {
      if (c.isNew) ctx.plans.insert(c.plan);
      else ctx.plans.update(c.plan);
      // (Object.assign, not { ...a, at, … }: V8 makes a new hidden class for every object spread and then extended)
      const seq = ctx.audit.appendAll(c.audit.map((a) => Object.assign({}, a, { at, subjectKind: 'plan' as const, subjectId: c.plan.id })));
      for (const a of c.alerts ?? []) AlertRepo.for(ctx.db).insert(a);
      events.push({
        seq,
        at,
        kind: c.event.kind,
        planId: c.plan.id,
        stationId: c.plan.station.id,
        operatorId: c.plan.operatorId,
        payload: { state: c.plan.state, ...(c.event.payload as object | undefined) },
      });
    }
    for (const e of events) noteChange(ctx.db, { k: 'event', e }); // the other servers' streams tell it too
    recordPlanChangesForUom(ctx.db, changes, events); // the UOM outbox, in the same transaction
    recordCharges(ctx, changes, at); // charges and fees, in the same transaction
    extra?.();
  });
  for (const c of changes) syncIndexes(ctx, c.plan);
  // inside a larger transaction (a group of decisions, a decision under cluster locks) that rolls
  // back after all, the indexes follow the store again
  onRollback(ctx.db, () => {
    for (const c of changes) restoreIndexes(ctx, c.plan.id);
  });
  // listeners hear only of what is committed (inside a decision's transaction: once it commits)
  afterCommit(ctx.db, () => {
    for (const e of events) for (const l of ctx.listeners) l(e);
  });
}

/** Book, hold as pending, or drop a plan from the in-memory indexes according to its state. */
export function syncIndexes(ctx: ServiceContext, plan: FlightPlan): void {
  const c = candidateFromPlan(plan);
  if (BOOKED_STATES.includes(plan.state)) {
    ctx.pending.remove(plan.id);
    bookPlan(ctx.airspace, c, plan.state);
  } else if (plan.state === 'pending') {
    releasePlan(ctx.airspace, plan.id);
    ctx.pending.insert(plan.id, c.prepared, { id: plan.id, priority: plan.priority });
  } else {
    releasePlan(ctx.airspace, plan.id);
    ctx.pending.remove(plan.id);
  }
}

/** Puts a plan's place in the in-memory indexes back to what the store holds. */
export function restoreIndexes(ctx: ServiceContext, id: string): void {
  const stored = ctx.plans.get(id);
  if (stored) syncIndexes(ctx, stored);
  else {
    releasePlan(ctx.airspace, id);
    ctx.pending.remove(id);
  }
}

/**
 * A state change by the state machine, or 409 with the current state. `reason`: the words given
 * (audited); `cause`: the system's reason as a code (the words then are its English gloss).
 */
export function transition(ctx: ServiceContext, plan: FlightPlan, action: PlanAction, actor: string, reason?: string, patch: Partial<FlightPlan> = {}, cause?: StateCause): PlanChange {
  const to = nextState(plan.state, action);
  if (!to) throw new ApiError('INVALID_TRANSITION', `cannot ${action} a plan that is ${plan.state}`, { state: plan.state, action });
  // the words and cause of the change before are not this one's
  const { stateCause: _cause, stateReason: _reason, ...rest } = plan;
  // words without a cause are a person's (every system change gives its cause)
  const why: StateCause | undefined = cause ?? (reason ? { code: 'stated' } : undefined);
  // (the same members, in the same order, as { ...rest, ...patch, state, … } would give; Object.assign
  // because V8 makes a new hidden class for every object spread and then extended)
  const next: FlightPlan = Object.assign(
    {},
    rest,
    patch,
    { state: to as PlanState, updatedAt: iso(ctx.clock()), version: plan.version + 1 },
    reason ? { stateReason: reason } : {},
    why ? { stateCause: why } : {},
  );
  return { plan: next, isNew: false, audit: [{ actor, action, fromState: plan.state, toState: to, reason: reason ?? null }], event: { kind: action, payload: { reason } } };
}
