/** Demo sign-in routes (public; answer only on a local demo install). */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DemoListSchema, DemoSignInInputSchema } from '../../shared/schemas/demo.js';
import { ErrorSchema } from '../../shared/schemas/api.js';
import { PrincipalCreatedSchema } from '../../shared/schemas/responses.js';
import { ApiError } from '../errors.js';
import type { ServiceContext } from '../services/context.js';
import { demoIdentities, demoSignIn } from '../services/demo-service.js';

const tags = ['demo'];
const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const LOOPBACK_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/i;

/**
 * A request from a browser on this machine: a loopback peer, no proxy in between (a reverse proxy
 * on the same machine would make every caller look local), and a Host that names this machine
 * (a page on another site that rebinds its name to 127.0.0.1 keeps its own Host).
 */
export function fromThisMachine(req: FastifyRequest): boolean {
  const h = req.headers;
  if (h.forwarded !== undefined || h['x-forwarded-for'] !== undefined || h['x-real-ip'] !== undefined) return false;
  return LOOPBACK_ADDRESSES.has(req.socket.remoteAddress ?? '') && LOOPBACK_HOST.test(h.host ?? '');
}

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
        if (!fromThisMachine(req)) throw new ApiError('FORBIDDEN', 'demo sign-in answers only a browser on this machine (loopback, no proxy)');
        return reply.status(201).send(demoSignIn(ctx, req.body.identity));
      },
    );
  };
