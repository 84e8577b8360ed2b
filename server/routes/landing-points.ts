/** Landing points at runtime: create, change, retire (the list is GET /landing-points in the catalogue). */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorSchema } from '../../shared/schemas/api.js';
import { LandingPointInputSchema, LandingPointPatchSchema, LandingPointSchema } from '../../shared/schemas/landing-point.js';
import { NoContentSchema } from '../../shared/schemas/responses.js';
import type { ServiceContext } from '../services/context.js';
import { createLandingPoint, retireLandingPoint, updateLandingPoint } from '../services/landing-point-service.js';

const tags = ['network'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const Id = Type.Object({ id: Type.String({ minLength: 1, maxLength: 80 }) });

export const landingPointRoutes =
  (ctx: ServiceContext): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.post(
      '/landing-points',
      {
        config: { permission: 'landing-point.manage' },
        bodyLimit: 16 * 1024,
        schema: {
          tags,
          summary: 'Create a landing point (the A station anywhere, a B station in its districts)',
          body: LandingPointInputSchema,
          response: { 201: LandingPointSchema, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(createLandingPoint(ctx, req.principal, req.body)),
    );
    app.patch(
      '/landing-points/:id',
      {
        config: { permission: 'landing-point.manage' },
        bodyLimit: 16 * 1024,
        schema: {
          tags,
          summary: 'Change a landing point: name, category, capacity, owner, opening hours',
          params: Id,
          body: LandingPointPatchSchema,
          response: { 200: LandingPointSchema, ...errors },
        },
      },
      async (req) => updateLandingPoint(ctx, req.principal, req.params.id, req.body),
    );
    app.delete(
      '/landing-points/:id',
      {
        config: { permission: 'landing-point.manage' },
        schema: {
          tags,
          summary: 'Retire a landing point; 409 with the ids of approved or active plans that use it',
          params: Id,
          querystring: Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }),
          response: { 204: NoContentSchema, ...errors },
        },
      },
      async (req, reply) => {
        retireLandingPoint(ctx, req.principal, req.params.id, req.query.reason);
        return reply.status(204).send(null);
      },
    );
  };
