/** Telemetry from real aircraft, alerts, and the simulation controls. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { TrackUpdate } from '../../shared/monitor/conformance-monitor.js';
import { ErrorSchema } from '../../shared/schemas/api.js';
import { ApiError } from '../errors.js';
import type { LiveTraffic } from '../live/live-traffic.js';
import { assertCanFly, requireRole } from '../services/access.js';
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

export const liveRoutes = (ctx: ServiceContext, live: LiveTraffic): FastifyPluginAsync => async (app) => {
  app.post<{ Body: { positions: (typeof PositionSchema.static)[] } }>('/telemetry', {
    schema: { tags: ['live'], summary: 'Positions of real aircraft for plans you own; they go through the same pipeline as simulated ones',
      body: Type.Object({ positions: Type.Array(PositionSchema, { minItems: 1, maxItems: 1000 }) }, { additionalProperties: false }), response: errors },
  }, async (req, reply) => {
    requireRole(req.principal, 'pilot');
    const now = ctx.clock();
    const updates: TrackUpdate[] = [];
    for (const [i, p] of req.body.positions.entries()) {
      const plan = ctx.plans.get(p.planId);
      if (!plan) throw new ApiError('NOT_FOUND', `positions[${i}]: no flight plan ${p.planId}`);
      assertCanFly(req.principal, plan, ctx.aStationId);
      if (plan.state !== 'approved' && plan.state !== 'active') throw new ApiError('PLAN_NOT_FLYABLE', `positions[${i}]: plan ${p.planId} is ${plan.state}`, { state: plan.state }, 409);
      const t = Date.parse(p.t);
      if (t < now - MAX_AGE_MS || t > now + MAX_AHEAD_MS) throw new ApiError('STALE_POSITION', `positions[${i}]: t must be within the last 10 minutes`, { t: p.t }, 400);
      const source = ['network', ...live.surveillance.observers(p.lng, p.lat, p.altitudeM)];
      updates.push({ id: p.trackId ?? p.planId, planId: p.planId, lng: p.lng, lat: p.lat, altitudeM: p.altitudeM, speedMps: p.speedMps ?? 0, headingDeg: p.headingDeg ?? 0, tMs: t, source });
    }
    updates.sort((a, b) => a.tMs - b.tMs);
    live.ingest(updates);
    return reply.status(202).send({ accepted: updates.length });
  });

  app.get<{ Querystring: { open?: 'true' | 'false'; kind?: string; stationId?: string } }>('/alerts', {
    schema: { tags: ['live'], summary: 'Alerts you may see (operators: their station; A station: all)',
      querystring: Type.Object({ open: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])), kind: Type.Optional(Type.String({ maxLength: 40 })), stationId: Type.Optional(Type.String({ maxLength: 80 })) }, { additionalProperties: false }),
      response: errors },
  }, async (req) => {
    const p = req.principal;
    let stationIds = req.query.stationId ? [req.query.stationId] : undefined;
    let planIds: string[] | undefined;
    if (p.role === 'operator' && p.stationId !== ctx.aStationId) {
      if (req.query.stationId && req.query.stationId !== p.stationId) throw new ApiError('FORBIDDEN', `station ${req.query.stationId} is outside your jurisdiction`);
      stationIds = [p.stationId as string];
    }
    if (p.role === 'pilot') planIds = ctx.plans.list({ operatorId: p.operatorId ?? '\u0000' }).map((x) => x.id);
    return { alerts: live.alerts.list({ stationIds, planIds, open: req.query.open === 'true', kind: req.query.kind }) };
  });

  app.post<{ Params: { id: string } }>('/alerts/:id/ack', {
    schema: { tags: ['live'], summary: 'Acknowledge an alert (operators of its station or of the A station)', params: Type.Object({ id: Type.String({ maxLength: 80 }) }), response: errors },
  }, async (req) => {
    requireRole(req.principal, 'operator');
    const a = live.alerts.get(req.params.id);
    if (!a) throw new ApiError('NOT_FOUND', `no alert ${req.params.id}`);
    const p = req.principal;
    if (p.role === 'operator' && p.stationId !== ctx.aStationId && p.stationId !== a.stationId) throw new ApiError('FORBIDDEN', `alert ${a.id} belongs to ${a.stationId}`);
    if (!live.alerts.acknowledge(a.id, p.id, new Date(ctx.clock()).toISOString())) throw new ApiError('ALREADY_ACKNOWLEDGED', `alert ${a.id} was acknowledged by ${a.acknowledgedBy}`, { acknowledgedBy: a.acknowledgedBy }, 409);
    return live.alerts.get(a.id);
  });
};
