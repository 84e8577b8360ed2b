import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from './database.js';
import { MIGRATIONS } from './migrations.js';

/**
 * Migrations that have shipped never change: a database migrated past one never runs it again.
 * Each version's SQL is pinned by its hash; a new version adds its line here on purpose.
 */
const SHIPPED: Record<number, string> = {
  1: '279fc75336e9cccb',
  2: '9293a8da00cf4a97',
  3: '406d3e102f9ecfe3',
  4: '0d8a94d87689f9c3',
  5: '2e3f9f0e871d40ef',
  6: '79383dba0941bfb1',
  7: 'e4f5b7afe07acfe8',
  8: '6091680bc8e8576a',
  9: '4f4525154831ccc5',
  10: '091469127f8cffe3',
  11: '862f9a42c2578090',
  12: 'b1d03c231b0462e7',
  13: '427df074b7d44701',
  14: 'f0bb9dfa0fbf7b57',
};
const hashOf = (sql: string) => createHash('sha256').update(sql).digest('hex').slice(0, 16);

describe('migrations', () => {
  it('are numbered 1, 2, 3, … and none that shipped has changed', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    const now = Object.fromEntries(MIGRATIONS.map((m) => [m.version, hashOf(m.sql)]));
    for (const [v, h] of Object.entries(SHIPPED)) expect(now[Number(v)], `migration ${v} changed after it shipped`).toBe(h);
  });

  it('the ledger summaries are filled from postings written before them (v11 → v12)', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)');
    for (const m of MIGRATIONS.filter((x) => x.version <= 11)) {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_version VALUES (?, ?)').run(m.version, 'x');
    }
    const post = db.prepare(
      "INSERT INTO ledger (txn, plan_id, company_id, account, element, amount_fen, month, at, tariff_version) VALUES (?, 'FP-1', 'ACME', ?, ?, ?, '2026-12', '2026-12-01T02:00:00Z', 'v1')",
    );
    post.run('charge:FP-1', 'company:ACME', 'charge', 300);
    post.run('charge:FP-1', 'station:A-CQ', 'airspace', -120);
    post.run('charge:FP-1', 'station:B-500109', 'airspace', -180);
    migrate(db);
    expect(db.prepare('SELECT txn, company_id AS c, total_fen AS t FROM ledger_txns').all()).toEqual([{ txn: 'charge:FP-1', c: 'ACME', t: 300 }]);
    expect(db.prepare('SELECT account, amount_fen AS a, postings AS n FROM ledger_balances ORDER BY account').all()).toEqual([
      { account: 'company:ACME', a: 300, n: 1 },
      { account: 'station:A-CQ', a: -120, n: 1 },
      { account: 'station:B-500109', a: -180, n: 1 },
    ]);
    db.close();
  });
});
