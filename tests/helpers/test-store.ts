/**
 * Which store the integration tests run on. In the vitest project "pg" (YUKONG_TEST_PG=postgres://…,
 * a server the test run may create databases on) every harness gets a fresh PostgreSQL database of
 * its own, copied from a migrated template and dropped afterwards; elsewhere the embedded store in
 * a temporary directory.
 */
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { MIGRATIONS } from '../../server/store/migrations.js';
import { PgDatabase } from '../../server/store/pg/pg-database.js';
import { PG_EXTRAS, migratePg } from '../../server/store/pg/pg-migrate.js';
import { PgSyncClient } from '../../server/store/pg/pg-sync-client.js';
import { translateDdl } from '../../server/store/pg/sql-dialect.js';

const onPostgres = process.env.YUKONG_TEST_STORE === 'postgres'; // the vitest project "pg"
if (onPostgres && !process.env.YUKONG_TEST_PG) throw new Error('the PostgreSQL suite needs YUKONG_TEST_PG=postgres://… (scripts/pg-local.sh starts one)');
export const TEST_PG_URL = onPostgres ? (process.env.YUKONG_TEST_PG as string) : '';

export interface TestStore {
  /** what YUKONG_DB is set to */
  url: string;
  kind: 'sqlite' | 'postgres';
  drop: () => void;
}

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

/** A migrated template per schema (copying it is much faster than migrating every test's database). */
function templateName(): string {
  const schema = JSON.stringify([MIGRATIONS.map((m) => translateDdl(m.sql)), PG_EXTRAS]);
  return `yk_tpl_${createHash('sha256').update(schema).digest('hex').slice(0, 12)}`;
}

function ensureTemplate(admin: PgSyncClient): string {
  const tpl = templateName();
  if (admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [tpl]).rows.length) return tpl;
  admin.exec(`CREATE DATABASE ${tpl}`);
  const db = new PgDatabase(withDatabase(TEST_PG_URL, tpl), { appName: 'yukong-tests' });
  try {
    migratePg(db); // no database id: each copy gets its own at first open
  } catch (e) {
    db.close();
    admin.exec(`DROP DATABASE ${tpl}`);
    throw e;
  }
  db.close();
  return tpl;
}

export function createTestStore(dir: string): TestStore {
  if (!TEST_PG_URL) return { url: join(dir, 'test.db'), kind: 'sqlite', drop: () => {} };
  const name = `yk_test_${randomBytes(6).toString('hex')}`;
  const admin = new PgSyncClient(TEST_PG_URL, { appName: 'yukong-tests' });
  try {
    admin.query('SELECT pg_advisory_lock(4242002)'); // test files start in parallel: one builds the template
    try {
      admin.exec(`CREATE DATABASE ${name} TEMPLATE ${ensureTemplate(admin)}`);
    } finally {
      admin.query('SELECT pg_advisory_unlock(4242002)');
    }
  } finally {
    admin.close();
  }
  return {
    url: withDatabase(TEST_PG_URL, name),
    kind: 'postgres',
    drop: () => {
      const c = new PgSyncClient(TEST_PG_URL, { appName: 'yukong-tests' });
      try {
        c.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        c.close();
      }
    },
  };
}
