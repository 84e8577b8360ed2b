/**
 * Bearer-token authentication: the built-in admin (YUKONG_ADMIN_TOKEN) or a stored principal.
 * HTTP routes take the token only from `Authorization: Bearer`; a token in the query string is
 * refused (it would land in logs, histories and proxies). Tokens may expire and may be revoked.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ApiError } from './errors.js';
import type { Principal } from './policy/actor.js';
import type { PrincipalRepo } from './store/misc-repos.js';

export const BUILTIN_ADMIN: Principal = { id: 'admin', role: 'admin', name: 'built-in admin' };

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a),
    y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The bearer token of an Authorization header, or null. */
export function bearerOf(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string') return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1] : null;
}

/** Query parameters that carry secrets; never accepted on HTTP routes and never logged. */
export const SECRET_QUERY_PARAMS = ['token', 'access_token', 'ticket'] as const;

/** The token of an HTTP request: from the header only. A token in the query string is a 401. */
export function tokenOf(req: FastifyRequest): string | null {
  const q = req.query as Record<string, unknown> | undefined;
  if (q && (q.token !== undefined || q.access_token !== undefined)) {
    throw new ApiError('TOKEN_IN_QUERY', 'tokens are accepted only in the Authorization header (Bearer), never in the URL');
  }
  return bearerOf(req.headers.authorization);
}

export function authenticate(token: string | null, adminToken: string, principals: PrincipalRepo, nowMs: number = Date.now()): Principal {
  if (!token) throw new ApiError('UNAUTHENTICATED', 'missing bearer token (Authorization: Bearer <token>)');
  if (sameSecret(token, adminToken)) return BUILTIN_ADMIN;
  const found = principals.byToken(token);
  if (!found) throw new ApiError('UNAUTHENTICATED', 'invalid token');
  if (found.revokedAt) throw new ApiError('TOKEN_REVOKED', `this token was revoked at ${found.revokedAt}`);
  if (found.principal.expiresAt && Date.parse(found.principal.expiresAt) <= nowMs) {
    throw new ApiError('TOKEN_EXPIRED', `this token expired at ${found.principal.expiresAt}`);
  }
  return found.principal;
}

/** Removes secrets from a URL before it is logged. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  let changed = false;
  for (const k of SECRET_QUERY_PARAMS)
    if (params.has(k)) {
      params.set(k, 'REDACTED');
      changed = true;
    }
  return changed ? `${url.slice(0, q)}?${params.toString()}` : url;
}
