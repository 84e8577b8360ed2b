/**
 * The one store interface the repositories and services use: prepared statements, nested
 * transactions, DDL. The embedded store (better-sqlite3) is it as it is; PostgreSQL implements
 * it in `pg/pg-database.ts`. Both are synchronous: a decision and its write are one step.
 */

export interface RunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

// biome-ignore lint/suspicious/noExplicitAny: parameters are positional values or one object of named ones
type Params = any[];

export interface Statement<_P = unknown[]> {
  run(...params: Params): RunResult;
  get(...params: Params): unknown;
  all(...params: Params): unknown[];
  iterate(...params: Params): IterableIterator<unknown>;
}

// biome-ignore lint/suspicious/noExplicitAny: a transaction wraps any function, as better-sqlite3's does
export type VariadicFunction = (...args: any[]) => any;
// biome-ignore lint/suspicious/noExplicitAny: as better-sqlite3's
export type ArgumentTypes<F extends VariadicFunction> = F extends (...args: infer A) => unknown ? A : never;

export interface Db {
  prepare(sql: string): Statement;
  exec(sql: string): unknown;
  transaction<F extends VariadicFunction>(fn: F): (...params: ArgumentTypes<F>) => ReturnType<F>;
  readonly inTransaction: boolean;
  readonly open: boolean;
  close(): void;
}

const runners = new WeakMap<Db, (work: () => unknown) => unknown>();

/**
 * Runs `work` in a transaction (a savepoint inside one), as `db.transaction(work)()` does, with one
 * transaction function per database instead of a new one a call (better-sqlite3 builds four
 * functions and their properties each time it is asked for one: ≈ 5 µs, twice a decision).
 */
export function inTransaction<T>(db: Db, work: () => T): T {
  let run = runners.get(db);
  if (!run) {
    run = db.transaction((w: () => unknown) => w());
    runners.set(db, run);
  }
  return run(work) as T;
}

export type StoreKind = 'sqlite' | 'postgres';

export const isPostgresUrl = (s: string) => /^postgres(ql)?:\/\//.test(s);

/** The store a database is (PostgreSQL databases say so; the embedded one has no marker). */
export const storeKindOf = (db: Db): StoreKind => ((db as { storeKind?: StoreKind }).storeKind === 'postgres' ? 'postgres' : 'sqlite');

/** Whether the schema has a table (the migration that creates it has run). */
export function hasTable(db: Db, name: string): boolean {
  const sql = storeKindOf(db) === 'postgres' ? 'SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = ?' : "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?";
  return db.prepare(sql).get(name) !== undefined;
}

/** A write refused for a duplicate key, on either store (PostgreSQL 23505, SQLite's unique and primary-key constraints). */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
