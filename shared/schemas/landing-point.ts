import { Type, type Static } from '@sinclair/typebox';
import { LngLatSchema } from './geometry.js';

/**
 * Categories of take-off/landing points in the action plan: hubs, township points, scenic spots,
 * rooftops, water, grass, temporary points and airports (干支通); `site` is a planner's site not yet
 * categorised.
 */
export const LANDING_POINT_KINDS = ['hub', 'township', 'scenic', 'rooftop', 'water', 'grass', 'temporary', 'airport', 'site'] as const;
export type LandingPointKind = (typeof LANDING_POINT_KINDS)[number];
const KindSchema = Type.Union(LANDING_POINT_KINDS.map((k) => Type.Literal(k)));

const HHMM = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM, Beijing time (UTC+8)' });
/** Daily opening hours in Beijing time; `to` before `from` spans midnight. Absent: always open. */
export const OpeningHoursSchema = Type.Object({ from: HHMM, to: HHMM }, { additionalProperties: false });

/** A take-off/landing point (起降点). */
export const LandingPointSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 80 }),
  name: Type.String({ maxLength: 200 }),
  location: LngLatSchema,
  districtAdcode: Type.String(),
  townshipCode: Type.Optional(Type.String()),
  kind: KindSchema,
  /** movements (take-offs + landings) per clock hour. */
  capacityPerHour: Type.Integer({ minimum: 1, maximum: 10000 }),
  phase: Type.Optional(Type.Integer({ minimum: 0 })),
  /** who runs it (a company id, a station, a district government), free text */
  ownerId: Type.Optional(Type.String({ maxLength: 120 })),
  openingHours: Type.Optional(OpeningHoursSchema),
  /** changes since it was created (1 for a new point) */
  version: Type.Optional(Type.Integer({ minimum: 1 })),
  /** in lists: take-offs and landings booked in the current clock hour (server time) */
  usedThisHour: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type LandingPoint = Static<typeof LandingPointSchema>;

/** POST /landing-points */
export const LandingPointInputSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    category: KindSchema,
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    lat: Type.Number({ minimum: -85, maximum: 85 }),
    capacityPerHour: Type.Integer({ minimum: 1, maximum: 10000 }),
    ownerId: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    openingHours: Type.Optional(OpeningHoursSchema),
  },
  { additionalProperties: false },
);
export type LandingPointInput = Static<typeof LandingPointInputSchema>;

/** PATCH /landing-points/:id: what may change (a point that moves is a new point). `openingHours: null` opens it all day. */
export const LandingPointPatchSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    category: Type.Optional(KindSchema),
    capacityPerHour: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
    ownerId: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    openingHours: Type.Optional(Type.Union([OpeningHoursSchema, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type LandingPointPatch = Static<typeof LandingPointPatchSchema>;
