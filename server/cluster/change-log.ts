/**
 * The change log of servers sharing PostgreSQL (`yk_changes`): every write transaction that
 * changed something the servers hold in memory appends one row as its last step, under a
 * transaction lock, so rows are numbered in commit order, and `NOTIFY yk_changes` wakes the
 * others. A server reads the rows it has not seen, in order, and applies the others' notes; how
 * long a change took to reach it (commit to applied) is kept for /health.
 */
import type { PgDatabase } from '../store/pg/pg-database.js';
import type { ChangeNote } from './change-notes.js';
import type { PrimaryLease } from './primary-lease.js';

const CHANGELOG_LOCK = 4_242_003;
const LAG_WINDOW = 2048;
/** change-log rows read at a time */
const CATCH_UP_ROWS = 500;

/**
 * The change-log rows after `seq` (a parameter, or a number written in), a batch at a time, each
 * with whether the heartbeat row `heartbeat` (a parameter, or a quoted literal) exists: one row
 * with a null seq when there are none. A server whose heartbeat was deleted finds out with the
 * very read that would miss pruned rows, whatever its own clock says.
 */
const unseenAfter = (seq: string, heartbeat: string) =>
  `SELECT c.seq, c.at_ms, c.instance, c.notes, h.n AS heartbeat FROM (SELECT count(*)::int AS n FROM yk_leases WHERE name = ${heartbeat}) AS h
   LEFT JOIN LATERAL (SELECT seq, at_ms, instance, notes FROM yk_changes WHERE seq > ${seq} ORDER BY seq LIMIT ${CATCH_UP_ROWS}) AS c ON true`;

/** A read of the log: its rows (none when the seq is null), each saying whether this server's heartbeat exists. */
export interface ChangeRow {
  seq: number | null;
  at_ms: number;
  instance: string;
  notes: string;
  heartbeat: number;
}

export interface ChangeLag {
  last: number | null;
  p50: number | null;
  p99: number | null;
  samples: number;
}

export class ChangeLog {
  /** the last row read (and applied, when it was another server's) */
  private seq: number;
  private readonly lags: number[] = [];
  private lastLag: number | null = null;
  private reading = false;

  constructor(
    private readonly db: PgDatabase,
    private readonly instance: string,
    private readonly lease: PrimaryLease,
    /** throws when this server can no longer follow the log (its heartbeat was deleted) */
    private readonly assertFollowing: () => void,
  ) {
    // where the log starts for this server: everything before is in the store it loads from
    this.seq = (db.client.query('SELECT COALESCE(MAX(seq), 0) AS n FROM yk_changes').rows[0].n as number) ?? 0;
  }

  get lastSeq(): number {
    return this.seq;
  }

  /** The tail of a write transaction: one row, numbered in commit order, and a wake-up. */
  append(notes: unknown[]): void {
    this.db.client.query(
      `WITH l AS (SELECT pg_advisory_xact_lock(${CHANGELOG_LOCK})),
            i AS (INSERT INTO yk_changes (at_ms, instance, notes) SELECT $1, $2, $3 FROM l RETURNING seq)
       SELECT pg_notify('yk_changes', seq::text) FROM i`,
      [Date.now(), this.instance, JSON.stringify(notes)],
    );
  }

  /** The read of the rows not applied yet, as SQL to send after a transaction's locks (only integers and a quoted name written in). */
  unseenSql(): string {
    return unseenAfter(String(Math.trunc(this.seq)), `'${this.lease.heartbeatName.replaceAll("'", "''")}'`);
  }

  /**
   * Reads and applies what the other servers committed since the last read (synchronous); `first`:
   * the first rows, already read (with a transaction's locks). A row counts as read once it is
   * applied: a failing one is read and applied again next time (applying is idempotent).
   */
  catchUp(apply: (notes: ChangeNote[]) => void, first?: ChangeRow[]): void {
    if (this.reading || !this.db.open) return;
    this.reading = true;
    try {
      let read = first;
      for (;;) {
        read ??= this.db.client.query(unseenAfter('$1', '$2'), [this.seq, this.lease.heartbeatName]).rows as unknown as ChangeRow[];
        if (read.length) this.lease.heartbeatFound(Number(read[0].heartbeat) !== 0);
        this.assertFollowing();
        const rows = read.filter((r): r is ChangeRow & { seq: number } => r.seq !== null);
        for (const r of rows) {
          if (r.instance !== this.instance) {
            apply(JSON.parse(r.notes) as ChangeNote[]);
            this.recordLag(Date.now() - r.at_ms);
          }
          this.seq = r.seq;
        }
        if (rows.length < CATCH_UP_ROWS) break;
        read = undefined;
      }
    } finally {
      this.reading = false;
    }
  }

  private recordLag(ms: number): void {
    this.lastLag = ms;
    this.lags.push(ms);
    if (this.lags.length > LAG_WINDOW) this.lags.splice(0, this.lags.length - LAG_WINDOW);
  }

  /** commit on another server → applied here, over the last changes (ms) */
  lag(): ChangeLag {
    const sorted = [...this.lags].sort((a, b) => a - b);
    const q = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : null);
    return { last: this.lastLag, p50: q(0.5), p99: q(0.99), samples: sorted.length };
  }
}
