/**
 * Positions of registered aircraft to the UOM outbox, at most one per aircraft per interval of the
 * server's clock. They are written once the tick's batch has been handed to the stream, each
 * slice of aircraft in its own transaction: operators see the picture without waiting for the
 * interop feed, and a tick's thousands of positions never hold the event loop in one piece. A
 * position is remembered as reported only once its transaction has committed; one lost with a
 * crash is superseded by the next report (positions are a feed, not a record: the tick's alerts
 * go to UOM in the tick's own transaction).
 */
import { randomBytes } from 'node:crypto';
import type { TrackUpdate } from '../../shared/monitor/conformance-monitor.js';
import { UOM_TRACK_CHUNK } from '../../shared/schemas/uom.js';
import type { ServiceContext } from '../services/context.js';
import { recordTracksForUom } from '../uom/uom-outbox.js';
import { uomPositionJson } from '../uom/uom-record.js';
import { type PlanInfo, uomPrefixOf } from './live-plans.js';

/** aircraft per slice (a whole number of UOM records) */
export const UOM_SLICE = 20 * UOM_TRACK_CHUNK;

/** one tick's positions being reported */
interface Due {
  tracks: readonly TrackUpdate[];
  seq: number;
  at: string;
}

export class UomTrackReporter {
  private intervalMs: number;
  private readonly reported = new Map<string, number>();
  private readonly runId = randomBytes(6).toString('base64url');
  private tickSeq = 0;
  /** tracks forgotten while a tick's report is under way: its later slices skip them */
  private forgotten: Set<string> | null = null;
  private stopped = false;

  constructor(
    private readonly ctx: ServiceContext,
    intervalMs: number,
    private readonly planOf: (id: string) => PlanInfo | undefined,
  ) {
    this.intervalMs = Math.max(0, intervalMs);
  }

  /** Reporting on (interval in ms of the server's clock) or off (0). */
  setInterval(ms: number): void {
    this.intervalMs = Math.max(0, ms);
  }

  /** A track that is gone: its next position, if it comes back, is reported at once. */
  forget(id: string): void {
    this.reported.delete(id);
    this.forgotten?.add(id);
  }

  /** No more slices (the pipeline is closing); a report under way ends after the slice it is writing. */
  stop(): void {
    this.stopped = true;
  }

  /**
   * The tick's positions due, written now, slice after slice (the synchronous tick: the simulator's
   * `step`, the monitor in this thread); returns the failures of slices (each is reported again at
   * the next tick), never throws: the tick's batch is out already.
   */
  reportSync(tracks: readonly TrackUpdate[], tMs: number): unknown[] {
    const due = this.begin(tracks, tMs);
    const failures: unknown[] = [];
    if (!due) return failures;
    for (let i = 0; i < due.tracks.length && !this.halted(); i += UOM_SLICE) this.trySlice(due, i, failures);
    this.forgotten = null;
    return failures;
  }

  /** The same, handing the event loop back between slices (requests and the stream's fan-out go on in between). */
  async report(tracks: readonly TrackUpdate[], tMs: number): Promise<unknown[]> {
    const due = this.begin(tracks, tMs);
    const failures: unknown[] = [];
    if (!due) return failures;
    for (let i = 0; i < due.tracks.length; i += UOM_SLICE) {
      if (i) await new Promise<void>((r) => setImmediate(r));
      if (this.halted()) break;
      this.trySlice(due, i, failures);
    }
    this.forgotten = null;
    return failures;
  }

  /** A slice that fails is not remembered (its aircraft are reported at the next tick); the others are still written. */
  private trySlice(due: Due, from: number, failures: unknown[]): void {
    try {
      this.slice(due, from);
    } catch (e) {
      failures.push(e);
    }
  }

  /** the pipeline is closing, or the store closed meanwhile: the rest of a tick's positions go unreported */
  private halted(): boolean {
    return this.stopped || !this.ctx.db.open;
  }

  private begin(tracks: readonly TrackUpdate[], tMs: number): Due | null {
    if (this.intervalMs <= 0 || !tracks.length || this.stopped) return null;
    this.tickSeq += 1;
    this.forgotten = new Set();
    return { tracks, seq: this.tickSeq, at: new Date(tMs).toISOString() };
  }

  /** Positions i … i + UOM_SLICE − 1 that are due, in one transaction; remembered once it has committed. */
  private slice(due: Due, from: number): void {
    // reporting turned off meanwhile
    if (this.intervalMs <= 0) return;
    const out: string[] = [];
    const reported: [string, number][] = [];
    let lastT = Number.NaN;
    let lastIso = '';
    const end = Math.min(due.tracks.length, from + UOM_SLICE);
    for (let i = from; i < end; i++) {
      const u = due.tracks[i];
      if (!u.planId || this.forgotten?.has(u.id)) continue;
      const last = this.reported.get(u.id);
      if (last !== undefined && u.tMs - last < this.intervalMs && u.tMs >= last) continue;
      const plan = this.planOf(u.planId);
      if (!plan) continue;
      const prefix = uomPrefixOf(this.ctx, plan);
      if (prefix === null) continue;
      if (u.tMs !== lastT) {
        lastT = u.tMs;
        lastIso = new Date(u.tMs).toISOString();
      }
      const json = uomPositionJson(prefix, lastIso, u);
      if (json === null) continue;
      reported.push([u.id, u.tMs]);
      out.push(json);
    }
    if (!out.length) return;
    this.ctx.db.transaction(() => recordTracksForUom(this.ctx.db, `track:${this.runId}:${due.seq}`, due.at, out, from / UOM_TRACK_CHUNK))();
    for (const [id, tMs] of reported) this.reported.set(id, tMs);
  }
}
