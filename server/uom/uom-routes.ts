/** GET /api/v1/uom/outbox: how delivery to the national UOM platform is going. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { ErrorSchema } from '../../shared/schemas/api.js';
import { type UomOutboxStatus, UomOutboxStatusSchema } from '../../shared/schemas/uom.js';
import type { Permission } from '../policy/access-policy.js';
import type { Principal } from '../policy/actor.js';

/** Added to PERMISSIONS in server/policy/access-policy.ts (operators; admins hold every permission). */
const UOM_READ = 'uom.read';

export interface UomOutboxStatusSource {
  status(): UomOutboxStatus;
}

export interface UomRouteOptions {
  /** jurisdiction beyond the route's permission (e.g. A-station operators only); throws ApiError('FORBIDDEN') */
  authorize?: (principal: Principal) => void;
}

export const uomRoutes =
  (outbox: UomOutboxStatusSource, options: UomRouteOptions = {}): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/uom/outbox',
      {
        config: { permission: UOM_READ },
        schema: {
          tags: ['uom'],
          summary: 'Delivery of flight records to the national UOM platform: pending, delivered, failed, oldest pending, last error (admin and A-station operators)',
          response: { 200: UomOutboxStatusSchema, 401: ErrorSchema, 403: ErrorSchema },
        },
      },
      async (req) => {
        options.authorize?.(req.principal);
        return outbox.status();
      },
    );
  };
