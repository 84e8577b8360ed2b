/** The change log kept short, on a real PostgreSQL server, by what every server has read (vitest project "pg"). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, type TestStore } from '../../tests/helpers/test-store.js';
import { PgDatabase } from '../store/pg/pg-database.js';
import { pruneChangeLog } from './change-log-prune.js';
import { Cluster } from './cluster.js';

let store: TestStore;
const dbs: PgDatabase[] = [];
const clusters: Cluster[] = [];
beforeAll(() => {
  store = createTestStore('/tmp');
});
afterAll(() => {
  for (const c of clusters) c.close();
  for (const d of dbs) d.close();
  store.drop();
});

/** A server's store and its cluster (its own monotonic clock), following with hooks that do nothing. */
function server(clock: () => number = () => performance.now()) {
  const db = new PgDatabase(store.url);
  dbs.push(db);
  const cluster = new Cluster(db, clock);
  clusters.push(cluster);
  cluster.start({ apply: () => {}, primaryChanged: () => {} });
  return { db, cluster };
}
const seqs = (db: PgDatabase) => (db.client.query('SELECT seq FROM yk_changes ORDER BY seq').rows as { seq: number }[]).map((r) => r.seq);
/** one write transaction with a change note: one row in the log */
const write = (db: PgDatabase) => db.transaction(() => db.note({ k: 'test' }))();
/** a server reads the log (its own rows too) and beats: its heartbeat says how far it has read */
const beat = (c: Cluster) => {
  c.catchUp();
  (c as unknown as { renewLease(): void }).renewLease();
};
/** `cluster` is asked to decide: it refuses, and the decision is not run */
function refusesToDecide(cluster: Cluster): void {
  let decided = false;
  expect(() =>
    cluster.decide({ prepared: [] }, () => {
      decided = true;
    }),
  ).toThrow(/lost track of the other servers/);
  expect(decided).toBe(false);
}
/** a server beats without reading the log (it lags behind) */
const beatOnly = (c: Cluster) => (c as unknown as { renewLease(): void }).renewLease();

describe('pruning the change log', () => {
  it('deletes only what every server has read, keeps what a lagging one has not, and a server whose heartbeat was deleted refuses to decide', () => {
    const a = server();
    const b = server();
    for (let i = 0; i < 3; i++) write(a.db);
    const first = seqs(a.db);
    expect(first).toHaveLength(3);
    beat(a.cluster);
    beat(b.cluster);
    // both have read all three: all go (given they are old enough; here anything before a moment from now)
    expect(pruneChangeLog(a.db, Date.now() + 60_000).changes).toBe(3);
    expect(seqs(a.db)).toEqual([]);
    // two more rows: a has read them, b lags behind
    write(a.db);
    write(a.db);
    beat(a.cluster);
    beatOnly(b.cluster);
    expect(pruneChangeLog(a.db, Date.now() + 60_000).changes).toBe(0);
    expect(seqs(a.db)).toHaveLength(2);
    // b reads them, then they can go
    beat(b.cluster);
    expect(pruneChangeLog(a.db, Date.now() + 60_000).changes).toBe(2);
    // a server just started holds the log back from where it began reading
    write(a.db);
    const c = server();
    write(a.db);
    beat(a.cluster);
    beat(b.cluster);
    const kept = seqs(a.db);
    pruneChangeLog(a.db, Date.now() + 60_000);
    expect(seqs(a.db)).toEqual(kept.slice(1)); // the row before c started goes, the one after stays until c reads it
    beat(c.cluster);
    expect(c.cluster.health().lastSeq).toBe(kept[1]);
    expect(pruneChangeLog(a.db, Date.now() + 60_000).changes).toBe(1);
    // b stalls: its heartbeat row is deleted (as after an hour out of date); when it comes back it finds out as it reads the log
    a.db.client.query('DELETE FROM yk_leases WHERE name = $1', [`instance:${b.cluster.instance}`]);
    refusesToDecide(b.cluster);
    // and neither beats nor leads any more: its old reading does not hold the log back
    beatOnly(b.cluster);
    expect(a.db.client.query('SELECT 1 FROM yk_leases WHERE name = $1', [`instance:${b.cluster.instance}`]).rows).toEqual([]);
    expect(b.cluster.isPrimary).toBe(false);
    // a server that is alive decides as before
    expect(a.cluster.decide({ prepared: [] }, () => 'decided')).toBe('decided');
  });

  it('deletes nothing while no server has a heartbeat, and nothing younger than it is told', () => {
    const a = server();
    write(a.db);
    beat(a.cluster);
    expect(pruneChangeLog(a.db, Date.now() - 60_000).changes).toBe(0); // too young
    a.db.client.query("DELETE FROM yk_leases WHERE name LIKE 'instance:%'");
    expect(pruneChangeLog(a.db, Date.now() + 60_000).changes).toBe(0); // nobody known to have read it
  });

  it('a server whose clock stood still (a suspended machine) finds its heartbeat gone with the read that would miss pruned rows, and decides nothing', () => {
    const a = server();
    const b = server(() => 1_000); // its clock never moves: it never thinks its heartbeat is old
    write(a.db);
    beat(a.cluster);
    beat(b.cluster);
    write(a.db);
    write(a.db);
    beat(a.cluster);
    // b's heartbeat is deleted (out of date for an hour, as the primary would find it) and the rows it had not read go
    a.db.client.query('DELETE FROM yk_leases WHERE name = $1', [`instance:${b.cluster.instance}`]);
    expect(pruneChangeLog(a.db, Date.now() + 60_000).changes).toBeGreaterThanOrEqual(2);
    refusesToDecide(b.cluster);
  });
});
