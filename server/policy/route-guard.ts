/**
 * The route guard: every API route declares the permission it needs (`config.permission`) or
 * that it is public (`config.public`); a route that declares neither fails at start-up. On each
 * request, before the body is read: the token (header only) is checked, then the permission,
 * then the per-role body limit (so a refused caller never costs a parse). Jurisdiction over the
 * resource is decided later by the same policy module, once the resource is known.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';
import { assertAllowed, isPermission, type Permission } from './access-policy.js';
import type { Principal, Role } from './actor.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** what the caller must be allowed to do */
    permission?: Permission;
    /** no token needed (health, the OpenAPI document) */
    public?: boolean;
    /** the largest body (bytes) each role may send; roles not listed get the route's bodyLimit */
    bodyLimitByRole?: Partial<Record<Role, number>>;
  }
}

export interface GuardOptions {
  authenticate: (req: FastifyRequest) => Principal;
}

/** Installs the guard on an encapsulated API scope (call before its routes are registered). */
export function installRouteGuard(api: FastifyInstance, opts: GuardOptions): void {
  api.decorateRequest('principal', null as never);
  api.addHook('onRoute', (route) => {
    const config = (route.config ?? {}) as { permission?: unknown; public?: boolean };
    if (config.public) return;
    if (!isPermission(config.permission)) {
      throw new Error(`route ${route.method} ${route.url} declares no permission (config.permission) and is not public`);
    }
  });
  api.addHook('onRequest', async (req) => {
    const config = req.routeOptions.config;
    if (config.public) return;
    const principal = opts.authenticate(req);
    req.principal = principal;
    assertAllowed(principal, config.permission as Permission);
    const limit = config.bodyLimitByRole?.[principal.role];
    const length = Number(req.headers['content-length']);
    if (limit !== undefined && Number.isFinite(length) && length > limit) {
      throw new ApiError('BODY_TOO_LARGE', `a ${principal.role} may send at most ${limit} bytes here`, { limitBytes: limit });
    }
  });
}
