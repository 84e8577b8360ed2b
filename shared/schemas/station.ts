import { Type, type Static } from '@sinclair/typebox';
import { LngLatSchema } from './geometry.js';

/** A: municipal station; B: district station; X: communication/surveillance base station. */
export const StationSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 80 }),
  kind: Type.Union([Type.Literal('A'), Type.Literal('B'), Type.Literal('X')]),
  name: Type.String({ maxLength: 200 }),
  location: LngLatSchema,
  /** B stations: the district adcodes of their jurisdiction. */
  districts: Type.Optional(Type.Array(Type.String())),
  /** the B station an X base station reports to. */
  parentId: Type.Optional(Type.String()),
  coverageRadiusM: Type.Number({ minimum: 0 }),
  altitudeLowerM: Type.Number({ minimum: 0 }),
  altitudeUpperM: Type.Number({ minimum: 0 }),
  sensors: Type.Optional(Type.Array(Type.String())),
});
export type Station = Static<typeof StationSchema>;
