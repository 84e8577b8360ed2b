/**
 * Several servers on one PostgreSQL database acting as one.
 *
 * - Change log (change-log.ts): every write transaction that changed something the servers hold
 *   in memory appends one row, numbered in commit order; `NOTIFY yk_changes` wakes the others,
 *   who read the rows they have not seen and bring their indexes in line (apply-notes.ts). A poll
 *   catches what a lost notification would miss. The lag (commit to applied) is shown in /health.
 * - Decisions: a decision that may claim airspace runs in one transaction that first takes an
 *   advisory lock per (H3 cell, hour) it touches (lock-keys.ts) and a shared lock on the airspace,
 *   then reads the change log up to date, and only then evaluates and writes. A conflicting
 *   decision on another server either committed before (and is now in the index) or waits for
 *   the locks: two conflicting approvals cannot both happen. Airspace changes (restrictions,
 *   editions) take the airspace lock exclusively.
 * - Registry: a write that checks before it writes (a licence number or a registration not yet
 *   taken, a company's pilots under its cap) runs alone among registry writes on every server,
 *   on caches brought up to date, so two servers never both find a number free.
 * - Primary: one server at a time holds the `primary` lease (primary-lease.ts); it runs the
 *   simulation, the conformance monitor (alerts are raised once) and the UOM delivery. After a
 *   stall past what it counts on, the live loop asks for the lease again before it ticks, and the
 *   server steps down if another holds it now. Telemetry posted to any server reaches the
 *   primary; its ticks reach every server's stream (live-relay.ts).
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { type AirspaceClaim, planMovements } from '../../shared/rules/airspace-state.js';
import type { PgDatabase } from '../store/pg/pg-database.js';
import type { ChangeNote } from './change-notes.js';
import { type ChangeLag, ChangeLog, type ChangeRow } from './change-log.js';
import { lockKeys } from './lock-keys.js';
import { ApiError } from '../errors.js';
import { CHANGES_KEPT_MS, PRUNE_EVERY_MS, pruneChangeLog } from './change-log-prune.js';
import { LEASE_RENEW_MS, PrimaryLease } from './primary-lease.js';

const AIRSPACE_LOCK = 4_242_004;
const REGISTRY_LOCK = 4_242_005;
const POLL_MS = 1_000;
export interface ClusterHealth {
  instance: string;
  primary: boolean;
  primaryInstance: string | null;
  lastSeq: number;
  /** commit on another server → applied here, over the last changes (ms) */
  lagMs: ChangeLag;
}

export interface ClusterHooks {
  /** a change committed by another server (or a write of ours rolled back): bring memory in line */
  apply: (notes: ChangeNote[], remote: boolean) => void;
  /** this server became (true) or stopped being (false) the primary */
  primaryChanged: (primary: boolean) => void;
}

export class Cluster {
  readonly instance = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly changes: ChangeLog;
  private primary = false;
  private primaryInstance: string | null = null;
  private timers: NodeJS.Timeout[] = [];
  private hooks: ClusterHooks | null = null;
  readonly channels = new Map<string, (payload: string) => void>();
  private readonly lease: PrimaryLease;

  /** `monotonicMs`: this process's monotonic clock (tests give their own) */
  constructor(
    readonly db: PgDatabase,
    monotonicMs: () => number = () => performance.now(),
  ) {
    this.lease = new PrimaryLease(db, this.instance, monotonicMs);
    this.changes = new ChangeLog(db, this.instance, this.lease, () => this.assertFollowing());
    // from now on the log is kept from where it started for this server (its heartbeat says how far it has read)
    this.lease.beat(this.changes.lastSeq);
    db.beforeCommit = (notes) => this.changes.append(notes);
  }

  /** Starts following the others and competing for the primary lease. */
  start(hooks: ClusterHooks): void {
    this.hooks = hooks;
    this.db.client.notifications.add((channel, payload) => {
      if (channel === 'yk_changes') this.followSafely();
      else this.channels.get(channel)?.(payload);
    });
    // notifications sent while the LISTEN connection was down are gone: the change log is read at once when it is back
    this.db.client.listenState = (up, why) => {
      if (up) this.followSafely();
      else this.onError?.(new Error(`the LISTEN connection to PostgreSQL was lost (${why ?? 'no reason given'}); connecting again`));
    };
    this.db.client.listen('yk_changes');
    for (const c of this.channels.keys()) this.db.client.listen(c);
    this.db.rolledBack = (notes) => this.hooks?.apply(notes as ChangeNote[], false);
    this.catchUp(); // what was committed while this server loaded its state
    this.renewLease();
    this.timers.push(
      setInterval(() => this.followSafely(), POLL_MS),
      setInterval(() => this.renewLease(), LEASE_RENEW_MS),
      setInterval(() => this.pruneSafely(), PRUNE_EVERY_MS),
    );
    for (const t of this.timers) t.unref();
  }

  /** Reads and applies what the other servers committed since the last read (synchronous); `first`: the first rows, already read. */
  catchUp(first?: ChangeRow[]): void {
    // not started yet: the state is still loading (start() reads the log from where the load began)
    const hooks = this.hooks;
    if (hooks) this.changes.catchUp((notes) => hooks.apply(notes, true), first);
  }

  /** The primary keeps the change log short (change-log-prune.ts); a failure is told and tried again later. */
  private pruneSafely(): void {
    if (!this.isPrimary || !this.db.open || this.db.inTransaction) return;
    try {
      pruneChangeLog(this.db, Date.now() - CHANGES_KEPT_MS);
    } catch (e) {
      this.onError?.(e);
    }
  }

  /** Before and while following the log: a server whose heartbeat row was deleted cannot follow any more (rows it had not read may be pruned) and refuses to decide. */
  private assertFollowing(): void {
    if (!this.lease.forgotten) return;
    this.lostTrack();
    throw new ApiError('UNAVAILABLE', 'this server has lost track of the other servers; it refuses decisions until it is restarted');
  }

  /** Once, when this server finds its heartbeat was deleted: it gives up its lease and its heartbeat (its old reading would hold the log back) and says why. */
  private lostTrack(justTook = false): void {
    if (this.forgottenTold) return;
    this.forgottenTold = true;
    this.lease.release(this.primary || justTook);
    this.primaryInstance = null;
    this.setPrimary(false);
    const why = 'this server was stalled so long that its heartbeat was deleted: changes it had not read may have been pruned from the change log; it refuses decisions until it is restarted';
    this.onError?.(new Error(why));
    this.onLostTrack?.(why);
  }
  /** told once when this server has lost track of the others (the entry point stops it: restarted, it loads the store afresh) */
  onLostTrack: ((why: string) => void) | null = null;
  private forgottenTold = false;

  /** Following outside a request: a failure is told and tried again at the next wake-up, never thrown. */
  private followSafely(): void {
    try {
      this.assertFollowing();
    } catch {
      return; // told once, when it was found
    }
    try {
      this.catchUp();
    } catch (e) {
      this.onError?.(e);
    }
  }

  /** where failures to follow are told (the app's log) */
  onError: ((e: unknown) => void) | null = null;

  /**
   * A decision that may claim the airspace of a plan (its volumes and the landing points it
   * books): serialised with every other decision on overlapping cells and hours or the same
   * landing-point hours, on any server, and made on an index that is up to date. A plan with too
   * many keys to lock one by one takes the whole airspace (lock-keys.ts).
   */
  decide<T>(claim: AirspaceClaim, fn: () => T): T {
    if (this.db.inTransaction) return fn(); // already inside one (its locks hold)
    const found = lockKeys(claim.prepared, planMovements(claim));
    if (!found) return this.exclusive(fn);
    // the locks in a fixed order (no deadlock between two decisions)
    const keys = found.map(([a, b]) => `(${a | 0},${b | 0})`);
    const cells = keys.length ? `SELECT count(pg_advisory_xact_lock(k.a, k.b)) FROM (SELECT a, b FROM (VALUES ${keys.join(',')}) AS u(a, b) ORDER BY a, b) AS k; ` : '';
    return this.lockedUpToDate(`SELECT pg_advisory_xact_lock_shared(${AIRSPACE_LOCK}); ${cells}`, fn);
  }

  /** A change of the airspace itself (restrictions, editions): alone, on an up-to-date index. */
  exclusive<T>(fn: () => T): T {
    if (this.db.inTransaction) return fn();
    return this.lockedUpToDate(`SELECT pg_advisory_xact_lock(${AIRSPACE_LOCK}); `, fn);
  }

  /** A registry write that checks before it writes: alone among registry writes, on an up-to-date registry. */
  registryAlone<T>(fn: () => T): T {
    if (!this.db.inTransaction) return this.lockedUpToDate(`SELECT pg_advisory_xact_lock(${REGISTRY_LOCK}); `, fn);
    // inside a transaction already: the lock is taken within it (held to its end), then the log read up to date
    this.db.prepare(`SELECT pg_advisory_xact_lock(${REGISTRY_LOCK})`).get();
    this.catchUp();
    return fn();
  }

  /** `fn` in a transaction opened with `locks`, then the change log read up to date: one round trip (only integers written in). */
  private lockedUpToDate<T>(locks: string, fn: () => T): T {
    this.assertFollowing();
    return this.db.transactionAfter(`${locks}${this.changes.unseenSql()}`, (unseen) => {
      this.catchUp(unseen as unknown as ChangeRow[]);
      return fn();
    });
  }

  /** Sends a message to every server listening on `channel` (payloads over 7,900 bytes are the caller's to split). */
  broadcast(channel: string, payloads: string[]): void {
    if (!payloads.length || !this.db.open) return;
    this.db.client.query('SELECT count(pg_notify($1, p)) FROM unnest($2::text[]) AS p', [channel, payloads]);
  }

  private renewLease(): void {
    // a server that lost track neither beats (its old reading would hold the log back) nor leads
    if (!this.db.open || this.db.inTransaction || this.lease.forgotten) return;
    // a server that is stopping keeps a lease it holds until its pipeline has stopped, and takes none
    const held = this.lease.renew(this.changes.lastSeq, !this.closing || this.primary);
    if (this.lease.forgotten) {
      this.lostTrack(held);
      return;
    }
    this.primaryInstance = this.lease.holder;
    this.setPrimary(held);
  }

  private setPrimary(primary: boolean): void {
    if (primary === this.primary) return;
    this.primary = primary;
    this.hooks?.primaryChanged(primary);
  }

  /** Whether another server on the database is alive (its heartbeat has not run out). */
  othersAlive(): boolean {
    return this.lease.othersAlive();
  }

  /** Whether this server is the primary: it holds the lease, and it was not stalled past it since it last asked. */
  get isPrimary(): boolean {
    return this.primary && this.lease.counted;
  }

  /**
   * Before acting as the primary (the live loop, each tick): a lease this server can no longer
   * count on is asked for again at once; if another server holds it now (or it cannot be asked),
   * this server steps down and the hooks are told. Usually the lease is still its own: nothing
   * changes, and the monitor keeps its alerts.
   */
  confirmPrimary(): boolean {
    if (this.primary && !this.lease.counted) {
      this.renewLease();
      if (this.primary && !this.lease.counted) {
        this.primaryInstance = null;
        this.setPrimary(false);
      }
    }
    return this.isPrimary;
  }

  health(): ClusterHealth {
    return {
      instance: this.instance,
      primary: this.isPrimary,
      primaryInstance: this.primaryInstance,
      lastSeq: this.changes.lastSeq,
      lagMs: this.changes.lag(),
    };
  }

  /** The server is stopping: it takes the lease no more (a lease it holds it keeps until `close`). */
  beginClose(): void {
    this.closing = true;
  }
  private closing = false;

  /** Stops following; a primary gives its lease up so another takes over at once. */
  close(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    this.lease.release(this.primary);
    this.primary = false;
  }
}
