/** The append-only audit trail (who, when, what, why). Triggers forbid update and delete. */
import type { Db, Statement } from './sql-db.js';

export interface AuditRecord {
  at: string;
  actor: string;
  subjectKind: 'plan' | 'zone' | 'principal' | 'company' | 'aircraft' | 'insurance' | 'landing-point' | 'tariff' | 'edition';
  subjectId: string;
  action: string;
  fromState?: string | null;
  toState?: string | null;
  reason?: string | null;
  details?: unknown;
}

/** A record's columns, in the order of the insert statements. */
function columns(r: AuditRecord): unknown[] {
  return [r.at, r.actor, r.subjectKind, r.subjectId, r.action, r.fromState ?? null, r.toState ?? null, r.reason ?? null, r.details === undefined ? null : JSON.stringify(r.details)];
}

export class AuditRepo {
  private readonly insertStmt;
  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(`INSERT INTO audit (at, actor, subject_kind, subject_id, action, from_state, to_state, reason, details)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`);
  }

  /** Appends the record and returns its sequence number. */
  append(r: AuditRecord): number {
    const row = this.insertStmt.get(...columns(r)) as { seq: number };
    return Number(row.seq);
  }

  /**
   * Appends the records in order and returns the last one's sequence number (0 for none). Two
   * records (a submission and its decision) are written by one statement.
   */
  appendAll(records: readonly AuditRecord[]): number {
    if (records.length !== 2) {
      let seq = 0;
      for (const r of records) seq = this.append(r);
      return seq;
    }
    this.pairStmt ??= this.db.prepare(`INSERT INTO audit (at, actor, subject_kind, subject_id, action, from_state, to_state, reason, details)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`);
    const rows = this.pairStmt.all(...columns(records[0]), ...columns(records[1])) as { seq: number | string }[];
    return Math.max(...rows.map((r) => Number(r.seq)));
  }
  private pairStmt: Statement | undefined;

  /** When the subject's latest record of `action` was written, or undefined. */
  lastAt(kind: string, id: string, action: string): string | undefined {
    this.lastAtStmt ??= this.db.prepare('SELECT at FROM audit WHERE subject_kind = ? AND subject_id = ? AND action = ? ORDER BY seq DESC LIMIT 1');
    return (this.lastAtStmt.get(kind, id, action) as { at: string } | undefined)?.at;
  }
  private lastAtStmt: Statement | undefined;

  /** The state the subject was in before its latest change into `toState`, or undefined. */
  fromStateOf(kind: string, id: string, toState: string): string | undefined {
    this.fromStmt ??= this.db.prepare('SELECT from_state FROM audit WHERE subject_kind = ? AND subject_id = ? AND to_state = ? ORDER BY seq DESC LIMIT 1');
    return (this.fromStmt.get(kind, id, toState) as { from_state: string | null } | undefined)?.from_state ?? undefined;
  }
  private fromStmt: Statement | undefined;

  forSubject(kind: string, id: string): AuditRecord[] {
    return (this.db.prepare('SELECT * FROM audit WHERE subject_kind = ? AND subject_id = ? ORDER BY seq').all(kind, id) as Record<string, string | null>[]).map((r) => ({
      at: r.at as string,
      actor: r.actor as string,
      subjectKind: r.subject_kind as AuditRecord['subjectKind'],
      subjectId: r.subject_id as string,
      action: r.action as string,
      fromState: r.from_state,
      toState: r.to_state,
      reason: r.reason,
      details: r.details ? JSON.parse(r.details) : undefined,
    }));
  }
}
