import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { ActionInputSchema, BatchInputSchema, BBoxQuery, ErrorSchema } from '../../shared/schemas/api.js';
import { FlightPlanInputSchema, PLAN_STATES, type FlightPlanInput } from '../../shared/schemas/flight-plan.js';
import { FlightPlanSchema } from '../../shared/schemas/flight-plan-record.js';
import { ApiError, errorBody } from '../errors.js';
import type { ServiceContext } from '../services/context.js';
import { actOnPlan, type PlanVerb } from '../services/plan-actions.js';
import { checkPlan, getPlan, listPlans, submitPlan } from '../services/plan-service.js';
import { parseBBox, parseNumber } from './query.js';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const tags = ['flight plans'];

export const flightPlanRoutes = (ctx: ServiceContext): FastifyPluginAsync => async (app) => {
  app.post<{ Body: FlightPlanInput; Headers: { 'idempotency-key'?: string } }>('/flight-plans', {
    schema: { tags, summary: 'Submit a flight plan; decided at once (approved, pending or rejected, always with reasons)',
      headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
      body: FlightPlanInputSchema, response: { 201: FlightPlanSchema, ...errors } },
  }, async (req, reply) => {
    const r = submitPlan(ctx, req.principal, req.body, req.headers['idempotency-key']);
    return reply.status(r.status).send(r.body);
  });

  app.post<{ Body: FlightPlanInput }>('/flight-plans/check', {
    schema: { tags, summary: 'Decide a plan without recording it (conflicts, reasons, suggestions)', body: FlightPlanInputSchema, response: errors },
  }, async (req) => checkPlan(ctx, req.principal, req.body));

  app.post<{ Body: { plans: FlightPlanInput[] } }>('/flight-plans/batch', {
    bodyLimit: 8 * 1_048_576,
    schema: { tags, summary: 'Submit up to 100 plans; one answer per plan, in order', body: BatchInputSchema, response: errors },
  }, async (req, reply) => {
    const results = req.body.plans.map((p, index) => {
      try {
        const r = submitPlan(ctx, req.principal, p);
        return { index, status: r.status, plan: r.body };
      } catch (e) {
        if (e instanceof ApiError && e.status < 500) {
          if (e.status === 401 || e.status === 403) throw e;
          return { index, status: e.status, ...errorBody(e.code, e.message, e.details) };
        }
        throw e;
      }
    });
    return reply.status(200).send({ results });
  });

  app.get<{ Params: { id: string } }>('/flight-plans/:id', {
    schema: { tags, summary: 'One flight plan', params: Type.Object({ id: Type.String({ maxLength: 80 }) }), response: { 200: FlightPlanSchema, ...errors } },
  }, async (req) => getPlan(ctx, req.principal, req.params.id));

  app.get<{ Params: { id: string } }>('/flight-plans/:id/history', {
    schema: { tags, summary: 'The append-only audit trail of a plan: who, when, what, why', params: Type.Object({ id: Type.String({ maxLength: 80 }) }), response: errors },
  }, async (req) => {
    getPlan(ctx, req.principal, req.params.id); // same access as the plan itself
    return { history: ctx.audit.forSubject('plan', req.params.id) };
  });

  app.get<{ Querystring: { state?: string; stationId?: string; bbox?: string; limit?: string } }>('/flight-plans', {
    schema: { tags, summary: 'List flight plans you may see (pending queue: emergencies first, then by deadline)',
      querystring: Type.Object({
        state: Type.Optional(Type.String({ pattern: `^(${PLAN_STATES.join('|')})(,(${PLAN_STATES.join('|')}))*$` })),
        stationId: Type.Optional(Type.String({ maxLength: 80 })), bbox: Type.Optional(BBoxQuery),
        limit: Type.Optional(Type.String({ pattern: '^[1-9]\\d{0,3}$' })),
      }, { additionalProperties: false }),
      response: errors },
  }, async (req) => ({
    plans: listPlans(ctx, req.principal, { state: req.query.state?.split(','), stationId: req.query.stationId, bbox: parseBBox(req.query.bbox), limit: parseNumber(req.query.limit, 'limit') }),
  }));

  app.post<{ Params: { id: string; action: PlanVerb }; Body: { reason?: string } | undefined }>('/flight-plans/:id/:action', {
    schema: { tags, summary: 'approve | reject (reason required) | activate | complete | cancel',
      params: Type.Object({ id: Type.String({ maxLength: 80 }), action: Type.Union(['approve', 'reject', 'activate', 'complete', 'cancel'].map((a) => Type.Literal(a))) }),
      body: Type.Optional(ActionInputSchema), response: { 200: FlightPlanSchema, ...errors } },
  }, async (req) => actOnPlan(ctx, req.principal, req.params.id, req.params.action, req.body?.reason));
};
