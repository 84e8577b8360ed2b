/** Plans and principals for the browser tests of the workplaces: registered companies, pilots and operators, routes filed over Beibei. */
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, expect } from 'vitest';
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

export async function rejectAsAdmin(env: Env, id: string, reason: string): Promise<void> {
  const r = await env.app.inject({ method: 'POST', url: `/api/v1/flight-plans/${id}/reject`, headers: admin, payload: { reason } });
  expect(r.statusCode, r.body).toBe(200);
}

export async function planState(env: Env, id: string): Promise<string> {
  return (await env.app.inject({ method: 'GET', url: `/api/v1/flight-plans/${id}`, headers: admin })).json().state;
}

/** A page of its own (its own browser context: storage, token) and the errors it logs. */
export interface Session {
  readonly page: Page;
  readonly errors: string[];
  /** Closes the page and its context: an open page keeps drawing its map, and the machine has two cores. */
  close(): Promise<void>;
}

export async function openAs(env: Env, token: string, options: { viewport?: { width: number; height: number }; locale?: string } = {}): Promise<Session> {
  const context = await env.browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 900 }, locale: 'locale' in options ? options.locale : 'zh-CN' });
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(`${env.url}/?token=${token}`);
  await page.waitForFunction(() => (window as unknown as { __yukongReady?: boolean }).__yukongReady === true, null, { timeout: WAIT_MS });
  return { page, errors, close: () => context.close() };
}

/** Signs out and in again with another token on the same page: the map stays loaded, the new principal's workplace opens. */
export async function switchTo(page: Page, token: string): Promise<void> {
  await page.click('[data-testid=sign-out]');
  await page.fill('[data-testid=sign-in] input', token);
  await page.click('[data-testid=sign-in] button');
  await page.waitForSelector('[data-testid=me]');
}

/**
 * One page for the tests of a file, signed in as each test needs: the first `as` opens it, the next
 * ones sign out and in again on it (a page load and a map start saved each time). Each `as` starts
 * its errors afresh (the sign-out and sign-in count for the new principal); closed after the file.
 */
export function usePage(env: Env, options: Parameters<typeof openAs>[2] = {}): { as(token: string): Promise<Session> } {
  let session: Session | null = null;
  afterAll(async () => {
    await session?.close();
  });
  return {
    async as(token) {
      if (!session) {
        session = await openAs(env, token, options);
        return session;
      }
      session.errors.length = 0;
      await switchTo(session.page, token);
      return session;
    },
  };
}

/** What a reader sees inside an element (innerText: only what is rendered). */
// biome-ignore lint/performance/useDomNodeTextContent: the visible text is the point
export const visibleText = (page: Page, selector: string): Promise<string> => page.$eval(selector, (el) => (el as HTMLElement).innerText);
