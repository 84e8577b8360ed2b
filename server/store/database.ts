/**
 * The embedded store: better-sqlite3 in WAL mode with versioned migrations. Every write the
 * service makes runs inside one transaction together with its audit record.
 *
 * Identity: a new database gets a random id (table `meta`), and a marker file `<db>.marker`
 * beside it records that id once the schema exists. At start, a marker with no database file,
 * an empty (0-byte) file, a file without schema, or a database with another id means data that
 * was written is gone: the server refuses to start rather than serve an empty airspace. To start
 * afresh on purpose, delete the marker.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';
import { PgDatabase } from './pg/pg-database.js';
import { migratePg } from './pg/pg-migrate.js';
import { type Db, hasTable, isPostgresUrl } from './sql-db.js';

export type { Db } from './sql-db.js';

export class StoreIntegrityError extends Error {}

export const markerPath = (path: string) => `${path}.marker`;

interface Marker {
  databaseId: string;
  createdAt: string;
}

function readMarker(path: string): Marker | null {
  const m = markerPath(path);
  if (!existsSync(m)) return null;
  try {
    const parsed = JSON.parse(readFileSync(m, 'utf8')) as Partial<Marker>;
    if (typeof parsed.databaseId === 'string') return parsed as Marker;
  } catch (e) {
    throw new StoreIntegrityError(`the marker ${m} is unreadable (${(e as Error).message}); restore it or delete it to start afresh`);
  }
  throw new StoreIntegrityError(`the marker ${m} has no databaseId; restore it or delete it to start afresh`);
}

const hasSchema = (db: Db) => hasTable(db, 'schema_version');

/** PostgreSQL (`postgres://…`): migrated on open; its identity is the database's own id, there is no file to lose. */
function openPostgres(url: string): Db {
  const db = new PgDatabase(url, { appName: 'yukong' });
  try {
    migratePg(db);
    databaseId(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

export function openDatabase(path: string): Db {
  if (isPostgresUrl(path)) return openPostgres(path);
  const memory = path === ':memory:';
  const marker = memory ? null : readMarker(path);
  if (marker) {
    const refuse = (what: string) =>
      new StoreIntegrityError(
        `${what}, but ${markerPath(path)} says database ${marker.databaseId} was written there (${marker.createdAt}); ` +
          'refusing to start on an empty store. Restore the database file, or delete the marker to start afresh on purpose.',
      );
    if (!existsSync(path)) throw refuse(`the database file ${path} is missing`);
    if (statSync(path).size === 0) throw refuse(`the database file ${path} is empty (0 bytes)`);
  }
  if (!memory) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    if (marker && !hasSchema(db))
      throw new StoreIntegrityError(
        `the database file ${path} has no schema, but ${markerPath(path)} says database ${marker.databaseId} was written there; restore it or delete the marker to start afresh`,
      );
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL'); // WAL + NORMAL: durable across process crashes
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // each decision of a group commit runs in a savepoint; its journal (the pages as they were
    // before it) spills to a temporary file past 64 KiB, one write per page, unless kept in memory:
    // ≈ 17 system calls a decision, ≈ 20 % of a decision and its write (bench/README.md)
    db.pragma('temp_store = MEMORY');
    // checkpoints normally run in a worker (checkpointer.ts); this is only a safety net
    db.pragma('wal_autocheckpoint = 50000');
    migrate(db);
    const id = databaseId(db);
    if (marker && marker.databaseId !== id) {
      throw new StoreIntegrityError(`the database file ${path} is database ${id}, not ${marker.databaseId} as ${markerPath(path)} says; restore the right file or delete the marker`);
    }
    if (!memory && !marker) writeFileSync(markerPath(path), `${JSON.stringify({ databaseId: id, createdAt: new Date().toISOString() })}\n`);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** The database's own id, created with it. */
export function databaseId(db: Db): string {
  const read = () => (db.prepare("SELECT value FROM meta WHERE key = 'database_id'").get() as { value: string } | undefined)?.value;
  const known = read();
  if (known) return known;
  // servers starting together on one new database agree on the first id written
  db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('database_id', ?)").run(randomUUID());
  return read() as string;
}

export function migrate(db: Database.Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)');
  const current = (db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null }).v ?? 0;
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)').run(m.version, new Date().toISOString());
    })();
  }
  return MIGRATIONS[MIGRATIONS.length - 1].version;
}
