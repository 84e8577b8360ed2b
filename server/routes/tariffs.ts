/** Airspace tariffs (空域要素定价): the versions, and publishing a new one. */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { TariffSchema } from '../../shared/pricing/tariff.js';
import { ErrorSchema } from '../../shared/schemas/api.js';
import type { ServiceContext } from '../services/context.js';
import { listTariffs, publishTariff } from '../services/pricing-service.js';

const tags = ['pricing'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 409: ErrorSchema };

export const tariffRoutes =
  (ctx: ServiceContext): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/tariffs',
      {
        config: { permission: 'network.read' },
        schema: {
          tags,
          summary: 'Tariff versions (illustrative numbers) and the one in force now',
          response: { 200: Type.Object({ current: Type.Union([Type.String(), Type.Null()]), tariffs: Type.Array(TariffSchema) }), ...errors },
        },
      },
      async () => listTariffs(ctx),
    );
    app.post(
      '/tariffs',
      {
        config: { permission: 'tariff.publish' },
        bodyLimit: 64 * 1024,
        schema: { tags, summary: 'Publish a new tariff version, effective from a time not in the past (admin or the A station)', body: TariffSchema, response: { 201: TariffSchema, ...errors } },
      },
      async (req, reply) => reply.status(201).send(publishTariff(ctx, req.principal, req.body as unknown)),
    );
  };
