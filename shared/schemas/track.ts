import { Type, type Static } from '@sinclair/typebox';

export const TrackSchema = Type.Object({
  id: Type.String(),
  planId: Type.Optional(Type.String()),
  lng: Type.Number(),
  lat: Type.Number(),
  altitudeM: Type.Number(),
  speedMps: Type.Number(),
  headingDeg: Type.Number(),
  source: Type.Array(Type.String(), { description: "'network' and/or ids of the X stations that observed it" }),
  t: Type.String({ format: 'date-time' }),
});
export type Track = Static<typeof TrackSchema>;

export const ALERT_KINDS = ['off-plan-lateral', 'off-plan-vertical', 'off-plan-time', 'zone-incursion', 'loss-of-separation', 'unidentified-aircraft', 'lost-link', 'yield'] as const;

export const AlertSchema = Type.Object({
  id: Type.String(),
  kind: Type.Union(ALERT_KINDS.map((k) => Type.Literal(k))),
  severity: Type.Union([Type.Literal('info'), Type.Literal('warning'), Type.Literal('critical')]),
  trackId: Type.Optional(Type.String()),
  planId: Type.Optional(Type.String()),
  stationId: Type.String(),
  lng: Type.Number(),
  lat: Type.Number(),
  altitudeM: Type.Number(),
  message: Type.String(),
  raisedAt: Type.String({ format: 'date-time' }),
  acknowledgedAt: Type.Optional(Type.String({ format: 'date-time' })),
  acknowledgedBy: Type.Optional(Type.String()),
});
export type Alert = Static<typeof AlertSchema>;
