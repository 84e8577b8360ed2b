/** The PostgreSQL store's transaction semantics, on a real server (vitest project "pg"). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, type TestStore } from '../../../tests/helpers/test-store.js';
import { PgDatabase } from './pg-database.js';

let store: TestStore;
let db: PgDatabase;
beforeAll(() => {
  store = createTestStore('/tmp');
  db = new PgDatabase(store.url);
  db.exec('CREATE TABLE t (id BIGINT PRIMARY KEY, v TEXT)');
});
afterAll(() => {
  db.close();
  store.drop();
});

const count = () => (db.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n;

describe('PgDatabase', () => {
  it('commits, and rolls back everything a failing transaction wrote', () => {
    db.transaction(() => db.prepare('INSERT INTO t (id, v) VALUES (?, ?)').run(1, 'a'))();
    expect(count()).toBe(1);
    expect(() =>
      db.transaction(() => {
        db.prepare('INSERT INTO t (id, v) VALUES (?, ?)').run(2, 'b');
        throw new Error('boom');
      })(),
    ).toThrow('boom');
    expect(count()).toBe(1);
    expect(db.inTransaction).toBe(false);
  });

  it('nests as savepoints: an inner failure caught inside keeps the outer writes', () => {
    db.transaction(() => {
      db.prepare('INSERT INTO t (id, v) VALUES (?, ?)').run(3, 'c');
      expect(() =>
        db.transaction(() => {
          db.prepare('INSERT INTO t (id, v) VALUES (?, ?)').run(4, 'd');
          db.prepare('INSERT INTO t (id, v) VALUES (?, ?)').run(4, 'dup'); // unique violation
        })(),
      ).toThrow(/duplicate key/);
    })();
    expect((db.prepare('SELECT id FROM t ORDER BY id').all() as { id: number }[]).map((r) => r.id)).toEqual([1, 3]);
  });

  it('hands the notes of a transaction to the change log before it commits, and the dropped ones to the rollback', () => {
    const logged: unknown[][] = [];
    const dropped: unknown[][] = [];
    db.beforeCommit = (notes) => logged.push([...notes]);
    db.rolledBack = (notes) => dropped.push([...notes]);
    const heard: string[] = [];
    db.transaction(() => {
      db.note({ k: 'plan', id: 'A' });
      db.afterCommit(() => heard.push('A committed'));
      expect(heard).toEqual([]); // not before the commit
    })();
    expect(heard).toEqual(['A committed']);
    expect(() =>
      db.transaction(() => {
        db.note({ k: 'plan', id: 'B' });
        db.afterCommit(() => heard.push('B committed'));
        throw new Error('no');
      })(),
    ).toThrow('no');
    expect(logged).toEqual([[{ k: 'plan', id: 'A' }]]);
    expect(dropped).toEqual([[{ k: 'plan', id: 'B' }]]);
    expect(heard).toEqual(['A committed']); // a rolled-back write is never heard of
    db.beforeCommit = null;
    db.rolledBack = null;
  });

  it('speaks the repositories SQL: named parameters, INSERT OR IGNORE, camelCase aliases', () => {
    db.prepare('INSERT OR IGNORE INTO t (id, v) VALUES (@id, @v)').run({ id: 1, v: 'again' });
    expect(db.prepare('SELECT v AS theValue FROM t WHERE id = ?').get(1)).toEqual({ theValue: 'a' });
    expect([...db.prepare('SELECT id FROM t WHERE id > ? ORDER BY id').iterate(0)].length).toBe(2);
  });
});
