/**
 * buildApp: the Fastify application without listening. Tests use app.inject; only
 * server/main.ts listens and handles signals.
 */
import { hostname } from 'node:os';
import { applyNotes } from './cluster/apply-notes.js';
import { Cluster } from './cluster/cluster.js';
import { onHookError } from './cluster/change-notes.js';
import { relayLive } from './cluster/live-relay.js';
import { PgDatabase } from './store/pg/pg-database.js';
import { RolloutJobs } from './planner/rollout-jobs.js';
import { TrackUsageRecorder } from './planner/track-usage.js';
import { plannerRoutes } from './routes/planner.js';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ScenarioBundle } from '../shared/io/scenario-features.js';
import type { AirspaceState } from '../shared/rules/airspace-state.js';
import type { AppConfig } from './config.js';
import { authenticate, redactUrl, tokenOf } from './auth.js';
import { ApiError, errorBody } from './errors.js';
import { clientErrorHandler, frameworkErrors, installErrorHandling } from './http/error-handling.js';
import { DEFAULT_MAX_JSON_DEPTH, depthCheckedJsonParser } from './http/json-depth-guard.js';
import { responseSerializerCompiler } from './http/response-serializer.js';
import { PlanQuota } from './policy/plan-quota.js';
import { installRouteGuard } from './policy/route-guard.js';
import { catalogueRoutes } from './routes/catalogue.js';
import { flightPlanRoutes } from './routes/flight-plans.js';
import { healthRoutes } from './routes/health.js';
import { demoRoutes } from './routes/demo.js';
import { landingPointRoutes } from './routes/landing-points.js';
import { tariffRoutes } from './routes/tariffs.js';
import { billingRoutes } from './routes/billing.js';
import { createPricing } from './services/pricing-service.js';
import { loadLandingPoints } from './services/landing-point-service.js';
import { applyDueEditions } from './services/edition-apply.js';
import { editionRoutes } from './routes/editions.js';
import { replayEditions } from './services/edition-state.js';
import { interopRoutes } from './routes/interop.js';
import { liveRoutes } from './routes/live.js';
import { simRoutes } from './routes/sim.js';
import { streamRoutes } from './routes/stream.js';
import { registryRoutes } from './routes/registry.js';
import { OutboxRepo } from './store/outbox-repo.js';
import { UomDelivery, type UomDeliveryOptions } from './uom/uom-delivery.js';
import { uomRoutes } from './uom/uom-routes.js';
import { assertCanAdjustCredit, assertCanReadCredit, assertCanReadOutbox } from './policy/access-policy.js';
import { creditRoutes } from './routes/credit.js';
import { CreditService } from './services/credit-service.js';
import { LiveTraffic } from './live/live-traffic.js';
import { DEFAULT_STREAM_OPTIONS, StreamHub, type StreamOptions } from './live/stream-hub.js';
import { Simulator } from './live/simulator.js';
import { departureWeights } from '../shared/sim/demand-weights.js';
import { DEFAULT_DEMAND } from '../shared/sim/traffic-generator.js';
import { SimClock } from '../shared/sim/sim-clock.js';
import { alone, createContext, type ServiceContext } from './services/context.js';
import { GroupCommit } from './services/group-commit.js';
import { startCheckpointer } from './store/checkpointer.js';
import { openDatabase } from './store/database.js';
import { isPostgresUrl, type StoreKind, storeKindOf } from './store/sql-db.js';
import { buildAirspace } from './scenario/build-airspace.js';
import { loadScenario, scenarioDir } from './scenario/load-scenario.js';
import { readRegistryFile, seedRegistry } from './scenario/seed-registry.js';

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
  /** UOM delivery tuning (tests shorten the back-off) */
  uom?: Partial<Omit<UomDeliveryOptions, 'outbox' | 'url'>>;
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
  uom: UomDelivery;
  planQuota: PlanQuota;
  clock: () => number;
  startedAt: number;
  /** the embedded store or PostgreSQL */
  store: StoreKind;
  /** this server's id; with PostgreSQL, the servers sharing the database (server/cluster/cluster.ts) */
  instance: string;
  cluster: Cluster | null;
  /** decisions committed in groups (the embedded store) */
  groupCommit: GroupCommit;
}

declare module 'fastify' {
  interface FastifyInstance {
    yukong: AppContext;
  }
}

const CLIENT_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/client');

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const limits = options.config.limits;
  const app = Fastify({
    logger: options.logger ? { serializers: { req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: redactUrl(req.url), remoteAddress: req.ip }) } } : false,
    bodyLimit: 256 * 1024,
    // a slow machine must not fail the start (swagger-ui and friends load files)
    pluginTimeout: 120_000,
    // a request arrives whole within requestTimeout; idle sockets close; half-sent bodies cannot pile up
    requestTimeout: limits.requestTimeoutMs,
    // the socket's idle timeout must outlast the request timeout's own check (it runs every
    // connectionsCheckingInterval), or an idle half-sent request is cut without its 408
    connectionTimeout: 3 * limits.requestTimeoutMs,
    keepAliveTimeout: 10_000,
    http: { headersTimeout: Math.min(20_000, limits.requestTimeoutMs), connectionsCheckingInterval: Math.min(5_000, limits.requestTimeoutMs) } as never,
    clientErrorHandler,
    frameworkErrors,
    routerOptions: { maxParamLength: 200 },
    // unknown fields and wrong types are errors, never silently dropped or coerced
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true, useDefaults: false } },
  });
  app.server.maxConnections = limits.maxConnections;
  // with the simulation on, the whole server runs on simulated time
  // with a warm-up, simulated time starts that much earlier and is run headless up to the start (below)
  // servers sharing PostgreSQL share one sky: simulated time is real time there (speed 1, no warm-up), so their clocks agree
  const shared = isPostgresUrl(options.config.dbPath);
  const simStartMs = shared ? Date.now() : (options.simStartMs ?? options.config.simStartMs ?? options.clock?.() ?? Date.now());
  const warmupMs = options.config.sim && !shared ? (options.config.simWarmupMin ?? 0) * 60_000 : 0;
  const simClock = options.config.sim ? new SimClock(simStartMs - warmupMs, shared ? 1 : options.config.simSpeed) : null;
  // whole milliseconds: simulated time runs at a speed and advances by fractions, and every instant the server writes or answers is a whole ms
  const rawClock = options.clock ?? (simClock ? () => simClock.now() : Date.now);
  const clock = () => Math.floor(rawClock());
  const scenario = options.scenario ?? loadScenario(options.config.scenario);
  const airspace = buildAirspace(scenario);
  const db = openDatabase(options.config.dbPath);
  // PostgreSQL: any number of servers on the database act as one; the change log is read from
  // before the state is loaded (a change committed meanwhile is applied again, never missed)
  const cluster = db instanceof PgDatabase ? new Cluster(db) : null;
  const services = createContext(db, airspace, scenario, clock, { registryMode: options.config.registry });
  // a listener or undo step that fails after a commit is logged; the commit stands and the others still run
  onHookError(db, (e) => app.log.error(e, 'a step after a commit failed (the commit stands)'));
  if (cluster) {
    services.serialise = (claim, fn) => cluster.decide(claim, fn);
    services.exclusive = (fn) => cluster.exclusive(fn);
    services.registryAlone = (fn) => cluster.registryAlone(fn);
  }
  services.pilotsPerCompany = limits.pilotsPerCompany ?? 0;
  // the scenario's registry (Chongqing: illustrative companies, fleets, pilots, policies) fills an empty registry
  const dir = options.scenario ? null : scenarioDir(options.config.scenario);
  const registryDoc = dir ? readRegistryFile(dir) : null;
  // (servers starting together on a new database: one fills, the others find it filled)
  alone(services, () => {
    if (registryDoc) seedRegistry(services, registryDoc);
    // landing points: the scenario's fill an empty table once; the database holds them from then on
    loadLandingPoints(services, scenario.landingPoints);
  });
  const outbox = OutboxRepo.for(db);
  if (!outbox) throw new Error('the database has no UOM outbox (its migration did not run)');
  const uom = new UomDelivery({
    outbox,
    url: options.config.uomUrl,
    clock,
    ...(options.config.uomToken ? { headers: { authorization: `Bearer ${options.config.uomToken}` } } : {}),
    log: (level, message) => app.log[level](message),
    trackRetentionMs: (options.config.uomTrackRetentionH ?? 24) * 3_600_000,
    timeoutMs: options.config.uomTimeoutMs ?? 10_000,
    backoffMaxMs: options.config.uomBackoffMaxMs ?? 300_000,
    // of several servers, the primary delivers, and only while it can count on its lease
    active: () => !cluster || cluster.isPrimary,
    ...options.uom,
  });
  services.listeners.add(() => uom.nudge());
  // positions are recorded for UOM only where a receiver is configured (they are real-time data, not a backlog to build up)
  const live = new LiveTraffic(services, scenario.stations, options.config.monitor, {
    uomTrackIntervalMs: options.config.uomUrl ? (options.config.uomTrackIntervalS ?? 1) * 1000 : 0,
    // of several servers, the primary closes what an earlier primary left open when it takes over
    closeOpenAlertsAtStart: !cluster,
    worker: options.config.liveWorker,
  });
  if (cluster) live.setRole('mirror');
  live.onMonitorFailure = (e) => app.log.error(e, "the conformance monitor's worker failed: monitoring goes on in the main thread");
  live.onConformanceFailure = (e) => app.log.error(e, "a plan's conformance could not be written; the tick's alerts went out");
  if (cluster) live.primaryConfirmed = () => cluster.confirmPrimary();
  live.onUomFailure = (tMs, failures) =>
    app.log.error(failures[0], `${failures.length} slice(s) of the positions of ${new Date(tMs).toISOString()} could not be written to the UOM outbox; they are reported at the next tick`);
  const credit = new CreditService(services, {
    live,
    companyExists: (id) => services.registry.company(id) !== undefined,
    companyName: (id) => services.registry.company(id)?.name,
    onError: (e) => app.log.error(e),
    // of several servers sharing a database, the primary scores (cursors and the score chain have one writer)
    active: () => !cluster || cluster.isPrimary,
    access: {
      assertCanRead: (a, id) => assertCanReadCredit(a, id, services.jurisdiction),
      assertCanAdjust: (a, id) => assertCanAdjustCredit(a, id, services.jurisdiction),
    },
  });
  services.credit = credit;
  // pricing: tariff versions (the illustrative default fills an empty table), X coverage for the surveillance element
  services.pricing = createPricing(services, (lng, lat, altitudeM) => live.surveillance.covers(lng, lat, altitudeM));
  // airspace editions: the effective ones' zones put back, any whose time came while stopped applied now and then on time
  const editionLog = (msg: string) => app.log.error(msg);
  replayEditions(services);
  applyDueEditions(services, editionLog);
  services.beforeDecision = () => applyDueEditions(services, editionLog);
  const editionTimer = setInterval(() => applyDueEditions(services, editionLog), 1000);
  editionTimer.unref();
  const stream = new StreamHub(services, options.config.adminToken, clock, { ...DEFAULT_STREAM_OPTIONS, ...options.stream });
  live.listeners.add((batch) => stream.broadcast(batch));
  const simulator = simClock
    ? new Simulator(services, live, simClock, {
        seed: options.config.simSeed,
        rogues: options.config.simRogues,
        demand: { ...DEFAULT_DEMAND, flightsPerHour: options.config.simFlightsPerHour },
        // follows landing points created or retired at runtime
        departureWeightsOf: (points) => departureWeights(points),
      })
    : null;
  // studies left unfinished fail at start, unless other servers are alive (theirs may be running)
  const rollouts = new RolloutJobs(db, scenario, clock, undefined, undefined, !cluster?.othersAlive());
  const trackUsage = new TrackUsageRecorder(live);
  // decisions arriving together commit together (the embedded store; server/services/group-commit.ts)
  const groupCommit = new GroupCommit(db, options.config.groupCommitMax ?? 64);
  groupCommit.onError = (e) => app.log.error(e);
  const planQuota = new PlanQuota(limits.plansPerHour, Date.now, limits.plansPerCompanyHour ?? 0);
  // steady state from the first minute: flights filed, decided and flown through the same workflow
  if (simulator && warmupMs > 0) simulator.runFor(warmupMs, 5_000);
  const instance = cluster?.instance ?? `${hostname()}:${process.pid}`;
  app.decorate('yukong', {
    config: options.config,
    scenario,
    airspace,
    services,
    live,
    stream,
    simulator,
    rollouts,
    trackUsage,
    uom,
    planQuota,
    groupCommit,
    clock,
    startedAt: clock(),
    store: storeKindOf(db),
    instance,
    cluster,
  });
  if (cluster) {
    relayLive(cluster, live, (e) => app.log.error(e, 'live relay'));
    cluster.onError = (e) => app.log.error(e, 'following the other servers');
    cluster.start({
      apply: (notes, remote) =>
        applyNotes(services, notes, remote, {
          principalRevoked: (id) => stream.disconnectPrincipal(id, 'revoked'),
          creditChanged: (id) => credit.forget(id),
          listenerFailed: (e) => app.log.error(e, "a plan event of another server's"),
        }),
      // the primary runs the monitor (alerts once), the simulation (live-loop.ts) and the UOM delivery
      primaryChanged: (primary) => {
        // a server that becomes the primary starts its monitor empty; the alerts left open are raised again while they hold
        live.setRole(primary ? 'primary' : 'mirror');
        app.log.info(`${instance} is ${primary ? 'now' : 'no longer'} the primary`);
        if (primary) uom.start();
        else void uom.stop();
      },
    });
  }
  app.server.on('upgrade', (req, socket, head) => {
    if ((req.url ?? '').split('?')[0] === '/api/v1/stream') stream.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  const checkpointer = options.config.dbPath === ':memory:' || storeKindOf(db) !== 'sqlite' ? null : startCheckpointer(options.config.dbPath);
  app.addHook('preClose', async () => {
    stream.close();
  });
  app.addHook('onClose', async () => {
    clearInterval(editionTimer);
    cluster?.beginClose(); // no lease taken from now on
    // the live pipeline first: its UOM positions under way stop after the slice being written
    await live.close();
    await uom.stop(); // before the database closes
    // the primary lease last: no other server takes over the monitor and the UOM delivery while this one still runs them
    cluster?.close();
    credit.close();
    await rollouts.close();
    await checkpointer?.stop();
    db.close();
  });
  app.removeContentTypeParser('text/plain'); // the API speaks JSON only: anything else is 415
  // responses are checked against their declared schemas (strict in tests), then sent as JSON
  app.setSerializerCompiler(responseSerializerCompiler(options.config.strictResponses, (msg) => app.log.error(msg)));
  // nesting depth is checked before JSON.parse and validation (Fastify's own parser, its poisoning checks as they were;
  // it reads a Buffer as it reads a string)
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, depthCheckedJsonParser(parseJson as never, DEFAULT_MAX_JSON_DEPTH));
  installErrorHandling(app);
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
  app.get('/api/v1/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger());
  await app.register(healthRoutes, { prefix: '/api/v1' });
  await app.register(
    async (api) => {
      // who (token, header only) and what (permission) are decided before the body is read
      installRouteGuard(api, { authenticate: (req) => authenticate(tokenOf(req), options.config.adminToken, services.principals) });
      if (limits.requestsPerMinute > 0) {
        await api.register(fastifyRateLimit, {
          hook: 'onRequest',
          global: true,
          max: limits.requestsPerMinute,
          timeWindow: 60_000,
          keyGenerator: (req) => (req.principal ? `p:${req.principal.id}` : `ip:${req.ip}`),
          errorResponseBuilder: (_req, c) =>
            new ApiError('RATE_LIMITED', `too many requests: at most ${c.max} a minute; retry in ${Math.ceil(c.ttl / 1000)} s`, { limit: c.max, retryAfterS: Math.ceil(c.ttl / 1000) }),
        });
      }
      await api.register(flightPlanRoutes(services, planQuota, groupCommit));
      await api.register(catalogueRoutes(services, (id) => stream.disconnectPrincipal(id, 'revoked')));
      await api.register(interopRoutes(services, planQuota));
      await api.register(liveRoutes(services, live));
      await api.register(simRoutes(() => app.yukong.simulator));
      await api.register(streamRoutes(stream));
      await api.register(registryRoutes(services));
      await api.register(creditRoutes(credit));
      await api.register(uomRoutes(uom, { authorize: (p) => assertCanReadOutbox(p, services.jurisdiction) }));
      await api.register(plannerRoutes(services, rollouts, trackUsage, scenario));
      await api.register(demoRoutes(services, options.config.demo ?? false));
      await api.register(landingPointRoutes(services));
      await api.register(editionRoutes(services));
      await api.register(tariffRoutes(services));
      await api.register(billingRoutes(services));
    },
    { prefix: '/api/v1' },
  );
  if (existsSync(CLIENT_DIST)) await app.register(fastifyStatic, { root: CLIENT_DIST, wildcard: false });
  if (!cluster || cluster.isPrimary) uom.start(); // delivers only when YUKONG_UOM_URL is set (of several servers: the primary)
  return app;
}
