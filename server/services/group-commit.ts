/**
 * Group commit for decisions on the embedded store. Submissions that arrive together (within one
 * turn of the event loop) are decided one after another, each seeing the ones before it, and
 * written in one transaction: one commit for the group instead of one per decision. Each decision
 * runs in its own savepoint, so one refused or failing decision leaves the others alone; nobody
 * hears of a decision (its answer, its events) before the group has committed; if the commit
 * fails, every decision in the group fails and memory is put back (unit-of-work.ts).
 *
 * On PostgreSQL each decision commits on its own: its transaction holds the advisory locks of the
 * airspace it claims (server/cluster/cluster.ts), which a shared transaction would mix up.
 */
import { closeGroupHooks, openGroupHooks } from '../cluster/change-notes.js';
import { type Db, inTransaction, storeKindOf } from '../store/sql-db.js';

interface Job {
  work: () => unknown;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

export interface GroupCommitStats {
  groups: number;
  decisions: number;
  largest: number;
}

export class GroupCommit {
  private queue: Job[] = [];
  private scheduled = false;
  readonly enabled: boolean;
  readonly stats: GroupCommitStats = { groups: 0, decisions: 0, largest: 0 };
  /** where a failing listener of a committed group is told (the app's log) */
  onError: ((e: unknown) => void) | null = null;

  constructor(
    private readonly db: Db,
    private readonly maxGroup = 64,
  ) {
    this.enabled = storeKindOf(db) === 'sqlite' && maxGroup > 1;
  }

  /** Runs `work` (synchronous; it decides and writes) with the next group; resolves once its write has committed. */
  run<T>(work: () => T): Promise<T> {
    if (!this.enabled) {
      try {
        return Promise.resolve(work());
      } catch (e) {
        return Promise.reject(e);
      }
    }
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(this.flush);
      }
    });
  }

  private readonly flush = (): void => {
    this.scheduled = false;
    const jobs = this.queue.splice(0, this.maxGroup);
    if (this.queue.length) {
      this.scheduled = true;
      setImmediate(this.flush);
    }
    if (!jobs.length) return;
    this.stats.groups += 1;
    this.stats.decisions += jobs.length;
    this.stats.largest = Math.max(this.stats.largest, jobs.length);
    if (jobs.length === 1) {
      const [j] = jobs;
      try {
        j.resolve(j.work());
      } catch (e) {
        j.reject(e);
      }
      return;
    }
    this.runGroup(jobs);
  };

  private runGroup(jobs: Job[]): void {
    const hooks = openGroupHooks(this.db);
    const results: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      inTransaction(this.db, () => {
        for (const j of jobs) {
          const deferredAt = hooks.deferred.length;
          const rollbacksAt = hooks.rollbacks.length;
          try {
            results.push({ ok: true, value: inTransaction(this.db, j.work) });
          } catch (error) {
            // its savepoint is rolled back: what it would have told is dropped, what it changed in memory put back
            hooks.deferred.length = deferredAt;
            for (const f of hooks.rollbacks.splice(rollbacksAt).reverse()) f();
            results.push({ ok: false, error });
            // an error that ended the whole transaction ends the group
            if (!this.db.inTransaction) throw error;
          }
        }
      });
    } catch (error) {
      closeGroupHooks(this.db);
      for (const f of hooks.rollbacks.reverse()) f();
      for (const j of jobs) j.reject(error);
      return;
    }
    closeGroupHooks(this.db);
    for (const f of hooks.deferred) {
      try {
        f();
      } catch (e) {
        this.onError?.(e); // a listener's failure is not the decision's: it has committed
      }
    }
    jobs.forEach((j, i) => {
      const r = results[i];
      if (r.ok) j.resolve(r.value);
      else j.reject(r.error);
    });
  }
}
