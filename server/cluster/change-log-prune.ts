/**
 * The change log (`yk_changes`) kept short. The primary deletes, once a minute, the rows that every
 * server with a heartbeat has read and that are older than ten minutes (a server starting reads the
 * log from its end, so it needs none of them), and the heartbeat rows of servers out of date for an
 * hour. A server stalled longer than that (a paused process, a suspended machine) has lost its
 * row and may have lost rows it had not read: every read of the log also reads whether its row
 * exists (cluster.ts), so it finds out with the very read that would miss them, and refuses
 * decisions from then on (restart it: it loads the store afresh). Servers that are alive hold the
 * log back for as long as they lag.
 */
import type { PgDatabase } from '../store/pg/pg-database.js';
import { HEARTBEAT_FORGOTTEN_MS, NOW } from './primary-lease.js';

/** rows younger than this are kept whatever the servers have read */
export const CHANGES_KEPT_MS = 10 * 60_000;
export const PRUNE_EVERY_MS = 60_000;

/** Deletes the rows every server has read that are older than `beforeMs` (epoch ms), and forgotten heartbeats; what was deleted. */
export function pruneChangeLog(db: PgDatabase, beforeMs: number): { changes: number; heartbeats: number } {
  const heartbeats = db.client.query(`DELETE FROM yk_leases WHERE name LIKE 'instance:%' AND expires_ms < ${NOW} - $1`, [HEARTBEAT_FORGOTTEN_MS]).rowCount;
  // no heartbeat at all (MIN is null): nothing is known to be read, nothing is deleted
  const changes = db.client.query(`DELETE FROM yk_changes WHERE seq <= (SELECT MIN(seen_seq) FROM yk_leases WHERE name LIKE 'instance:%') AND at_ms < $1`, [beforeMs]).rowCount;
  return { changes, heartbeats };
}
