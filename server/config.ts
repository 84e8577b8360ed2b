/** Runtime configuration from the environment (all optional; see CONTRACT and README). */
import { randomBytes } from 'node:crypto';

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
}

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
  };
}
