/** Principals: created by the admin (the token is shown once), revoked at once; both audited. */
import { randomBytes } from 'node:crypto';
import type { PrincipalInput } from '../../shared/schemas/api.js';
import { parseInstant } from '../../shared/util/time-range.js';
import { ApiError, problemCode } from '../errors.js';
import { assertCanRevoke } from '../policy/access-policy.js';
import type { Principal } from '../policy/actor.js';
import { iso, type ServiceContext } from './context.js';

export function createPrincipal(ctx: ServiceContext, actor: Principal, b: PrincipalInput): Principal & { token: string } {
  if (b.role === 'pilot' && !b.operatorId) throw new ApiError('VALIDATION_FAILED', 'a pilot needs an operatorId (the company)');
  if (b.role === 'company-admin' && !(b.companyId && ctx.registry.company(b.companyId))) {
    throw new ApiError('VALIDATION_FAILED', 'a company admin needs the companyId of a registered company (POST /companies first)', { companyId: b.companyId });
  }
  if (b.role === 'operator') {
    const s = ctx.stations.get(b.stationId ?? '');
    if (!s || s.kind === 'X') throw new ApiError('VALIDATION_FAILED', 'an operator needs the stationId of an A or B station', { stationId: b.stationId });
  }
  const expires = tokenExpiry(b.expiresAt);
  const principal: Principal = {
    id: newPrincipalId(b.role),
    role: b.role,
    name: b.name,
    ...(b.operatorId && b.role !== 'company-admin' ? { operatorId: b.operatorId } : {}),
    ...(b.companyId && b.role === 'company-admin' ? { companyId: b.companyId } : {}),
    ...(b.stationId && b.role === 'operator' ? { stationId: b.stationId } : {}),
    ...(expires !== undefined ? { expiresAt: new Date(expires).toISOString() } : {}),
  };
  return { ...principal, token: issuePrincipal(ctx, actor, principal) };
}

/** A token's expiry (real, wall-clock time: it is about the credential, not the simulated sky): a valid instant in the future. */
export function tokenExpiry(expiresAt: string | undefined): number | undefined {
  if (expiresAt === undefined) return undefined;
  const t = parseInstant(expiresAt, 'expiresAt');
  if (typeof t !== 'number') throw new ApiError(problemCode(t.code), t.message, { expiresAt });
  if (t <= Date.now()) throw new ApiError('INVALID_TIME', 'expiresAt must be in the future', { expiresAt });
  return t;
}

export const newPrincipalId = (role: string) => `${role}-${randomBytes(6).toString('hex')}`;

/** Stores a principal with a new token (shown once), audited; `alongside` writes in the same transaction. */
export function issuePrincipal(ctx: ServiceContext, actor: Principal, principal: Principal, alongside?: () => void): string {
  const token = randomBytes(24).toString('base64url');
  const at = iso(ctx.clock());
  ctx.db.transaction(() => {
    ctx.principals.insert(principal, token, at);
    ctx.audit.append({
      at,
      actor: actor.id,
      subjectKind: 'principal',
      subjectId: principal.id,
      action: 'create',
      details: { role: principal.role, name: principal.name, company: principal.companyId ?? principal.operatorId ?? null, expiresAt: principal.expiresAt ?? null },
    });
    alongside?.();
  })();
  return token;
}

/** Revokes a principal's token; the caller closes its open streams. */
export function revokePrincipal(ctx: ServiceContext, actor: Principal, id: string): void {
  const found = ctx.principals.get(id);
  if (!found) throw new ApiError('NOT_FOUND', `no principal ${id}`);
  assertCanRevoke(actor, found.principal);
  if (found.revokedAt) throw new ApiError('CONFLICT', `principal ${id} was already revoked at ${found.revokedAt}`, { revokedAt: found.revokedAt });
  ctx.db.transaction(() => {
    ctx.principals.revoke(id, new Date().toISOString());
    ctx.audit.append({ at: iso(ctx.clock()), actor: actor.id, subjectKind: 'principal', subjectId: id, action: 'revoke' });
  })();
}
