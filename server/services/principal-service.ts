/** Principals: created by the admin (the token is shown once), revoked at once; both audited. */
import { randomBytes } from 'node:crypto';
import type { PrincipalInput } from '../../shared/schemas/api.js';
import { ApiError } from '../errors.js';
import type { Principal } from '../policy/actor.js';
import { iso, type ServiceContext } from './context.js';

export function createPrincipal(ctx: ServiceContext, actor: Principal, b: PrincipalInput): Principal & { token: string } {
  if (b.role === 'pilot' && !b.operatorId) throw new ApiError('VALIDATION_FAILED', 'a pilot needs an operatorId (the company)');
  if (b.role === 'operator') {
    const s = ctx.stations.get(b.stationId ?? '');
    if (!s || s.kind === 'X') throw new ApiError('VALIDATION_FAILED', 'an operator needs the stationId of an A or B station', { stationId: b.stationId });
  }
  // token expiry is real (wall-clock) time: it is about the credential, not the simulated sky
  const expires = b.expiresAt === undefined ? undefined : Date.parse(b.expiresAt);
  if (expires !== undefined && !(Number.isFinite(expires) && expires > Date.now())) throw new ApiError('INVALID_TIME', 'expiresAt must be a valid time in the future', { expiresAt: b.expiresAt });
  const token = randomBytes(24).toString('base64url');
  const id = `${b.role}-${randomBytes(6).toString('hex')}`;
  const principal: Principal = {
    id,
    role: b.role,
    name: b.name,
    ...(b.operatorId ? { operatorId: b.operatorId } : {}),
    ...(b.stationId && b.role === 'operator' ? { stationId: b.stationId } : {}),
    ...(expires !== undefined ? { expiresAt: new Date(expires).toISOString() } : {}),
  };
  const at = iso(ctx.clock());
  ctx.db.transaction(() => {
    ctx.principals.insert(principal, token, at);
    ctx.audit.append({ at, actor: actor.id, subjectKind: 'principal', subjectId: id, action: 'create', details: { role: b.role, name: b.name, expiresAt: principal.expiresAt ?? null } });
  })();
  return { ...principal, token };
}

/** Revokes a principal's token; the caller closes its open streams. */
export function revokePrincipal(ctx: ServiceContext, actor: Principal, id: string): void {
  const found = ctx.principals.get(id);
  if (!found) throw new ApiError('NOT_FOUND', `no principal ${id}`);
  if (found.revokedAt) throw new ApiError('CONFLICT', `principal ${id} was already revoked at ${found.revokedAt}`, { revokedAt: found.revokedAt });
  ctx.db.transaction(() => {
    ctx.principals.revoke(id, new Date().toISOString());
    ctx.audit.append({ at: iso(ctx.clock()), actor: actor.id, subjectKind: 'principal', subjectId: id, action: 'revoke' });
  })();
}
