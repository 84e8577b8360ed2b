import { Type, type Static } from '@sinclair/typebox';
import { AltitudeReferenceSchema, OutlineSchema } from './geometry.js';

/** A 4D volume: footprint × altitude band × time window, all bounds inclusive. */
export const Volume4DSchema = Type.Object(
  {
    outline: OutlineSchema,
    altitudeLowerM: Type.Number({ minimum: 0, maximum: 10000 }),
    altitudeUpperM: Type.Number({ minimum: 0, maximum: 10000 }),
    altitudeReference: Type.Optional(AltitudeReferenceSchema),
    timeStart: Type.String({ format: 'date-time' }),
    timeEnd: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type Volume4D = Static<typeof Volume4DSchema>;
