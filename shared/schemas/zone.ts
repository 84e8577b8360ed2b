import { Type, type Static } from '@sinclair/typebox';
import { CATEGORIES } from '../domain/categories.js';
import { AltitudeReferenceSchema, OutlineSchema } from './geometry.js';

export const ZONE_KINDS = ['prohibited', 'restricted', 'controlled', 'suitable', 'temporary', 'corridor'] as const;
export type ZoneKind = (typeof ZONE_KINDS)[number];

export const CategorySchema = Type.Union(CATEGORIES.map((c) => Type.Literal(c)));

const WeeklyPeriodSchema = Type.Object(
  {
    days: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7, description: 'ISO weekday, 1 = Monday' }),
    startTime: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }),
    endTime: Type.String({ pattern: '^(([01]\\d|2[0-3]):[0-5]\\d|24:00)$' }),
  },
  { additionalProperties: false },
);

export const ApplicabilitySchema = Type.Union([
  Type.Object({ kind: Type.Literal('permanent') }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('window'), start: Type.String({ format: 'date-time' }), end: Type.String({ format: 'date-time' }) }, { additionalProperties: false }),
  Type.Object(
    {
      kind: Type.Literal('weekly'),
      periods: Type.Array(WeeklyPeriodSchema, { minItems: 1, maxItems: 28 }),
      utcOffsetMin: Type.Optional(Type.Integer({ minimum: -720, maximum: 840, description: 'local time offset; default +480 (Asia/Shanghai)' })),
      validFrom: Type.Optional(Type.String({ format: 'date-time' })),
      validTo: Type.Optional(Type.String({ format: 'date-time' })),
    },
    { additionalProperties: false },
  ),
]);
export type Applicability = Static<typeof ApplicabilitySchema>;

export const ZoneSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 80 }),
  name: Type.String({ maxLength: 200 }),
  kind: Type.Union(ZONE_KINDS.map((k) => Type.Literal(k))),
  outline: OutlineSchema,
  altitudeLowerM: Type.Number({ minimum: 0 }),
  altitudeUpperM: Type.Number({ minimum: 0 }),
  altitudeReference: Type.Optional(AltitudeReferenceSchema),
  applicability: ApplicabilitySchema,
  /** prohibited/temporary: categories exempted; restricted/suitable/corridor: categories allowed. */
  allowedCategories: Type.Optional(Type.Array(CategorySchema)),
  /** temporary restrictions: 'prohibited' rejects and revokes; 'approval' needs an operator. */
  restriction: Type.Optional(Type.Union([Type.Literal('prohibited'), Type.Literal('approval')])),
  /** special airspace that routes plans to the A station. */
  special: Type.Optional(Type.Union([Type.Literal('airport'), Type.Literal('military'), Type.Literal('event'), Type.Literal('other')])),
  /** corridors: the landing points (ids) at its two ends; flights from the first to the second fly the lower lane. */
  corridorEnds: Type.Optional(Type.Tuple([Type.String(), Type.String()])),
  reason: Type.String({ maxLength: 500 }),
  source: Type.String({ maxLength: 500 }),
  /** temporary restrictions: the station that published it (it, or the A station, may withdraw it) */
  stationId: Type.Optional(Type.String({ maxLength: 40 })),
});
export type Zone = Static<typeof ZoneSchema>;
