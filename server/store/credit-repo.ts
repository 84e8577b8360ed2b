/**
 * Industry credit in SQLite: the append-only credit events (triggers refuse UPDATE and DELETE;
 * one event per company, kind and ref, so a replay or a restart never counts twice), the cursors
 * that say how far the audit trail and the alerts have been read, and reads of the records that
 * cause events (plan actions in the audit trail, alerts, approved plans past their window).
 */
import { noteChange } from '../cluster/change-notes.js';
import type { CreditEventKind, CreditTier } from '../../shared/rules/credit-tier.js';
import type { FlightPlan } from '../../shared/schemas/flight-plan-record.js';
import { type Db, type Statement, storeKindOf } from './sql-db.js';

/**
 * The schema. Cursors start at the end of what is already there: credit counts from the
 * migration on, never retroactively (cancellations, completions and alerts recorded before it,
 * and no-shows of plans filed before it, are not scored).
 */
export const CREDIT_MIGRATION_SQL = `
  CREATE TABLE credit_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id TEXT NOT NULL,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    ref TEXT NOT NULL,
    rule_delta INTEGER NOT NULL,
    delta INTEGER NOT NULL,
    score_after INTEGER NOT NULL CHECK (score_after BETWEEN 0 AND 1000),
    tier_after TEXT NOT NULL CHECK (tier_after IN ('A','B','C','D')),
    reason TEXT NOT NULL,
    actor TEXT NOT NULL,
    source TEXT,
    UNIQUE (company_id, kind, ref)
  );
  CREATE INDEX credit_events_company ON credit_events (company_id, seq);
  CREATE INDEX credit_events_ref ON credit_events (ref);
  CREATE TRIGGER credit_events_no_update BEFORE UPDATE ON credit_events BEGIN SELECT RAISE(ABORT, 'credit events are append-only'); END;
  CREATE TRIGGER credit_events_no_delete BEFORE DELETE ON credit_events BEGIN SELECT RAISE(ABORT, 'credit events are append-only'); END;
  CREATE TABLE credit_cursors (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
  INSERT INTO credit_cursors (name, value) SELECT 'audit', COALESCE(MAX(seq), 0) FROM audit;
  INSERT INTO credit_cursors (name, value) SELECT 'alerts', COALESCE(MAX(seq), 0) FROM alerts;
  INSERT INTO credit_cursors (name, value) SELECT 'plans-floor', COALESCE(MAX(seq), 0) FROM plans;
  -- the no-show sweep reads approved plans by the end of their window
  CREATE INDEX plans_approved_end ON plans (time_end) WHERE state = 'approved';
`;

export interface StoredCreditEvent {
  seq: number;
  companyId: string;
  at: string;
  kind: CreditEventKind;
  ref: string;
  ruleDelta: number;
  delta: number;
  scoreAfter: number;
  tierAfter: CreditTier;
  reason: string;
  actor: string;
  source?: string;
}

type Row = Record<string, string | number | null>;
const fromRow = (r: Row): StoredCreditEvent => ({
  seq: r.seq as number,
  companyId: r.company_id as string,
  at: r.at as string,
  kind: r.kind as CreditEventKind,
  ref: r.ref as string,
  ruleDelta: r.rule_delta as number,
  delta: r.delta as number,
  scoreAfter: r.score_after as number,
  tierAfter: r.tier_after as CreditTier,
  reason: r.reason as string,
  actor: r.actor as string,
  ...(r.source !== null ? { source: r.source as string } : {}),
});

/** A plan action in the audit trail that may score: a cancellation or a completion. */
export interface PlanActionRow {
  seq: number;
  at: string;
  actor: string;
  action: 'cancel' | 'complete';
  fromState: string | null;
  planId: string;
  companyId: string;
  /** the company of the principal who acted (null: an operator, the admin, the system) */
  actorCompanyId: string | null;
  /** whether the monitor saw the flight: it activated the plan (first airborne report) or completed it (landed) */
  observed: boolean;
  plan: FlightPlan;
}

export interface AlertRow {
  seq: number;
  id: string;
  kind: string;
  planId: string;
  companyId: string;
  raisedAt: string;
  message: string;
}

/** How long a missing sequence number is waited for before it counts as rolled back (longer than any transaction may take). */
const GAP_WAIT_MS = 60_000;

export class CreditRepo {
  private readonly insertStmt;
  private readonly latestStmt;
  private readonly countStmt;
  private readonly pageStmt;
  private readonly allStmt;
  private readonly conformanceStmt;
  private readonly cursorStmt;
  private readonly setCursorStmt;
  private readonly nextSeqStmt;
  private readonly existsStmt;
  private readonly maxAuditStmt;
  private readonly maxAlertStmt;
  private readonly actionsStmt;
  private readonly alertsStmt;
  private readonly noShowStmt;
  private readonly planStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(`INSERT OR IGNORE INTO credit_events (company_id, at, kind, ref, rule_delta, delta, score_after, tier_after, reason, actor, source)
      VALUES (@companyId, @at, @kind, @ref, @ruleDelta, @delta, @scoreAfter, @tierAfter, @reason, @actor, @source) RETURNING seq`);
    this.latestStmt = db.prepare('SELECT score_after FROM credit_events WHERE company_id = ? ORDER BY seq DESC LIMIT 1');
    this.countStmt = db.prepare('SELECT COUNT(*) AS n FROM credit_events WHERE company_id = ?');
    this.pageStmt = db.prepare('SELECT * FROM (SELECT * FROM credit_events WHERE company_id = ? ORDER BY seq DESC LIMIT ?) AS latest ORDER BY seq');
    this.allStmt = db.prepare('SELECT * FROM credit_events WHERE company_id = ? ORDER BY seq');
    this.conformanceStmt = db.prepare("SELECT 1 FROM credit_events WHERE ref = ? AND company_id = ? AND kind IN ('off-plan','lost-link','loss-of-separation','zone-incursion') LIMIT 1");
    this.cursorStmt = db.prepare('SELECT value FROM credit_cursors WHERE name = ?');
    this.setCursorStmt = db.prepare('INSERT INTO credit_cursors (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value');
    // AUTOINCREMENT: the next seq is one past the larger of sqlite_sequence and the largest seq
    this.nextSeqStmt =
      storeKindOf(db) === 'postgres'
        ? db.prepare("SELECT nextval('yk_adjustment_number') AS n")
        : db.prepare("SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'credit_events'), 0), COALESCE((SELECT MAX(seq) FROM credit_events), 0)) + 1 AS n");
    this.existsStmt = db.prepare('SELECT 1 FROM credit_events WHERE company_id = ? AND kind = ? AND ref = ?');
    this.maxAuditStmt = db.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM audit');
    this.maxAlertStmt = db.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM alerts');
    this.pgSettled =
      storeKindOf(db) === 'postgres'
        ? { audit: db.prepare('SELECT seq FROM audit WHERE seq > ? ORDER BY seq LIMIT 5000'), alerts: db.prepare('SELECT seq FROM alerts WHERE seq > ? ORDER BY seq LIMIT 5000') }
        : null;
    this.actionsStmt = db.prepare(`SELECT a.seq, a.at, a.actor, a.action, a.from_state, a.subject_id, p.operator_id AS company_id, p.doc, pr.operator_id AS actor_company,
        a.action = 'complete' AND EXISTS (SELECT 1 FROM audit b WHERE b.subject_kind = 'plan' AND b.subject_id = a.subject_id AND b.action IN ('activate', 'complete') AND b.actor = @monitor) AS observed
      FROM audit a JOIN plans p ON p.id = a.subject_id LEFT JOIN principals pr ON pr.id = a.actor
      WHERE a.seq > @after AND a.seq <= @upTo AND a.subject_kind = 'plan' AND a.action IN ('cancel', 'complete') AND p.operator_id IS NOT NULL
      ORDER BY a.seq LIMIT @limit`);
    this.alertsStmt = db.prepare(`SELECT a.seq, a.id, a.kind, a.plan_id, a.raised_at, a.message, p.operator_id AS company_id
      FROM alerts a JOIN plans p ON p.id = a.plan_id
      WHERE a.seq > ? AND a.seq <= ? AND p.operator_id IS NOT NULL
      ORDER BY a.seq LIMIT ?`);
    this.noShowStmt = db.prepare(`SELECT id, operator_id, time_end FROM plans
      WHERE state = 'approved' AND operator_id IS NOT NULL AND seq > ? AND time_end >= ? AND time_end <= ? ORDER BY seq`);
    this.planStmt = db.prepare('SELECT doc FROM plans WHERE id = ?');
  }

  /** Appends an event; null when the company already has one of this kind and ref (nothing written). */
  insert(e: Omit<StoredCreditEvent, 'seq'>): number | null {
    const r = this.insertStmt.get({ ...e, source: e.source ?? null }) as { seq: number } | undefined;
    if (r) noteChange(this.db, { k: 'credit', id: e.companyId });
    return r ? Number(r.seq) : null;
  }

  has(companyId: string, kind: CreditEventKind, ref: string): boolean {
    return this.existsStmt.get(companyId, kind, ref) !== undefined;
  }

  /** The company's score after its latest event; null when it has none yet. */
  latestScore(companyId: string): number | null {
    const r = this.latestStmt.get(companyId) as { score_after: number } | undefined;
    return r ? r.score_after : null;
  }

  /** The latest `limit` events of a company, oldest first, and how many it has in all. */
  page(companyId: string, limit: number): { total: number; events: StoredCreditEvent[] } {
    const total = (this.countStmt.get(companyId) as { n: number }).n;
    return { total, events: (this.pageStmt.all(companyId, limit) as Row[]).map(fromRow) };
  }

  /** Every event of a company in order (to replay its score). */
  all(companyId: string): StoredCreditEvent[] {
    return (this.allStmt.all(companyId) as Row[]).map(fromRow);
  }

  /** How many events of a kind a company has with `at` in [fromIso, toIso). */
  countBetween(companyId: string, kind: CreditEventKind, fromIso: string, toIso: string): number {
    this.countBetweenStmt ??= this.db.prepare('SELECT COUNT(*) AS n FROM credit_events WHERE company_id = ? AND kind = ? AND at >= ? AND at < ?');
    return (this.countBetweenStmt.get(companyId, kind, fromIso, toIso) as { n: number }).n;
  }
  private countBetweenStmt: Statement | undefined;

  hasConformanceEvent(companyId: string, planId: string): boolean {
    return this.conformanceStmt.get(planId, companyId) !== undefined;
  }

  /** The id of the next adjustment: ADJ- and the seq it will get (call inside the transaction that inserts it). */
  nextAdjustmentRef(): string {
    return `ADJ-${String((this.nextSeqStmt.get() as { n: number }).n).padStart(7, '0')}`;
  }

  cursor(name: string): number | null {
    const r = this.cursorStmt.get(name) as { value: number } | undefined;
    return r ? r.value : null;
  }
  setCursor(name: string, value: number): void {
    this.setCursorStmt.run(name, value);
  }

  /** The last audit record that may be read after `after` (see settled). */
  maxAuditSeq(after = 0): number {
    return this.pgSettled ? this.settled('audit', after) : (this.maxAuditStmt.get() as { n: number }).n;
  }
  maxAlertSeq(after = 0): number {
    return this.pgSettled ? this.settled('alerts', after) : (this.maxAlertStmt.get() as { n: number }).n;
  }

  /**
   * PostgreSQL with several servers: sequence numbers are taken when a row is written, not when it
   * commits, so a record may appear after a later one was read. Reading stops before the first
   * missing number until it appears or has been missing for GAP_WAIT_MS (its transaction rolled
   * back), so no record is ever skipped by the cursor.
   */
  private settled(table: 'audit' | 'alerts', after: number): number {
    const seqs = ((this.pgSettled?.[table].all(after) ?? []) as { seq: number }[]).map((r) => r.seq);
    let upTo = after;
    const now = Date.now();
    for (const seq of seqs) {
      if (seq !== upTo + 1) {
        const key = `${table}:${upTo + 1}`;
        const since = this.gaps.get(key) ?? now;
        this.gaps.set(key, since);
        if (now - since < GAP_WAIT_MS) break;
        this.gaps.delete(key);
      }
      upTo = seq;
    }
    // gaps now read past (filled in time, or given up) are forgotten
    for (const key of this.gaps.keys()) {
      const at = key.indexOf(':');
      if (key.slice(0, at) === table && Number(key.slice(at + 1)) <= upTo) this.gaps.delete(key);
    }
    return upTo;
  }
  /** `table:seq` of each number missing when last read, and since when (ms) */
  private readonly gaps = new Map<string, number>();
  private readonly pgSettled;

  /** Cancellations and completions of companies' plans in the audit trail, in order, in (after, upTo]; `monitor` is the conformance monitor's actor id. */
  planActions(after: number, upTo: number, limit: number, monitor: string): PlanActionRow[] {
    return (this.actionsStmt.all({ after, upTo, limit, monitor }) as Row[]).map((r) => ({
      seq: r.seq as number,
      at: r.at as string,
      actor: r.actor as string,
      action: r.action as PlanActionRow['action'],
      fromState: r.from_state as string | null,
      planId: r.subject_id as string,
      companyId: r.company_id as string,
      actorCompanyId: r.actor_company as string | null,
      observed: Number(r.observed) === 1, // SQLite answers 1, PostgreSQL true
      plan: JSON.parse(r.doc as string) as FlightPlan,
    }));
  }

  /** Alerts raised on companies' plans, in order, in (after, upTo]. */
  alerts(after: number, upTo: number, limit: number): AlertRow[] {
    return (this.alertsStmt.all(after, upTo, limit) as Row[]).map((r) => ({
      seq: r.seq as number,
      id: r.id as string,
      kind: r.kind as string,
      planId: r.plan_id as string,
      companyId: r.company_id as string,
      raisedAt: r.raised_at as string,
      message: r.message as string,
    }));
  }

  /** Companies' approved plans filed after `planSeqFloor` whose latest time_end text lies in [from, to] (a coarse filter: the caller checks instants). */
  approvedEndingBetween(planSeqFloor: number, from: string, to: string): { id: string; companyId: string; timeEnd: string }[] {
    return (this.noShowStmt.all(planSeqFloor, from, to) as Row[]).map((r) => ({ id: r.id as string, companyId: r.operator_id as string, timeEnd: r.time_end as string }));
  }

  plan(id: string): FlightPlan | null {
    const r = this.planStmt.get(id) as { doc: string } | undefined;
    return r ? (JSON.parse(r.doc) as FlightPlan) : null;
  }
}
