/**
 * Stream tickets: a single-use, short-lived ticket to open the WebSocket stream
 * (`GET /api/v1/stream?ticket=…`) without putting the bearer token in a URL.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorSchema } from '../../shared/schemas/api.js';
import { StreamTicketSchema } from '../../shared/schemas/stream.js';
import { errorBody } from '../errors.js';
import type { StreamHub } from '../live/stream-hub.js';

const errors = { 401: ErrorSchema, 403: ErrorSchema, 429: ErrorSchema };

export const streamRoutes =
  (hub: StreamHub): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.post(
      '/stream/tickets',
      {
        config: { permission: 'stream.connect' },
        schema: {
          tags: ['live'],
          summary: 'A single-use ticket (60 s, real time) to open the WebSocket stream: GET /api/v1/stream?ticket=…',
          response: { 201: StreamTicketSchema, ...errors },
        },
      },
      async (req, reply) => {
        const ticket = hub.tickets.issue(req.principal);
        if (!ticket) return reply.status(429).header('retry-after', '10').send(errorBody('RATE_LIMITED', 'too many outstanding stream tickets; try again shortly'));
        return reply.status(201).header('cache-control', 'no-store').send(ticket);
      },
    );
  };
