/**
 * Who files a plan, decided before the airspace: authority over priority (a request is capped by
 * the company's credentials; an emergency from a company without the `emergency` credential waits
 * for the A station and preempts nothing until approved), the real-name registry (enforced, or
 * reported as information) and — when it is wired — credit. The result joins evaluatePlan.
 */
import { DEFAULT_PRIORITY, isEmergency } from '../../shared/domain/categories.js';
import { checkRegistry, DEFAULT_REGISTRY_RULES, type FilingRequest, type RegistryView } from '../../shared/rules/registry-check.js';
import type { CandidatePlan } from '../../shared/rules/airspace-state.js';
import type { Decision, Reason } from '../../shared/schemas/decision.js';
import type { FlightPlanInput } from '../../shared/schemas/flight-plan.js';
import type { FlightPlan } from '../../shared/schemas/flight-plan-record.js';
import { companyOf, type Principal } from '../policy/actor.js';
import type { ServiceContext } from './context.js';

/** Without the `emergency` credential a company's plans ask for at most this priority. */
export const PRIORITY_CAP = 60;

/** The filing pilot and its company; no company means the plan is filed by a station. */
export interface Filer {
  pilotId: string;
  companyId: string | undefined;
}
export const filerOf = (p: Principal): Filer => ({ pilotId: p.id, companyId: companyOf(p) });
/** Who filed a stored plan. */
export const filerOfPlan = (p: FlightPlan): Filer => ({ pilotId: p.submittedBy, companyId: p.operatorId });

export interface WhoFiles {
  /** the effective priority */
  priority: number;
  reasons: Reason[];
  toA?: string;
  /**
   * Whether an approval may revoke other companies' plans at once: only a verified emergency
   * service's emergency, or an operator's approval. Otherwise such a plan waits for an operator.
   */
  mayPreemptOthers: boolean;
}

const views = new WeakMap<ServiceContext, RegistryView>();
function registryView(ctx: ServiceContext): RegistryView {
  let view = views.get(ctx);
  if (!view) {
    view = {
      company: (id) => ctx.registry.company(id),
      aircraft: (r) => ctx.registry.aircraft(r.toUpperCase()),
      licence: (id) => ctx.registry.licence(id),
      insured: (c, r, from, to) => ctx.registry.insured(c, r.toUpperCase(), from, to),
    };
    views.set(ctx, view);
  }
  return view;
}

/** Where the aircraft takes off, where it may go (its volumes' footprints) and when. */
function reachOf(input: FlightPlanInput, c: CandidatePlan): Pick<FilingRequest, 'takeoff' | 'reach' | 'startMs' | 'endMs'> {
  const first = c.prepared[0]?.bbox ?? [0, 0, 0, 0];
  const w = input.route?.waypoints[0];
  const takeoff: [number, number] = w ? [w[0], w[1]] : [(first[0] + first[2]) / 2, (first[1] + first[3]) / 2];
  let startMs = Number.POSITIVE_INFINITY;
  let endMs = Number.NEGATIVE_INFINITY;
  for (const v of c.prepared) {
    if (v.startMs < startMs) startMs = v.startMs;
    if (v.endMs > endMs) endMs = v.endMs;
  }
  return { takeoff, reach: c.prepared, startMs, endMs };
}

/**
 * @param approving an operator is approving: an emergency is verified by that act, and the plan may displace others
 */
export function whoFiles(ctx: ServiceContext, filer: Filer, input: FlightPlanInput, c: CandidatePlan, approving = false): WhoFiles {
  const requested = input.priority ?? DEFAULT_PRIORITY[input.mission];
  if (filer.companyId === undefined) {
    return { priority: requested, mayPreemptOthers: true, reasons: [{ code: 'FILED_BY_STATION', effect: 'info', message: 'filed by a flight-service station: the registry applies to companies' }] };
  }
  const reasons: Reason[] = [];
  const company = ctx.registry.company(filer.companyId);
  const verified = company?.credentials.includes('emergency') ?? false;
  const emergency = isEmergency(input.mission);
  // an emergency is judged at its mission's priority (never above it, whatever is written): a verified
  // emergency service at once; an unverified one waits for the A station, displacing nobody until approved.
  // Every other mission, of any company, is capped.
  const cap = emergency ? DEFAULT_PRIORITY[input.mission] : PRIORITY_CAP;
  const priority = Math.min(requested, cap);
  let toA: string | undefined;
  if (priority < requested) {
    reasons.push({
      code: 'PRIORITY_CAPPED',
      effect: 'info',
      ref: filer.companyId,
      message: `priority ${requested} asked, ${priority} given: ${emergency ? `a ${input.mission} mission ranks at most ${cap}` : `above ${PRIORITY_CAP} is for emergency missions`}`,
      params: { requested, given: priority, cap, ...(emergency ? { mission: input.mission } : {}) },
    });
  }
  if (emergency && !verified && !approving) {
    toA = 'emergency mission from a company without the emergency credential: the A station verifies it';
    reasons.push({
      code: 'EMERGENCY_UNVERIFIED',
      effect: 'approval',
      ref: filer.companyId,
      message: `${company?.name ?? filer.companyId} is not a verified emergency service: the A station confirms the emergency before the plan may displace anyone`,
      params: { company: company?.name ?? filer.companyId },
    });
  }
  const findings = checkRegistry(
    registryView(ctx),
    { pilotId: filer.pilotId, companyId: filer.companyId, registration: input.aircraft.registration, category: input.aircraft.category, mission: input.mission, ...reachOf(input, c) },
    DEFAULT_REGISTRY_RULES,
  );
  for (const f of findings) reasons.push(ctx.registryMode === 'enforce' ? f : { ...f, effect: 'info', message: `(registry not enforced) ${f.message}` });
  // credit (行业信用体系): tier C → CREDIT_REVIEW (an operator decides); D → COMPANY_SUSPENDED (an emergency is reviewed instead)
  const credit = ctx.credit?.effectFor(filer.companyId, { emergency });
  if (credit) reasons.push(credit);
  return { priority, reasons, ...(toA ? { toA } : {}), mayPreemptOthers: (emergency && verified) || approving };
}

/**
 * A plan that would revoke another company's plans is approved at once only with the authority to
 * do so (a verified emergency service's emergency, or an operator's approval); otherwise it waits
 * for an operator of its station. No pilot displaces another company by what it writes.
 */
export function reviewPreemption(ctx: ServiceContext, filer: Filer, who: WhoFiles, decision: Decision): Decision {
  if (decision.outcome !== 'approved' || who.mayPreemptOthers || !decision.preempted.length) return decision;
  const others = decision.preempted.filter((id) => ctx.plans.get(id)?.operatorId !== filer.companyId);
  if (!others.length) return decision;
  return {
    ...decision,
    outcome: 'pending',
    reasons: [
      ...decision.reasons.filter((r) => r.code !== 'SUITABLE_AIRSPACE'),
      { code: 'PREEMPTION_REVIEW', effect: 'approval', message: `would displace other companies' plans (${others.join(', ')}): an operator decides`, params: { plans: others.join(', ') } },
    ],
  };
}
