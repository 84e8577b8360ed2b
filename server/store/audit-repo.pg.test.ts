/** The audit's records written together keep their order on PostgreSQL too (vitest project "pg"). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, type TestStore } from '../../tests/helpers/test-store.js';
import { AuditRepo, type AuditRecord } from './audit-repo.js';
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

const record = (subjectId: string, action: string, details?: unknown): AuditRecord => ({
  at: '2026-12-01T00:00:00.000Z',
  actor: 'a',
  subjectKind: 'plan',
  subjectId,
  action,
  toState: null,
  ...(details === undefined ? {} : { details }),
});

describe('audit appendAll on PostgreSQL', () => {
  it('writes a pair in order and returns the last record’s number', () => {
    const audit = new AuditRepo(db);
    for (let k = 0; k < 50; k++) {
      const id = `FP-${k}`;
      const seq = audit.appendAll([record(id, 'submit'), record(id, 'decide', { outcome: 'approved' })]);
      const rows = db.prepare('SELECT seq, action, details FROM audit WHERE subject_id = ? ORDER BY seq').all(id) as { seq: number | string; action: string; details: string | null }[];
      expect(rows.map((r) => [r.action, r.details])).toEqual([
        ['submit', null],
        ['decide', '{"outcome":"approved"}'],
      ]);
      expect(Number(rows[1].seq)).toBe(seq);
    }
    expect(audit.appendAll([])).toBe(0);
  });
});
