/**
 * An edition taking effect: its accepted changes switch the in-memory airspace, every plan they
 * touch is re-checked against the new airspace, and the edition, the landing-point rows, the
 * plans' changes and the audit are written in one transaction — if it fails the switch is undone.
 * Previewing runs the same steps and undoes them without writing anything.
 */
import { afterCommit, onRollback } from '../cluster/change-notes.js';
import { applyChanges, changeRef } from '../../shared/airspace/edition-changes.js';
import { putZone } from '../../shared/rules/airspace-state.js';
import { patchLandingPoint } from '../../shared/rules/patch-landing-point.js';
import type { Edition, EditionChange, EditionOutcome } from '../../shared/schemas/edition.js';
import type { LandingPoint } from '../../shared/schemas/landing-point.js';
import type { Zone } from '../../shared/schemas/zone.js';
import type { PlanEvent } from '../store/misc-repos.js';
import { airspaceChanged, alone, iso, type ServiceContext } from './context.js';
import { LIVE_STATES, plansTouchingZone, recheckPlan } from './edition-recheck.js';
import { editionState, refreshNextDue, zonesNow } from './edition-state.js';
import { MIN_SEPARATION_M, newLandingPoint, repoOf } from './landing-point-service.js';
import { decisionSummary, SYSTEM } from './plan-service.js';
import { commit, transition, type PlanChange } from './unit-of-work.js';

interface Switched {
  applied: EditionChange[];
  skipped: EditionOutcome['skipped'];
  /** per applied change, the plans it touches */
  touched: Map<number, string[]>;
  points: { created: LandingPoint[]; changed: LandingPoint[]; retired: string[] };
  /** landing points as they were before the edition changed or retired them */
  pointsBefore: LandingPoint[];
  undo: () => void;
}

/** Why a new landing point cannot be added now (its id was used, or a point is too close), or null. */
function pointClash(ctx: ServiceContext, p: LandingPoint): string | null {
  if (repoOf(ctx).get(p.id)) return `landing point id ${p.id} is taken (a point in service or retired)`;
  const near = ctx.airspace.landingPoints.within(p.location, MIN_SEPARATION_M)[0];
  return near ? `${near.value.id} is ${Math.round(near.distanceM)} m away` : null;
}

/** Switches the in-memory airspace to the edition's; returns what it did and how to undo it. */
function switchAirspace(ctx: ServiceContext, e: Edition, fromMs: number): Switched {
  const before = zonesNow(ctx);
  const index = ctx.airspace.landingPoints;
  const checked = applyChanges(before, new Set(index.values().map((p) => p.id)), e.changes);
  const skipped = [...checked.skipped];
  const applied: EditionChange[] = [];
  const touched = new Map<number, string[]>();
  const undo: (() => void)[] = [];
  const points: Switched['points'] = { created: [], changed: [], retired: [] };
  const pointsBefore: LandingPoint[] = [];
  const running = new Map(before); // zones as the changes so far leave them
  const restoreZone = (id: string, old: Zone | undefined) => undo.push(() => (old ? putZone(ctx.airspace, old) : ctx.airspace.zones.remove(id)));
  const restorePoint = (id: string, old: LandingPoint | undefined) => undo.push(() => (old ? index.insert(old) : index.remove(id)));
  const undoAll = () => {
    for (const f of undo.reverse()) f();
  };
  try {
    for (const c of checked.applied) {
      if (c.op === 'zone.add' || c.op === 'zone.change' || c.op === 'zone.withdraw') {
        const id = changeRef(c);
        const old = running.get(id);
        // the plans the old zone touched, found while its outline is known
        if (old) touched.set(c.index, plansTouchingZone(ctx, old, fromMs));
        restoreZone(id, old);
        if (c.op === 'zone.withdraw') {
          ctx.airspace.zones.remove(id);
          running.delete(id);
        } else {
          putZone(ctx.airspace, c.zone);
          running.set(id, c.zone);
        }
      } else if (c.op === 'landing-point.add') {
        const p = newLandingPoint(ctx, c.landingPoint);
        const clash = pointClash(ctx, p);
        if (clash) {
          skipped.push({ index: c.index, why: clash });
          continue;
        }
        restorePoint(p.id, undefined);
        index.insert(p);
        points.created.push(p);
      } else {
        const old = index.get(c.landingPointId) as LandingPoint;
        if (!pointsBefore.some((p) => p.id === old.id)) pointsBefore.push(old);
        restorePoint(old.id, old);
        touched.set(c.index, repoOf(ctx).plansUsing(old.id, [...LIVE_STATES]));
        if (c.op === 'landing-point.change') {
          const p = patchLandingPoint(old, c.patch);
          index.insert(p);
          points.changed.push(p);
        } else {
          index.remove(old.id);
          points.retired.push(old.id);
        }
      }
      applied.push(c);
    }
    for (const c of applied) if (c.op === 'zone.add' || c.op === 'zone.change') touched.set(c.index, [...new Set([...(touched.get(c.index) ?? []), ...plansTouchingZone(ctx, c.zone, fromMs)])].sort());
  } catch (err) {
    undoAll();
    throw err;
  }
  skipped.sort((a, b) => a.index - b.index);
  return { applied, skipped, touched, points, pointsBefore, undo: undoAll };
}

interface Rechecked {
  outcome: EditionOutcome;
  changes: PlanChange[];
  /** booked plans that stay as they are: told, not changed */
  unchangedBooked: string[];
}

function recheckAll(ctx: ServiceContext, ids: Iterable<string>, fromMs: number, label: string, e: Edition): Rechecked {
  const outcome: EditionOutcome = { rechecked: 0, revoked: [], suspended: [], rejected: [], unchanged: [], skipped: [] };
  const changes: PlanChange[] = [];
  const unchangedBooked: string[] = [];
  for (const id of [...new Set(ids)].sort()) {
    const plan = ctx.plans.get(id);
    if (!plan) continue;
    const r = recheckPlan(ctx, plan, fromMs);
    if (!r) continue;
    outcome.rechecked++;
    const why = r.why.map((x) => x.message).join('; ');
    if (r.verdict === 'unchanged') {
      outcome.unchanged.push(id);
      if (plan.state === 'pending') {
        // the queue shows the operator the decision as the new airspace makes it
        changes.push({
          plan: { ...plan, decision: r.decision, updatedAt: iso(ctx.clock()), version: plan.version + 1 },
          isNew: false,
          audit: [{ actor: SYSTEM, action: 'recheck', fromState: plan.state, toState: plan.state, reason: label, details: decisionSummary(r.decision) }],
          event: { kind: 'rechecked', payload: { cause: label, outcome: 'unchanged' } },
        });
      } else unchangedBooked.push(id);
      continue;
    }
    const action = r.verdict;
    (action === 'revoke' ? outcome.revoked : action === 'suspend' ? outcome.suspended : outcome.rejected).push(id);
    const ch = transition(ctx, plan, action, SYSTEM, `${label}: ${why}`, {}, { code: 'airspace-edition', params: { edition: e.number ?? e.id, ...(e.title ? { title: e.title } : {}) } });
    ch.plan.decision = r.decision;
    ch.audit[0].details = decisionSummary(r.decision);
    ch.event = { kind: 'rechecked', payload: { cause: label, outcome: ch.plan.state } };
    changes.push(ch);
  }
  return { outcome, changes, unchangedBooked };
}

const labelOf = (e: Edition) => `airspace edition ${e.number ?? e.id}${e.title ? ` (${e.title})` : ''}`;

/** What taking effect now would do: the plans each accepted change touches and their verdicts. Writes nothing. */
export function previewEdition(ctx: ServiceContext, e: Edition, fromMs: number) {
  const s = switchAirspace(ctx, e, fromMs);
  try {
    const r = recheckAll(ctx, [...s.touched.values()].flat(), fromMs, labelOf(e), e);
    return {
      editionId: e.id,
      atMs: fromMs,
      changes: s.applied.map((c) => ({ index: c.index, op: c.op, ref: changeRef(c), plans: s.touched.get(c.index) ?? [] })),
      outcome: { ...r.outcome, skipped: s.skipped },
    };
  } finally {
    s.undo();
  }
}

/** The edition takes effect now (its effective time has come): atomically, as described above. */
export function applyEdition(ctx: ServiceContext, e: Edition): Edition {
  // an edition applied late (the server was stopped) re-checks what is still ahead, not what has ended since
  const fromMs = Math.max(Date.parse(e.effectiveAt ?? iso(ctx.clock())), ctx.clock());
  const s = switchAirspace(ctx, e, fromMs);
  const label = labelOf(e);
  const at = iso(ctx.clock());
  const actor = `edition:${e.number}`;
  const notices: PlanEvent[] = [];
  let committed = false;
  let done: Edition | null = null;
  try {
    const r = recheckAll(ctx, [...s.touched.values()].flat(), fromMs, label, e);
    const out: Edition = { ...e, status: 'effective', appliedAt: at, outcome: { ...r.outcome, skipped: s.skipped }, ...(s.pointsBefore.length ? { pointsBefore: s.pointsBefore } : {}) };
    done = out;
    commit(ctx, r.changes, () => {
      const repo = repoOf(ctx);
      for (const p of s.points.created) repo.insert(p, at);
      for (const p of s.points.changed) repo.update(p, at);
      for (const id of s.points.retired) repo.retire(id, at);
      for (const c of s.applied)
        ctx.audit.append({ at, actor, subjectKind: c.op.startsWith('zone.') ? 'zone' : 'landing-point', subjectId: changeRef(c), action: c.op.split('.')[1], reason: label, details: c });
      for (const id of r.unchangedBooked) {
        const p = ctx.plans.get(id);
        if (!p) continue;
        const seq = ctx.audit.append({ at, actor: SYSTEM, subjectKind: 'plan', subjectId: id, action: 'recheck', fromState: p.state, toState: p.state, reason: label });
        notices.push({ seq, at, kind: 'rechecked', planId: id, stationId: p.station.id, operatorId: p.operatorId, payload: { state: p.state, cause: label, outcome: 'unchanged' } });
      }
      editionState(ctx).repo.put(out);
      ctx.audit.append({ at, actor, subjectKind: 'edition', subjectId: e.id, action: 'effective', reason: label, details: out.outcome });
      committed = true; // the last step inside the transaction
      // inside a larger one (servers sharing a database): if that one rolls back, so does the switch
      onRollback(ctx.db, () => s.undo());
    });
  } catch (err) {
    // only an edition that was not written is undone; after the commit, memory already matches the database
    if (!committed) {
      s.undo();
      throw err;
    }
  }
  // inside a larger transaction (servers sharing a database): told once that one has committed
  afterCommit(ctx.db, () => {
    for (const n of notices) for (const l of ctx.listeners) l(n);
  });
  airspaceChanged(ctx, 'zones');
  airspaceChanged(ctx, 'landing-points');
  return done as Edition;
}

/** An edition that could not take effect: marked failed with the reason (so it never blocks decisions), audited. */
function failEdition(ctx: ServiceContext, e: Edition, err: unknown): Edition {
  const why = err instanceof Error ? err.message : String(err);
  const failed: Edition = { ...e, status: 'failed', failure: why.slice(0, 500) };
  try {
    ctx.db.transaction(() => {
      editionState(ctx).repo.put(failed);
      ctx.audit.append({ at: iso(ctx.clock()), actor: `edition:${e.number}`, subjectKind: 'edition', subjectId: e.id, action: 'fail', reason: why.slice(0, 500) });
    })();
  } catch {
    // the store refuses writes: the edition stays scheduled and is tried again
  }
  return failed;
}

/**
 * Applies every scheduled edition whose time has come, in number order. Cheap when none is due.
 * Never throws: an edition that cannot take effect is marked failed, with the reason.
 */
export function applyDueEditions(ctx: ServiceContext, log?: (msg: string) => void): Edition[] {
  const st = editionState(ctx);
  const now = ctx.clock();
  if (now < st.nextDueMs || st.applying) return [];
  st.applying = true;
  const out: Edition[] = [];
  try {
    for (const listed of st.repo.published()) {
      if (listed.status !== 'scheduled') continue;
      if (Date.parse(listed.effectiveAt ?? '') > now) break;
      // alone across servers sharing a database: read again once up to date (another may have applied it)
      let stop = true;
      try {
        stop = alone(ctx, () => {
          const e = st.repo.get(listed.id);
          if (e?.status !== 'scheduled') return false;
          try {
            out.push(applyEdition(ctx, e));
          } catch (err) {
            const failed = failEdition(ctx, e, err);
            log?.(`airspace edition ${e.number} (${e.id}) could not take effect: ${failed.failure ?? ''}`);
            out.push(failed);
            if (failed.status !== 'failed') return true; // not recorded: stop here, keep the order, try again later
          }
          return false;
        });
      } catch (err) {
        log?.(`airspace editions could not be brought up to date: ${(err as Error).message}`); // the store is unreachable: try again later
      }
      if (stop) break;
    }
  } finally {
    st.applying = false;
    refreshNextDue(ctx);
  }
  return out;
}
