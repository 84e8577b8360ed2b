import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { afterCommit, closeGroupHooks, onHookError, openGroupHooks } from './change-notes.js';

describe('after a commit', () => {
  it('a failing step is told, never thrown, and the steps after it still run (outside a group and in one)', () => {
    const db = new Database(':memory:');
    const told: unknown[] = [];
    onHookError(db, (e) => told.push(e));
    const ran: string[] = [];
    // outside a group: at once
    expect(() =>
      afterCommit(db, () => {
        throw new Error('listener 1');
      }),
    ).not.toThrow();
    afterCommit(db, () => ran.push('after 1'));
    expect(ran).toEqual(['after 1']);
    // in a group: once it has committed
    const hooks = openGroupHooks(db);
    afterCommit(db, () => {
      throw new Error('listener 2');
    });
    afterCommit(db, () => ran.push('after 2'));
    expect(ran).toEqual(['after 1']);
    closeGroupHooks(db);
    for (const f of hooks.deferred) f();
    expect(ran).toEqual(['after 1', 'after 2']);
    expect(told.map((e) => (e as Error).message)).toEqual(['listener 1', 'listener 2']);
    db.close();
  });
});
