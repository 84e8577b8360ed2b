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
export const NOW = '(extract(epoch from clock_timestamp()) * 1000)::bigint';
/** a server's heartbeat row out of date this long is deleted: how far it had read no longer holds the change log back */
export const HEARTBEAT_FORGOTTEN_MS = 3_600_000;

export class PrimaryLease {
  /** who holds the lease, as last read (null: nobody, or the database could not be read) */
  holder: string | null = null;
  private countedUntil = 0;
  private beaten = false;
  /**
   * This server's heartbeat row was gone when it beat again: it was stalled so long that its row
   * was deleted, and changes it had not read may have been pruned. It cannot follow any more.
   */
  forgotten = false;

  /** this server's heartbeat row in `yk_leases` */
  readonly heartbeatName: string;

  constructor(
    private readonly db: PgDatabase,
    private readonly instance: string,
    private readonly monotonicMs: () => number,
  ) {
    this.heartbeatName = `instance:${instance}`;
  }

  /** Asks for the lease (taken if free or run out, renewed if this server's; not asked for when `ask` is false) and beats this server's heartbeat; whether this server holds it. */
  renew(seenSeq: number, ask = true): boolean {
    if (!ask) {
      this.beat(seenSeq);
      return false;
    }
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
    this.beat(seenSeq);
    this.holder = holder;
    const held = holder === this.instance;
    if (held) this.countedUntil = askedAt + LEASE_TTL_MS - LEASE_MARGIN_MS;
    return held;
  }

  /**
   * This server's heartbeat: the others know it is alive, and the change log is kept from
   * `seenSeq` on (the last row it has read). A row that was gone although this server had beaten
   * before marks it `forgotten`.
   */
  beat(seenSeq: number): void {
    try {
      const r = this.db.client.query(
        `WITH before AS (SELECT count(*) AS n FROM yk_leases WHERE name = $1)
         INSERT INTO yk_leases (name, holder, expires_ms, seen_seq) VALUES ($1, $2, ${NOW} + $3, $4)
         ON CONFLICT (name) DO UPDATE SET expires_ms = EXCLUDED.expires_ms, seen_seq = EXCLUDED.seen_seq
         RETURNING (SELECT n FROM before) AS existed`,
        [this.heartbeatName, this.instance, LEASE_TTL_MS, seenSeq],
      );
      this.heartbeatFound(Number(r.rows[0]?.existed) !== 0);
      this.beaten = true;
    } catch {
      // the database is unreachable: the heartbeat runs out by itself
    }
  }

  /** What a read found of this server's heartbeat row: missing although written before, it was deleted (`forgotten`). */
  heartbeatFound(exists: boolean): void {
    if (this.beaten && !exists) this.forgotten = true;
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
      this.db.client.query('DELETE FROM yk_leases WHERE name = $1', [this.heartbeatName]);
    } catch {
      // its heartbeat runs out by itself
    }
  }

  /** Whether another server on the database is alive (its heartbeat has not run out). */
  othersAlive(): boolean {
    return this.db.client.query(`SELECT 1 FROM yk_leases WHERE name LIKE 'instance:%' AND name <> $1 AND expires_ms > ${NOW} LIMIT 1`, [this.heartbeatName]).rows.length > 0;
  }
}
