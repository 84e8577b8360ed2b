/**
 * Rollout studies requested through the API: queued, run one at a time in a child process (a
 * study with traffic takes tens of seconds of CPU; the server keeps serving meanwhile), their
 * results stored. A study cut short by a restart is marked failed.
 */
import { randomUUID } from 'node:crypto';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ScenarioBundle } from '../../shared/io/scenario-features.js';
import { ApiError } from '../errors.js';
import type { Db } from '../store/database.js';
import { RolloutRepo, type RolloutRecord } from '../store/rollout-repo.js';
import { phaseSummary } from './rollout-outputs.js';
import type { Progress, RolloutOptions, RolloutResult } from './run-rollout.js';

type ProgressEvent = Parameters<Progress>[0];

export class RolloutJobs {
  readonly repo: RolloutRepo;
  private readonly queue: { id: string; options: RolloutOptions; weights?: Record<string, number> }[] = [];
  private running: { id: string; worker: ChildProcess } | null = null;
  private readonly progress = new Map<string, ProgressEvent>();
  private closed = false;

  constructor(
    db: Db,
    private readonly scenario: ScenarioBundle,
    private readonly clock: () => number,
    private readonly maxQueued = 3,
    /** a study running longer than this (real time) is stopped and failed */
    private readonly timeoutMs = 20 * 60_000,
    /** studies left unfinished by an earlier run fail at start; not where other servers share the database (theirs may be running) */
    failUnfinishedAtStart = true,
  ) {
    this.repo = new RolloutRepo(db);
    if (failUnfinishedAtStart) this.repo.failUnfinished(this.now());
  }

  private now() {
    return new Date(this.clock()).toISOString();
  }

  submit(createdBy: string, name: string, options: RolloutOptions, weights?: Record<string, number>): RolloutRecord {
    if (this.queue.length >= this.maxQueued) throw new ApiError('RATE_LIMITED', `${this.queue.length} studies are already waiting; try again when one has finished`);
    const id = `RO-${randomUUID().slice(0, 8)}`;
    const { userSites, ...recorded } = options;
    this.repo.insert({ id, name, createdBy, createdAt: this.now(), options: { ...recorded, userSites: userSites?.length ?? 0, weights: weights ? Object.keys(weights).length : 0 } });
    this.queue.push({ id, options, ...(weights ? { weights } : {}) });
    this.next();
    return this.get(id) as RolloutRecord;
  }

  get(id: string): (RolloutRecord & { progress?: ProgressEvent }) | undefined {
    const r = this.repo.get(id);
    if (!r) return undefined;
    const p = this.progress.get(id);
    return p && (r.state === 'running' || r.state === 'queued') ? { ...r, progress: p } : r;
  }

  /** The full result of a finished study (JSON text), if any. */
  result(id: string): string | undefined {
    return this.repo.result(id) ?? undefined;
  }

  list(): (RolloutRecord & { progress?: ProgressEvent })[] {
    return this.repo.list().map((r) => this.get(r.id) ?? r);
  }

  /** Stops a queued or running study; it ends `cancelled` with who did it. */
  cancel(id: string, by: string): RolloutRecord {
    const r = this.repo.get(id);
    if (!r) throw new ApiError('NOT_FOUND', `no rollout study ${id}`);
    if (r.state !== 'queued' && r.state !== 'running') throw new ApiError('CONFLICT', `study ${id} is ${r.state}`, { state: r.state });
    const q = this.queue.findIndex((j) => j.id === id);
    if (q >= 0) this.queue.splice(q, 1);
    this.repo.end(id, 'cancelled', this.now(), `cancelled by ${by}`);
    if (this.running?.id === id)
      this.running.worker.kill('SIGKILL'); // its exit settles it
    else this.settle(id, false);
    return this.repo.get(id) as RolloutRecord;
  }

  private settle(id: string, wasRunning = true) {
    this.progress.delete(id);
    if (wasRunning) {
      this.running = null;
      this.next();
    }
  }

  private next(): void {
    if (this.running || this.closed) return;
    const job = this.queue.shift();
    if (!job) return;
    this.repo.setState(job.id, 'running');
    const worker = fork(fileURLToPath(new URL('./rollout-worker.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    worker.send({ scenario: this.scenario, options: job.options, ...(job.weights ? { weights: job.weights } : {}) });
    this.running = { id: job.id, worker };
    let finished = false;
    const timer = setTimeout(() => {
      if (!finished) {
        this.repo.fail(job.id, this.now(), `stopped after ${Math.round(this.timeoutMs / 60_000)} min`);
        worker.kill('SIGKILL');
      }
    }, this.timeoutMs);
    timer.unref();
    /** the study is over: record the outcome unless it was cancelled, timed out or the server is closing */
    const end = (record: () => void) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      if (!this.closed && this.repo.get(job.id)?.state === 'running') record();
      this.settle(job.id);
    };
    worker.on('message', (m: { type: 'progress'; progress: ProgressEvent } | { type: 'done'; result: RolloutResult } | { type: 'failed'; error: string }) => {
      if (m.type === 'progress') this.progress.set(job.id, m.progress);
      else end(() => (m.type === 'done' ? this.repo.finish(job.id, this.now(), m.result.phases.map(phaseSummary), JSON.stringify(m.result)) : this.repo.fail(job.id, this.now(), m.error)));
    });
    worker.on('error', (e) => end(() => this.repo.fail(job.id, this.now(), e.message)));
    worker.on('exit', (code, signal) => end(() => this.repo.fail(job.id, this.now(), `the study's process stopped (${signal ?? `exit ${code}`})`)));
  }

  async close(): Promise<void> {
    this.closed = true;
    const r = this.running;
    if (r && r.worker.exitCode === null) {
      const gone = new Promise<void>((resolve) => r.worker.once('exit', () => resolve()));
      r.worker.kill('SIGKILL');
      await gone;
    }
  }
}
