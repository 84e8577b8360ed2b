/** The credit cursor's reading of audit numbers on PostgreSQL, where numbers may commit out of order (vitest project "pg"). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, type TestStore } from '../../tests/helpers/test-store.js';
import { CreditRepo } from './credit-repo.js';
import { PgDatabase } from './pg/pg-database.js';

let store: TestStore;
let db: PgDatabase;
beforeAll(() => {
  store = createTestStore('/tmp');
  db = new PgDatabase(store.url);
});
afterAll(() => {
  db.close();
  store.drop();
});

const audit = (seq: number) => db.prepare("INSERT INTO audit (seq, at, actor, subject_kind, subject_id, action) VALUES (?, '2026-12-01T00:00:00Z', 'a', 'plan', 'FP-1', 'submit')").run(seq);

describe('reading audit numbers that commit out of order', () => {
  it('stops before a missing number until it appears, then reads on and forgets the gap', () => {
    const repo = new CreditRepo(db);
    const gaps = (repo as unknown as { gaps: Map<string, number> }).gaps;
    audit(1);
    audit(2);
    audit(4); // 3 is taken by a transaction that has not committed yet
    expect(repo.maxAuditSeq(0)).toBe(2);
    expect([...gaps.keys()]).toEqual(['audit:3']);
    expect(repo.maxAuditSeq(2)).toBe(2); // still waiting for it
    audit(3);
    expect(repo.maxAuditSeq(2)).toBe(4);
    expect(gaps.size).toBe(0); // nothing kept for a gap that filled
  });
});
