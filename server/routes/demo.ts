/** Demo sign-in routes (public; answer only on a local demo install). */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DemoListSchema, DemoSignInInputSchema } from '../../shared/schemas/demo.js';
import { ErrorSchema } from '../../shared/schemas/api.js';
import { PrincipalCreatedSchema } from '../../shared/schemas/responses.js';
import { ApiError } from '../errors.js';
import type { ServiceContext } from '../services/context.js';
import { demoIdentities, demoSignIn } from '../services/demo-service.js';

const tags = ['demo'];

export const demoRoutes =
  (ctx: ServiceContext, enabled: boolean): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.get('/demo', { config: { public: true }, schema: { tags, summary: 'Whether demo sign-in is on, and as whom one may sign in', security: [], response: { 200: DemoListSchema } } }, async () => ({
      enabled,
      identities: enabled ? demoIdentities(ctx) : [],
    }));
    app.post(
      '/demo/sign-in',
      {
        config: { public: true },
        bodyLimit: 1024,
        schema: {
          tags,
          summary: 'One-click sign-in on a local demo install: a 12-hour token for the chosen identity',
          security: [],
          body: DemoSignInInputSchema,
          response: { 201: PrincipalCreatedSchema, 403: ErrorSchema, 404: ErrorSchema },
        },
      },
      async (req, reply) => {
        if (!enabled) throw new ApiError('FORBIDDEN', 'demo sign-in is off: this is not a local demo install (YUKONG_DEMO)');
        return reply.status(201).send(demoSignIn(ctx, req.body.identity));
      },
    );
  };
