/** Runtime configuration from the environment (all optional; see CONTRACT and README). */
import { randomBytes } from 'node:crypto';
import { DEFAULT_MONITOR_CONFIG, type MonitorConfig } from '../shared/monitor/conformance-monitor.js';

const num = (v: string | undefined, d: number) => (v !== undefined && v !== '' && Number.isFinite(Number(v)) && Number(v) >= 0 ? Number(v) : d);

export interface AppConfig {
  port: number;
  host: string;
  dbPath: string;
  scenario: string;
  adminToken: string;
  adminTokenGenerated: boolean;
  sim: boolean;
  simSpeed: number;
  simSeed: number;
  /** simulated demand (flight requests per hour) and rogue (non-cooperative) aircraft */
  simFlightsPerHour: number;
  simRogues: number;
  /** simulated minutes run headless before serving, so the sky is in steady state at start (0: start empty) */
  simWarmupMin: number;
  /** when simulated time starts (default: now) */
  simStartMs?: number;
  monitor: MonitorConfig;
  /** the live pipeline's conformance monitor in a worker thread (on) or in the main thread (off) */
  liveWorker: boolean;
  /** an online MapLibre style for deployments that have one; the offline basemap otherwise */
  mapStyleUrl?: string;
  limits: LimitsConfig;
  /** the real-name registry: `enforce` rejects what it finds, `off` reports it as information */
  registry: 'enforce' | 'off';
  /** where flight records are delivered (the national UOM platform); null: they wait in the outbox */
  uomUrl: string | null;
  uomToken?: string;
  /** positions of registered aircraft to UOM at most once per aircraft per this many seconds (0: none); only with a receiver */
  uomTrackIntervalS: number;
  /** a delivery POST must be answered within this (ms); retryable failures back off up to uomBackoffMaxMs */
  uomTimeoutMs: number;
  uomBackoffMaxMs: number;
  /** delivered position records are deleted after this many hours (plan and alert records are kept) */
  uomTrackRetentionH: number;
  /** one-click demo sign-in (a local demo install): on by default with the Chongqing scenario on a loopback host */
  demo: boolean;
  /** a response that does not match its schema fails (500) instead of being logged (tests) */
  strictResponses: boolean;
  /** decisions arriving together are committed together, at most this many (1: each on its own); the embedded store only */
  groupCommitMax?: number;
}

/** What one client may cost the server. 0 turns a limit off. */
export interface LimitsConfig {
  /** HTTP requests per principal per minute */
  requestsPerMinute: number;
  /** flight plans a principal may submit per hour (batch plans count one by one) */
  plansPerHour: number;
  /** flight plans all the pilots of one company may submit per hour together */
  plansPerCompanyHour: number;
  /** pilots a company may have (revoked ones included: each was a token once) */
  pilotsPerCompany: number;
  /** a request must arrive whole within this (ms); slower bodies get 408 */
  requestTimeoutMs: number;
  /** open HTTP connections in total */
  maxConnections: number;
}

export const DEFAULT_LIMITS: LimitsConfig = { requestsPerMinute: 1200, plansPerHour: 1000, plansPerCompanyHour: 10_000, pilotsPerCompany: 2000, requestTimeoutMs: 30_000, maxConnections: 4096 };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const scenario = env.YUKONG_SCENARIO || 'chongqing';
  const generated = !env.YUKONG_ADMIN_TOKEN;
  return {
    port: Number(env.PORT ?? 8080),
    host: env.HOST ?? '127.0.0.1',
    dbPath: env.YUKONG_DB ?? './data/yukong.db',
    scenario,
    adminToken: env.YUKONG_ADMIN_TOKEN || randomBytes(24).toString('base64url'),
    adminTokenGenerated: generated,
    sim: (env.YUKONG_SIM ?? (scenario === 'chongqing' ? 'on' : 'off')) === 'on',
    simSpeed: Math.min(60, Math.max(1, Number(env.YUKONG_SIM_SPEED ?? 1) || 1)),
    simSeed: Number(env.YUKONG_SIM_SEED ?? 1) || 1,
    simFlightsPerHour: num(env.YUKONG_SIM_DEMAND, 600),
    simRogues: num(env.YUKONG_SIM_ROGUES, 3),
    simWarmupMin: Math.min(24 * 60, num(env.YUKONG_SIM_WARMUP_MIN, 60)),
    ...(env.YUKONG_SIM_START && Number.isFinite(Date.parse(env.YUKONG_SIM_START)) ? { simStartMs: Date.parse(env.YUKONG_SIM_START) } : {}),
    ...(env.YUKONG_MAP_STYLE_URL ? { mapStyleUrl: env.YUKONG_MAP_STYLE_URL } : {}),
    ...(env.YUKONG_TIANDITU_KEY && !env.YUKONG_MAP_STYLE_URL ? { mapStyleUrl: `tianditu:${env.YUKONG_TIANDITU_KEY}` } : {}), // 天地图 raster tiles (client/src/basemap-style.ts)
    registry: (env.YUKONG_REGISTRY ?? (scenario === 'empty' ? 'off' : 'enforce')) === 'off' ? 'off' : 'enforce',
    uomUrl: env.YUKONG_UOM_URL || null,
    ...(env.YUKONG_UOM_TOKEN ? { uomToken: env.YUKONG_UOM_TOKEN } : {}),
    uomTrackIntervalS: num(env.YUKONG_UOM_TRACK_INTERVAL_S, 1),
    uomTimeoutMs: (num(env.YUKONG_UOM_TIMEOUT_S, 10) || 10) * 1000,
    uomBackoffMaxMs: (num(env.YUKONG_UOM_BACKOFF_MAX_S, 300) || 300) * 1000,
    uomTrackRetentionH: num(env.YUKONG_UOM_TRACK_RETENTION_H, 24),
    limits: {
      requestsPerMinute: num(env.YUKONG_RATE_LIMIT_PER_MIN, DEFAULT_LIMITS.requestsPerMinute),
      plansPerHour: num(env.YUKONG_PLAN_QUOTA_PER_HOUR, DEFAULT_LIMITS.plansPerHour),
      plansPerCompanyHour: num(env.YUKONG_PLAN_QUOTA_PER_COMPANY_HOUR, DEFAULT_LIMITS.plansPerCompanyHour),
      pilotsPerCompany: num(env.YUKONG_PILOTS_PER_COMPANY, DEFAULT_LIMITS.pilotsPerCompany),
      requestTimeoutMs: num(env.YUKONG_REQUEST_TIMEOUT_MS, DEFAULT_LIMITS.requestTimeoutMs) || DEFAULT_LIMITS.requestTimeoutMs,
      maxConnections: num(env.YUKONG_MAX_CONNECTIONS, DEFAULT_LIMITS.maxConnections) || DEFAULT_LIMITS.maxConnections,
    },
    demo: (env.YUKONG_DEMO ?? (scenario === 'chongqing' && LOOPBACK.has(env.HOST ?? '127.0.0.1') ? 'on' : 'off')) === 'on',
    groupCommitMax: Math.max(1, num(env.YUKONG_GROUP_COMMIT_MAX, 64)),
    strictResponses: env.YUKONG_STRICT_RESPONSES === 'on' || (env.YUKONG_STRICT_RESPONSES !== 'off' && !!env.VITEST),
    liveWorker: env.YUKONG_LIVE_WORKER === 'on' || (env.YUKONG_LIVE_WORKER !== 'off' && !env.VITEST),
    monitor: {
      ...DEFAULT_MONITOR_CONFIG,
      separationHorizontalM: num(env.YUKONG_SEPARATION_H_M, DEFAULT_MONITOR_CONFIG.separationHorizontalM),
      separationVerticalM: num(env.YUKONG_SEPARATION_V_M, DEFAULT_MONITOR_CONFIG.separationVerticalM),
      lostLinkS: num(env.YUKONG_LOST_LINK_S, DEFAULT_MONITOR_CONFIG.lostLinkS),
    },
  };
}
