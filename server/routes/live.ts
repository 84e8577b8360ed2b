/** Telemetry from real aircraft, alerts, and the simulation controls. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { TrackUpdate } from '../../shared/monitor/conformance-monitor.js';
import { ErrorSchema } from '../../shared/schemas/api.js';
import { AlertListSchema, StoredAlertSchema, TelemetryAcceptedSchema } from '../../shared/schemas/responses.js';
import { ApiError } from '../errors.js';
import type { LiveTraffic } from '../live/live-traffic.js';
import { assertCanAckAlert, assertCanReport, listingScope } from '../policy/access-policy.js';
import type { ServiceContext } from '../services/context.js';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

const PositionSchema = Type.Object({
  planId: Type.String({ maxLength: 80 }),
  trackId: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
  lng: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  altitudeM: Type.Number({ minimum: -500, maximum: 10000 }),
  t: Type.String({ format: 'date-time' }),
  speedMps: Type.Optional(Type.Number({ minimum: 0, maximum: 200 })),
  headingDeg: Type.Optional(Type.Number({ minimum: 0, maximum: 360 })),
}, { additionalProperties: false });

/** Reports older than this, or further in the future, are refused. */
const MAX_AGE_MS = 10 * 60_000;
const MAX_AHEAD_MS = 5_000;

export const liveRoutes = (ctx: ServiceContext, live: LiveTraffic): FastifyPluginAsync => async (root) => {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.post('/telemetry', {
    config: { permission: 'telemetry.report' }, bodyLimit: 512 * 1024,
    schema: { tags: ['live'], summary: 'Positions of real aircraft for plans you own; they go through the same pipeline as simulated ones',
      body: Type.Object({ positions: Type.Array(PositionSchema, { minItems: 1, maxItems: 1000 }) }, { additionalProperties: false }), response: { 202: TelemetryAcceptedSchema, ...errors } },
  }, async (req, reply) => {
    const now = ctx.clock();
    const updates: TrackUpdate[] = [];
    for (const [i, p] of req.body.positions.entries()) {
      const plan = ctx.plans.get(p.planId);
      if (!plan) throw new ApiError('NOT_FOUND', `positions[${i}]: no flight plan ${p.planId}`);
      assertCanReport(req.principal, plan, ctx.jurisdiction);
      if (plan.state !== 'approved' && plan.state !== 'active') throw new ApiError('PLAN_NOT_FLYABLE', `positions[${i}]: plan ${p.planId} is ${plan.state}`, { state: plan.state });
      const t = Date.parse(p.t);
      if (t < now - MAX_AGE_MS || t > now + MAX_AHEAD_MS) throw new ApiError('STALE_POSITION', `positions[${i}]: t must be within the last 10 minutes`, { t: p.t });
      const source = ['network', ...live.surveillance.observers(p.lng, p.lat, p.altitudeM)];
      updates.push({ id: p.trackId ?? p.planId, planId: p.planId, lng: p.lng, lat: p.lat, altitudeM: p.altitudeM, speedMps: p.speedMps ?? 0, headingDeg: p.headingDeg ?? 0, tMs: t, source });
    }
    updates.sort((a, b) => a.tMs - b.tMs);
    live.ingest(updates);
    return reply.status(202).send({ accepted: updates.length });
  });

  app.get('/alerts', {
    config: { permission: 'alert.read' },
    schema: { tags: ['live'], summary: 'Alerts you may see (operators: their station; A station: all)',
      querystring: Type.Object({ open: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])), kind: Type.Optional(Type.String({ maxLength: 40 })), stationId: Type.Optional(Type.String({ maxLength: 80 })) }, { additionalProperties: false }),
      response: { 200: AlertListSchema, ...errors } },
  }, async (req) => {
    const scope = listingScope(req.principal, ctx.jurisdiction, req.query.stationId);
    // a pilot sees the alerts of its company's plans
    const planIds = scope.operatorId !== undefined ? ctx.plans.list({ operatorId: scope.operatorId }).map((x) => x.id) : undefined;
    return { alerts: live.alerts.list({ stationIds: scope.stationIds, planIds, open: req.query.open === 'true', kind: req.query.kind }) };
  });

  app.post('/alerts/:id/ack', {
    config: { permission: 'alert.ack' },
    schema: { tags: ['live'], summary: 'Acknowledge an alert (operators of its station or of the A station)', params: Type.Object({ id: Type.String({ maxLength: 80 }) }), response: { 200: StoredAlertSchema, ...errors } },
  }, async (req) => {
    const a = live.alerts.get(req.params.id);
    if (!a) throw new ApiError('NOT_FOUND', `no alert ${req.params.id}`);
    const p = req.principal;
    assertCanAckAlert(p, a, ctx.jurisdiction);
    if (!live.alerts.acknowledge(a.id, p.id, new Date(ctx.clock()).toISOString())) throw new ApiError('ALREADY_ACKNOWLEDGED', `alert ${a.id} was acknowledged by ${a.acknowledgedBy}`, { acknowledgedBy: a.acknowledgedBy });
    return live.alerts.get(a.id) as NonNullable<ReturnType<typeof live.alerts.get>>;
  });
};
