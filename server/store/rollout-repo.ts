/** Rollout studies: their options, state and (once finished) results. */
import type { Db } from './database.js';

export type RolloutState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
export interface RolloutRecord {
  id: string;
  name: string;
  createdBy: string;
  createdAt: string;
  finishedAt?: string;
  state: RolloutState;
  options: unknown;
  error?: string;
  summary?: unknown;
}

interface Row {
  id: string;
  name: string;
  created_by: string;
  created_at: string;
  finished_at: string | null;
  state: RolloutState;
  options: string;
  error: string | null;
  summary: string | null;
}

const rec = (r: Row): RolloutRecord => ({
  id: r.id,
  name: r.name,
  createdBy: r.created_by,
  createdAt: r.created_at,
  state: r.state,
  options: JSON.parse(r.options),
  ...(r.finished_at ? { finishedAt: r.finished_at } : {}),
  ...(r.error ? { error: r.error } : {}),
  ...(r.summary ? { summary: JSON.parse(r.summary) } : {}),
});

export class RolloutRepo {
  constructor(private readonly db: Db) {}

  insert(r: Pick<RolloutRecord, 'id' | 'name' | 'createdBy' | 'createdAt' | 'options'>): void {
    this.db
      .prepare('INSERT INTO rollouts (id, name, created_by, created_at, state, options) VALUES (?, ?, ?, ?, ?, ?)')
      .run(r.id, r.name, r.createdBy, r.createdAt, 'queued', JSON.stringify(r.options));
  }
  setState(id: string, state: RolloutState): void {
    this.db.prepare('UPDATE rollouts SET state = ? WHERE id = ?').run(state, id);
  }
  finish(id: string, at: string, summary: unknown, result: string): void {
    this.db.prepare("UPDATE rollouts SET state = 'done', finished_at = ?, summary = ?, result = ? WHERE id = ?").run(at, JSON.stringify(summary), result, id);
  }
  fail(id: string, at: string, error: string): void {
    this.end(id, 'failed', at, error);
  }
  end(id: string, state: 'failed' | 'cancelled', at: string, error: string): void {
    this.db.prepare('UPDATE rollouts SET state = ?, finished_at = ?, error = ? WHERE id = ?').run(state, at, error, id);
  }
  /** Studies cut short by a restart are failed, not silently resumed. */
  failUnfinished(at: string): number {
    return this.db.prepare("UPDATE rollouts SET state = 'failed', finished_at = ?, error = 'interrupted by a server restart' WHERE state IN ('queued', 'running')").run(at).changes;
  }
  get(id: string): RolloutRecord | undefined {
    const r = this.db.prepare('SELECT id, name, created_by, created_at, finished_at, state, options, error, summary FROM rollouts WHERE id = ?').get(id) as Row | undefined;
    return r && rec(r);
  }
  result(id: string): string | undefined {
    return (this.db.prepare('SELECT result FROM rollouts WHERE id = ?').get(id) as { result: string | null } | undefined)?.result ?? undefined;
  }
  list(limit = 50): RolloutRecord[] {
    return (this.db.prepare('SELECT id, name, created_by, created_at, finished_at, state, options, error, summary FROM rollouts ORDER BY seq DESC LIMIT ?').all(limit) as Row[]).map(rec);
  }
}
