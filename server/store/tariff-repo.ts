/** Tariff versions (空域要素定价): append-only, each with its effective time. */
import { noteChange } from '../cluster/change-notes.js';
import type { Tariff } from '../../shared/pricing/tariff.js';
import type { Db } from './database.js';

/** Append as a new version to server/store/migrations.ts. */
export const TARIFF_MIGRATION_SQL = `
  CREATE TABLE tariffs (
    version TEXT PRIMARY KEY,
    effective_from TEXT NOT NULL,
    effective_ms INTEGER NOT NULL,
    doc TEXT NOT NULL,
    published_by TEXT NOT NULL,
    published_at TEXT NOT NULL
  );
  CREATE TRIGGER tariffs_no_update BEFORE UPDATE ON tariffs BEGIN SELECT RAISE(ABORT, 'tariff versions are append-only'); END;
  CREATE TRIGGER tariffs_no_delete BEFORE DELETE ON tariffs BEGIN SELECT RAISE(ABORT, 'tariff versions are append-only'); END;
`;

export class TariffRepo {
  private cache: Tariff[] | null = null;
  constructor(private readonly db: Db) {}
  /** Every version, by effective time (cached; a publication refreshes it). */
  all(): Tariff[] {
    if (!this.cache) this.cache = (this.db.prepare('SELECT doc FROM tariffs ORDER BY effective_ms, version').all() as { doc: string }[]).map((r) => JSON.parse(r.doc));
    return this.cache;
  }
  has(version: string): boolean {
    return this.db.prepare('SELECT 1 FROM tariffs WHERE version = ?').get(version) !== undefined;
  }
  insert(t: Tariff, by: string, at: string): void {
    this.db
      .prepare('INSERT INTO tariffs (version, effective_from, effective_ms, doc, published_by, published_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(t.version, t.effectiveFrom, Date.parse(t.effectiveFrom), JSON.stringify(t), by, at);
    this.cache = null;
    noteChange(this.db, { k: 'tariff', id: t.version });
  }
  /** Forgets the cached versions (a version was published on another server sharing the database). */
  forget(): void {
    this.cache = null;
  }
}
