/** Plan numbers on PostgreSQL: servers sharing one sequence draw a block at a time (vitest project "pg"). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, type TestStore } from '../../tests/helpers/test-store.js';
import { PgDatabase } from './pg/pg-database.js';
import { PG_NUMBER_BLOCK, PlanRepo } from './plan-repo.js';

let store: TestStore;
const dbs: PgDatabase[] = [];
beforeAll(() => {
  store = createTestStore('/tmp');
  for (let i = 0; i < 2; i++) dbs.push(new PgDatabase(store.url));
});
afterAll(() => {
  for (const db of dbs) db.close();
  store.drop();
});

const sequenceAt = () => Number((dbs[0].prepare('SELECT last_value AS n FROM yk_plan_number').get() as { n: number | string }).n);

describe('plan numbers on PostgreSQL', () => {
  it('two servers never draw the same number; each takes its numbers in ascending order, one round trip per block', () => {
    const [a, b] = dbs.map((db) => new PlanRepo(db));
    const taken = { a: [] as number[], b: [] as number[] };
    const num = (id: string) => Number(id.slice(3));
    const first = num(a.nextId());
    taken.a.push(first);
    // one block drawn: the sequence moved by a block, not by one
    expect(sequenceAt()).toBe(first + PG_NUMBER_BLOCK - 1);
    // interleaved, more than a block each
    for (let i = 0; i < 3 * PG_NUMBER_BLOCK; i++) {
      taken.b.push(num(b.nextId()));
      if (i % 2 === 0) taken.a.push(num(a.nextId()));
    }
    for (const list of [taken.a, taken.b]) expect(list).toEqual([...list].sort((x, y) => x - y));
    const all = [...taken.a, ...taken.b];
    expect(new Set(all).size).toBe(all.length);
    // the sequence moved by whole blocks, as many as each server needed
    const blocks = Math.ceil(taken.a.length / PG_NUMBER_BLOCK) + Math.ceil(taken.b.length / PG_NUMBER_BLOCK);
    expect(sequenceAt() - first + 1).toBe(blocks * PG_NUMBER_BLOCK);
  });
});
