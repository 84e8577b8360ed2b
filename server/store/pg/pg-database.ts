/**
 * PostgreSQL as the store of record, behind the same `Db` interface as the embedded store: the
 * repositories' statements are translated once per text (sql-dialect.ts), transactions nest as
 * savepoints, and everything runs on one connection of the synchronous client.
 */
import type { ArgumentTypes, Db, RunResult, Statement, VariadicFunction } from '../sql-db.js';
import { bindParams, translateQuery, type TranslatedQuery } from './sql-dialect.js';
import { PgError, PgSyncClient, type PgSyncOptions } from './pg-sync-client.js';

export class PgDatabase implements Db {
  readonly storeKind = 'postgres' as const;
  readonly client: PgSyncClient;
  private depth = 0;
  /** savepoints opened so far (their names) */
  private savepoints = 0;
  private readonly translated = new Map<string, TranslatedQuery>();
  /** runs just before the outermost transaction commits, with what it changed (the change log's ordered tail) */
  beforeCommit: ((notes: unknown[]) => void) | null = null;
  /** hears what a rolled-back transaction had noted (memory changed inside it is put back from the store) */
  rolledBack: ((notes: unknown[]) => void) | null = null;
  /** what the open transaction changed, for the other servers (server/cluster/change-log.ts) */
  private notes: unknown[] = [];
  /** what waits for the outermost commit (listeners must never hear of a write that rolls back) */
  private deferred: (() => void)[] = [];
  /** what puts memory back if the transaction (or the savepoint it was registered in) rolls back */
  private rollbacks: (() => void)[] = [];
  /** where a failing undo or after-commit step is told (the app's log); the others still run */
  hookError: ((e: unknown) => void) | null = null;

  constructor(
    readonly url: string,
    options: PgSyncOptions = {},
  ) {
    this.client = new PgSyncClient(url, options);
  }

  private translate(sql: string): TranslatedQuery {
    let q = this.translated.get(sql);
    if (!q) {
      q = translateQuery(sql);
      this.translated.set(sql, q);
    }
    return q;
  }

  prepare(sql: string): Statement {
    const q = this.translate(sql);
    const query = (params: unknown[]) => this.client.query(q.text, bindParams(q, params));
    return {
      run: (...params: unknown[]): RunResult => ({ changes: query(params).rowCount, lastInsertRowid: 0 }),
      get: (...params: unknown[]) => query(params).rows[0],
      all: (...params: unknown[]) => query(params).rows,
      iterate: (...params: unknown[]) => query(params).rows[Symbol.iterator](),
    };
  }

  exec(sql: string): void {
    this.client.exec(sql);
  }

  /** Records a change for the other servers: in the open transaction, or on its own if none is open. */
  note(entry: unknown): void {
    if (this.depth > 0) this.notes.push(entry);
    else this.transaction(() => this.notes.push(entry))();
  }

  /** Runs `f` once the outermost transaction commits (now, if none is open); dropped on rollback. */
  afterCommit(f: () => void): void {
    if (this.depth > 0) this.deferred.push(f);
    else f();
  }

  /** Runs `f` if the open transaction rolls back (memory changed inside it is put back); nothing outside one. */
  onRollback(f: () => void): void {
    if (this.depth > 0) this.rollbacks.push(f);
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  get open(): boolean {
    return this.client.open;
  }

  transaction<F extends VariadicFunction>(fn: F): (...params: ArgumentTypes<F>) => ReturnType<F> {
    return (...args: ArgumentTypes<F>): ReturnType<F> => this.within(() => fn(...args));
  }

  /**
   * The outermost transaction opened together with `prologue` (statements without parameters,
   * e.g. taking locks and reading): BEGIN and the prologue in one round trip; `fn` gets the rows
   * of the prologue's last statement.
   */
  transactionAfter<T>(prologue: string, fn: (rows: Record<string, unknown>[]) => T): T {
    if (this.depth > 0) throw new Error('transactionAfter opens the outermost transaction');
    return this.within(fn, prologue);
  }

  private within<T>(fn: (rows: Record<string, unknown>[]) => T, prologue?: string): T {
    const outer = this.depth === 0;
    // a name of its own: a rollback to it can never reach another (an earlier one whose release failed)
    const savepoint = outer ? '' : `sp${++this.savepoints}`;
    let opened: Record<string, unknown>[] = [];
    if (!outer)
      this.client.defer(`SAVEPOINT ${savepoint}`, 'next'); // sent with the savepoint's first statement
    else if (prologue === undefined) this.client.exec('BEGIN');
    else {
      try {
        opened = this.client.exec(`BEGIN; ${prologue}`).rows;
      } catch (e) {
        this.rollBack(true, savepoint);
        throw e;
      }
    }
    this.depth++;
    const notesAt = this.notes.length;
    const deferredAt = this.deferred.length;
    const rollbacksAt = this.rollbacks.length;
    let result: T;
    try {
      result = fn(opened);
      if (outer && this.notes.length && this.beforeCommit) this.beforeCommit(this.notes);
    } catch (e) {
      this.depth--;
      const dropped = this.notes.splice(notesAt);
      this.deferred.length = deferredAt;
      const undo = this.rollbacks.splice(rollbacksAt);
      this.rollBack(outer, savepoint);
      this.undo(undo, dropped);
      throw e;
    }
    this.depth--;
    if (!outer) {
      this.client.defer(`RELEASE SAVEPOINT ${savepoint}`, 'command'); // sent with the next command (the COMMIT, as a rule)
      return result;
    }
    const deferred = this.deferred;
    const rollbacks = this.rollbacks;
    const notes = this.notes;
    this.notes = [];
    this.deferred = [];
    this.rollbacks = [];
    let failed: unknown = null;
    try {
      // a transaction in which a statement failed (and was caught) is rolled back by COMMIT, silently
      if (this.client.exec('COMMIT').command === 'ROLLBACK') failed = new PgError('the transaction had failed and was rolled back', '25P02');
    } catch (e) {
      failed = e;
      // a release sent with the COMMIT failed before it: the transaction is still open, and aborted
      this.rollBack(true, savepoint);
    }
    if (failed) {
      this.undo(rollbacks, notes);
      throw failed;
    }
    for (const f of deferred) this.guarded(f);
    return result;
  }

  /** Puts memory back after a rollback: the undo steps last registered first, then what the notes name; a failing step does not stop the rest. */
  private undo(steps: (() => void)[], notes: unknown[]): void {
    for (const f of steps.reverse()) this.guarded(f);
    if (notes.length && this.rolledBack) {
      const rolledBack = this.rolledBack;
      this.guarded(() => rolledBack(notes));
    }
  }

  private guarded(f: () => void): void {
    try {
      f();
    } catch (e) {
      (this.hookError ?? console.error)(e);
    }
  }

  /**
   * Undoes the transaction or savepoint that failed. Deferred commands not sent yet are sent only
   * if they come before it (a savepoint never sent had nothing in it: nothing to undo); the rest
   * belong to what is undone, and in a failed transaction anything but a rollback would fail.
   */
  private rollBack(outer: boolean, savepoint: string): void {
    const pending = this.client.takeDeferred();
    const opened = pending.findIndex((d) => d.sql === `SAVEPOINT ${savepoint}`);
    try {
      if (outer) this.client.exec('ROLLBACK');
      else if (opened >= 0) for (const d of pending.slice(0, opened)) this.client.defer(d.sql, d.before);
      else this.client.exec(`ROLLBACK TO SAVEPOINT ${savepoint}; RELEASE SAVEPOINT ${savepoint}`);
    } catch {
      // the connection is gone: the server rolled the transaction back itself
    }
  }

  close(): void {
    this.client.close();
  }
}
