/**
 * The main thread's side of the conformance monitor's worker thread. Updates go over as packed
 * batches with their operations, in order, and never wait; a tick asks for its events either
 * without blocking (`tick`, for the live loop: the API keeps answering while the worker computes)
 * or blocking (`tickSync`, for callers that step synchronously).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { VolumeLike } from '../../shared/airspace/prepared-volume.js';
import type { VolumeIndex } from '../../shared/airspace/volume-index.js';
import type { MonitorConfig, TrackUpdate } from '../../shared/monitor/conformance-monitor.js';
import type { Zone } from '../../shared/schemas/zone.js';
import type { MonitorOp, MonitorOpBody, MonitorRequest, TickReply } from './monitor-messages.js';
import { TrackPacker } from './track-pack.js';
import { awaitFlag, awaitFlagAsync } from '../await-flag.js';

/** the worker's TypeScript entry, loaded through tsx as the rest of the server is */
const ENTRY = new URL('./monitor-worker.ts', import.meta.url).href;
/** the worker's boot code: tsx's loader registered, then the entry (built when a worker starts, not on import) */
const boot = () => `import(${JSON.stringify(tsxEsmApi())}).then(({ register }) => { register(); return import(${JSON.stringify(ENTRY)}); })`;
/** The file URL of tsx's ESM API (`tsx/esm/api` as `import` resolves it). */
function tsxEsmApi(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const entry = (require(manifest) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api'].import.default;
  return pathToFileURL(join(dirname(manifest), entry)).href;
}
/** updates sent to the worker in batches of at most this many */
export const FLUSH_EVERY = 500;
/**
 * A tick the worker has not answered within this long is a failure: the worker is given up and
 * the monitor goes on in the main thread. Five periods of the 1 Hz loop (a tick of 10,000
 * aircraft takes the worker ≈ 30 ms); a hung worker costs at most this much monitoring.
 */
export const MONITOR_ANSWER_TIMEOUT_MS = 5_000;
/** the same for the first tick (the worker loading its code and warming up takes seconds on a busy machine) */
const STARTUP_TIMEOUT_MS = 60_000;

export interface MonitorThreadOptions {
  /** how long a tick waits for the worker's answer before giving it up (MONITOR_ANSWER_TIMEOUT_MS) */
  answerTimeoutMs?: number;
}

export class MonitorThread {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  /** set to 1 by the worker when it has answered the tick asked for */
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  /** the worker has answered a tick: from then on a tick waits at most the answer timeout */
  private answeredOnce = false;
  private readonly packer = new TrackPacker();
  private ops: MonitorOp[] = [];
  private seq = 0;
  private inFlight = false;
  private failed: string | null = null;
  /** what the worker was last told of each plan, and of the zones */
  private readonly sentPlans = new Map<string, { volumes: readonly VolumeLike[]; category: string; zones: string }>();
  private sentZones: Map<string, Zone> | null = null;

  private readonly answerTimeoutMs: number;

  constructor(config: MonitorConfig, options: MonitorThreadOptions = {}) {
    this.answerTimeoutMs = options.answerTimeoutMs ?? MONITOR_ANSWER_TIMEOUT_MS;
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(boot(), { eval: true, workerData: { config, port: port2, flag: this.flag.buffer }, transferList: [port2] });
    this.worker.unref();
    const fail = (why: string) => {
      this.failed ??= why;
      // wake a waiting tick: it finds no answer and fails
      Atomics.store(this.flag, 0, 1);
      Atomics.notify(this.flag, 0);
    };
    this.worker.on('error', (e) => fail(e.message));
    this.worker.on('exit', (code) => fail(`the worker exited (code ${code})`));
  }

  /**
   * One update, in order; `planKnown`: its plan exists (its definition was sent with `op` before).
   * Every `FLUSH_EVERY` updates go over at once, so the worker monitors while the rest are ingested
   * (a tick's 10,000 positions ingested in one call would otherwise reach it only at the end).
   */
  add(u: TrackUpdate, planKnown: boolean): void {
    this.packer.add(u, planKnown);
    if (this.packer.count >= FLUSH_EVERY) this.flush();
  }
  /** An operation placed after the updates added so far (a dropped track's slot is freed there, on both sides). */
  op(op: MonitorOpBody): void {
    this.ops.push({ ...op, at: this.packer.count } as MonitorOp);
    if (op.op === 'drop') this.packer.forget(op.id);
  }

  /** Tells the worker a plan's definition the first time it is seen and whenever it changes. */
  syncPlan(id: string, volumes: readonly VolumeLike[], category: string, approvedZoneIds: ReadonlySet<string>): void {
    const sent = this.sentPlans.get(id);
    const zones = [...approvedZoneIds].sort().join('\n');
    if (sent && sent.volumes === volumes && sent.category === category && sent.zones === zones) return;
    this.sentPlans.set(id, { volumes, category, zones });
    this.op({ op: 'plan', plan: { id, volumes, category, approvedZoneIds: [...approvedZoneIds] } });
  }

  /** Sends the zones when they differ from the ones last sent (zones are replaced, never mutated, when they change). */
  syncZones(index: VolumeIndex<Zone>): void {
    const now = new Map<string, Zone>();
    let same = this.sentZones !== null && this.sentZones.size === index.size;
    for (const entries of index.entries()) {
      const z = entries[0]?.meta;
      if (!z) continue;
      now.set(z.id, z);
      if (same && this.sentZones?.get(z.id) !== z) same = false;
    }
    if (same) return;
    this.sentZones = now;
    this.op({ op: 'zones', zones: [...now.values()] });
  }

  /**
   * Sends what was added so far (nothing waits for it). A batch that cannot be sent fails the
   * worker: it would miss the tracks described and dropped in it, so nothing more goes to it and
   * the next tick gives it up (the monitor goes on in the main thread, afresh).
   */
  flush(): void {
    if (!this.packer.count && !this.ops.length) return;
    const tracks = this.packer.take();
    const m: MonitorRequest = { kind: 'batch', tracks, ops: this.ops };
    this.ops = [];
    if (this.failed) return;
    try {
      this.port.postMessage(m, [tracks.nums.buffer as ArrayBuffer]);
    } catch (e) {
      this.failed ??= `a batch could not be sent: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  private ask(tMs: number): number {
    if (this.failed) throw new Error(`the monitor's worker failed: ${this.failed}`);
    if (this.inFlight) throw new Error('a tick of the monitor is already in progress');
    this.flush();
    this.inFlight = true;
    Atomics.store(this.flag, 0, 0);
    this.seq += 1;
    this.port.postMessage({ kind: 'tick', seq: this.seq, tMs } satisfies MonitorRequest);
    return this.seq;
  }

  /** how long a tick may take: the answer timeout once the worker has answered one */
  private waitMs(): number {
    return this.answeredOnce ? this.answerTimeoutMs : STARTUP_TIMEOUT_MS;
  }

  private answer(seq: number, waitedMs: number, inTime: boolean): TickReply {
    this.inFlight = false;
    // a worker that has not answered in time is given up, even if its answer comes later
    if (!inTime) this.failed ??= `tick ${seq} not answered within ${waitedMs} ms`;
    const got = inTime ? (receiveMessageOnPort(this.port)?.message as TickReply | undefined) : undefined;
    if (!got) throw new Error(`the monitor's worker did not answer: ${this.failed ?? 'no answer'}`);
    if (got.error) throw new Error(`the monitor's worker failed: ${got.error}`);
    if (got.seq !== seq) throw new Error(`the monitor's worker answered tick ${got.seq} for ${seq}`);
    this.answeredOnce = true;
    return got;
  }

  /** The worker has answered the tick asked for (or failed): awaiting `tick` will not wait. */
  get answered(): boolean {
    return Atomics.load(this.flag, 0) === 1;
  }

  /** The tick's events, waiting for them on this thread. */
  tickSync(tMs: number): TickReply {
    const seq = this.ask(tMs);
    const waitMs = this.waitMs();
    return this.answer(seq, waitMs, awaitFlag(this.flag, waitMs));
  }

  /** The tick's events; this thread goes on serving meanwhile. */
  async tick(tMs: number): Promise<TickReply> {
    const seq = this.ask(tMs);
    const waitMs = this.waitMs();
    return this.answer(seq, waitMs, await awaitFlagAsync(this.flag, waitMs));
  }

  /** Keeps the worker busy for `ms`, as a hung worker would be (tests). */
  stall(ms: number): void {
    this.port.postMessage({ kind: 'stall', ms } satisfies MonitorRequest);
  }

  /** Stops the worker as a crash would, without telling this side first (tests). */
  async crash(): Promise<void> {
    await this.worker.terminate();
  }

  async close(): Promise<void> {
    this.failed ??= 'closed';
    await this.worker.terminate();
  }
}
