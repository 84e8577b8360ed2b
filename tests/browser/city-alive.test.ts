/**
 * A city alive from the first minute: the real live loop at ×1 on a server that started with the
 * simulation warmed up; within a minute of signing in the page counts at least 30 aircraft in the air.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLiveLoop } from '../../server/live/live-loop.js';
import { ARTIFACTS, TEST_MS, collectErrors, useBrowserApp } from './browser-harness.js';
import { signInAdmin } from './map-page.js';

const env = useBrowserApp({ YUKONG_SIM: 'on', YUKONG_SIM_SPEED: '1', YUKONG_SIM_START: '2026-12-01T02:00:00Z' });
let stop: (() => void) | null = null;
afterAll(() => stop?.());

describe('web client: a city alive', () => {
  it(
    'at ×1, at least 30 aircraft are airborne on the page within a minute of start',
    async () => {
      stop = startLiveLoop(env.app);
      const page = await env.browser.newPage({ viewport: { width: 1440, height: 900 } });
      const errors = collectErrors(page);
      const t0 = Date.now();
      await signInAdmin(page, env.url);
      await page.waitForFunction(() => Number(document.querySelector('[data-testid=count-airborne]')?.textContent) >= 30, null, { timeout: 60_000 });
      expect(Date.now() - t0).toBeLessThan(60_000);
      await page.screenshot({ path: join(ARTIFACTS, 'city-alive.png') });
      expect(errors).toEqual([]);
      await page.close();
    },
    TEST_MS,
  );
});
