import { Type, type Static } from '@sinclair/typebox';
import { DecisionSchema } from './decision.js';
import { FlightPlanInputSchema, PLAN_STATES } from './flight-plan.js';
import { Volume4DSchema } from './volume.js';

/**
 * Why a plan's state changed: the system's reason as a code and its parameters, which the client
 * words; `stated`: a person's own words, in `stateReason` (shown as written).
 */
export const STATE_CAUSE_CODES = [
  'stated',
  'preempted',
  'restriction',
  'airspace-edition',
  'recheck-approval',
  'landing-point-changed',
  'landing-point-retired',
  'airborne',
  'landed',
  'approved',
  'cancelled',
  'simulated-operator',
] as const;
export const StateCauseSchema = Type.Object(
  {
    code: Type.Union(STATE_CAUSE_CODES.map((c) => Type.Literal(c))),
    params: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))),
  },
  { additionalProperties: false },
);
export type StateCause = Static<typeof StateCauseSchema>;

/** A recorded flight plan as the API answers it. */
export const FlightPlanSchema = Type.Object({
  id: Type.String(),
  state: Type.Union(PLAN_STATES.map((s) => Type.Literal(s))),
  priority: Type.Integer(),
  emergency: Type.Boolean(),
  deadline: Type.Optional(Type.String()),
  station: Type.Object({ id: Type.String(), kind: Type.Union([Type.Literal('A'), Type.Literal('B')]) }),
  districts: Type.Array(Type.Object({ adcode: Type.String(), name: Type.String() })),
  operatorId: Type.Optional(Type.String()),
  submittedBy: Type.String(),
  aircraft: Type.Object({ registration: Type.String(), category: Type.String() }),
  mission: Type.String(),
  volumes: Type.Array(Volume4DSchema),
  decision: DecisionSchema,
  /** pending plans that would conflict with this one (shown to operators as competing) */
  competing: Type.Array(Type.String()),
  conformance: Type.Optional(Type.Union([Type.Literal('conforming'), Type.Literal('nonconforming')])),
  /** the words given with the last state change (a person's; the system's in English, with `stateCause`) */
  stateReason: Type.Optional(Type.String()),
  /** the last state change was the system's (or a person's without words): why, as a code */
  stateCause: Type.Optional(StateCauseSchema),
  input: FlightPlanInputSchema,
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer(),
});
export type FlightPlan = Static<typeof FlightPlanSchema>;
