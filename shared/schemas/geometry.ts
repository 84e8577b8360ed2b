import { Type, type Static } from '@sinclair/typebox';

export const LngLatSchema = Type.Tuple([Type.Number({ minimum: -180, maximum: 180 }), Type.Number({ minimum: -90, maximum: 90 })], { description: '[lng, lat] in WGS84 degrees' });

export const PolygonSchema = Type.Object(
  {
    type: Type.Literal('Polygon'),
    coordinates: Type.Array(Type.Array(LngLatSchema, { minItems: 4, maxItems: 1000 }), { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);

export const CircleSchema = Type.Object(
  {
    type: Type.Literal('Circle'),
    center: LngLatSchema,
    radiusM: Type.Number({ exclusiveMinimum: 0, maximum: 100000 }),
  },
  { additionalProperties: false },
);

export const OutlineSchema = Type.Union([PolygonSchema, CircleSchema], { description: 'Polygon or Circle footprint' });
export type OutlineInput = Static<typeof OutlineSchema>;

export const AltitudeReferenceSchema = Type.Union([Type.Literal('AGL'), Type.Literal('AMSL'), Type.Literal('W84')], {
  description: 'AGL: true height above ground (真高); AMSL: above mean sea level; W84: above the WGS84 ellipsoid',
});
