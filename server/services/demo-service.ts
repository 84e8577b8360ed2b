/**
 * Demo sign-in for a local demo install (YUKONG_DEMO, on by default with the Chongqing scenario
 * on a loopback host): one click makes a short-lived principal of a chosen kind — an operator of
 * the A station or of a B station, a pilot or the admin of a seeded company, a planner, a viewer.
 * A demo pilot is registered in its company with a copy of the company's best valid licence, so
 * the registry treats it as the company's pilots are treated. Every sign-in is audited.
 */
import type { DemoIdentity } from '../../shared/schemas/demo.js';
import type { PrincipalCreated } from '../../shared/schemas/responses.js';
import type { Licence } from '../../shared/schemas/registry.js';
import { licenceEndMs } from '../../shared/rules/registry-check.js';
import { ApiError } from '../errors.js';
import type { Principal } from '../policy/actor.js';
import type { ServiceContext } from './context.js';
import { issuePrincipal, newPrincipalId } from './principal-service.js';

/** Demo tokens last this long (real time). */
export const DEMO_TOKEN_MS = 12 * 3_600_000;
const DEMO_ACTOR: Principal = { id: 'system:demo-sign-in', role: 'admin', name: 'demo sign-in' };

export function demoIdentities(ctx: ServiceContext): DemoIdentity[] {
  const stations = [...ctx.stations.values()].filter((s) => s.kind === 'A' || s.kind === 'B').sort((a, b) => (a.kind === b.kind ? a.id.localeCompare(b.id) : a.kind === 'A' ? -1 : 1));
  const companies = ctx.registry.companies().filter((c) => !c.suspended);
  return [
    ...stations.map((s) => ({ id: `operator:${s.id}`, role: 'operator' as const, stationId: s.id, stationKind: s.kind as 'A' | 'B', name: s.name })),
    ...companies.map((c) => ({ id: `pilot:${c.id}`, role: 'pilot' as const, companyId: c.id, name: c.name })),
    ...companies.map((c) => ({ id: `company-admin:${c.id}`, role: 'company-admin' as const, companyId: c.id, name: c.name })),
    { id: 'planner', role: 'planner' as const, name: 'planner' },
    { id: 'viewer', role: 'viewer' as const, name: 'viewer' },
  ];
}

/** The company's licence that is valid longest and covers the most (BVLOS first), or undefined. */
function bestLicence(ctx: ServiceContext, companyId: string, nowMs: number): Licence | undefined {
  const valid = ctx.registry
    .pilots(companyId)
    .map((p) => p.licence)
    .filter((l): l is Licence => !!l && licenceEndMs(l.expires) > nowMs);
  valid.sort((a, b) => (a.class === b.class ? b.categories.length - a.categories.length || b.expires.localeCompare(a.expires) : a.class === 'BVLOS' ? -1 : 1));
  return valid[0];
}

/** the name of a demo principal with no station or company to be named after (shown as it is, like the seeded names) */
const DEMO_NAMES: Partial<Record<DemoIdentity['role'], string>> = { planner: '规划人员', viewer: '访客' };

export function demoSignIn(ctx: ServiceContext, identityId: string): PrincipalCreated {
  const identity = demoIdentities(ctx).find((i) => i.id === identityId);
  if (!identity) throw new ApiError('NOT_FOUND', `no demo identity ${identityId}`, { identity: identityId });
  const expiresAt = new Date(Date.now() + DEMO_TOKEN_MS).toISOString();
  const principal: Principal = {
    id: newPrincipalId(`demo-${identity.role}`),
    role: identity.role,
    name: `${DEMO_NAMES[identity.role] ?? identity.name}（演示）`,
    ...(identity.role === 'operator' ? { stationId: identity.stationId } : {}),
    ...(identity.role === 'pilot' ? { operatorId: identity.companyId } : {}),
    ...(identity.role === 'company-admin' ? { companyId: identity.companyId } : {}),
    expiresAt,
  };
  const licence = identity.role === 'pilot' && identity.companyId ? bestLicence(ctx, identity.companyId, ctx.clock()) : undefined;
  const token = issuePrincipal(ctx, DEMO_ACTOR, principal, () => {
    if (identity.role === 'pilot' && identity.companyId) {
      ctx.registry.insertPilot({ id: principal.id, name: principal.name, companyId: identity.companyId, ...(licence ? { licence } : {}), createdAt: new Date(ctx.clock()).toISOString() });
    }
  });
  return { ...principal, token } as PrincipalCreated;
}
