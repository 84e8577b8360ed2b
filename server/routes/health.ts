import type { FastifyPluginAsync } from 'fastify';

export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get('/health', async () => {
    const y = app.yukong;
    const count = (k: string) => y.scenario.stations.filter((s) => s.kind === k).length;
    return {
      status: 'ok',
      scenario: y.config.scenario,
      uptimeS: Math.round((y.clock() - y.startedAt) / 1000),
      stations: { A: count('A'), B: count('B'), X: count('X') },
      landingPoints: y.scenario.landingPoints.length,
      zones: y.airspace.zones.size,
      bookedPlans: y.airspace.plans.size,
      simulation: y.simulator ? { speed: y.simulator.clock.speed, running: !y.simulator.clock.paused } : null,
      ...(y.config.mapStyleUrl ? { mapStyleUrl: y.config.mapStyleUrl } : {}),
    };
  });
};
