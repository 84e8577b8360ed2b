/**
 * Industry credit (行业信用体系): a company's score and tier from what it did, every change an
 * append-only event with its cause (rules: shared/rules/credit-tier.ts).
 *
 * Where events come from. The causes are durable records written in the transaction of the
 * change itself: a cancellation or completion is an audit record (unit of work), an alert a row
 * of `alerts` (live traffic), an approved plan past its window a plan row. The service reads
 * them in order behind cursors (credit_cursors) and writes the events and the advanced cursor
 * in one transaction, so nothing is counted twice (the cursor, and a unique (company, kind, ref))
 * and nothing is lost across a restart (catch-up at start reads whatever the cursor has not).
 * It reads:
 * - after every committed plan event of kind `cancel` (at once: the next decision sees it), and
 *   of kind `complete` when no live pipeline is attached;
 * - after every live tick: the tick's alerts, then completions (a completion is read only once a
 *   tick at or after it has persisted its alerts, so a flight that went off plan just before
 *   landing never earns the conforming bonus), then — once a minute of server time — the no-show
 *   sweep;
 * - before answering a read of a company's credit.
 * Scores are cached per company for the decision path (`effectFor`: a map lookup).
 */
import {
  applyDelta,
  beijingDay,
  cancellationKind,
  creditEffect,
  DEFAULT_CREDIT_RULES,
  tierOf,
  type CreditEventKind,
  type CreditReason,
  type CreditRules,
  type CreditTier,
} from '../../shared/rules/credit-tier.js';
import type { Credit, CreditAdjusted, CreditEvent } from '../../shared/schemas/credit.js';
import type { FlightPlan } from '../../shared/schemas/flight-plan-record.js';
import { ApiError } from '../errors.js';
import type { TickBatch } from '../live/live-traffic.js';
import { systemActor, type Actor, type Principal } from '../policy/actor.js';
import { CreditRepo, type StoredCreditEvent } from '../store/credit-repo.js';
import { iso, type ServiceContext } from './context.js';

export const CREDIT_ACTOR = 'system:credit';
/** the conformance monitor's actor id in the audit trail (it activates plans on their first airborne report and completes them on landing) */
const MONITOR_ID = systemActor('monitor', 'conformance monitor').id;

/** Access to credit records, decided by the policy module (server/policy/access-policy.ts). */
export interface CreditAccess {
  assertCanRead(actor: Actor, companyId: string): void;
  assertCanAdjust(actor: Principal, companyId: string): void;
}

export interface CreditServiceOptions {
  access: CreditAccess;
  rules?: CreditRules;
  /** whether a company is registered (unknown → 404); default: every id */
  companyExists?: (companyId: string) => boolean;
  /** a registered company's name, for those who read its credit (absent: not named) */
  companyName?: (companyId: string) => string | undefined;
  /** the live pipeline: its alerts are counted, and no-shows swept on its (server) time */
  live?: { listeners: Set<(b: TickBatch) => void> };
  /** how often the no-show sweep runs, in server time (default a minute) */
  sweepEveryMs?: number;
  /** where an error of the work after a tick goes (it is retried at the next tick) */
  onError?: (e: Error) => void;
  /** whether this server scores (of several sharing a database, the primary alone; default: yes) */
  active?: () => boolean;
}

const CHUNK = 2000;
/** explicit volumes may carry any UTC offset; the text of time_end is within this of its instant */
const OFFSET_SLACK_MS = 14 * 3600_000;

const planStartMs = (p: FlightPlan) => Math.min(...p.volumes.map((v) => Date.parse(v.timeStart)));
const planEndMs = (p: FlightPlan) => Math.max(...p.volumes.map((v) => Date.parse(v.timeEnd)));
const minutes = (ms: number) => `${Math.round(ms / 6000) / 10} min`;

interface Cause {
  companyId: string;
  kind: CreditEventKind;
  ref: string;
  at: string;
  reason: string;
  ruleDelta: number;
  actor: string;
  source?: string;
}

export class CreditService {
  readonly repo: CreditRepo;
  readonly rules: CreditRules;
  private readonly scores = new Map<string, number>();
  /** server time of the latest live tick; completions after it wait for the next one */
  private lastTickMs: number;
  private afterTick: ReturnType<typeof setImmediate> | null = null;
  private nextSweepMs = Number.NEGATIVE_INFINITY;
  private readonly sweepEveryMs: number;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly opts: CreditServiceOptions,
  ) {
    this.repo = new CreditRepo(ctx.db);
    this.rules = opts.rules ?? DEFAULT_CREDIT_RULES;
    this.sweepEveryMs = opts.sweepEveryMs ?? 60_000;
    this.lastTickMs = opts.live ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    ctx.listeners.add((e) => {
      // with the live pipeline a completion is read at its tick (below), so only cancellations here
      if (e.kind === 'cancel' || (e.kind === 'complete' && !opts.live)) this.catchUp();
    });
    // credit follows the tick without lengthening it: the work runs right after, off the tick's path
    // (reads catch up first, so nobody sees a stale score)
    opts.live?.listeners.add((b) => {
      this.lastTickMs = Math.max(this.lastTickMs, b.tMs);
      if (this.afterTick) return;
      this.afterTick = setImmediate(() => {
        this.afterTick = null;
        try {
          this.onTick({ tMs: this.lastTickMs });
        } catch (e) {
          // e.g. the database busy: nothing was written (one transaction); the next tick catches up
          opts.onError?.(e as Error);
        }
      });
    });
    this.catchUp();
  }

  // ── reading ────────────────────────────────────────────────────────────────────────────

  /** Forgets a company's cached score (it changed on another server sharing the database). */
  forget(companyId: string): void {
    this.scores.delete(companyId);
  }

  /** The company's score (cached; 800 before its first event). */
  scoreOf(companyId: string): number {
    this.settle();
    let s = this.scores.get(companyId);
    if (s === undefined) {
      s = this.repo.latestScore(companyId) ?? this.rules.start;
      if (this.scores.size >= 100_000) this.scores.clear();
      this.scores.set(companyId, s);
    }
    return s;
  }

  tier(companyId: string): CreditTier {
    return tierOf(this.scoreOf(companyId), this.rules);
  }

  /** What the company's tier does to its next plan: a reason for the decision, or null. */
  effectFor(companyId: string, plan: { emergency?: boolean } = {}): CreditReason | null {
    const score = this.scoreOf(companyId);
    return creditEffect(tierOf(score, this.rules), { companyId, score, emergency: plan.emergency }, this.rules);
  }

  /** GET /companies/:id/credit: score, tier, what the tier does, and the latest events. */
  credit(actor: Actor, companyId: string, limit = 200): Credit {
    this.settle();
    this.opts.access.assertCanRead(actor, companyId);
    this.assertExists(companyId);
    this.catchUp();
    const score = this.scoreOf(companyId);
    const tier = tierOf(score, this.rules);
    const effect = creditEffect(tier, { companyId, score }, this.rules);
    const { total, events } = this.repo.page(companyId, limit);
    const name = this.opts.companyName?.(companyId);
    return {
      companyId,
      ...(name ? { companyName: name } : {}),
      score,
      tier,
      effect: effect ? { code: effect.code, effect: effect.effect, message: effect.message } : null,
      total,
      events: events.map(view),
    };
  }

  /** The score replayed from the company's events (the rule deltas, bounded, from the start). */
  replay(companyId: string): { score: number; tier: CreditTier; events: number } {
    this.settle();
    let score = this.rules.start;
    const events = this.repo.all(companyId);
    for (const e of events) score = applyDelta(score, e.ruleDelta).score;
    return { score, tier: tierOf(score, this.rules), events: events.length };
  }

  // ── adjusting ──────────────────────────────────────────────────────────────────────────

  /** POST /companies/:id/credit/adjust: a delta with a reason, recorded as an event and in the audit trail. */
  adjust(actor: Principal, companyId: string, delta: number, reason: string): CreditAdjusted {
    this.settle();
    this.opts.access.assertCanAdjust(actor, companyId);
    this.assertExists(companyId);
    if (!Number.isInteger(delta) || delta === 0 || Math.abs(delta) > this.rules.maxAdjustment) {
      throw new ApiError('VALIDATION_FAILED', `delta must be a non-zero integer within ±${this.rules.maxAdjustment}`, { delta });
    }
    const why = reason.trim();
    if (!why) throw new ApiError('REASON_REQUIRED', 'an adjustment needs a reason');
    this.catchUp();
    const at = iso(this.ctx.clock());
    const written = this.write(() => {
      const ref = this.repo.nextAdjustmentRef();
      const out = this.record({ companyId, kind: 'adjustment', ref, at, reason: why, ruleDelta: delta, actor: actor.id });
      const last = out[out.length - 1];
      this.ctx.audit.append({
        at,
        actor: actor.id,
        subjectKind: 'company',
        subjectId: companyId,
        action: 'credit-adjust',
        reason: why,
        details: { ref, delta, applied: out[0]?.delta, scoreAfter: last?.scoreAfter, tierAfter: last?.tierAfter },
      });
      return out;
    });
    const score = this.scoreOf(companyId);
    return { companyId, score, tier: tierOf(score, this.rules), events: written.map(view) };
  }

  // ── hooks ──────────────────────────────────────────────────────────────────────────────

  /** After a live tick: its alerts and the completions before it; the no-show sweep once a minute of server time. */
  /** Runs the work a tick left for right after it, now (a read must not see a stale score). */
  settle(): void {
    if (!this.afterTick) return;
    clearImmediate(this.afterTick);
    this.afterTick = null;
    this.onTick({ tMs: this.lastTickMs });
  }

  /** Stops the deferred work (the app is closing; the database is about to close). */
  close(): void {
    if (this.afterTick) clearImmediate(this.afterTick);
    this.afterTick = null;
  }

  onTick(b: Pick<TickBatch, 'tMs'>): void {
    this.lastTickMs = Math.max(this.lastTickMs, b.tMs);
    if (this.opts.active && !this.opts.active()) return;
    this.catchUp();
    if (b.tMs >= this.nextSweepMs) {
      this.sweepNoShows(b.tMs);
      this.nextSweepMs = b.tMs + this.sweepEveryMs;
    }
  }

  /**
   * Reads what the cursors have not: alerts raised on companies' plans, then cancellations and
   * completions in the audit trail. Returns the number of events written. Never inside another
   * transaction (it would read uncommitted causes): it is then left for the next call.
   */
  catchUp(): number {
    if (this.ctx.db.inTransaction || (this.opts.active && !this.opts.active())) return 0;
    let written = 0;
    for (;;) {
      const aFrom = this.repo.cursor('alerts') ?? 0;
      const aTo = this.repo.maxAlertSeq(aFrom);
      const pFrom = this.repo.cursor('audit') ?? 0;
      const pTo = this.repo.maxAuditSeq(pFrom);
      if (aTo <= aFrom && pTo <= pFrom) return written; // nothing new: no transaction
      const n = this.write(() => {
        let more = false;
        const out: StoredCreditEvent[] = [];
        // alerts first: a completion is judged with its flight's alerts already counted
        if (aTo > aFrom) {
          const rows = this.repo.alerts(aFrom, aTo, CHUNK);
          for (const r of rows) {
            const kind = this.rules.alerts[r.kind];
            if (!kind) continue;
            // a loss of separation is charged only to a flight that was off its plan: two conforming flights
            // in approved volumes are no company's fault (and the monitor names just one of the pair)
            if (kind === 'loss-of-separation' && this.ctx.plans.get(r.planId)?.conformance !== 'nonconforming') continue;
            out.push(
              ...this.record({
                companyId: r.companyId,
                kind,
                ref: r.planId,
                at: r.raisedAt,
                reason: `${r.kind} alert ${r.id} on plan ${r.planId}: ${r.message}`,
                ruleDelta: this.rules.deltas[kind],
                actor: CREDIT_ACTOR,
                source: r.id,
              }),
            );
          }
          more ||= rows.length === CHUNK;
          this.repo.setCursor('alerts', rows.length === CHUNK ? rows[rows.length - 1].seq : aTo);
        }
        if (pTo > pFrom) {
          const rows = this.repo.planActions(pFrom, pTo, CHUNK, MONITOR_ID);
          let upTo = rows.length === CHUNK ? rows[rows.length - 1].seq : pTo;
          for (const r of rows) {
            if (r.action === 'complete' && Date.parse(r.at) > this.lastTickMs) {
              upTo = r.seq - 1; // wait for the tick that persists this flight's last alerts
              break;
            }
            out.push(...this.fromPlanAction(r));
          }
          more ||= rows.length === CHUNK && upTo === rows[rows.length - 1].seq;
          if (upTo !== pFrom) this.repo.setCursor('audit', upTo);
        }
        return { out, more };
      });
      written += n.out.length;
      if (!n.more) return written;
    }
  }

  /**
   * Approved plans of companies whose window ended before `nowMs` without being activated:
   * one no-show each. Runs behind a watermark (the previous sweep's time). Returns the number
   * of no-shows recorded.
   */
  sweepNoShows(nowMs: number): number {
    if (this.ctx.db.inTransaction) return 0;
    const found = this.write(() => {
      const floor = this.repo.cursor('plans-floor') ?? 0;
      const mark = this.repo.cursor('no-show');
      const from = mark === null ? '' : iso(mark - OFFSET_SLACK_MS);
      const out: StoredCreditEvent[] = [];
      for (const c of this.repo.approvedEndingBetween(floor, from, iso(nowMs + OFFSET_SLACK_MS))) {
        // time_end is one volume's end: if it is still ahead, the plan has not ended
        if (!(Date.parse(c.timeEnd) < nowMs)) continue;
        const plan = this.repo.plan(c.id);
        if (plan?.state !== 'approved') continue;
        const end = planEndMs(plan);
        if (!(end < nowMs)) continue;
        out.push(
          ...this.record({
            companyId: c.companyId,
            kind: 'no-show',
            ref: plan.id,
            at: iso(end),
            reason: `plan ${plan.id} was approved but never flown: its window ended at ${iso(end)} without an activation`,
            ruleDelta: this.rules.deltas['no-show'],
            actor: CREDIT_ACTOR,
          }),
        );
      }
      this.repo.setCursor('no-show', Math.max(nowMs, mark ?? nowMs));
      return out;
    });
    return found.filter((e) => e.kind === 'no-show').length;
  }

  // ── internals ──────────────────────────────────────────────────────────────────────────

  private fromPlanAction(r: ReturnType<CreditRepo['planActions']>[number]): StoredCreditEvent[] {
    const p = r.plan;
    if (!p.volumes.length) return [];
    if (r.action === 'cancel') {
      const byCompany = r.actor === p.submittedBy || (r.actorCompanyId !== null && r.actorCompanyId === r.companyId);
      const atMs = Date.parse(r.at);
      const startMs = planStartMs(p);
      const kind = cancellationKind({ fromState: r.fromState ?? '', startMs, endMs: planEndMs(p), byCompany }, atMs, this.rules);
      if (!kind) return [];
      const reason =
        kind === 'no-show'
          ? `approved plan ${p.id} was cancelled by ${r.actor} after its window had ended (${iso(planEndMs(p))}) without being flown`
          : `approved plan ${p.id} was cancelled by ${r.actor} ${startMs >= atMs ? `${minutes(startMs - atMs)} before its start` : `${minutes(atMs - startMs)} after its start`} (notice period ${this.rules.lateCancellationMin} min)`;
      return this.record({ companyId: r.companyId, kind, ref: p.id, at: r.at, reason, ruleDelta: this.rules.deltas[kind], actor: CREDIT_ACTOR, source: `audit:${r.seq}` });
    }
    // a completion: conforming when the monitor saw the flight, it had no conformance event and did
    // not land nonconforming (a plan activated and completed by API calls alone proves nothing)
    if (!r.observed || p.conformance === 'nonconforming' || this.repo.hasConformanceEvent(r.companyId, p.id)) return [];
    // at most conformingBonusPerDay of them a Beijing day
    const [dayStart, dayEnd] = beijingDay(Date.parse(r.at));
    if (this.repo.countBetween(r.companyId, 'completed-conforming', iso(dayStart), iso(dayEnd)) >= this.rules.conformingBonusPerDay) return [];
    return this.record({
      companyId: r.companyId,
      kind: 'completed-conforming',
      ref: p.id,
      at: r.at,
      reason: `plan ${p.id} was flown as approved and completed, seen by the monitor with no conformance alert`,
      ruleDelta: this.rules.deltas['completed-conforming'],
      actor: CREDIT_ACTOR,
      source: `audit:${r.seq}`,
    });
  }

  /**
   * Records one scored event (inside the caller's transaction) and, when the tier changes, a
   * tier-change event. Returns what was written: nothing when the event was already recorded.
   */
  private record(c: Cause): StoredCreditEvent[] {
    if (this.repo.has(c.companyId, c.kind, c.ref)) return [];
    const before = this.repo.latestScore(c.companyId) ?? this.rules.start;
    const { score, applied } = applyDelta(before, c.ruleDelta);
    const tier = tierOf(score, this.rules);
    const event: Omit<StoredCreditEvent, 'seq'> = {
      companyId: c.companyId,
      at: c.at,
      kind: c.kind,
      ref: c.ref,
      ruleDelta: c.ruleDelta,
      delta: applied,
      scoreAfter: score,
      tierAfter: tier,
      reason: applied === c.ruleDelta ? c.reason : `${c.reason} (bounded: ${c.ruleDelta > 0 ? '+' : ''}${c.ruleDelta} applied as ${applied >= 0 ? '+' : ''}${applied})`,
      actor: c.actor,
      ...(c.source ? { source: c.source } : {}),
    };
    const seq = this.repo.insert(event);
    if (seq === null) return [];
    const out: StoredCreditEvent[] = [{ seq, ...event }];
    const was = tierOf(before, this.rules);
    if (was !== tier) {
      const effect = creditEffect(tier, { companyId: c.companyId, score }, this.rules);
      const change: Omit<StoredCreditEvent, 'seq'> = {
        companyId: c.companyId,
        at: c.at,
        kind: 'tier-change',
        ref: `${c.kind}:${c.ref}`,
        ruleDelta: 0,
        delta: 0,
        scoreAfter: score,
        tierAfter: tier,
        reason: `tier ${was} → ${tier} (score ${before} → ${score}) after ${c.kind} ${c.ref}: ${effect ? effect.message : 'plans are decided on the airspace alone'}`,
        actor: c.actor,
        source: `credit:${seq}`,
      };
      const tseq = this.repo.insert(change);
      if (tseq !== null) out.push({ seq: tseq, ...change });
    }
    return out;
  }

  /** Runs `fn` in one transaction; the score cache learns the new scores only once it has committed. */
  private write<T extends StoredCreditEvent[] | { out: StoredCreditEvent[] }>(fn: () => T): T {
    const result = this.ctx.db.transaction(fn)();
    const events = Array.isArray(result) ? result : result.out;
    for (const e of events) this.scores.set(e.companyId, e.scoreAfter);
    return result;
  }

  private assertExists(companyId: string): void {
    if (this.opts.companyExists && !this.opts.companyExists(companyId)) throw new ApiError('NOT_FOUND', `no company ${companyId} in the registry`);
  }
}

const view = (e: StoredCreditEvent): CreditEvent => ({
  seq: e.seq,
  at: e.at,
  kind: e.kind,
  delta: e.delta,
  ref: e.ref,
  ruleDelta: e.ruleDelta,
  scoreAfter: e.scoreAfter,
  tierAfter: e.tierAfter,
  reason: e.reason,
  actor: e.actor,
  ...(e.source ? { source: e.source } : {}),
});
