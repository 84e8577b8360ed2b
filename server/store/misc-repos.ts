/** Small stores: principals, temporary zones, idempotency keys and plan events. */
import { createHash } from 'node:crypto';
import type { Zone } from '../../shared/schemas/zone.js';
import type { Db } from './database.js';

export type Role = 'admin' | 'operator' | 'pilot' | 'planner' | 'viewer';
export interface Principal { id: string; role: Role; name: string; operatorId?: string; stationId?: string }

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export class PrincipalRepo {
  constructor(private readonly db: Db) {}
  insert(p: Principal, token: string, at: string): void {
    this.db.prepare('INSERT INTO principals (id, role, name, token_hash, operator_id, station_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(p.id, p.role, p.name, hashToken(token), p.operatorId ?? null, p.stationId ?? null, at);
  }
  byToken(token: string): Principal | null {
    const r = this.db.prepare('SELECT * FROM principals WHERE token_hash = ?').get(hashToken(token)) as Record<string, string | null> | undefined;
    return r ? { id: r.id as string, role: r.role as Role, name: r.name as string, ...(r.operator_id ? { operatorId: r.operator_id } : {}), ...(r.station_id ? { stationId: r.station_id } : {}) } : null;
  }
  count(): number { return (this.db.prepare('SELECT COUNT(*) AS n FROM principals').get() as { n: number }).n; }
}

export class ZoneRepo {
  constructor(private readonly db: Db) {}
  insert(z: Zone, createdBy: string, stationId: string | null, at: string): void {
    this.db.prepare('INSERT INTO zones (id, doc, created_by, station_id, created_at) VALUES (?, ?, ?, ?, ?)').run(z.id, JSON.stringify(z), createdBy, stationId, at);
  }
  markDeleted(id: string, at: string): boolean {
    return this.db.prepare('UPDATE zones SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL').run(at, id).changes === 1;
  }
  get(id: string): { zone: Zone; createdBy: string; stationId: string | null; deletedAt: string | null } | null {
    const r = this.db.prepare('SELECT * FROM zones WHERE id = ?').get(id) as Record<string, string | null> | undefined;
    return r ? { zone: JSON.parse(r.doc as string), createdBy: r.created_by as string, stationId: r.station_id, deletedAt: r.deleted_at } : null;
  }
  live(): Zone[] {
    return (this.db.prepare('SELECT doc FROM zones WHERE deleted_at IS NULL ORDER BY created_at, id').all() as { doc: string }[]).map((r) => JSON.parse(r.doc));
  }
}

export class IdempotencyRepo {
  constructor(private readonly db: Db) {}
  get(principalId: string, key: string): { requestHash: string; status: number; response: unknown } | null {
    const r = this.db.prepare('SELECT request_hash, status, response FROM idempotency WHERE principal_id = ? AND key = ?').get(principalId, key) as
      { request_hash: string; status: number; response: string } | undefined;
    return r ? { requestHash: r.request_hash, status: r.status, response: JSON.parse(r.response) } : null;
  }
  put(principalId: string, key: string, requestHash: string, status: number, response: unknown, at: string): void {
    this.db.prepare('INSERT INTO idempotency (principal_id, key, request_hash, status, response, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(principalId, key, requestHash, status, JSON.stringify(response), at);
  }
}

export interface PlanEvent { seq?: number; at: string; kind: string; planId: string; stationId: string; operatorId?: string; payload: unknown }

export class EventRepo {
  constructor(private readonly db: Db) {}
  append(e: PlanEvent): number {
    return Number(this.db.prepare('INSERT INTO events (at, kind, plan_id, station_id, operator_id, payload) VALUES (?, ?, ?, ?, ?, ?)')
      .run(e.at, e.kind, e.planId, e.stationId, e.operatorId ?? null, JSON.stringify(e.payload)).lastInsertRowid);
  }
  since(seq: number, limit = 1000): PlanEvent[] {
    return (this.db.prepare('SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?').all(seq, limit) as Record<string, string | number | null>[])
      .map((r) => ({ seq: r.seq as number, at: r.at as string, kind: r.kind as string, planId: r.plan_id as string, stationId: r.station_id as string,
        ...(r.operator_id ? { operatorId: r.operator_id as string } : {}), payload: JSON.parse(r.payload as string) }));
  }
}
