/**
 * buildApp: the Fastify application without listening. Tests use app.inject; only
 * server/main.ts listens and handles signals.
 */
import { RolloutJobs } from './planner/rollout-jobs.js';
import { TrackUsageRecorder } from './planner/track-usage.js';
import { plannerRoutes } from './routes/planner.js';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ScenarioBundle } from '../shared/io/scenario-features.js';
import type { AirspaceState } from '../shared/rules/airspace-state.js';
import type { AppConfig } from './config.js';
import { authenticate, tokenOf } from './auth.js';
import { ApiError, errorBody } from './errors.js';
import { catalogueRoutes } from './routes/catalogue.js';
import { flightPlanRoutes } from './routes/flight-plans.js';
import { healthRoutes } from './routes/health.js';
import { interopRoutes } from './routes/interop.js';
import { liveRoutes } from './routes/live.js';
import { simRoutes } from './routes/sim.js';
import { LiveTraffic } from './live/live-traffic.js';
import { DEFAULT_STREAM_OPTIONS, StreamHub, type StreamOptions } from './live/stream-hub.js';
import { Simulator } from './live/simulator.js';
import { DEFAULT_DEMAND } from '../shared/sim/traffic-generator.js';
import { SimClock } from '../shared/sim/sim-clock.js';
import { createContext, type ServiceContext } from './services/context.js';
import { startCheckpointer } from './store/checkpointer.js';
import { openDatabase } from './store/database.js';
import { buildAirspace } from './scenario/build-airspace.js';
import { loadScenario } from './scenario/load-scenario.js';

export interface BuildAppOptions {
  config: AppConfig;
  /** a scenario to use instead of loading config.scenario */
  scenario?: ScenarioBundle;
  /** milliseconds since the epoch; injected so decisions replay exactly */
  clock?: () => number;
  logger?: boolean;
  /** simulated start time (default: now) */
  simStartMs?: number;
  stream?: Partial<StreamOptions>;
}

export interface AppContext {
  config: AppConfig;
  scenario: ScenarioBundle;
  airspace: AirspaceState;
  services: ServiceContext;
  live: LiveTraffic;
  stream: StreamHub;
  simulator: Simulator | null;
  rollouts: RolloutJobs;
  trackUsage: TrackUsageRecorder;
  clock: () => number;
  startedAt: number;
}

declare module 'fastify' {
  interface FastifyInstance { yukong: AppContext }
}

const CLIENT_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/client');

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false, bodyLimit: 2 * 1_048_576,
    // unknown fields and wrong types are errors, never silently dropped or coerced
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true, useDefaults: false } },
  });
  // with the simulation on, the whole server runs on simulated time
  const simClock = options.config.sim ? new SimClock(options.simStartMs ?? options.clock?.() ?? Date.now(), options.config.simSpeed) : null;
  const clock = options.clock ?? (simClock ? () => simClock.now() : Date.now);
  const scenario = options.scenario ?? loadScenario(options.config.scenario);
  const airspace = buildAirspace(scenario);
  const db = openDatabase(options.config.dbPath);
  const services = createContext(db, airspace, scenario, clock);
  const live = new LiveTraffic(services, scenario.stations, options.config.monitor);
  const stream = new StreamHub(services, options.config.adminToken, clock, { ...DEFAULT_STREAM_OPTIONS, ...options.stream });
  live.listeners.add((batch) => stream.broadcast(batch));
  const simulator = simClock ? new Simulator(services, live, simClock, { seed: options.config.simSeed, rogues: options.config.simRogues,
    demand: { ...DEFAULT_DEMAND, flightsPerHour: options.config.simFlightsPerHour } }) : null;
  const rollouts = new RolloutJobs(db, scenario, clock);
  const trackUsage = new TrackUsageRecorder(live);
  app.decorate('yukong', { config: options.config, scenario, airspace, services, live, stream, simulator, rollouts, trackUsage, clock, startedAt: clock() });
  app.server.on('upgrade', (req, socket, head) => {
    if ((req.url ?? '').split('?')[0] === '/api/v1/stream') stream.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  const checkpointer = options.config.dbPath === ':memory:' ? null : startCheckpointer(options.config.dbPath);
  app.addHook('preClose', async () => { stream.close(); });
  app.addHook('onClose', async () => {
    await rollouts.close();
    await checkpointer?.stop();
    db.close();
  });
  app.removeContentTypeParser('text/plain');
  // response schemas document the API (OpenAPI); answers are plain JSON.stringify of typed values
  app.setSerializerCompiler(() => (data) => JSON.stringify(data)); // the API speaks JSON only: anything else is 415

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string; validation?: unknown }, _req, reply) => {
    if (err instanceof ApiError) return reply.status(err.status).send(errorBody(err.code, err.message, err.details));
    if (err.validation) return reply.status(400).send(errorBody('VALIDATION_FAILED', err.message, err.validation));
    if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) return reply.status(400).send(errorBody('MALFORMED_JSON', 'the body is not valid JSON'));
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.status(413).send(errorBody('BODY_TOO_LARGE', err.message));
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.status(415).send(errorBody('UNSUPPORTED_MEDIA_TYPE', err.message));
    if (err.statusCode && err.statusCode < 500) return reply.status(err.statusCode).send(errorBody('BAD_REQUEST', err.message));
    app.log.error(err);
    return reply.status(500).send(errorBody('INTERNAL', 'internal error'));
  });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0];
    // client-side routes get the page; API paths and missing files (with an extension) get a 404
    if (path.startsWith('/api/') || /\.[A-Za-z0-9]+$/.test(path) || !existsSync(join(CLIENT_DIST, 'index.html'))) {
      return reply.status(404).send(errorBody('NOT_FOUND', `no route ${req.method} ${path}`));
    }
    return reply.sendFile('index.html'); // client-side routes
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Yukong (渝空) API', version: '1', description: 'Low-altitude flight-service stations for Chongqing: flight plans, airspace, stations.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/v1/docs' });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(healthRoutes, { prefix: '/api/v1' });
  await app.register(async (api) => {
    api.decorateRequest('principal', null as never);
    api.addHook('onRequest', async (req) => {
      req.principal = authenticate(tokenOf(req), options.config.adminToken, services.principals);
    });
    await api.register(flightPlanRoutes(services));
    await api.register(catalogueRoutes(services));
    await api.register(interopRoutes(services));
    await api.register(liveRoutes(services, live));
    await api.register(simRoutes(() => app.yukong.simulator));
    await api.register(plannerRoutes(services, rollouts, trackUsage, scenario));
  }, { prefix: '/api/v1' });
  if (existsSync(CLIENT_DIST)) await app.register(fastifyStatic, { root: CLIENT_DIST, wildcard: false });
  return app;
}
