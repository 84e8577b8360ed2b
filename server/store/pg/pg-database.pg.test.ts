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
const insert = (id: number, v: string) => db.prepare('INSERT INTO t (id, v) VALUES (?, ?)').run(id, v);
/** the ids of the rows `where` selects, in order */
const ids = (where: string) => (db.prepare(`SELECT id FROM t WHERE ${where} ORDER BY id`).all() as { id: number }[]).map((r) => r.id);

describe('PgDatabase', () => {
  it('commits, and rolls back everything a failing transaction wrote', () => {
    db.transaction(() => insert(1, 'a'))();
    expect(count()).toBe(1);
    expect(() =>
      db.transaction(() => {
        insert(2, 'b');
        throw new Error('boom');
      })(),
    ).toThrow('boom');
    expect(count()).toBe(1);
    expect(db.inTransaction).toBe(false);
  });

  it('nests as savepoints: an inner failure caught inside keeps the outer writes', () => {
    db.transaction(() => {
      insert(3, 'c');
      expect(() =>
        db.transaction(() => {
          insert(4, 'd');
          insert(4, 'dup'); // unique violation
        })(),
      ).toThrow(/duplicate key/);
    })();
    expect(ids('true')).toEqual([1, 3]);
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

  it('sends a savepoint with its first statement and its release with the COMMIT: nested work costs no round trips of its own', () => {
    const calls: string[] = [];
    const client = db.client as unknown as Record<'query' | 'exec', (sql: string, p?: unknown[]) => unknown>;
    const spied = (['query', 'exec'] as const).map((m) => {
      const orig = client[m];
      client[m] = function (this: unknown, sql: string, p?: unknown[]) {
        calls.push(sql.split(' ')[0]);
        return orig.call(this, sql, p);
      };
      return () => {
        client[m] = orig;
      };
    });
    try {
      db.transaction(() => {
        db.transaction(() => insert(10, 'x'))();
        db.transaction(() => insert(11, 'y'))();
        insert(12, 'z');
      })();
    } finally {
      for (const undo of spied) undo();
    }
    expect(calls).toEqual(['BEGIN', 'INSERT', 'INSERT', 'INSERT', 'COMMIT']);
    expect(ids('id >= 10')).toEqual([10, 11, 12]);
  });

  it('undoes a savepoint that never reached the server without a word to it, and one that did with a rollback to it', () => {
    db.transaction(() => {
      // failed before any statement: nothing to undo on the server
      expect(() =>
        db.transaction(() => {
          throw new Error('before any statement');
        })(),
      ).toThrow('before any statement');
      db.transaction(() => insert(20, 'kept'))();
      // failed after one: rolled back to it, its write gone, the released one before it kept
      expect(() =>
        db.transaction(() => {
          insert(21, 'gone');
          insert(21, 'dup');
        })(),
      ).toThrow(/duplicate key/);
      insert(22, 'after');
    })();
    expect(ids('id >= 20')).toEqual([20, 22]);
    expect(db.inTransaction).toBe(false);
  });

  it('rolls back cleanly when a statement fails while a release still waits for the COMMIT; the connection goes on', () => {
    expect(() =>
      db.transaction(() => {
        db.transaction(() => insert(30, 'a'))();
        insert(1, 'duplicate of the first row');
      })(),
    ).toThrow(/duplicate key/);
    expect(db.prepare('SELECT id FROM t WHERE id = 30').get()).toBeUndefined();
    // a failure caught inside the outer transaction: COMMIT (with the pending release) rolls it all back
    expect(() =>
      db.transaction(() => {
        db.transaction(() => insert(31, 'a'))();
        try {
          insert(1, 'duplicate');
        } catch {
          // swallowed: the transaction is failed all the same
        }
      })(),
    ).toThrow();
    expect(db.prepare('SELECT id FROM t WHERE id = 31').get()).toBeUndefined();
    db.transaction(() => insert(32, 'next'))();
    expect(db.prepare('SELECT id FROM t WHERE id = 32').get()).toEqual({ id: 32 });
  });

  it('opens a transaction with a prologue in one round trip, answers its last rows, and recovers from a failing one', () => {
    const got = db.transactionAfter('SELECT pg_advisory_xact_lock(77); SELECT id FROM t WHERE id IN (1, 3) ORDER BY id', (rows) => {
      insert(40, 'p');
      return rows.map((r) => r.id);
    });
    expect(got).toEqual([1, 3]);
    expect(db.prepare('SELECT id FROM t WHERE id = 40').get()).toEqual({ id: 40 });
    expect(() => db.transactionAfter('SELECT no_such_column FROM t', () => 'unreached')).toThrow(/no_such_column/);
    expect(db.inTransaction).toBe(false);
    // no transaction was left open: this one commits on its own
    db.transaction(() => insert(41, 'q'))();
    expect(db.prepare('SELECT id FROM t WHERE id = 41').get()).toEqual({ id: 41 });
    expect(() => db.transaction(() => db.transactionAfter('SELECT 1', () => 0))()).toThrow(/outermost/);
  });

  it('keeps a savepoint ahead of its statements after an inner one failed before reaching the server', () => {
    db.transaction(() => {
      expect(() =>
        db.transaction(() => {
          expect(() =>
            db.transaction(() => {
              throw new Error('inner, before any statement');
            })(),
          ).toThrow('inner');
          insert(50, 'undone with its savepoint');
          throw new Error('middle');
        })(),
      ).toThrow('middle');
      insert(51, 'kept');
    })();
    expect(ids('id >= 50 AND id < 60')).toEqual([51]);
  });

  it('never commits part of a transaction a swallowed failure had spoilt, savepoints or not', () => {
    expect(() =>
      db.transaction(() => {
        db.transaction(() => insert(60, 'a'))();
        try {
          insert(1, 'duplicate: the transaction is spoilt');
        } catch {
          // swallowed (a misuse): everything after fails, and so does the COMMIT
        }
        try {
          db.transaction(() => insert(61, 'b'))();
        } catch {
          // its rollback must not reach the first savepoint and revive the transaction
        }
        db.prepare('SELECT 1').get();
      })(),
    ).toThrow();
    expect(db.prepare('SELECT id FROM t WHERE id IN (60, 61)').all()).toEqual([]);
    expect(db.inTransaction).toBe(false);
  });
});

describe('steps around a commit', () => {
  it('a failing after-commit step is told, not thrown: the commit stands and the other steps run', () => {
    const told: unknown[] = [];
    db.hookError = (e) => told.push(e);
    const ran: string[] = [];
    const result = db.transaction(() => {
      insert(900, 'kept');
      db.afterCommit(() => {
        throw new Error('a listener fails');
      });
      db.afterCommit(() => ran.push('second'));
      return 'answer';
    })();
    expect(result).toBe('answer');
    expect(ids('id = 900')).toEqual([900]);
    expect(ran).toEqual(['second']);
    expect(told.map((e) => (e as Error).message)).toEqual(['a listener fails']);
    db.hookError = null;
  });

  it('undo steps run last registered first, and one that fails does not stop the others', () => {
    const told: unknown[] = [];
    db.hookError = (e) => told.push(e);
    const undone: string[] = [];
    expect(() =>
      db.transaction(() => {
        insert(901, 'gone');
        db.onRollback(() => undone.push('first registered'));
        db.onRollback(() => {
          throw new Error('an undo fails');
        });
        db.onRollback(() => undone.push('last registered'));
        throw new Error('the decision fails');
      })(),
    ).toThrow('the decision fails');
    expect(undone).toEqual(['last registered', 'first registered']);
    expect(told.map((e) => (e as Error).message)).toEqual(['an undo fails']);
    expect(ids('id = 901')).toEqual([]);
    db.hookError = null;
  });
});

describe('the LISTEN connection', () => {
  it('connects again by itself when it drops, listens to every channel again, and says so', async () => {
    const other = new PgDatabase(store.url);
    const got: string[] = [];
    const states: boolean[] = [];
    other.client.notifications.add((channel, payload) => got.push(`${channel}:${payload}`));
    other.client.listenState = (up) => states.push(up);
    other.client.listen('yk_test_a');
    other.client.listen('yk_test_b');
    const until = async (ok: () => boolean, what: string) => {
      for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 50));
      if (!ok()) throw new Error(`timed out waiting for ${what}`);
    };
    db.client.query("SELECT pg_notify('yk_test_a', 'before')");
    await until(() => got.includes('yk_test_a:before'), 'the first notification');
    // the server ends the LISTEN connection (a restart, a network fault, an administrator)
    const killed = db.client.query("SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()");
    expect(killed.rows[0].n).toBe(1);
    await until(() => states.includes(false) && states.at(-1) === true, 'lost, then listening again');
    expect(states).toEqual([false, true]);
    db.client.query("SELECT pg_notify('yk_test_a', 'after'), pg_notify('yk_test_b', 'after')");
    await until(() => got.includes('yk_test_a:after') && got.includes('yk_test_b:after'), 'notifications on both channels');
    // the store's own connection was not touched
    expect((other.prepare('SELECT 1 AS one').get() as { one: number }).one).toBe(1);
    other.close();
  }, 30_000);

  it('says it is back also when a new channel is listened to while it waits to connect again', async () => {
    const other = new PgDatabase(store.url);
    const states: boolean[] = [];
    other.client.listenState = (up) => states.push(up);
    other.client.listen('yk_test_c');
    db.client.query("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()");
    for (let i = 0; i < 200 && !states.includes(false); i++) await new Promise((r) => setTimeout(r, 20));
    other.client.listen('yk_test_d'); // connects at once, before the delayed attempt
    for (let i = 0; i < 200 && states.at(-1) !== true; i++) await new Promise((r) => setTimeout(r, 20));
    expect(states).toEqual([false, true]);
    other.close();
  }, 30_000);
});
