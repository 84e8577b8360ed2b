/**
 * The same versioned migrations as the embedded store, translated, then what only PostgreSQL
 * has: PostGIS footprints of plans (GiST-indexed, for GIS tools reading the store of record),
 * number sequences that servers sharing the database draw ids from, and the change log that
 * keeps every server's in-memory indexes in step (server/cluster/change-log.ts).
 * Servers starting together migrate one at a time (an advisory lock).
 */
import { MIGRATIONS } from '../migrations.js';
import type { PgDatabase } from './pg-database.js';
import { translateDdl } from './sql-dialect.js';

const MIGRATION_LOCK = 4_242_001;

/** Extra schema for PostgreSQL, versioned on its own (table pg_schema_version). */
export const PG_EXTRAS: { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE EXTENSION IF NOT EXISTS postgis;
      ALTER TABLE plans ADD COLUMN footprint geometry(Polygon, 4326) GENERATED ALWAYS AS (
        ST_MakeEnvelope((bbox::jsonb->>0)::float8, (bbox::jsonb->>1)::float8, (bbox::jsonb->>2)::float8, (bbox::jsonb->>3)::float8, 4326)) STORED;
      CREATE INDEX plans_footprint ON plans USING gist (footprint);
      CREATE SEQUENCE yk_plan_number;
      SELECT setval('yk_plan_number', COALESCE((SELECT MAX(seq) FROM plans), 0) + 1, false);
      CREATE SEQUENCE yk_alert_number;
      SELECT setval('yk_alert_number', COALESCE((SELECT MAX(seq) FROM alerts), 0) + 1, false);
      CREATE SEQUENCE yk_adjustment_number;
      SELECT setval('yk_adjustment_number', COALESCE((SELECT MAX(seq) FROM credit_events), 0) + 1, false);
      CREATE TABLE yk_changes (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at_ms BIGINT NOT NULL,
        instance TEXT NOT NULL,
        notes TEXT NOT NULL
      );
      CREATE TABLE yk_leases (
        name TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        expires_ms BIGINT NOT NULL
      );
    `,
  },
  {
    version: 2,
    // each server's heartbeat says how far it has read the change log (what may be pruned: server/cluster/change-log-prune.ts)
    sql: 'ALTER TABLE yk_leases ADD COLUMN seen_seq BIGINT NOT NULL DEFAULT 0',
  },
];

export function migratePg(db: PgDatabase): number {
  const c = db.client;
  c.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    c.exec('CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)');
    c.exec('CREATE TABLE IF NOT EXISTS pg_schema_version (version BIGINT NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)');
    const at = new Date().toISOString();
    const current = (c.query('SELECT MAX(version) AS v FROM schema_version').rows[0]?.v as number | null) ?? 0;
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      c.exec(`BEGIN; ${translateDdl(m.sql)}; INSERT INTO schema_version (version, applied_at) VALUES (${m.version}, '${at}'); COMMIT;`);
    }
    const extras = (c.query('SELECT MAX(version) AS v FROM pg_schema_version').rows[0]?.v as number | null) ?? 0;
    for (const m of PG_EXTRAS) {
      if (m.version <= extras) continue;
      try {
        c.exec(`BEGIN; ${m.sql}; INSERT INTO pg_schema_version (version, applied_at) VALUES (${m.version}, '${at}'); COMMIT;`);
      } catch (e) {
        c.exec('ROLLBACK');
        if (/extension "postgis"/.test((e as Error).message)) throw new Error(`PostGIS is not installed on this PostgreSQL server (Debian: postgresql-15-postgis-3): ${(e as Error).message}`);
        throw e;
      }
    }
  } catch (e) {
    try {
      c.exec('ROLLBACK');
    } catch {
      // nothing open
    }
    throw e;
  } finally {
    c.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
  return MIGRATIONS[MIGRATIONS.length - 1].version;
}
