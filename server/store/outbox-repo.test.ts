import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './database.js';
import { OUTBOX_MIGRATION_SQL, OutboxRepo } from './outbox-repo.js';

let db: Db;
let repo: OutboxRepo;
beforeEach(() => {
  db = openDatabase(':memory:');
  // until the migration is part of MIGRATIONS; afterwards a no-op
  if (!OutboxRepo.for(db)) db.exec(OUTBOX_MIGRATION_SQL);
  repo = OutboxRepo.for(db) as OutboxRepo;
});
afterEach(() => db.close());

const rec = (id: string, planId: string | null = 'FP-1', eventAt = '2026-12-01T00:00:00.000Z') => ({ id, kind: 'plan.approved', planId, eventAt, body: { id, hello: '渝空' } });

describe('outbox repository', () => {
  it('is there only where the schema has the table, one per database', () => {
    const fresh = new Database(':memory:');
    expect(OutboxRepo.for(fresh)).toBeNull();
    fresh.exec(OUTBOX_MIGRATION_SQL);
    expect(OutboxRepo.for(fresh)).toBe(OutboxRepo.for(fresh));
    fresh.close();
    expect(OutboxRepo.for(db)).toBe(repo);
  });

  it('keeps records oldest first, ignores an id it has, and stores the body as sent', () => {
    expect(repo.insert(rec('FP-1:2', 'FP-1', '2026-12-01T00:00:02.000Z'))).toBe(true);
    expect(repo.insert(rec('FP-2:3', 'FP-2', '2026-12-01T00:00:01.000Z'))).toBe(true);
    expect(repo.insert(rec('FP-1:2'))).toBe(false);
    const rows = repo.pending(10);
    expect(rows.map((r) => r.id)).toEqual(['FP-1:2', 'FP-2:3']);
    expect(JSON.parse(rows[0].body)).toEqual({ id: 'FP-1:2', hello: '渝空' });
    expect(repo.pending(1).map((r) => r.id)).toEqual(['FP-1:2']);
    expect(repo.hasPlan('FP-1')).toBe(true);
    expect(repo.hasPlan('FP-3')).toBe(false);
    expect(repo.oldestPendingAt()).toBe('2026-12-01T00:00:01.000Z');
  });

  it('counts pending, delivered and failed; attempts and errors are kept', () => {
    for (const id of ['a', 'b', 'c', 'd']) repo.insert(rec(id, null, `2026-12-01T00:00:0${'abcd'.indexOf(id)}.000Z`));
    expect(repo.counts()).toEqual({ pending: 4, delivered: 0, failed: 0 });
    repo.markAttempt(['a', 'b'], '2026-12-01T01:00:00.000Z', 'HTTP 503');
    expect(repo.lastError()).toEqual({ at: '2026-12-01T01:00:00.000Z', message: 'HTTP 503' });
    repo.markDelivered(['a', 'b'], '2026-12-01T01:00:05.000Z');
    repo.markFailed(['c'], '2026-12-01T01:00:06.000Z', 'HTTP 422: bad record');
    expect(repo.counts()).toEqual({ pending: 1, delivered: 2, failed: 1 });
    expect(repo.oldestPendingAt()).toBe('2026-12-01T00:00:03.000Z');
    expect(repo.lastDeliveredAt()).toBe('2026-12-01T01:00:05.000Z');
    expect(repo.lastError()).toEqual({ at: '2026-12-01T01:00:06.000Z', message: 'HTTP 422: bad record' });
    const byId = new Map(repo.all().map((r) => [r.id, r]));
    expect(byId.get('a')).toMatchObject({ state: 'delivered', attempts: 2, deliveredAt: '2026-12-01T01:00:05.000Z' });
    expect(byId.get('c')).toMatchObject({ state: 'failed', attempts: 1, lastError: 'HTTP 422: bad record' });
    // a delivered record is never marked again
    repo.markFailed(['a'], '2026-12-01T02:00:00.000Z', 'late');
    expect(repo.counts().delivered).toBe(2);
    expect(repo.requeueFailed()).toBe(1);
    expect(repo.counts()).toEqual({ pending: 2, delivered: 2, failed: 0 });
  });

  it('an insert inside a transaction that rolls back leaves nothing', () => {
    expect(() =>
      db.transaction(() => {
        repo.insert(rec('x'));
        throw new Error('the change failed');
      })(),
    ).toThrow('the change failed');
    expect(repo.counts()).toEqual({ pending: 0, delivered: 0, failed: 0 });
    expect(repo.oldestPendingAt()).toBeNull();
  });

  it('prunes delivered records of one kind older than a time, oldest first and bounded; pending and other kinds stay', () => {
    const track = (id: string) => ({ id, kind: 'track.positions', planId: null, eventAt: '2026-12-01T00:00:00.000Z', body: { id } });
    for (const id of ['t1', 't2', 't3', 't4']) repo.insert(track(id));
    repo.insert(rec('FP-1:1'));
    repo.markDelivered(['t1', 't2', 'FP-1:1'], '2026-12-01T01:00:00.000Z');
    repo.markDelivered(['t3'], '2026-12-01T03:00:00.000Z');
    expect(repo.pruneDelivered('track.positions', '2026-12-01T02:00:00.000Z', 1)).toBe(1);
    expect(repo.all().map((r) => r.id)).toEqual(['t2', 't3', 't4', 'FP-1:1']);
    expect(repo.pruneDelivered('track.positions', '2026-12-01T02:00:00.000Z')).toBe(1);
    expect(repo.all().map((r) => [r.id, r.state])).toEqual([
      ['t3', 'delivered'],
      ['t4', 'pending'],
      ['FP-1:1', 'delivered'],
    ]);
  });

  it('a batch stops at a byte budget, oldest first, and always holds at least one record', () => {
    for (const id of ['a', 'b', 'c']) repo.insert({ id, kind: 'track.positions', planId: null, eventAt: '2026-12-01T00:00:00.000Z', body: { id, pad: 'x'.repeat(100) } });
    const size = repo.pending(1)[0].body.length;
    expect(repo.pending(10, size * 2).map((r) => r.id)).toEqual(['a', 'b']);
    expect(repo.pending(10, size * 2 - 1).map((r) => r.id)).toEqual(['a']);
    expect(repo.pending(10, 1).map((r) => r.id)).toEqual(['a']);
    expect(repo.pending(2).map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('prunes pending positions older than a time (nobody can use them late); other kinds wait', () => {
    repo.insert({ id: 'old', kind: 'track.positions', planId: null, eventAt: '2026-12-01T00:00:00.000Z', body: {} });
    repo.insert({ id: 'new', kind: 'track.positions', planId: null, eventAt: '2026-12-02T00:00:00.000Z', body: {} });
    repo.insert({ id: 'plan', kind: 'plan.approved', planId: 'FP-1', eventAt: '2026-11-01T00:00:00.000Z', body: {} });
    expect(repo.prunePendingOlderThan('track.positions', '2026-12-01T12:00:00.000Z')).toBe(1);
    expect(repo.all().map((r) => r.id)).toEqual(['new', 'plan']);
  });

  it('a batch counts bytes, not characters', () => {
    repo.insert({ id: 'zh', kind: 'plan.approved', planId: null, eventAt: '2026-12-01T00:00:00.000Z', body: { name: '渝'.repeat(100) } });
    repo.insert({ id: 'zh2', kind: 'plan.approved', planId: null, eventAt: '2026-12-01T00:00:00.000Z', body: { name: '渝'.repeat(100) } });
    const chars = repo.pending(1)[0].body.length;
    expect(repo.pending(10, chars * 2).map((r) => r.id)).toEqual(['zh']); // 300+ bytes each
  });
});
