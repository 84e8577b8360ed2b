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
  it('counts as held only until 5 s after it was last asked for: a server stalled past that steps down before acting, and takes it back at a renewal', () => {
    const { state, db } = leaseDb();
    let now = 1_000;
    const cluster = new Cluster(db, () => now);
    const told: boolean[] = [];
    cluster.start({ apply: () => {}, primaryChanged: (p) => told.push(p) });
    try {
      expect(cluster.isPrimary).toBe(true);
      now += 4_900;
      expect(cluster.isPrimary).toBe(true);
      // stalled: no renewal for 5 s
      now += 200;
      expect(cluster.isPrimary).toBe(false);
      expect(cluster.health()).toMatchObject({ primary: false, primaryInstance: null });
      expect(told).toEqual([true, false]);
      // another server took the lease meanwhile: the renewal says so
      state.taken = true;
      (cluster as unknown as { renewLease(): void }).renewLease();
      expect(cluster.isPrimary).toBe(false);
      expect(cluster.health().primaryInstance).toBe('another');
      // it ran out there too: this server holds it again
      state.taken = false;
      (cluster as unknown as { renewLease(): void }).renewLease();
      expect(cluster.isPrimary).toBe(true);
      expect(told).toEqual([true, false, true]);
    } finally {
      cluster.close();
    }
  });
});
