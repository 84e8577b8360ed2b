/** The page loads with no console errors, the offline map draws, and a click shows the point's BeiDou code. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encode2D } from '../../shared/grid/beidou-code.js';
import { ARTIFACTS, TEST_MS, WAIT_MS, collectErrors, useBrowserApp } from './browser-harness.js';

const env = useBrowserApp();

describe('web client: map and BeiDou grid readout', () => {
  it(
    'draws the offline basemap and shows the grid code of a clicked point',
    async () => {
      const page = await env.browser.newPage({ viewport: { width: 1200, height: 800 } });
      const errors = collectErrors(page);
      await page.goto(env.url);
      await page.waitForFunction(
        () => {
          const m = (window as unknown as { __yukongMap?: { loaded(): boolean; querySourceFeatures(s: string): unknown[] } }).__yukongMap;
          return !!m && (window as unknown as { __yukongReady?: boolean }).__yukongReady === true && m.querySourceFeatures('districts').length > 0;
        },
        null,
        { timeout: WAIT_MS },
      );
      await expect(page.getAttribute('[data-testid=health]', 'data-scenario')).resolves.toBe('chongqing');
      await page.selectOption('[data-testid=grid-readout] select', '6');
      await page.mouse.click(640, 430);
      const code = await page.textContent('[data-testid=grid-code]');
      const lngLat = await page.evaluate(() => {
        const m = (window as unknown as { __yukongMap: { unproject(p: [number, number]): { lng: number; lat: number } } }).__yukongMap;
        return m.unproject([640, 430]);
      });
      expect(code).toBe(encode2D(lngLat.lng, lngLat.lat, 6));
      expect(code).toMatch(/^N4[89][GH]/); // Chongqing lies in zones 48/49, bands G/H
      await page.screenshot({ path: join(ARTIFACTS, 'map-grid.png') });
      expect(errors).toEqual([]);
      await page.close();
    },
    TEST_MS,
  );
});
