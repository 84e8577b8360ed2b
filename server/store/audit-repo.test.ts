import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditRepo, type AuditRecord } from './audit-repo.js';
import { openDatabase } from './database.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const record = (action: string, details?: unknown): AuditRecord => ({
  at: '2026-12-01T00:00:00.000Z',
  actor: 'a',
  subjectKind: 'plan',
  subjectId: 'FP-1',
  action,
  toState: null,
  ...(details === undefined ? {} : { details }),
});

describe('audit appendAll', () => {
  it('appends records in order, one statement for a pair, and returns the last sequence number', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yk-audit-'));
    dirs.push(dir);
    const db = openDatabase(join(dir, 'a.db'));
    const audit = new AuditRepo(db);
    expect(audit.appendAll([])).toBe(0);
    const one = audit.appendAll([record('submit')]);
    const pair = audit.appendAll([record('submit'), record('decide', { outcome: 'approved' })]);
    const three = audit.appendAll([record('a'), record('b'), record('c')]);
    const all = (db.prepare("SELECT seq, action, details FROM audit WHERE subject_id = 'FP-1' ORDER BY seq").all() as { seq: number; action: string; details: string | null }[]).map((r) => [
      r.seq,
      r.action,
      r.details,
    ]);
    expect(all).toEqual([
      [one, 'submit', null],
      [pair - 1, 'submit', null],
      [pair, 'decide', '{"outcome":"approved"}'],
      [three - 2, 'a', null],
      [three - 1, 'b', null],
      [three, 'c', null],
    ]);
    db.close();
  });
});
