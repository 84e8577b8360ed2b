import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { BatchResultSchema, PlanCheckSchema, PlanHistorySchema, PlanListSchema } from '../../shared/schemas/responses.js';
import type { FlightPlan } from '../../shared/schemas/flight-plan-record.js';
import { ActionInputSchema, BatchInputSchema, BBoxQuery, ErrorSchema } from '../../shared/schemas/api.js';
import { FlightPlanInputSchema, PLAN_STATES } from '../../shared/schemas/flight-plan.js';
import { FlightPlanSchema } from '../../shared/schemas/flight-plan-record.js';
import { ApiError, errorBody } from '../errors.js';
import type { ServiceContext } from '../services/context.js';
import { actOnPlan } from '../services/plan-actions.js';
import { checkPlan, getPlan, listPlans, planHistory, submitPlan } from '../services/plan-service.js';
import { parseBBox, parseNumber } from './query.js';
import type { PlanQuota } from '../policy/plan-quota.js';
import { companyOf } from '../policy/actor.js';
import type { GroupCommit } from '../services/group-commit.js';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const tags = ['flight plans'];

export const flightPlanRoutes =
  (ctx: ServiceContext, quota: PlanQuota, group: GroupCommit): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.post(
      '/flight-plans',
      {
        config: { permission: 'plan.submit' },
        bodyLimit: 512 * 1024,
        schema: {
          tags,
          summary: 'Submit a flight plan; decided at once (approved, pending or rejected, always with reasons)',
          headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
          body: FlightPlanInputSchema,
          response: { 201: FlightPlanSchema, ...errors },
        },
      },
      async (req, reply) => {
        quota.take(req.principal.id, 1, companyOf(req.principal));
        // decided at once, in order, committed with the decisions that arrived with it
        const r = await group.run(() => submitPlan(ctx, req.principal, req.body, req.headers['idempotency-key']));
        return reply.status(201).send(r.body as FlightPlan);
      },
    );

    app.post(
      '/flight-plans/check',
      {
        config: { permission: 'plan.check' },
        bodyLimit: 512 * 1024,
        schema: { tags, summary: 'Decide a plan without recording it (conflicts, reasons, suggestions)', body: FlightPlanInputSchema, response: { 200: PlanCheckSchema, ...errors } },
      },
      async (req) => checkPlan(ctx, req.principal, req.body),
    );

    app.post(
      '/flight-plans/batch',
      {
        config: { permission: 'plan.submit', bodyLimitByRole: { pilot: 2 * 1_048_576 } },
        bodyLimit: 4 * 1_048_576,
        schema: { tags, summary: 'Submit up to 100 plans; one answer per plan, in order', body: BatchInputSchema, response: { 200: BatchResultSchema, ...errors } },
      },
      async (req, reply) => {
        quota.take(req.principal.id, req.body.plans.length, companyOf(req.principal));
        // decided in order, committed together (as many groups as it takes)
        const settled = await Promise.allSettled(req.body.plans.map((p) => group.run(() => submitPlan(ctx, req.principal, p))));
        const results = settled.map((s, index) => {
          if (s.status === 'fulfilled') return { index, status: s.value.status, plan: s.value.body as FlightPlan };
          const e = s.reason;
          if (e instanceof ApiError && e.status < 500) {
            if (e.status === 401 || e.status === 403) throw e;
            return { index, status: e.status, ...errorBody(e.code, e.message, e.details) };
          }
          throw e;
        });
        return reply.status(200).send({ results });
      },
    );

    app.get(
      '/flight-plans/:id',
      {
        config: { permission: 'plan.read' },
        schema: { tags, summary: 'One flight plan', params: Type.Object({ id: Type.String({ maxLength: 80 }) }), response: { 200: FlightPlanSchema, ...errors } },
      },
      async (req) => getPlan(ctx, req.principal, req.params.id),
    );

    app.get(
      '/flight-plans/:id/history',
      {
        config: { permission: 'plan.read' },
        schema: {
          tags,
          summary: 'The append-only audit trail of a plan: who, when, what, why',
          params: Type.Object({ id: Type.String({ maxLength: 80 }) }),
          response: { 200: PlanHistorySchema, ...errors },
        },
      },
      async (req) => ({ history: planHistory(ctx, req.principal, req.params.id) }),
    );

    app.get(
      '/flight-plans',
      {
        config: { permission: 'plan.read' },
        schema: {
          tags,
          summary: 'List flight plans you may see, oldest first or (order=newest) newest first; the pending queue: emergencies first, then by deadline',
          querystring: Type.Object(
            {
              state: Type.Optional(Type.String({ pattern: `^(${PLAN_STATES.join('|')})(,(${PLAN_STATES.join('|')}))*$` })),
              stationId: Type.Optional(Type.String({ maxLength: 80 })),
              bbox: Type.Optional(BBoxQuery),
              limit: Type.Optional(Type.String({ pattern: '^[1-9]\\d{0,3}$' })),
              order: Type.Optional(Type.Union([Type.Literal('oldest'), Type.Literal('newest')])),
            },
            { additionalProperties: false },
          ),
          response: { 200: PlanListSchema, ...errors },
        },
      },
      async (req) => ({
        plans: listPlans(ctx, req.principal, {
          state: req.query.state?.split(','),
          stationId: req.query.stationId,
          bbox: parseBBox(req.query.bbox),
          limit: parseNumber(req.query.limit, 'limit'),
          order: req.query.order,
        }),
      }),
    );

    app.post(
      '/flight-plans/:id/:action',
      {
        // approve/reject need plan.decide, the others plan.fly: both are checked against the plan by the policy
        config: { permission: 'plan.read' },
        bodyLimit: 16 * 1024,
        // the body (a reason) is optional: no body is an empty one
        preValidation: async (req) => {
          req.body ??= {};
        },
        schema: {
          tags,
          summary: 'approve | reject (reason required) | activate | complete | cancel',
          params: Type.Object({
            id: Type.String({ maxLength: 80 }),
            action: Type.Union([Type.Literal('approve'), Type.Literal('reject'), Type.Literal('activate'), Type.Literal('complete'), Type.Literal('cancel')]),
          }),
          body: Type.Optional(ActionInputSchema),
          response: { 200: FlightPlanSchema, ...errors },
        },
      },
      async (req) => actOnPlan(ctx, req.principal, req.params.id, req.params.action, req.body?.reason),
    );
  };
