import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { type Db, inTransaction } from './sql-db.js';

describe('inTransaction', () => {
  it('commits, rolls back, and nests as savepoints as db.transaction(work)() does', () => {
    const db = new Database(':memory:') as unknown as Db;
    db.exec('CREATE TABLE t (x INTEGER)');
    const ins = db.prepare('INSERT INTO t VALUES (?)');
    const rows = () => (db.prepare('SELECT x FROM t ORDER BY x').all() as { x: number }[]).map((r) => r.x);
    expect(inTransaction(db, () => ins.run(1).changes)).toBe(1);
    expect(() =>
      inTransaction(db, () => {
        ins.run(2);
        throw new Error('no');
      }),
    ).toThrow('no');
    expect(rows()).toEqual([1]);
    // a failing inner transaction is undone alone; the outer goes on and commits
    inTransaction(db, () => {
      ins.run(3);
      expect(() =>
        inTransaction(db, () => {
          ins.run(4);
          throw new Error('inner');
        }),
      ).toThrow('inner');
      inTransaction(db, () => ins.run(5));
    });
    expect(rows()).toEqual([1, 3, 5]);
    expect(db.inTransaction).toBe(false);
    db.close();
  });
});
