/** Bearer-token authentication: the built-in admin (YUKONG_ADMIN_TOKEN) or a stored principal. */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ApiError } from './errors.js';
import type { Principal, PrincipalRepo } from './store/misc-repos.js';

export const BUILTIN_ADMIN: Principal = { id: 'admin', role: 'admin', name: 'built-in admin' };

declare module 'fastify' {
  interface FastifyRequest { principal: Principal }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a), y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function tokenOf(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (typeof h === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
    return m ? m[1] : null;
  }
  const q = (req.query as Record<string, unknown> | undefined)?.token;
  return typeof q === 'string' && q ? q : null;
}

export function authenticate(token: string | null, adminToken: string, principals: PrincipalRepo): Principal {
  if (!token) throw new ApiError('UNAUTHENTICATED', 'missing bearer token (Authorization: Bearer <token>)');
  if (sameSecret(token, adminToken)) return BUILTIN_ADMIN;
  const p = principals.byToken(token);
  if (!p) throw new ApiError('UNAUTHENTICATED', 'invalid token');
  return p;
}
