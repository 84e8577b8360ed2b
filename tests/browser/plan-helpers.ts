/** Plans and principals for the browser tests of the workplaces: registered companies, pilots and operators, routes filed over Beibei. */
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { usccFor } from '../helpers/api-harness.js';
import { collectErrors, WAIT_MS } from './browser-harness.js';

export interface Env {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly browser: Browser;
}

const admin = { authorization: 'Bearer browser-admin' };

/** A registered company (its credit shows beside its plans). */
export async function company(env: Env, id: string, seed: number): Promise<void> {
  const r = await env.app.inject({ method: 'POST', url: '/api/v1/companies', headers: admin, payload: { id, name: `${id} 航空`, uscc: usccFor(seed) } });
  expect(r.statusCode, r.body).toBe(201);
}

export async function principal(env: Env, body: Record<string, string>): Promise<string> {
  const r = await env.app.inject({ method: 'POST', url: '/api/v1/principals', headers: admin, payload: body });
  return r.json().token;
}

/** A route over Beibei at 150–200 m (pending at B-500109), departing in `departInMin` minutes. */
export async function file(env: Env, token: string, registration: string, departInMin = 60): Promise<string> {
  const r = await env.app.inject({
    method: 'POST',
    url: '/api/v1/flight-plans',
    headers: { authorization: `Bearer ${token}` },
    payload: {
      aircraft: { registration, category: 'light' },
      mission: 'logistics',
      route: {
        waypoints: [
          [106.4, 29.83],
          [106.42, 29.835],
        ],
        corridorHalfWidthM: 25,
        cruiseSpeedMps: 12,
        altitudeLowerM: 150,
        altitudeUpperM: 200,
        departAt: new Date(Date.now() + departInMin * 60_000).toISOString(),
      },
    },
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

export async function approveAsAdmin(env: Env, id: string): Promise<void> {
  const r = await env.app.inject({ method: 'POST', url: `/api/v1/flight-plans/${id}/approve`, headers: admin, payload: {} });
  expect(r.statusCode, r.body).toBe(200);
}

export async function planState(env: Env, id: string): Promise<string> {
  return (await env.app.inject({ method: 'GET', url: `/api/v1/flight-plans/${id}`, headers: admin })).json().state;
}

export async function openAs(env: Env, token: string): Promise<{ page: Page; errors: string[] }> {
  const context = await env.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(`${env.url}/?token=${token}`);
  await page.waitForFunction(() => (window as unknown as { __yukongReady?: boolean }).__yukongReady === true, null, { timeout: WAIT_MS });
  return { page, errors };
}

/** What a reader sees inside an element (innerText: only what is rendered). */
// biome-ignore lint/performance/useDomNodeTextContent: the visible text is the point
export const visibleText = (page: Page, selector: string): Promise<string> => page.$eval(selector, (el) => (el as HTMLElement).innerText);
