/**
 * The real-name registry: the admin registers companies (validated unified social credit code);
 * each company's admin registers its aircraft, pilots (with licences; a pilot is a principal)
 * and insurance policies; the A station grants credentials. Every change is audited.
 */
import { randomUUID } from 'node:crypto';
import { parseInstant } from '../../shared/util/time-range.js';
import { usccProblem } from '../../shared/registry/uscc.js';
import { CATEGORY_MTOW_KG, categoryFitsWeight } from '../../shared/domain/categories.js';
import { licenceEndMs } from '../../shared/rules/registry-check.js';
import type { Aircraft, AircraftInput, Company, CompanyInput, Credential, Insurance, InsuranceInput, PilotInput } from '../../shared/schemas/registry.js';
import { ApiError, problemCode } from '../errors.js';
import { assertCanGrantCredentials, assertCanManageCompany, assertCanReadCompany, registryScope } from '../policy/access-policy.js';
import type { Principal } from '../policy/actor.js';
import { iso, registryAlone, type ServiceContext } from './context.js';
import { issuePrincipal, newPrincipalId, tokenExpiry } from './principal-service.js';

const USCC_WHY = {
  LENGTH: 'must be 18 characters',
  CHARACTER: 'uses a character outside 0-9 and A-Y without I, O, Z, S, V',
  DIVISION: 'characters 3–8 must be the administrative division code (digits)',
  CHECK: 'fails its check character',
};

function audit(ctx: ServiceContext, actor: Principal, subjectKind: 'company' | 'aircraft' | 'insurance', subjectId: string, action: string, details: unknown) {
  ctx.audit.append({ at: iso(ctx.clock()), actor: actor.id, subjectKind, subjectId, action, details });
}

function existingCompany(ctx: ServiceContext, id: string): Company {
  const c = ctx.registry.company(id);
  if (!c) throw new ApiError('NOT_FOUND', `no company ${id} in the registry`);
  return c;
}

export function registerCompany(ctx: ServiceContext, actor: Principal, input: CompanyInput): Company {
  const uscc = input.uscc.toUpperCase();
  const why = usccProblem(uscc);
  if (why) throw new ApiError('INVALID_USCC', `uscc ${input.uscc} ${USCC_WHY[why]}`, { uscc: input.uscc, problem: why });
  return registryAlone(ctx, () => {
    if (ctx.registry.company(input.id)) throw new ApiError('CONFLICT', `company ${input.id} is already registered`);
    const twin = ctx.registry.companyByUscc(uscc);
    if (twin) throw new ApiError('CONFLICT', `uscc ${uscc} is already registered as ${twin.id}`, { companyId: twin.id });
    const company: Company = { id: input.id, name: input.name, uscc, ...(input.kind ? { kind: input.kind } : {}), credentials: [], suspended: false, createdAt: iso(ctx.clock()) };
    ctx.db.transaction(() => {
      ctx.registry.insertCompany(company);
      audit(ctx, actor, 'company', company.id, 'register', { name: company.name, uscc });
    })();
    return company;
  });
}

export function readCompany(ctx: ServiceContext, actor: Principal, id: string): Company {
  assertCanReadCompany(actor, id);
  const c = existingCompany(ctx, id);
  // suspended by the registry, or by its credit (tier D)
  return { ...c, suspended: c.suspended || ctx.credit?.effectFor(id)?.code === 'COMPANY_SUSPENDED' };
}

export function changeCredentials(ctx: ServiceContext, actor: Principal, id: string, change: { grant?: Credential[]; revoke?: Credential[]; reason: string }): Company {
  assertCanGrantCredentials(actor, ctx.jurisdiction);
  return registryAlone(ctx, () => {
    const c = existingCompany(ctx, id);
    const next = new Set(c.credentials);
    for (const g of change.grant ?? []) next.add(g);
    for (const r of change.revoke ?? []) next.delete(r);
    ctx.db.transaction(() => {
      ctx.registry.setCredentials(id, [...next]);
      audit(ctx, actor, 'company', id, 'credentials', { from: c.credentials, to: [...next].sort(), reason: change.reason });
    })();
    return existingCompany(ctx, id);
  });
}

export function registerAircraft(ctx: ServiceContext, actor: Principal, input: AircraftInput): Aircraft {
  assertCanManageCompany(actor, input.companyId);
  const registration = input.registration.toUpperCase();
  if (!categoryFitsWeight(input.category, input.mtowKg)) {
    const r = CATEGORY_MTOW_KG[input.category];
    throw new ApiError('CATEGORY_WEIGHT_MISMATCH', `a ${input.category} aircraft weighs ${r.above > 0 ? `more than ${r.above}` : `at most ${r.atMost}`} kg at take-off, not ${input.mtowKg}`, {
      category: input.category,
      mtowKg: input.mtowKg,
      ...(r.above > 0 ? { aboveKg: r.above } : { atMostKg: r.atMost }),
    });
  }
  return registryAlone(ctx, () => {
    existingCompany(ctx, input.companyId);
    const taken = ctx.registry.aircraft(registration);
    if (taken)
      throw new ApiError('CONFLICT', `registration ${registration} is already taken${taken.companyId === input.companyId ? '' : ' by another company'}`, {
        taken: 'registration',
        value: registration,
      });
    const a: Aircraft = { ...input, registration, registeredAt: iso(ctx.clock()) };
    ctx.db.transaction(() => {
      ctx.registry.insertAircraft(a);
      audit(ctx, actor, 'aircraft', registration, 'register', a);
    })();
    return a;
  });
}

/**
 * A licence is one person's: a company does not register the same licence number twice (a pilot
 * who left is revoked first; an expired licence no longer holds its number). Another company may
 * employ the same person; what it is told never says who else holds a number.
 */
function licenceFree(ctx: ServiceContext, companyId: string, number: string): void {
  const key = number.trim().toUpperCase();
  const now = ctx.clock();
  const holder = ctx.registry.pilots(companyId).find((p) => !p.revoked && p.licence && p.licence.number.trim().toUpperCase() === key && licenceEndMs(p.licence.expires) >= now);
  if (holder) throw new ApiError('CONFLICT', `licence ${number} is already registered to a pilot of ${companyId}`, { taken: 'licence', value: number });
}

export function registerPilot(ctx: ServiceContext, actor: Principal, input: PilotInput) {
  assertCanManageCompany(actor, input.companyId);
  return registryAlone(ctx, () => {
    existingCompany(ctx, input.companyId);
    const cap = ctx.pilotsPerCompany ?? 0;
    if (cap > 0 && ctx.registry.pilotCount(input.companyId) >= cap) {
      throw new ApiError(
        'COMPANY_LIMIT_REACHED',
        `${input.companyId} has ${cap} pilots, the most a company may register; revoked pilots count (ask the A station to raise YUKONG_PILOTS_PER_COMPANY)`,
        {
          limit: cap,
          kind: 'pilots',
        },
      );
    }
    const expires = tokenExpiry(input.expiresAt);
    if (input.licence && !Number.isFinite(Date.parse(`${input.licence.expires}T00:00:00Z`))) throw new ApiError('INVALID_TIME', `licence.expires ${input.licence.expires} is not a date`);
    // a licence is valid through its expiry day (Beijing time): one that has ended is not registered (renewed, it is)
    if (input.licence && licenceEndMs(input.licence.expires) < ctx.clock())
      throw new ApiError('LICENCE_ALREADY_EXPIRED', `licence ${input.licence.number} expired on ${input.licence.expires}`, { licence: input.licence.number, expires: input.licence.expires });
    if (input.licence) licenceFree(ctx, input.companyId, input.licence.number);
    const principal: Principal = {
      id: newPrincipalId('pilot'),
      role: 'pilot',
      name: input.name,
      operatorId: input.companyId,
      ...(expires !== undefined ? { expiresAt: new Date(expires).toISOString() } : {}),
    };
    const createdAt = iso(ctx.clock());
    const token = issuePrincipal(ctx, actor, principal, () => {
      ctx.registry.insertPilot({ id: principal.id, name: input.name, companyId: input.companyId, ...(input.licence ? { licence: input.licence } : {}), createdAt });
    });
    return { id: principal.id, name: input.name, companyId: input.companyId, ...(input.licence ? { licence: input.licence } : {}), revoked: false, createdAt, token };
  });
}

export function registerInsurance(ctx: ServiceContext, actor: Principal, input: InsuranceInput): Insurance {
  assertCanManageCompany(actor, input.companyId);
  const from = parseInstant(input.validFrom, 'validFrom');
  const to = parseInstant(input.validTo, 'validTo');
  for (const t of [from, to]) if (typeof t === 'object') throw new ApiError(problemCode(t.code), t.message);
  if ((to as number) <= (from as number)) throw new ApiError('END_BEFORE_START', 'validTo must be after validFrom');
  return registryAlone(ctx, () => {
    existingCompany(ctx, input.companyId);
    const registration = input.registration === null ? null : input.registration.toUpperCase();
    if (registration !== null && ctx.registry.aircraft(registration)?.companyId !== input.companyId) {
      throw new ApiError('VALIDATION_FAILED', `aircraft ${registration} is not registered to ${input.companyId}`);
    }
    const policy: Insurance = { ...input, registration, id: `INS-${randomUUID()}`, createdAt: iso(ctx.clock()) };
    if (ctx.registry.policies(input.companyId).some((p) => p.insurer === input.insurer && p.policyNo === input.policyNo))
      throw new ApiError('CONFLICT', `policy ${input.policyNo} of ${input.insurer} is already registered`);
    ctx.db.transaction(() => {
      ctx.registry.insertInsurance(policy);
      audit(ctx, actor, 'insurance', policy.id, 'register', policy);
    })();
    return policy;
  });
}

/** One kind of a company's records (or everyone's, for the admin and operators), for those who may read them. */
export function companyRecords<K extends 'aircraft' | 'pilots' | 'insurance'>(ctx: ServiceContext, actor: Principal, companyId: string | undefined, kind: K) {
  const scope = registryScope(actor, companyId);
  const read = { aircraft: () => ctx.registry.fleet(scope), pilots: () => ctx.registry.pilots(scope), insurance: () => ctx.registry.policies(scope) };
  return read[kind]() as ReturnType<(typeof read)[K]>;
}
