/** Industry credit (行业信用体系): a company's score, tier and events; adjustments with a reason. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorSchema } from '../../shared/schemas/api.js';
import { CreditAdjustedSchema, CreditAdjustInputSchema, CreditSchema } from '../../shared/schemas/credit.js';
import type { Permission } from '../policy/access-policy.js';
import type { CreditService } from '../services/credit-service.js';
import { parseNumber } from './query.js';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
// TODO(wiring): 'credit.read' and 'credit.adjust' join PERMISSIONS in server/policy/access-policy.ts; then these become plain literals
const CREDIT_READ: Permission = 'credit.read';
const CREDIT_ADJUST: Permission = 'credit.adjust';
const CompanyParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 80 }) }, { additionalProperties: false });

export const creditRoutes =
  (credit: CreditService): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/companies/:id/credit',
      {
        config: { permission: CREDIT_READ },
        schema: {
          tags: ['registry'],
          summary: "A company's credit: score (0–1000, from 800), tier (A ≥ 900, B ≥ 700, C ≥ 500: plans reviewed, D: suspended) and its latest events, each with its cause",
          params: CompanyParams,
          querystring: Type.Object(
            { limit: Type.Optional(Type.String({ pattern: '^[1-9]\\d{0,3}$', description: 'latest events to show (default 200, at most 1000)' })) },
            { additionalProperties: false },
          ),
          response: { 200: CreditSchema, ...errors },
        },
      },
      async (req) => credit.credit(req.principal, req.params.id, Math.min(1000, parseNumber(req.query.limit, 'limit') ?? 200)),
    );

    app.post(
      '/companies/:id/credit/adjust',
      {
        config: { permission: CREDIT_ADJUST },
        bodyLimit: 16 * 1024,
        schema: {
          tags: ['registry'],
          summary: 'Adjust a company’s score by a non-zero delta with a reason (admin or A-station operator); recorded as an event and in the audit trail',
          params: CompanyParams,
          body: CreditAdjustInputSchema,
          response: { 201: CreditAdjustedSchema, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(credit.adjust(req.principal, req.params.id, req.body.delta, req.body.reason)),
    );
  };
