/** Liveness and the server's clock: clients take "now" from here, never from the computer they run on. */
import type { FastifyPluginAsync } from 'fastify';
import { HealthSchema } from '../../shared/schemas/health.js';

export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/health',
    {
      config: { public: true },
      schema: { tags: ['health'], summary: 'Liveness, the server clock (simulated time when the simulation runs) and counts', security: [], response: { 200: HealthSchema } },
    },
    async () => {
      const y = app.yukong;
      const count = (k: string) => y.scenario.stations.filter((s) => s.kind === k).length;
      const sim = y.simulator;
      return {
        status: 'ok' as const,
        now: new Date(y.clock()).toISOString(),
        // without the simulation the server runs on real time: speed 1, running
        simulation: sim ? { enabled: true, speed: sim.clock.speed, running: !sim.clock.paused } : { enabled: false, speed: 1, running: true },
        scenario: y.config.scenario,
        uptimeS: Math.round((y.clock() - y.startedAt) / 1000),
        stations: { A: count('A'), B: count('B'), X: count('X') },
        landingPoints: y.airspace.landingPoints.size,
        zones: y.airspace.zones.size,
        bookedPlans: y.airspace.plans.size,
        stream: { clients: y.stream.clientCount },
        monitor: { thread: y.live.threaded ? ('worker' as const) : ('main' as const), ...(y.live.monitorFailure ? { failure: y.live.monitorFailure } : {}) },
        instance: y.instance,
        store: y.store,
        ...(y.cluster ? { cluster: (({ instance: _i, ...rest }) => rest)(y.cluster.health()) } : {}),
        ...(y.config.mapStyleUrl ? { mapStyleUrl: y.config.mapStyleUrl } : {}),
      };
    },
  );
};
