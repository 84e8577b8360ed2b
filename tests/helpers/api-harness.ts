/** Builds an app on a temporary database with a controllable clock and a set of principals. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.js';
import { configFromEnv } from '../../server/config.js';
import { createTestStore } from './test-store.js';
import { withUsccCheck } from '../../shared/registry/uscc.js';

export const ADMIN = 'test-admin-token';
export type Square = [number, number];

export interface Harness {
  app: FastifyInstance;
  dir: string;
  /** the store: a SQLite file, or a postgres:// URL when the tests run on PostgreSQL */
  dbPath: string;
  clock: { now: number };
  tokens: Record<string, string>;
  call: (who: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers?: Record<string, string>) => Promise<{ status: number; body: any }>;
  reopen: () => Promise<void>;
  close: () => Promise<void>;
}

const PRINCIPALS: Record<string, Record<string, string>> = {
  acme: { role: 'pilot', name: 'ACME pilot', operatorId: 'ACME' },
  other: { role: 'pilot', name: 'Other pilot', operatorId: 'OTHER' },
  beibei: { role: 'operator', name: 'Beibei operator', stationId: 'B-500109' },
  wanzhou: { role: 'operator', name: 'Wanzhou operator', stationId: 'B-500101' },
  city: { role: 'operator', name: 'A station operator', stationId: 'A-CQ' },
  viewer: { role: 'viewer', name: 'viewer' },
  planner: { role: 'planner', name: 'planner' },
};

export async function createHarness(startIso = '2026-12-01T00:00:00Z', env: Record<string, string> = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'yukong-'));
  const store = createTestStore(dir);
  const dbPath = store.url;
  const clock = { now: Date.parse(startIso) };
  const make = () => buildApp({ config: configFromEnv({ YUKONG_DB: dbPath, YUKONG_ADMIN_TOKEN: ADMIN, YUKONG_SIM: 'off', YUKONG_REGISTRY: 'off', VITEST: 'true', ...env }), clock: () => clock.now });
  const h: Harness = {
    app: await make(),
    dir,
    dbPath,
    clock,
    tokens: { admin: ADMIN },
    call: async (who, method, url, payload, headers = {}) => {
      const auth = who === 'anonymous' ? {} : { authorization: `Bearer ${h.tokens[who] ?? who}` };
      const r = await h.app.inject({
        method,
        url,
        headers: { ...auth, ...headers },
        ...(payload === undefined ? {} : typeof payload === 'string' ? { payload, headers: { 'content-type': 'application/json', ...auth, ...headers } } : { payload: payload as object }),
      });
      return {
        status: r.statusCode,
        body: r.body
          ? (() => {
              try {
                return r.json();
              } catch {
                return r.body;
              }
            })()
          : undefined,
      };
    },
    reopen: async () => {
      await h.app.close();
      h.app = await make();
    },
    close: async () => {
      await h.app.close();
      store.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  for (const [name, p] of Object.entries(PRINCIPALS)) {
    const r = await h.call('admin', 'POST', '/api/v1/principals', p);
    if (r.status !== 201) throw new Error(`principal ${name}: ${JSON.stringify(r.body)}`);
    h.tokens[name] = r.body.token;
  }
  return h;
}

/** A valid unified social credit code, different for each seed (Chongqing division 500000). */
export const usccFor = (seed: number) =>
  withUsccCheck(
    `91500000${String(seed)
      .padStart(8, '0')
      .replace(/[^0-9]/g, '0')}M`.slice(0, 17),
  );

/** Registers a company (as the admin) and grants it credentials (as the A station); returns its id. */
export async function registerCompany(h: Harness, id: string, seed: number, credentials: string[] = []): Promise<string> {
  const r = await h.call('admin', 'POST', '/api/v1/companies', { id, name: `${id} Co.`, uscc: usccFor(seed) });
  if (r.status !== 201) throw new Error(`company ${id}: ${JSON.stringify(r.body)}`);
  if (credentials.length) {
    const g = await h.call('city', 'POST', `/api/v1/companies/${id}/credentials`, { grant: credentials, reason: 'verified' });
    if (g.status !== 200) throw new Error(`credentials ${id}: ${JSON.stringify(g.body)}`);
  }
  return id;
}

/** A small square plan at `c` (default: inside Beibei, suitable airspace). */
/** A square outline of half-side `d` degrees around `c`. */
export const square = (c: readonly [number, number], d: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [c[0] - d, c[1] - d],
      [c[0] + d, c[1] - d],
      [c[0] + d, c[1] + d],
      [c[0] - d, c[1] + d],
      [c[0] - d, c[1] - d],
    ],
  ],
});

export function planBody(over: { c?: Square; lower?: number; upper?: number; start?: string; end?: string; mission?: string; category?: string; priority?: number; halfDeg?: number } = {}) {
  const [x, y] = over.c ?? [106.4, 29.83];
  const d = over.halfDeg ?? 0.004;
  return {
    aircraft: { registration: 'UAS-CQ-000123', category: over.category ?? 'light' },
    mission: over.mission ?? 'logistics',
    ...(over.priority === undefined ? {} : { priority: over.priority }),
    volumes: [
      {
        outline: square([x, y], d),
        altitudeLowerM: over.lower ?? 30,
        altitudeUpperM: over.upper ?? 100,
        timeStart: over.start ?? '2026-12-01T02:00:00Z',
        timeEnd: over.end ?? '2026-12-01T02:30:00Z',
      },
    ],
  };
}
