/** Statements and settlements (结算), as JSON or CSV. */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorSchema } from '../../shared/schemas/api.js';
import type { ServiceContext } from '../services/context.js';
import { settlement, statement, toCsv } from '../services/billing-service.js';

const tags = ['pricing'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema };
const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM, Beijing time' });
const Format = Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')]));

export const StatementSchema = Type.Object({
  companyId: Type.String(),
  month: Type.String(),
  currency: Type.Literal('CNY'),
  totalFen: Type.Integer(),
  charges: Type.Array(Type.Object({ txn: Type.String(), planId: Type.Union([Type.String(), Type.Null()]), at: Type.String(), tariffVersion: Type.String(), totalFen: Type.Integer() })),
});
export const SettlementSchema = Type.Object({
  month: Type.String(),
  currency: Type.Literal('CNY'),
  debitsFen: Type.Optional(Type.Integer()),
  creditsFen: Type.Optional(Type.Integer()),
  recipients: Type.Array(Type.Object({ account: Type.String(), creditFen: Type.Integer(), postings: Type.Integer() })),
});

export const billingRoutes =
  (ctx: ServiceContext): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/statements',
      {
        config: { permission: 'billing.read' },
        schema: {
          tags,
          summary: "A company's monthly statement (its admin, the A station); ?format=csv",
          querystring: Type.Object({ companyId: Type.String({ minLength: 1, maxLength: 80, pattern: '^[A-Za-z0-9_.-]+$' }), month: Month, format: Format }, { additionalProperties: false }),
          response: { 200: Type.Union([StatementSchema, Type.String()]), ...errors },
        },
      },
      async (req, reply) => {
        const s = statement(ctx, req.principal, req.query.companyId, req.query.month);
        if (req.query.format !== 'csv') return s;
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="statement-${s.companyId}-${s.month}.csv"`)
          .send(toCsv(['txn', 'planId', 'at', 'tariffVersion', 'totalFen'], [...s.charges.map((c) => [c.txn, c.planId, c.at, c.tariffVersion, c.totalFen]), ['total', '', '', '', s.totalFen]]));
      },
    );
    app.get(
      '/settlements',
      {
        config: { permission: 'billing.settlement' },
        schema: {
          tags,
          summary: 'Monthly settlement per recipient (A station: all; a B station: its own income); ?format=csv',
          querystring: Type.Object({ month: Month, format: Format }, { additionalProperties: false }),
          response: { 200: Type.Union([SettlementSchema, Type.String()]), ...errors },
        },
      },
      async (req, reply) => {
        const s = settlement(ctx, req.principal, req.query.month);
        if (req.query.format !== 'csv') return s;
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="settlement-${s.month}.csv"`)
          .send(
            toCsv(
              ['account', 'creditFen', 'postings'],
              s.recipients.map((r) => [r.account, r.creditFen, r.postings]),
            ),
          );
      },
    );
  };
