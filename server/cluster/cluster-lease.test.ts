import { describe, expect, it } from 'vitest';
import type { PgDatabase } from '../store/pg/pg-database.js';
import { Cluster } from './cluster.js';

/** A database that answers the queries of the lease (and an empty change log); `taken`: another server holds the lease. */
function leaseDb() {
  const state = { holder: null as string | null, taken: false };
  const client = {
    notifications: new Set(),
    listen: () => {},
    query: (sql: string, params: unknown[] = []) => {
      if (sql.includes('COALESCE(MAX(seq)')) return { rows: [{ n: 0 }] };
      if (sql.includes("VALUES ('primary'")) {
        if (state.taken) return { rows: [] };
        state.holder = params[0] as string;
        return { rows: [{ holder: state.holder }] };
      }
      if (sql.includes('SELECT holder FROM yk_leases')) return { rows: [{ holder: state.taken ? 'another' : state.holder }] };
      return { rows: [] };
    },
  };
  return { state, db: { client, open: true, inTransaction: false } as unknown as PgDatabase };
}

describe('the primary lease', () => {
  it('is counted on only until 5 s after it was last asked for; a stalled primary asks again before it acts, and keeps it (no hooks) when it is still its own', () => {
    const { db } = leaseDb();
    let now = 1_000;
    const cluster = new Cluster(db, () => now);
    const told: boolean[] = [];
    cluster.start({ apply: () => {}, primaryChanged: (p) => told.push(p) });
    try {
      expect(cluster.confirmPrimary()).toBe(true);
      now += 4_900;
      expect(cluster.isPrimary).toBe(true);
      now += 200; // stalled past the margin: not counted on (health says so), and nothing told yet
      expect(cluster.isPrimary).toBe(false);
      expect(cluster.health().primary).toBe(false);
      expect(told).toEqual([true]);
      // the live loop asks before it ticks: still this server's, so it goes on without a change (the monitor keeps its alerts)
      expect(cluster.confirmPrimary()).toBe(true);
      expect(cluster.isPrimary).toBe(true);
      expect(told).toEqual([true]);
    } finally {
      cluster.close();
    }
  });

  it('a stalled primary whose lease another server took steps down before it acts (the hooks are told), and takes it back once it is free', () => {
    const { state, db } = leaseDb();
    let now = 1_000;
    const cluster = new Cluster(db, () => now);
    const told: boolean[] = [];
    cluster.start({ apply: () => {}, primaryChanged: (p) => told.push(p) });
    try {
      now += 5_100;
      state.taken = true;
      expect(cluster.confirmPrimary()).toBe(false);
      expect(told).toEqual([true, false]);
      expect(cluster.health()).toMatchObject({ primary: false, primaryInstance: 'another' });
      // free again: the next renewal (the timer; here called as it would) takes it back
      state.taken = false;
      (cluster as unknown as { renewLease(): void }).renewLease();
      expect(cluster.confirmPrimary()).toBe(true);
      expect(told).toEqual([true, false, true]);
    } finally {
      cluster.close();
    }
  });
});
