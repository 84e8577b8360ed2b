/**
 * Landing points as records: created from the scenario on first start, then changed at runtime
 * (create, change, retire) — the database is their source of truth once it holds any.
 */
import { noteChange } from '../cluster/change-notes.js';
import type { LandingPoint } from '../../shared/schemas/landing-point.js';
import type { Db } from './database.js';

/** Append as a new version to server/store/migrations.ts. */
export const LANDING_POINT_MIGRATION_SQL = `
  CREATE TABLE landing_points (
    id TEXT PRIMARY KEY,
    doc TEXT NOT NULL,
    district_adcode TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    retired_at TEXT
  );
  CREATE INDEX landing_points_district ON landing_points (district_adcode);
`;

export class LandingPointRepo {
  constructor(private readonly db: Db) {}

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM landing_points').get() as { n: number }).n;
  }
  /** Points in service (not retired), by id. */
  live(): LandingPoint[] {
    return (this.db.prepare('SELECT doc FROM landing_points WHERE retired_at IS NULL ORDER BY id').all() as { doc: string }[]).map((r) => JSON.parse(r.doc));
  }
  get(id: string): { point: LandingPoint; retiredAt: string | null } | undefined {
    const r = this.db.prepare('SELECT doc, retired_at AS retiredAt FROM landing_points WHERE id = ?').get(id) as { doc: string; retiredAt: string | null } | undefined;
    return r ? { point: JSON.parse(r.doc), retiredAt: r.retiredAt } : undefined;
  }
  insert(p: LandingPoint, at: string): void {
    this.db.prepare('INSERT INTO landing_points (id, doc, district_adcode, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(p.id, JSON.stringify(p), p.districtAdcode, at, at);
    noteChange(this.db, { k: 'landing-point', id: p.id });
  }
  update(p: LandingPoint, at: string): void {
    this.db.prepare('UPDATE landing_points SET doc = ?, updated_at = ? WHERE id = ? AND retired_at IS NULL').run(JSON.stringify(p), at, p.id);
    noteChange(this.db, { k: 'landing-point', id: p.id });
  }
  retire(id: string, at: string): void {
    this.db.prepare('UPDATE landing_points SET retired_at = ?, updated_at = ? WHERE id = ? AND retired_at IS NULL').run(at, at, id);
    noteChange(this.db, { k: 'landing-point', id });
  }
  /** Plans in the given states that take off from or land at the point. */
  plansUsing(id: string, states: readonly string[]): string[] {
    const marks = states.map(() => '?').join(',');
    return (
      this.db
        .prepare(`SELECT id FROM plans WHERE state IN (${marks}) AND (json_extract(doc, '$.input.departure') = ? OR json_extract(doc, '$.input.arrival') = ?) ORDER BY id`)
        .all(...states, id, id) as { id: string }[]
    ).map((r) => r.id);
  }
}
