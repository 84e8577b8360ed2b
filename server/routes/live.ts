/** Telemetry from real aircraft and alerts. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorSchema } from '../../shared/schemas/api.js';
import { AlertListSchema, StoredAlertSchema, TelemetryAcceptedSchema } from '../../shared/schemas/responses.js';
import type { LiveTraffic } from '../live/live-traffic.js';
import { acknowledgeAlert, listAlerts, reportPositions } from '../services/alert-service.js';
import type { ServiceContext } from '../services/context.js';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

const PositionSchema = Type.Object(
  {
    planId: Type.String({ maxLength: 80 }),
    trackId: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    altitudeM: Type.Number({ minimum: -500, maximum: 10000 }),
    t: Type.String({ format: 'date-time' }),
    speedMps: Type.Optional(Type.Number({ minimum: 0, maximum: 200 })),
    headingDeg: Type.Optional(Type.Number({ minimum: 0, maximum: 360 })),
  },
  { additionalProperties: false },
);

export const liveRoutes =
  (ctx: ServiceContext, live: LiveTraffic): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.post(
      '/telemetry',
      {
        config: { permission: 'telemetry.report' },
        bodyLimit: 512 * 1024,
        schema: {
          tags: ['live'],
          summary: 'Positions of real aircraft for plans you own; they go through the same pipeline as simulated ones',
          body: Type.Object({ positions: Type.Array(PositionSchema, { minItems: 1, maxItems: 1000 }) }, { additionalProperties: false }),
          response: { 202: TelemetryAcceptedSchema, ...errors },
        },
      },
      async (req, reply) => reply.status(202).send({ accepted: reportPositions(ctx, live, req.principal, req.body.positions) }),
    );

    app.get(
      '/alerts',
      {
        config: { permission: 'alert.read' },
        schema: {
          tags: ['live'],
          summary: 'Alerts you may see (operators: their station; A station: all)',
          querystring: Type.Object(
            {
              open: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
              kind: Type.Optional(Type.String({ maxLength: 40 })),
              stationId: Type.Optional(Type.String({ maxLength: 80 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: AlertListSchema, ...errors },
        },
      },
      async (req) => ({ alerts: listAlerts(ctx, live, req.principal, { stationId: req.query.stationId, open: req.query.open === 'true', kind: req.query.kind }) }),
    );

    app.post(
      '/alerts/:id/ack',
      {
        config: { permission: 'alert.ack' },
        schema: {
          tags: ['live'],
          summary: 'Acknowledge an alert (operators of its station or of the A station)',
          params: Type.Object({ id: Type.String({ maxLength: 80 }) }),
          response: { 200: StoredAlertSchema, ...errors },
        },
      },
      async (req) => acknowledgeAlert(ctx, live, req.principal, req.params.id),
    );
  };
