/**
 * Browser tests: the built client served by the real app on loopback, driven by Debian's
 * chromium through playwright-core (never a downloaded browser).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../server/app.js';
import { configFromEnv } from '../../server/config.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const ARTIFACTS = join(ROOT, 'test-results');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * Browser tests wait on conditions (a selector, a state the page reports), never for a fixed
 * time; this is only the ceiling after which a wait gives up, generous so that a loaded 2-core
 * machine is slow rather than failing. A test's own ceiling is TEST_MS.
 */
export const WAIT_MS = Number(process.env.BROWSER_WAIT_MS ?? 120_000);
export const TEST_MS = 4 * WAIT_MS;

/** Polls `ok` until it holds (or WAIT_MS passes): for server-side conditions. */
export async function until(ok: () => boolean, what: string, stepMs = 50): Promise<void> {
  const end = Date.now() + WAIT_MS;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/** What the built client is made of: its sources, what it imports from shared/ and seeds/, the build's configuration and the installed packages. */
const CLIENT_INPUTS = ['client', 'shared', 'seeds', 'vite.config.ts', 'tsconfig.json', 'package-lock.json'];
const CLIENT_DIST = join(ROOT, 'dist/client');
const BUILT_FROM = join(CLIENT_DIST, '.built-from');

function files(path: string): string[] {
  if (!existsSync(path)) return [];
  try {
    return readdirSync(path, { withFileTypes: true }).flatMap((e) => (e.name === 'node_modules' ? [] : files(join(path, e.name))));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOTDIR') return [path];
    throw e;
  }
}

/** A digest of every input's path and content: the same digest, the same client. */
function inputsDigest(): string {
  const h = createHash('sha256');
  for (const f of CLIENT_INPUTS.flatMap((p) => files(join(ROOT, p))).sort()) h.update(relative(ROOT, f)).update('\0').update(readFileSync(f)).update('\0');
  return h.digest('hex');
}

/**
 * Builds the client unless dist/client was built from exactly the present inputs (the browser test
 * files run one after another, and each would otherwise build the same client again).
 */
export async function buildClient(): Promise<void> {
  const digest = inputsDigest();
  if (existsSync(join(CLIENT_DIST, 'index.html')) && existsSync(BUILT_FROM) && readFileSync(BUILT_FROM, 'utf8') === digest) return;
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'error' });
  writeFileSync(BUILT_FROM, digest);
}

export async function startServer(env: Record<string, string> = {}): Promise<{ app: FastifyInstance; url: string }> {
  // the registry reports rather than rejects unless a test asks for `enforce`: a pilot then types any registration
  const app = await buildApp({ config: configFromEnv({ YUKONG_DB: ':memory:', YUKONG_ADMIN_TOKEN: 'browser-admin', YUKONG_SIM: 'off', YUKONG_REGISTRY: 'off', ...env }) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const a = app.server.address();
  return { app, url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}` };
}

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`chromium not found at ${CHROMIUM}: apt-get install -y chromium (CI does this in .ci/run)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/** One built client, one server and one browser for a test file; torn down after it. */
export function useBrowserApp(env: Record<string, string> = {}): { readonly app: FastifyInstance; readonly url: string; readonly browser: Browser } {
  const s = {} as { app: FastifyInstance; url: string; browser: Browser };
  beforeAll(async () => {
    // chromium starts while the client is built and the server starts
    const browser = launch();
    try {
      await buildClient();
      Object.assign(s, await startServer(env));
    } finally {
      s.browser = await browser;
    }
  }, TEST_MS);
  afterAll(async () => {
    await s.browser?.close();
    await s.app?.close();
  });
  return s;
}

/** Console errors and uncaught page errors, collected for an assertion at the end; the page waits up to WAIT_MS. */
export function collectErrors(page: Page): string[] {
  page.setDefaultTimeout(WAIT_MS);
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}
