/**
 * The `primary` lease of several servers on one PostgreSQL database, and each server's heartbeat
 * (table `yk_leases`). Expiry is decided by the database's clock (the servers' clocks may differ):
 * a lease is 6 s, renewed every 2 s. A server counts on its lease only until 5 s after it last
 * asked for it, by its own monotonic clock, so a server stalled past that (a long statement, a
 * paused process) asks again before it acts as the primary.
 */
import type { PgDatabase } from '../store/pg/pg-database.js';

export const LEASE_TTL_MS = 6_000;
export const LEASE_RENEW_MS = 2_000;
/** how much sooner than LEASE_TTL_MS, counted on this process's monotonic clock from when it was asked for, the lease stops being counted on */
const LEASE_MARGIN_MS = 1_000;
/** the database's clock, in ms */
const NOW = '(extract(epoch from clock_timestamp()) * 1000)::bigint';

export class PrimaryLease {
  /** who holds the lease, as last read (null: nobody, or the database could not be read) */
  holder: string | null = null;
  private countedUntil = 0;

  constructor(
    private readonly db: PgDatabase,
    private readonly instance: string,
    private readonly monotonicMs: () => number,
  ) {}

  /** Asks for the lease (taken if free or run out, renewed if this server's) and beats this server's heartbeat; whether this server holds it. */
  renew(): boolean {
    // asked now: whatever the database grants runs LEASE_TTL_MS from a moment after this
    const askedAt = this.monotonicMs();
    let holder: string | null = null;
    try {
      const r = this.db.client.query(
        `INSERT INTO yk_leases (name, holder, expires_ms) VALUES ('primary', $1, ${NOW} + $2)
         ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_ms = EXCLUDED.expires_ms
         WHERE yk_leases.holder = EXCLUDED.holder OR yk_leases.expires_ms < ${NOW}
         RETURNING holder`,
        [this.instance, LEASE_TTL_MS],
      );
      holder = r.rows.length ? this.instance : ((this.db.client.query("SELECT holder FROM yk_leases WHERE name = 'primary'").rows[0]?.holder as string | undefined) ?? null);
    } catch {
      holder = null; // the database is unreachable: not the primary
    }
    try {
      // this server's own heartbeat: the others know it is alive
      this.db.client.query(`INSERT INTO yk_leases (name, holder, expires_ms) VALUES ($1, $2, ${NOW} + $3) ON CONFLICT (name) DO UPDATE SET expires_ms = EXCLUDED.expires_ms`, [
        `instance:${this.instance}`,
        this.instance,
        LEASE_TTL_MS,
      ]);
    } catch {
      // as above
    }
    this.holder = holder;
    const held = holder === this.instance;
    if (held) this.countedUntil = askedAt + LEASE_TTL_MS - LEASE_MARGIN_MS;
    return held;
  }

  /** Whether a lease this server holds can still be counted on (it was not stalled past it since it asked). */
  get counted(): boolean {
    return this.monotonicMs() < this.countedUntil;
  }

  /** Gives the lease up (another server takes over at once) and stops this server's heartbeat. */
  release(held: boolean): void {
    this.countedUntil = 0;
    if (!this.db.open) return;
    if (held) {
      try {
        this.db.client.query("DELETE FROM yk_leases WHERE name = 'primary' AND holder = $1", [this.instance]);
      } catch {
        // the lease runs out by itself
      }
    }
    try {
      this.db.client.query('DELETE FROM yk_leases WHERE name = $1', [`instance:${this.instance}`]);
    } catch {
      // its heartbeat runs out by itself
    }
  }

  /** Whether another server on the database is alive (its heartbeat has not run out). */
  othersAlive(): boolean {
    return this.db.client.query(`SELECT 1 FROM yk_leases WHERE name LIKE 'instance:%' AND name <> $1 AND expires_ms > ${NOW} LIMIT 1`, [`instance:${this.instance}`]).rows.length > 0;
  }
}
