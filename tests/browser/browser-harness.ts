/**
 * Browser tests: the built client served by the real app on loopback, driven by Debian's
 * chromium through playwright-core (never a downloaded browser).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { buildApp } from '../../server/app.js';
import { configFromEnv } from '../../server/config.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const ARTIFACTS = join(ROOT, 'test-results');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function buildClient(): Promise<void> {
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'error' });
}

export async function startServer(env: Record<string, string> = {}): Promise<{ app: FastifyInstance; url: string }> {
  const app = await buildApp({ config: configFromEnv({ YUKONG_DB: ':memory:', YUKONG_ADMIN_TOKEN: 'browser-admin', YUKONG_SIM: 'off', ...env }) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const a = app.server.address();
  return { app, url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}` };
}

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`chromium not found at ${CHROMIUM}: apt-get install -y chromium (CI does this in .ci/run)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'] });
}
