/**
 * What a write changed, for the other servers on the same PostgreSQL database: each repository
 * notes the rows it wrote inside the transaction, and the notes are logged with it (change-log.ts).
 * On the embedded store (one server) these do nothing.
 */
import type { PlanEvent } from '../store/misc-repos.js';
import { PgDatabase } from '../store/pg/pg-database.js';
import type { Db } from '../store/sql-db.js';

export type ChangeNote =
  | { k: 'plan' | 'zone' | 'landing-point' | 'edition' | 'alert' | 'principal' | 'credit' | 'registry' | 'tariff'; id: string }
  /** a plan event the stream tells its clients about */
  | { k: 'event'; e: PlanEvent };

export function noteChange(db: Db, note: ChangeNote): void {
  if (db instanceof PgDatabase) db.note(note);
}

/** Runs `f` if the open transaction rolls back (memory changed inside it is put back); nothing on the embedded store. */
export function onRollback(db: Db, f: () => void): void {
  if (db instanceof PgDatabase) db.onRollback(f);
}

/** Runs `f` once the outermost transaction commits (at once on the embedded store or outside one). */
export function afterCommit(db: Db, f: () => void): void {
  if (db instanceof PgDatabase) db.afterCommit(f);
  else f();
}
