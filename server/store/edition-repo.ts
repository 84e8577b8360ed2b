/**
 * Airspace editions as records: the whole edition as one document, its number (given when
 * published) unique, its status and effective time as columns for the scheduler's query.
 */
import { noteChange } from '../cluster/change-notes.js';
import type { Edition } from '../../shared/schemas/edition.js';
import type { Db } from './database.js';

/** Append as a new version to server/store/migrations.ts. */
export const EDITION_MIGRATION_SQL = `
  CREATE TABLE airspace_editions (
    id TEXT PRIMARY KEY,
    number INTEGER UNIQUE,
    status TEXT NOT NULL,
    effective_at TEXT,
    created_at TEXT NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX airspace_editions_status ON airspace_editions (status, number);
`;

export class EditionRepo {
  private readonly getStmt;
  private readonly putStmt;
  constructor(private readonly db: Db) {
    this.getStmt = db.prepare('SELECT doc FROM airspace_editions WHERE id = ?');
    this.putStmt = db.prepare(
      'INSERT INTO airspace_editions (id, number, status, effective_at, created_at, doc) VALUES (@id, @number, @status, @effectiveAt, @createdAt, @doc) ON CONFLICT (id) DO UPDATE SET number = excluded.number, status = excluded.status, effective_at = excluded.effective_at, doc = excluded.doc',
    );
  }
  get(id: string): Edition | undefined {
    const r = this.getStmt.get(id) as { doc: string } | undefined;
    return r ? JSON.parse(r.doc) : undefined;
  }
  put(e: Edition): void {
    this.putStmt.run({ id: e.id, number: e.number, status: e.status, effectiveAt: e.effectiveAt, createdAt: e.createdAt, doc: JSON.stringify(e) });
    noteChange(this.db, { k: 'edition', id: e.id });
  }
  /** Newest first: published by number, then drafts by creation. */
  list(status?: string, limit = 200): Edition[] {
    const rows = status
      ? this.db.prepare('SELECT doc FROM airspace_editions WHERE status = ? ORDER BY number DESC, created_at DESC LIMIT ?').all(status, limit)
      : this.db.prepare('SELECT doc FROM airspace_editions ORDER BY number IS NULL DESC, number DESC, created_at DESC LIMIT ?').all(limit);
    return (rows as { doc: string }[]).map((r) => JSON.parse(r.doc));
  }
  /** Published editions (scheduled or effective) in the order they take effect. */
  published(): Edition[] {
    return (this.db.prepare("SELECT doc FROM airspace_editions WHERE status IN ('scheduled', 'effective') ORDER BY number").all() as { doc: string }[]).map((r) => JSON.parse(r.doc));
  }
  lastNumber(): number {
    return (this.db.prepare('SELECT MAX(number) AS n FROM airspace_editions').get() as { n: number | null }).n ?? 0;
  }
}
