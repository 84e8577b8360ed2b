/**
 * One clock: with the simulation at ×10 the page shows the server's time (not the computer's),
 * the time slider's "now" is the server's now, a restriction published now is drawn at once, and
 * a wrong token is refused with a clear error and nothing signed in.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveLoop } from '../../server/live/live-loop.js';
import { ARTIFACTS, TEST_MS, WAIT_MS, collectErrors, useBrowserApp } from './browser-harness.js';
import { englishWords } from './visible-english.js';

// simulated time starts a day ahead of the computer's, and runs ten times faster
const START = new Date(Date.now() + 26 * 3_600_000 + 44 * 60_000).toISOString();
const env = useBrowserApp({ YUKONG_SIM: 'on', YUKONG_SIM_SPEED: '10', YUKONG_SIM_WARMUP_MIN: '0', YUKONG_SIM_DEMAND: '30', YUKONG_SIM_ROGUES: '0', YUKONG_SIM_START: START });
let stop: (() => void) | null = null;
beforeAll(() => {
  stop = startLiveLoop(env.app);
});
afterAll(() => stop?.());

type W = { __yukongReady?: boolean; __yukongMap: { querySourceFeatures(id: string): { properties: Record<string, unknown> }[] } };

async function signIn(page: Page, token: string): Promise<void> {
  await page.goto(env.url);
  await page.fill('[data-testid=sign-in] input', token);
  await page.click('[data-testid=sign-in] button');
  await page.waitForSelector('[data-testid=me]:has-text("built-in admin")');
  await page.waitForFunction(() => (window as unknown as W).__yukongReady === true);
}

describe('web client: one clock', () => {
  it(
    "the slider's now is the server's now (simulated, ×10), with the badge, in UTC+8",
    async () => {
      const page = await env.browser.newPage({ viewport: { width: 1440, height: 900 } });
      const errors = collectErrors(page);
      await signIn(page, 'browser-admin');
      await page.waitForSelector('[data-testid=sim-badge]:has-text("模拟时间 ×10")');
      // the clock has been synced from health: compare with the server's clock at the same moment
      await page.waitForFunction(() => Number(document.querySelector('[data-testid=time-slider-value]')?.getAttribute('data-ms')) > 0);
      const shownMs = Number(await page.getAttribute('[data-testid=time-slider-value]', 'data-ms'));
      const serverMs = env.app.yukong.clock();
      expect(Math.abs(shownMs - serverMs)).toBeLessThan(60_000);
      // far from the computer's clock: the page did not use it
      expect(Math.abs(shownMs - Date.now())).toBeGreaterThan(24 * 3_600_000);
      // shown in UTC+8, to the minute (not rounded down to the hour)
      const beijing = new Date(serverMs + 8 * 3_600_000).toISOString();
      const text = await page.textContent('[data-testid=time-slider-value]');
      expect(text?.slice(0, 5)).toBe(beijing.slice(5, 10));
      expect(Math.abs(Number(text?.slice(6, 8)) * 60 + Number(text?.slice(9, 11)) - (Number(beijing.slice(11, 13)) * 60 + Number(beijing.slice(14, 16))))).toBeLessThanOrEqual(1);
      // the clock keeps running at ×10: 2 real seconds later the page's now has moved ~20 s
      await page.waitForFunction((before) => Number(document.querySelector('[data-testid=time-slider-value]')?.getAttribute('data-ms')) > before + 10_000, shownMs, { timeout: WAIT_MS });
      await page.screenshot({ path: join(ARTIFACTS, 'one-clock.png') });
      expect(errors).toEqual([]);
      await page.close();
    },
    TEST_MS,
  );

  it(
    'a restriction published now is drawn at once',
    async () => {
      const nowMs = env.app.yukong.clock();
      const r = await env.app.inject({
        method: 'POST',
        url: '/api/v1/zones',
        headers: { authorization: 'Bearer browser-admin' },
        payload: {
          id: 'TMP-NOW',
          name: '临时管制 测试',
          outline: { type: 'Circle', center: [106.9, 29.9], radiusM: 2000 },
          altitudeLowerM: 0,
          altitudeUpperM: 300,
          applicability: { kind: 'window', start: new Date(nowMs).toISOString(), end: new Date(nowMs + 2 * 3_600_000).toISOString() },
          reason: 'test',
        },
      });
      expect(r.statusCode).toBe(201);
      const page = await env.browser.newPage({ viewport: { width: 1440, height: 900 } });
      const errors = collectErrors(page);
      await signIn(page, 'browser-admin');
      await page.waitForFunction(() => {
        const f = (window as unknown as W).__yukongMap.querySourceFeatures('zones').find((x) => x.properties.id === 'TMP-NOW');
        return f?.properties.active === true;
      });
      await page.screenshot({ path: join(ARTIFACTS, 'one-clock-restriction.png') });
      expect(errors).toEqual([]);
      await page.close();
    },
    TEST_MS,
  );

  it(
    'a wrong token: a clear error, nothing signed in',
    async () => {
      const page = await env.browser.newPage({ viewport: { width: 1440, height: 900 } });
      const errors = collectErrors(page);
      await page.goto(env.url);
      await page.waitForSelector('[data-testid=first-screen]');
      await page.fill('[data-testid=sign-in] input', 'not-a-token');
      await page.click('[data-testid=sign-in] button');
      const message = await page.waitForSelector('[data-testid=sign-in-error]');
      expect(await message.textContent()).toContain('访问令牌无效');
      expect(await page.$('[data-testid=me]')).toBeNull();
      expect(await page.$('[data-testid=counters]')).toBeNull();
      expect(await page.evaluate(() => localStorage.getItem('yukong.token'))).toBeNull();
      // the first screen and the legend say it all in Chinese
      expect(englishWords(`${await page.textContent('[data-testid=first-screen]')} ${await page.textContent('[data-testid=legend]')} ${await page.textContent('[data-testid=server-clock]')}`)).toEqual(
        [],
      );
      await page.screenshot({ path: join(ARTIFACTS, 'wrong-token.png') });
      // the refused requests are logged by the browser: nothing else went wrong
      expect(errors.filter((e) => !/401|Unauthorized/i.test(e))).toEqual([]);
      await page.close();
    },
    TEST_MS,
  );
});
