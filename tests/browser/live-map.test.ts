/** Signed in, the map shows zones, landing points and live aircraft from the stream, with counters. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, TEST_MS, WAIT_MS, collectErrors, until, useBrowserApp } from './browser-harness.js';

const env = useBrowserApp();

describe('web client: live map', () => {
  it(
    'signs in with a token and draws zones, landing points and moving aircraft',
    async () => {
      const page = await env.browser.newPage({ viewport: { width: 1280, height: 860 } });
      const errors = collectErrors(page);
      await page.goto(env.url);
      await page.fill('[data-testid=sign-in] input', 'browser-admin');
      await page.click('[data-testid=sign-in] button');
      await expect(page.waitForSelector('text=built-in admin', { timeout: WAIT_MS })).resolves.toBeTruthy();
      type W = { __yukongMap: { loaded(): boolean; getSource(id: string): unknown; querySourceFeatures(id: string): unknown[] } };
      await page.waitForFunction(
        () => {
          const m = (window as unknown as W).__yukongMap;
          return (window as unknown as { __yukongReady?: boolean }).__yukongReady === true && m?.querySourceFeatures('zones').length >= 9;
        },
        null,
        { timeout: WAIT_MS },
      );
      // aircraft through the real pipeline and stream
      const live = env.app.yukong.live;
      // ticks reach the page once it has subscribed: keep ticking (1 Hz-like) until the page shows the aircraft
      await until(() => env.app.yukong.stream.clientCount > 0, 'the page to open the stream');
      const shown = () => page.evaluate(() => Number(document.querySelector('[data-testid=count-airborne]')?.textContent) === 40);
      for (let k = 0; k < 3 || !(await shown()); k++) {
        if (k > WAIT_MS / 250) throw new Error('the page never showed the 40 aircraft');
        const t = Date.now();
        live.ingest(
          Array.from({ length: 40 }, (_, i) => ({ id: `T${i}`, lng: 106.3 + i * 0.02, lat: 29.6 + (k % 3) * 0.01, altitudeM: 80, speedMps: 12, headingDeg: 45, tMs: t, source: ['X-0001'] })),
        );
        live.tick(t);
        await page.waitForTimeout(250); // the pace of the simulated ticks, not a wait for the page
      }
      // the map draws them once its worker has taken the new data (the counter may be first)
      await page.waitForFunction(() => (window as unknown as W).__yukongMap.querySourceFeatures('aircraft').length > 0, null, { timeout: WAIT_MS });
      const aircraft = await page.evaluate(() => (window as unknown as W).__yukongMap.querySourceFeatures('aircraft').length);
      expect(aircraft).toBeGreaterThan(0);
      // the counter is the open alerts the list shows (40 unidentified aircraft, and what else the monitor raised)
      const open = (await env.app.inject({ method: 'GET', url: '/api/v1/alerts?open=true', headers: { authorization: 'Bearer browser-admin' } })).json().alerts.length;
      expect(open).toBeGreaterThanOrEqual(40);
      await page.waitForFunction((n) => Number(document.querySelector('[data-testid=count-alerts]')?.textContent) === n, open);
      await page.screenshot({ path: join(ARTIFACTS, 'live-map.png') });
      expect(errors).toEqual([]);
      await page.close();
    },
    TEST_MS,
  );
});
