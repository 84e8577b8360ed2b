/**
 * The UOM outbox: flight records waiting for (or done with) delivery to the national platform.
 * Records are inserted in the same transaction as the change they report (server/uom/uom-outbox.ts),
 * so nothing acknowledged is lost and nothing is reported that did not happen; the delivery worker
 * (server/uom/uom-delivery.ts) reads pending ones back oldest first, also after a restart.
 *
 * States: pending → delivered (2xx), or pending → failed (the receiver refused the record's
 * content; kept with the error, requeued only on purpose).
 */
import { type Db, hasTable } from './sql-db.js';

/** Append as a new version to server/store/migrations.ts. */
export const OUTBOX_MIGRATION_SQL = `
  CREATE TABLE uom_outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    plan_id TEXT,
    event_at TEXT NOT NULL,
    body TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','delivered','failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_attempt_at TEXT,
    last_error TEXT,
    delivered_at TEXT
  );
  CREATE INDEX uom_outbox_state ON uom_outbox (state, seq);
  CREATE INDEX uom_outbox_plan ON uom_outbox (plan_id);
`;

export const OUTBOX_TABLE = 'uom_outbox';

export interface OutboxInsert {
  id: string;
  kind: string;
  planId: string | null;
  eventAt: string;
  /** the record as sent */
  body: unknown;
  /** `body` is the record's JSON text already */
  bodyIsJson?: boolean;
}

export interface OutboxRow {
  seq: number;
  id: string;
  kind: string;
  planId: string | null;
  eventAt: string;
  /** the record's JSON text, sent as is */
  body: string;
  attempts: number;
}

export interface OutboxCounts {
  pending: number;
  delivered: number;
  failed: number;
}

const repos = new WeakMap<Db, OutboxRepo>();

export class OutboxRepo {
  private readonly insertStmt;
  private readonly hasPlanStmt;
  private readonly batchStmt;
  private readonly deliveredStmt;
  private readonly attemptStmt;
  private readonly failedStmt;

  /** The repository of a database whose schema has the outbox, or null (the migration has not run). One per database. */
  static for(db: Db): OutboxRepo | null {
    const known = repos.get(db);
    if (known) return known;
    if (!db.open || !hasTable(db, OUTBOX_TABLE)) return null;
    const repo = new OutboxRepo(db);
    repos.set(db, repo);
    return repo;
  }

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare('INSERT OR IGNORE INTO uom_outbox (id, kind, plan_id, event_at, body) VALUES (?, ?, ?, ?, ?)');
    this.hasPlanStmt = db.prepare('SELECT 1 FROM uom_outbox WHERE plan_id = ? LIMIT 1');
    this.batchStmt = db.prepare("SELECT seq, id, kind, plan_id AS planId, event_at AS eventAt, body, attempts FROM uom_outbox WHERE state = 'pending' ORDER BY seq LIMIT ?");
    this.deliveredStmt = db.prepare("UPDATE uom_outbox SET state = 'delivered', delivered_at = ?, last_attempt_at = ?, attempts = attempts + 1 WHERE id = ? AND state = 'pending'");
    this.attemptStmt = db.prepare("UPDATE uom_outbox SET attempts = attempts + 1, last_attempt_at = ?, last_error = ? WHERE id = ? AND state = 'pending'");
    this.failedStmt = db.prepare("UPDATE uom_outbox SET state = 'failed', attempts = attempts + 1, last_attempt_at = ?, last_error = ? WHERE id = ? AND state = 'pending'");
  }

  /** Adds a record (inside the caller's transaction); a record whose id exists already is ignored. Returns whether it was added. */
  insert(r: OutboxInsert): boolean {
    return this.insertStmt.run(r.id, r.kind, r.planId, r.eventAt, r.bodyIsJson ? (r.body as string) : JSON.stringify(r.body)).changes === 1;
  }

  /** Whether UOM has been (or is about to be) told about this plan. */
  hasPlan(planId: string): boolean {
    return this.hasPlanStmt.get(planId) !== undefined;
  }

  /** Pending records, oldest first: at most `limit`, and no more once their bodies reach `maxBytes` (always at least one). */
  pending(limit: number, maxBytes = Number.POSITIVE_INFINITY): OutboxRow[] {
    if (maxBytes === Number.POSITIVE_INFINITY) return this.batchStmt.all(limit) as OutboxRow[];
    const out: OutboxRow[] = [];
    let bytes = 0;
    for (const r of this.batchStmt.iterate(limit) as IterableIterator<OutboxRow>) {
      const size = Buffer.byteLength(r.body);
      if (out.length > 0 && bytes + size > maxBytes) break;
      out.push(r);
      bytes += size;
    }
    return out;
  }

  markDelivered(ids: readonly string[], at: string): void {
    this.db.transaction(() => {
      for (const id of ids) this.deliveredStmt.run(at, at, id);
    })();
  }

  /** A failed attempt that will be retried. */
  markAttempt(ids: readonly string[], at: string, error: string): void {
    this.db.transaction(() => {
      for (const id of ids) this.attemptStmt.run(at, error, id);
    })();
  }

  /** The receiver refused the record for its content: kept with the error, not retried. */
  markFailed(ids: readonly string[], at: string, error: string): void {
    this.db.transaction(() => {
      for (const id of ids) this.failedStmt.run(at, error, id);
    })();
  }

  /**
   * Deletes at most `limit` delivered records of `kind` delivered before `beforeIso`, oldest first
   * (bounded, so it never holds the event loop long). Returns how many.
   */
  pruneDelivered(kind: string, beforeIso: string, limit = 2000): number {
    return this.db
      .prepare("DELETE FROM uom_outbox WHERE seq IN (SELECT seq FROM uom_outbox WHERE kind = ? AND state = 'delivered' AND delivered_at < ? ORDER BY seq LIMIT ?)")
      .run(kind, beforeIso, limit).changes;
  }

  /** Deletes at most `limit` records of `kind` still pending whose event is older than `beforeIso` (real-time data past its use). */
  prunePendingOlderThan(kind: string, beforeIso: string, limit = 2000): number {
    return this.db.prepare("DELETE FROM uom_outbox WHERE seq IN (SELECT seq FROM uom_outbox WHERE kind = ? AND state = 'pending' AND event_at < ? ORDER BY seq LIMIT ?)").run(kind, beforeIso, limit)
      .changes;
  }

  /** Failed records go back to pending (after the receiver or the record format was fixed). Returns how many. */
  requeueFailed(): number {
    return this.db.prepare("UPDATE uom_outbox SET state = 'pending' WHERE state = 'failed'").run().changes;
  }

  counts(): OutboxCounts {
    const out: OutboxCounts = { pending: 0, delivered: 0, failed: 0 };
    for (const r of this.db.prepare('SELECT state, COUNT(*) AS n FROM uom_outbox GROUP BY state').all() as { state: keyof OutboxCounts; n: number }[]) out[r.state] = r.n;
    return out;
  }

  oldestPendingAt(): string | null {
    return (this.db.prepare("SELECT MIN(event_at) AS t FROM uom_outbox WHERE state = 'pending'").get() as { t: string | null }).t;
  }

  lastDeliveredAt(): string | null {
    return (this.db.prepare("SELECT MAX(delivered_at) AS t FROM uom_outbox WHERE state = 'delivered'").get() as { t: string | null }).t;
  }

  /** The latest error recorded on a record still pending or failed. */
  lastError(): { at: string; message: string } | null {
    const r = this.db
      .prepare("SELECT last_attempt_at AS at, last_error AS message FROM uom_outbox WHERE state != 'delivered' AND last_error IS NOT NULL ORDER BY last_attempt_at DESC, seq DESC LIMIT 1")
      .get() as { at: string; message: string } | undefined;
    return r ?? null;
  }

  /** Every record, oldest first (tests and diagnostics). */
  all(): (OutboxRow & { state: string; lastError: string | null; deliveredAt: string | null })[] {
    return this.db
      .prepare('SELECT seq, id, kind, plan_id AS planId, event_at AS eventAt, body, attempts, state, last_error AS lastError, delivered_at AS deliveredAt FROM uom_outbox ORDER BY seq')
      .all() as (OutboxRow & { state: string; lastError: string | null; deliveredAt: string | null })[];
  }
}
