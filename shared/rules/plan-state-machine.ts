/**
 * The one state machine of a flight plan. Every change of state goes through `nextState`;
 * anything else is an invalid transition (answered 409 with the current state).
 */
import type { PlanState } from '../schemas/flight-plan.js';

export type PlanAction = 'approve' | 'reject' | 'activate' | 'complete' | 'cancel' | 'revoke' | 'suspend';

const TRANSITIONS: Record<PlanAction, Partial<Record<PlanState, PlanState>>> = {
  approve: { pending: 'approved' },
  reject: { pending: 'rejected' },
  activate: { approved: 'active' },
  complete: { active: 'completed' },
  // a flight in the air is not cancelled: it ends when it lands (its airspace stays its own until then)
  cancel: { pending: 'cancelled', approved: 'cancelled' },
  /** a restriction or a higher-priority plan takes the airspace away */
  revoke: { pending: 'revoked', approved: 'revoked', active: 'revoked' },
  /** a restriction that needs approval sends an approved plan back to the operator */
  suspend: { approved: 'pending', pending: 'pending' },
};

export const TERMINAL_STATES: readonly PlanState[] = ['rejected', 'completed', 'cancelled', 'revoked'];
/** States whose volumes are booked in the airspace. */
export const BOOKED_STATES: readonly PlanState[] = ['approved', 'active'];

export function nextState(current: PlanState, action: PlanAction): PlanState | null {
  return TRANSITIONS[action][current] ?? null;
}

export function allowedActions(current: PlanState): PlanAction[] {
  return (Object.keys(TRANSITIONS) as PlanAction[]).filter((a) => TRANSITIONS[a][current] !== undefined);
}
