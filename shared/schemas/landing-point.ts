import { Type, type Static } from '@sinclair/typebox';
import { LngLatSchema } from './geometry.js';

/** A take-off/landing point (起降点). */
export const LandingPointSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 80 }),
  name: Type.String({ maxLength: 200 }),
  location: LngLatSchema,
  districtAdcode: Type.String(),
  townshipCode: Type.Optional(Type.String()),
  kind: Type.Union([Type.Literal('hub'), Type.Literal('township'), Type.Literal('site')]),
  /** movements (take-offs + landings) per clock hour. */
  capacityPerHour: Type.Integer({ minimum: 1, maximum: 10000 }),
  phase: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type LandingPoint = Static<typeof LandingPointSchema>;
