/**
 * Response bodies of the HTTP API. Each route declares its answers with these; the serializer
 * checks every answer against them (server/http/response-serializer.ts) and the OpenAPI document
 * publishes them, so documentation, validation and the client's types are one thing.
 */
import { Type, type Static } from '@sinclair/typebox';
import { DecisionSchema } from './decision.js';
import { FlightPlanSchema } from './flight-plan-record.js';
import { LandingPointSchema } from './landing-point.js';
import { StationSchema } from './station.js';
import { AlertSchema } from './track.js';
import { Volume4DSchema } from './volume.js';
import { ZoneSchema } from './zone.js';

const Role = Type.Union([Type.Literal('admin'), Type.Literal('operator'), Type.Literal('pilot'), Type.Literal('planner'), Type.Literal('viewer'), Type.Literal('company-admin')]);

/** A principal as created; the token is shown this once. */
export const PrincipalCreatedSchema = Type.Object(
  {
    id: Type.String(),
    role: Role,
    name: Type.String(),
    operatorId: Type.Optional(Type.String()),
    stationId: Type.Optional(Type.String()),
    companyId: Type.Optional(Type.String()),
    expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
    token: Type.String(),
  },
  { additionalProperties: false },
);

export const MeSchema = Type.Object(
  {
    id: Type.String(),
    role: Role,
    name: Type.String(),
    operatorId: Type.Optional(Type.String()),
    companyId: Type.Optional(Type.String()),
    expiresAt: Type.Optional(Type.String()),
    station: Type.Optional(
      Type.Object({
        id: Type.String(),
        kind: Type.Union([Type.Literal('A'), Type.Literal('B'), Type.Literal('X')]),
        name: Type.String(),
        districts: Type.Union([Type.Literal('all'), Type.Array(Type.String())]),
      }),
    ),
  },
  { additionalProperties: false },
);

export const NoContentSchema = Type.Null({ description: 'no content' });

export const StationListSchema = Type.Object({ stations: Type.Array(StationSchema) });
export const LandingPointListSchema = Type.Object({ landingPoints: Type.Array(LandingPointSchema) });
/** A zone as listed: with whether the caller may draft a change of it (withdraw or replace it) in an airspace edition. */
export const ZoneListItemSchema = Type.Composite([ZoneSchema, Type.Object({ mayDraft: Type.Boolean() })]);
export type ZoneListItem = Static<typeof ZoneListItemSchema>;
export const ZoneListSchema = Type.Object({ zones: Type.Array(ZoneListItemSchema) });

/** A plan a zone would change (preview), or changed (publish, import). */
export const AffectedPlanSchema = Type.Object({ planId: Type.String(), state: Type.String(), becomes: Type.String() });
export const ZonePublishedSchema = Type.Object({ zone: ZoneSchema, affected: Type.Array(AffectedPlanSchema) });
export const ZonesImportedSchema = Type.Object({
  imported: Type.Array(Type.String()),
  affected: Type.Array(AffectedPlanSchema),
  /** what was normalised on the way in (nulls, numbers written as strings, …), per zone */
  notes: Type.Array(Type.Object({ zone: Type.String(), path: Type.String(), note: Type.String() })),
});

export const PlanListSchema = Type.Object({ plans: Type.Array(FlightPlanSchema) });
export const PlanCheckSchema = Type.Object({
  decision: DecisionSchema,
  volumes: Type.Array(Volume4DSchema),
  priority: Type.Integer(),
  station: Type.Object({ id: Type.String(), kind: Type.Union([Type.Literal('A'), Type.Literal('B')]) }),
  competing: Type.Array(Type.String()),
});
const ErrorFields = Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) });
export const BatchResultSchema = Type.Object({
  results: Type.Array(
    Type.Union([Type.Object({ index: Type.Integer(), status: Type.Integer(), plan: FlightPlanSchema }), Type.Object({ index: Type.Integer(), status: Type.Integer(), error: ErrorFields })]),
  ),
});
export const AuditEntrySchema = Type.Object({
  seq: Type.Optional(Type.Integer()),
  at: Type.String(),
  actor: Type.String(),
  subjectKind: Type.String(),
  subjectId: Type.String(),
  action: Type.String(),
  fromState: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  toState: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  reason: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  details: Type.Optional(Type.Unknown()),
});
export const PlanHistorySchema = Type.Object({ history: Type.Array(AuditEntrySchema) });

export const TelemetryAcceptedSchema = Type.Object({ accepted: Type.Integer() });
export const StoredAlertSchema = Type.Composite([
  AlertSchema,
  Type.Object({
    otherTrackId: Type.Optional(Type.String()),
    zoneId: Type.Optional(Type.String()),
    clearedAt: Type.Optional(Type.String()),
  }),
]);
export const AlertListSchema = Type.Object({ alerts: Type.Array(StoredAlertSchema) });

export const SimStateSchema = Type.Object({
  running: Type.Boolean(),
  speed: Type.Number(),
  flightsPerHour: Type.Number(),
  simTime: Type.String({ format: 'date-time' }),
  aircraft: Type.Integer(),
  seed: Type.Number(),
  stats: Type.Record(Type.String(), Type.Unknown()),
});

const GridCellSchema = Type.Object({ west: Type.Number(), south: Type.Number(), east: Type.Number(), north: Type.Number() });
export const GridCodeSchema = Type.Object({ code: Type.String(), level: Type.Integer(), cell: GridCellSchema, code3d: Type.Optional(Type.String()) });
export const GridDecodedSchema = Type.Object({
  code: Type.String(),
  dimensions: Type.Union([Type.Literal(2), Type.Literal(3)]),
  level: Type.Integer(),
  cell: GridCellSchema,
  code2d: Type.Optional(Type.String()),
  heightLowerM: Type.Optional(Type.Number()),
  heightUpperM: Type.Optional(Type.Number()),
});
export const GridCoverSchema = Type.Object({ level: Type.Integer(), count: Type.Integer(), codes: Type.Array(Type.String()) });
export const AstmPlanSchema = Type.Object({ id: Type.String(), state: Type.String(), priority: Type.Integer(), volumes: Type.Array(Type.Unknown()) });

/** Documents whose shape is an exchange format of its own (ED-269, GeoJSON, CSV, HTML). */
export const ExchangeDocumentSchema = Type.Unknown({ description: 'a document in the exchange format named by the route' });

export type PrincipalCreated = Static<typeof PrincipalCreatedSchema>;
export type Me = Static<typeof MeSchema>;
