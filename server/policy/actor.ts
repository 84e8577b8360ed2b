/**
 * Who acts: a principal (a person or client holding a token) or a system actor (the conformance
 * monitor, the simulation's operator desk). System actors have duties, not roles: they never
 * borrow an admin's rights.
 */
export const ROLES = ['admin', 'operator', 'pilot', 'planner', 'viewer', 'company-admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  kind?: 'principal';
  id: string;
  role: Role;
  name: string;
  /** pilots: their company (the contract's `operatorId`) */
  operatorId?: string;
  /** company admins: their company */
  companyId?: string;
  /** operators: their station */
  stationId?: string;
  /** when the token stops working (ISO); absent = no expiry */
  expiresAt?: string;
}

export type SystemDuty =
  /** the conformance monitor: marks plans airborne (activate) and landed (complete) */
  | 'monitor'
  /** the simulation's operator desk: decides pending plans as the A station would */
  | 'operator-desk';

export interface SystemActor {
  kind: 'system';
  id: string;
  name: string;
  duty: SystemDuty;
}

export type Actor = Principal | SystemActor;

export const isSystem = (a: Actor): a is SystemActor => a.kind === 'system';

/** The company a principal acts for: a pilot's operator company, a company admin's company. */
export const companyOf = (a: Actor): string | undefined => (isSystem(a) ? undefined : a.role === 'company-admin' ? a.companyId : a.role === 'pilot' ? a.operatorId : undefined);

export const systemActor = (duty: SystemDuty, name: string): SystemActor => ({ kind: 'system', id: `system:${duty}`, name, duty });
