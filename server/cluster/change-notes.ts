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

/**
 * What waits on a group of decisions committed together on the embedded store (group-commit.ts):
 * what runs once it commits and what puts memory back if it rolls back.
 */
export interface CommitHooks {
  deferred: (() => void)[];
  rollbacks: (() => void)[];
}
const groups = new WeakMap<Db, CommitHooks>();

/** Opens the hooks of a group transaction on the embedded store (closed with `closeGroupHooks`). */
export function openGroupHooks(db: Db): CommitHooks {
  const hooks: CommitHooks = { deferred: [], rollbacks: [] };
  groups.set(db, hooks);
  return hooks;
}

export function closeGroupHooks(db: Db): void {
  groups.delete(db);
}

/** Runs `f` if the open transaction rolls back (memory changed inside it is put back); on the embedded store only inside a group. */
export function onRollback(db: Db, f: () => void): void {
  if (db instanceof PgDatabase) db.onRollback(f);
  else groups.get(db)?.rollbacks.push(f);
}

const hookErrors = new WeakMap<Db, (e: unknown) => void>();

/** Where a failure of what runs after a commit is told (the app's log): it never undoes the commit, nor turns it into an error. */
export function onHookError(db: Db, report: (e: unknown) => void): void {
  hookErrors.set(db, report);
  if (db instanceof PgDatabase) db.hookError = report;
}

/**
 * Runs `f` once the outermost transaction commits (at once on the embedded store outside a group,
 * or outside any transaction). A failure of `f` is told (`onHookError`), never thrown: what it
 * follows is committed.
 */
export function afterCommit(db: Db, f: () => void): void {
  if (db instanceof PgDatabase) db.afterCommit(() => tell(db, f));
  else {
    const group = groups.get(db);
    if (group) group.deferred.push(() => tell(db, f));
    else tell(db, f);
  }
}

/** Runs a listener of a commit; its failure goes to the database's error hook (the commit stands). */
function tell(db: Db, f: () => void): void {
  try {
    f();
  } catch (e) {
    (hookErrors.get(db) ?? console.error)(e);
  }
}
