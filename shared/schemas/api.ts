/** Request and response schemas of the HTTP API (they feed validation and the OpenAPI document). */
import { Type, type Static } from '@sinclair/typebox';
import { FlightPlanInputSchema } from './flight-plan.js';
import { ApplicabilitySchema, CategorySchema } from './zone.js';
import { AltitudeReferenceSchema, OutlineSchema } from './geometry.js';

export const ErrorSchema = Type.Object(
  {
    error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) }),
  },
  { $id: 'Error' },
);

export const PrincipalInputSchema = Type.Object(
  {
    role: Type.Union([Type.Literal('operator'), Type.Literal('pilot'), Type.Literal('planner'), Type.Literal('viewer'), Type.Literal('admin'), Type.Literal('company-admin')]),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    operatorId: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
    stationId: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
    /** company admins: their company (registered first) */
    companyId: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
    /** when the token stops working; absent = never */
    expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
export type PrincipalInput = Static<typeof PrincipalInputSchema>;

export const BatchInputSchema = Type.Object(
  {
    plans: Type.Array(FlightPlanInputSchema, { minItems: 1, maxItems: 100 }),
  },
  { additionalProperties: false },
);

export const ActionInputSchema = Type.Object(
  {
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const RestrictionInputSchema = Type.Object(
  {
    id: Type.Optional(Type.String({ minLength: 1, maxLength: 80, pattern: '^[A-Za-z0-9_.-]+$' })),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    outline: OutlineSchema,
    altitudeLowerM: Type.Number({ minimum: 0, maximum: 10000 }),
    altitudeUpperM: Type.Number({ minimum: 0, maximum: 10000 }),
    altitudeReference: Type.Optional(AltitudeReferenceSchema),
    applicability: ApplicabilitySchema,
    restriction: Type.Optional(Type.Union([Type.Literal('prohibited'), Type.Literal('approval')])),
    allowedCategories: Type.Optional(Type.Array(CategorySchema)),
    special: Type.Optional(Type.Union([Type.Literal('airport'), Type.Literal('military'), Type.Literal('event'), Type.Literal('other')])),
    reason: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);

export const BBoxQuery = Type.String({ pattern: '^-?\\d+(\\.\\d+)?(,-?\\d+(\\.\\d+)?){3}$', description: 'west,south,east,north' });
