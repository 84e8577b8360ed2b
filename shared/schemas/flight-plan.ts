import { Type, type Static } from '@sinclair/typebox';
import { MAX_ROUTE_DURATION_H, MIN_CRUISE_SPEED_MPS, MISSIONS } from '../domain/categories.js';
import { LngLatSchema } from './geometry.js';
import { Volume4DSchema } from './volume.js';
import { CategorySchema } from './zone.js';

export const RouteSchema = Type.Object(
  {
    waypoints: Type.Array(LngLatSchema, { minItems: 2, maxItems: 200 }),
    corridorHalfWidthM: Type.Number({ exclusiveMinimum: 0, maximum: 5000 }),
    cruiseSpeedMps: Type.Number({ minimum: MIN_CRUISE_SPEED_MPS, maximum: 150, description: `m/s; the route's length at this speed lasts at most ${MAX_ROUTE_DURATION_H} h` }),
    altitudeLowerM: Type.Number({ minimum: 0, maximum: 10000 }),
    altitudeUpperM: Type.Number({ minimum: 0, maximum: 10000 }),
    departAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type Route = Static<typeof RouteSchema>;

export const MissionSchema = Type.Union(MISSIONS.map((m) => Type.Literal(m)));

export const FlightPlanInputSchema = Type.Object(
  {
    aircraft: Type.Object(
      {
        registration: Type.String({ minLength: 1, maxLength: 40 }),
        category: CategorySchema,
      },
      { additionalProperties: false },
    ),
    mission: MissionSchema,
    priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    volumes: Type.Optional(Type.Array(Volume4DSchema, { minItems: 1, maxItems: 50 })),
    route: Type.Optional(RouteSchema),
    departure: Type.Optional(Type.String({ maxLength: 80 })),
    arrival: Type.Optional(Type.String({ maxLength: 80 })),
    remarks: Type.Optional(Type.String({ maxLength: 2000 })),
    /** emergency missions: latest time a decision is useful. */
    deadline: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
export type FlightPlanInput = Static<typeof FlightPlanInputSchema>;

export const PLAN_STATES = ['pending', 'approved', 'rejected', 'active', 'completed', 'cancelled', 'revoked'] as const;
export type PlanState = (typeof PLAN_STATES)[number];

export const PlanEventSchema = Type.Object({
  at: Type.String(),
  kind: Type.String({ description: 'submitted, approved, rejected, preempted, revoked, re-checked, ...' }),
  by: Type.String(),
  reason: Type.Optional(Type.String()),
});
