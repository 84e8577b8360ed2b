/** Small stores: principals, temporary zones, idempotency keys and plan events. */
import { noteChange } from '../cluster/change-notes.js';
import { createHash } from 'node:crypto';
import type { Zone } from '../../shared/schemas/zone.js';
import type { Principal, Role } from '../policy/actor.js';
import type { Db } from './database.js';
import { jsonWithStored } from './document-json.js';

export type { Principal, Role } from '../policy/actor.js';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

interface PrincipalRow {
  id: string;
  role: Role;
  name: string;
  operator_id: string | null;
  station_id: string | null;
  expires_at: string | null;
  revoked_at: string | null;
  created_at: string;
}
const fromRow = (r: PrincipalRow): Principal => ({
  id: r.id,
  role: r.role,
  name: r.name,
  // the company column: a pilot's operator company, a company admin's company
  ...(r.operator_id ? (r.role === 'company-admin' ? { companyId: r.operator_id } : { operatorId: r.operator_id }) : {}),
  ...(r.station_id ? { stationId: r.station_id } : {}),
  ...(r.expires_at ? { expiresAt: r.expires_at } : {}),
});

export interface StoredPrincipal {
  principal: Principal;
  revokedAt: string | null;
  createdAt: string;
}

/** Principals and their token hashes (the token itself is never stored). Revocation takes effect at once. */
export class PrincipalRepo {
  private readonly byHash = new Map<string, StoredPrincipal>();
  private readonly insertStmt;
  private readonly selectStmt;
  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare('INSERT INTO principals (id, role, name, token_hash, operator_id, station_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.selectStmt = db.prepare('SELECT * FROM principals WHERE token_hash = ?');
  }
  insert(p: Principal, token: string, at: string): void {
    this.insertStmt.run(p.id, p.role, p.name, hashToken(token), p.companyId ?? p.operatorId ?? null, p.stationId ?? null, at, p.expiresAt ?? null);
  }
  byToken(token: string): StoredPrincipal | null {
    const h = hashToken(token);
    const cached = this.byHash.get(h);
    if (cached) return cached;
    const r = this.selectStmt.get(h) as PrincipalRow | undefined;
    if (!r) return null;
    const found: StoredPrincipal = { principal: fromRow(r), revokedAt: r.revoked_at, createdAt: r.created_at };
    if (this.byHash.size >= 100_000) this.byHash.clear();
    this.byHash.set(h, found);
    return found;
  }
  get(id: string): StoredPrincipal | null {
    const r = this.db.prepare('SELECT * FROM principals WHERE id = ?').get(id) as PrincipalRow | undefined;
    return r ? { principal: fromRow(r), revokedAt: r.revoked_at, createdAt: r.created_at } : null;
  }
  /** Marks the principal revoked; false when it was already. The cache forgets it at once. */
  revoke(id: string, at: string): boolean {
    const changed = this.db.prepare('UPDATE principals SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id).changes === 1;
    this.forget(id);
    if (changed) noteChange(this.db, { k: 'principal', id });
    return changed;
  }
  /** Drops a principal from the cache (revoked here or on another server). */
  forget(id: string): void {
    for (const [h, p] of this.byHash) if (p.principal.id === id) this.byHash.delete(h);
  }
  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM principals').get() as { n: number }).n;
  }
}

export class ZoneRepo {
  constructor(private readonly db: Db) {}
  insert(z: Zone, createdBy: string, stationId: string | null, at: string): void {
    this.db.prepare('INSERT INTO zones (id, doc, created_by, station_id, created_at) VALUES (?, ?, ?, ?, ?)').run(z.id, JSON.stringify(z), createdBy, stationId, at);
    noteChange(this.db, { k: 'zone', id: z.id });
  }
  markDeleted(id: string, at: string): boolean {
    noteChange(this.db, { k: 'zone', id });
    return this.db.prepare('UPDATE zones SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL').run(at, id).changes === 1;
  }
  get(id: string): { zone: Zone; createdBy: string; stationId: string | null; deletedAt: string | null } | null {
    const r = this.db.prepare('SELECT * FROM zones WHERE id = ?').get(id) as Record<string, string | null> | undefined;
    return r ? { zone: zoneOfRow(r.doc as string, r.station_id), createdBy: r.created_by as string, stationId: r.station_id, deletedAt: r.deleted_at } : null;
  }
  live(): Zone[] {
    return (this.db.prepare('SELECT doc, station_id FROM zones WHERE deleted_at IS NULL ORDER BY created_at, id').all() as { doc: string; station_id: string | null }[]).map((r) =>
      zoneOfRow(r.doc, r.station_id),
    );
  }
}

/** A stored zone; a restriction names the station that published it (stored beside it before the zone held it). */
function zoneOfRow(doc: string, stationId: string | null): Zone {
  const z = JSON.parse(doc) as Zone;
  return z.kind === 'temporary' && stationId && !z.stationId ? { ...z, stationId } : z;
}

export class IdempotencyRepo {
  private readonly getStmt;
  private readonly putStmt;
  constructor(private readonly db: Db) {
    this.getStmt = db.prepare('SELECT request_hash, status, response FROM idempotency WHERE principal_id = ? AND key = ?');
    this.putStmt = db.prepare('INSERT INTO idempotency (principal_id, key, request_hash, status, response, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  }
  get(principalId: string, key: string): { requestHash: string; status: number; response: unknown } | null {
    const r = this.getStmt.get(principalId, key) as { request_hash: string; status: number; response: string } | undefined;
    return r ? { requestHash: r.request_hash, status: r.status, response: JSON.parse(r.response) } : null;
  }
  put(principalId: string, key: string, requestHash: string, status: number, response: unknown, at: string): void {
    this.putStmt.run(principalId, key, requestHash, status, jsonWithStored(response), at);
  }
}

/** A committed change of a plan, as told to listeners (the stream); `seq` is its audit record's. */
export interface PlanEvent {
  seq?: number;
  at: string;
  kind: string;
  planId: string;
  stationId: string;
  operatorId?: string;
  payload: unknown;
}
