/** Simulation controls (admin): state, start/pause, speed ×1…×60. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorSchema } from '../../shared/schemas/api.js';
import { SimStateSchema } from '../../shared/schemas/responses.js';
import { ApiError } from '../errors.js';
import type { Simulator } from '../live/simulator.js';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

export const simRoutes =
  (sim: () => Simulator | null): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    const state = (s: Simulator) => ({
      running: !s.clock.paused,
      speed: s.clock.speed,
      flightsPerHour: s.opts.demand.flightsPerHour,
      simTime: new Date(s.clock.now()).toISOString(),
      aircraft: s.aircraftCount,
      seed: s.opts.seed,
      stats: { ...s.stats },
    });
    const need = () => {
      const s = sim();
      if (!s) throw new ApiError('SIMULATION_OFF', 'the simulation is off (YUKONG_SIM=off)');
      return s;
    };
    app.get('/sim', { config: { permission: 'sim.read' }, schema: { tags: ['simulation'], summary: 'Simulation state and statistics', response: { 200: SimStateSchema, ...errors } } }, async () =>
      state(need()),
    );
    app.post(
      '/sim',
      {
        config: { permission: 'sim.control' },
        schema: {
          tags: ['simulation'],
          summary: 'Start, pause, set the speed (×1…×60) or the demand (flights/hour) of the simulation (admin)',
          body: Type.Object(
            {
              action: Type.Union([Type.Literal('start'), Type.Literal('pause'), Type.Literal('speed'), Type.Literal('demand')]),
              speed: Type.Optional(Type.Number({ minimum: 1, maximum: 60 })),
              flightsPerHour: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: SimStateSchema, ...errors },
        },
      },
      async (req) => {
        const s = need();
        if (req.body.action === 'start') s.clock.resume();
        else if (req.body.action === 'pause') s.clock.pause();
        else if (req.body.action === 'speed') {
          if (req.body.speed === undefined) throw new ApiError('VALIDATION_FAILED', 'speed is required');
          s.clock.setSpeed(req.body.speed);
        } else {
          if (req.body.flightsPerHour === undefined) throw new ApiError('VALIDATION_FAILED', 'flightsPerHour is required');
          s.opts.demand = { ...s.opts.demand, flightsPerHour: req.body.flightsPerHour };
        }
        return state(s);
      },
    );
  };
