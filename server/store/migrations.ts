/** Versioned schema migrations; append only, never edit an applied one. */
import { CREDIT_MIGRATION_SQL } from './credit-repo.js';
import { OUTBOX_MIGRATION_SQL } from './outbox-repo.js';
import { REGISTRY_MIGRATION_SQL } from './registry-repo.js';
import { LANDING_POINT_MIGRATION_SQL } from './landing-point-repo.js';
import { EDITION_MIGRATION_SQL } from './edition-repo.js';
import { TARIFF_MIGRATION_SQL } from './tariff-repo.js';
import { LEDGER_MIGRATION_SQL, LEDGER_SUMMARY_MIGRATION_SQL } from './ledger-repo.js';
export const MIGRATIONS: { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE principals (
        id TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('admin','operator','pilot','planner','viewer')),
        name TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        operator_id TEXT,
        station_id TEXT,
        created_at TEXT NOT NULL
      );
      CREATE TABLE plans (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        state TEXT NOT NULL,
        priority INTEGER NOT NULL,
        station_id TEXT NOT NULL,
        operator_id TEXT,
        submitted_by TEXT NOT NULL,
        emergency INTEGER NOT NULL DEFAULT 0,
        deadline TEXT,
        time_start TEXT NOT NULL,
        time_end TEXT NOT NULL,
        bbox TEXT NOT NULL,
        doc TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX plans_state ON plans (state);
      CREATE INDEX plans_station ON plans (station_id, state);
      CREATE INDEX plans_operator ON plans (operator_id, state);
      CREATE TABLE audit (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        subject_kind TEXT NOT NULL,
        subject_id TEXT NOT NULL,
        action TEXT NOT NULL,
        from_state TEXT,
        to_state TEXT,
        reason TEXT,
        details TEXT
      );
      CREATE INDEX audit_subject ON audit (subject_kind, subject_id);
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
      CREATE TABLE zones (
        id TEXT PRIMARY KEY,
        doc TEXT NOT NULL,
        created_by TEXT NOT NULL,
        station_id TEXT,
        created_at TEXT NOT NULL,
        deleted_at TEXT
      );
      CREATE TABLE idempotency (
        principal_id TEXT NOT NULL,
        key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        status INTEGER NOT NULL,
        response TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (principal_id, key)
      );
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        plan_id TEXT,
        station_id TEXT,
        operator_id TEXT,
        payload TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    // plan events are the audit records themselves; a second table only doubled every write
    sql: 'DROP TABLE events; DROP INDEX plans_state;',
  },
  {
    version: 3,
    sql: `
      CREATE TABLE alerts (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        severity TEXT NOT NULL,
        track_id TEXT,
        plan_id TEXT,
        other_track_id TEXT,
        zone_id TEXT,
        station_id TEXT NOT NULL,
        lng REAL NOT NULL,
        lat REAL NOT NULL,
        altitude_m REAL NOT NULL,
        message TEXT NOT NULL,
        raised_at TEXT NOT NULL,
        cleared_at TEXT,
        acknowledged_at TEXT,
        acknowledged_by TEXT
      );
      CREATE INDEX alerts_station ON alerts (station_id, cleared_at);
    `,
  },
  {
    version: 4,
    sql: `
      CREATE TABLE rollouts (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        finished_at TEXT,
        state TEXT NOT NULL,
        options TEXT NOT NULL,
        error TEXT,
        summary TEXT,
        result TEXT
      );
    `,
  },
  {
    version: 5,
    // tokens may expire and be revoked; the database knows its own identity (see database.ts)
    sql: `
      ALTER TABLE principals ADD COLUMN expires_at TEXT;
      ALTER TABLE principals ADD COLUMN revoked_at TEXT;
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
  {
    version: 6,
    // the real-name registry: companies, aircraft, pilots' licences, insurance; the company-admin role
    sql: REGISTRY_MIGRATION_SQL,
  },
  {
    version: 7,
    // data sharing with the national UOM platform: the outbox, written with each reported change
    sql: OUTBOX_MIGRATION_SQL,
  },
  {
    version: 8,
    // credit (行业信用体系): append-only events, cursors over their causes
    sql: CREDIT_MIGRATION_SQL,
  },
  {
    version: 9,
    // landing points changed at runtime (created, changed, retired); filled from the scenario on first start
    sql: LANDING_POINT_MIGRATION_SQL,
  },
  {
    version: 10,
    // airspace pricing (空域要素定价): tariff versions, append-only
    sql: TARIFF_MIGRATION_SQL,
  },
  {
    version: 11,
    // settlement (结算): the double-entry ledger, append-only
    sql: LEDGER_MIGRATION_SQL,
  },
  {
    version: 12,
    // statements and settlements read a row per transaction and running monthly balances
    sql: LEDGER_SUMMARY_MIGRATION_SQL,
  },
  {
    version: 13,
    // indexes for what runs often: pruning delivered UOM positions, the daily cap on credit bonuses
    sql: `
      CREATE INDEX uom_outbox_kind_state ON uom_outbox (kind, state, seq);
      CREATE INDEX credit_events_company_kind_at ON credit_events (company_id, kind, at);
    `,
  },
  {
    version: 14,
    // airspace editions: drafts, reviews, publication with an effective time
    sql: EDITION_MIGRATION_SQL,
  },
];
