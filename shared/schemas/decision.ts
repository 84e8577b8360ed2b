import { Type, type Static } from '@sinclair/typebox';
import { REASON_CODES } from '../rules/reason-codes.js';
import { QuoteSchema } from './quote.js';

export const ReasonSchema = Type.Object({
  code: Type.Union(REASON_CODES.map((c) => Type.Literal(c))),
  effect: Type.Union([Type.Literal('reject'), Type.Literal('approval'), Type.Literal('info')]),
  message: Type.String(),
  ref: Type.Optional(Type.String({ description: 'id of the zone, plan, landing point or station concerned' })),
  volumeIndex: Type.Optional(Type.Integer()),
  params: Type.Optional(
    Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]), {
      description: "the values the message is made of (zone, category, licence, expiry date, priority cap…), so that a client words the reason in its user's language",
    }),
  ),
});
export type Reason = Static<typeof ReasonSchema>;
export type ReasonParams = NonNullable<Reason['params']>;

export const ConflictSchema = Type.Object({
  kind: Type.Union([Type.Literal('plan'), Type.Literal('zone')]),
  id: Type.String(),
  volumeIndex: Type.Integer({ description: 'index of the volume of the plan being decided' }),
  otherVolumeIndex: Type.Optional(Type.Integer()),
  priority: Type.Optional(Type.Integer()),
  blocking: Type.Boolean({ description: 'false when the other plan has lower priority and is preempted' }),
  zoneKind: Type.Optional(Type.String()),
  altitudeLowerM: Type.Number({ description: 'overlapping altitude band' }),
  altitudeUpperM: Type.Number(),
  timeStart: Type.String({ description: 'overlapping time window' }),
  timeEnd: Type.String(),
});
export type Conflict = Static<typeof ConflictSchema>;

export const SuggestionSchema = Type.Object({
  kind: Type.Union([Type.Literal('time-shift'), Type.Literal('altitude-shift')]),
  shiftS: Type.Optional(Type.Number()),
  shiftM: Type.Optional(Type.Number()),
  description: Type.String(),
  outcome: Type.Union([Type.Literal('approved'), Type.Literal('pending')]),
  timeStart: Type.String(),
  timeEnd: Type.String(),
  altitudeLowerM: Type.Number(),
  altitudeUpperM: Type.Number(),
  /** its price under the tariff (fen), and the difference from the price of the plan as asked */
  quoteFen: Type.Optional(Type.Integer()),
  priceDeltaFen: Type.Optional(Type.Integer()),
});
export type Suggestion = Static<typeof SuggestionSchema>;

export const RoutingSchema = Type.Object({
  stationId: Type.String(),
  stationKind: Type.Union([Type.Literal('A'), Type.Literal('B')]),
  districts: Type.Array(Type.Object({ adcode: Type.String(), name: Type.String() })),
  why: Type.String(),
});
export type Routing = Static<typeof RoutingSchema>;

export const DecisionSchema = Type.Object({
  outcome: Type.Union([Type.Literal('approved'), Type.Literal('pending'), Type.Literal('rejected')]),
  reasons: Type.Array(ReasonSchema),
  conflicts: Type.Array(ConflictSchema),
  preempted: Type.Array(Type.String(), { description: 'lower-priority plans this one overrides' }),
  suggestions: Type.Array(SuggestionSchema),
  routing: RoutingSchema,
  decidedAt: Type.String(),
  /** the price under the tariff in force at the plan's start (decisions that are not rejected) */
  quote: Type.Optional(QuoteSchema),
});
export type Decision = Static<typeof DecisionSchema>;
