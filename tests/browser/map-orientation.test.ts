/**
 * Orientation: rivers on the offline basemap, the Jiangbei airport zone still drawn (flat, with
 * its height) at zoom 15, and a B-station operator signed in with one click opens on the district.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signInAdmin, type MapWindow } from './map-page.js';
import { ARTIFACTS, TEST_MS, collectErrors, useBrowserApp } from './browser-harness.js';

const env = useBrowserApp();

type W = MapWindow;

describe('web client: orientation', () => {
  it(
    'rivers on the offline basemap; the Jiangbei zone stays visible, flat with its height, at zoom 15',
    async () => {
      const page = await env.browser.newPage({ viewport: { width: 1440, height: 900 } });
      const errors = collectErrors(page);
      await signInAdmin(page, env.url);
      await page.waitForFunction(() => (window as unknown as W).__yukongMap.queryRenderedFeatures(undefined, { layers: ['water-lines'] }).length > 0);
      // inside the Jiangbei protection area, north of the city centre
      await page.evaluate(() => (window as unknown as W).__yukongMap.jumpTo({ center: [106.64, 29.72], zoom: 15 }));
      await page.waitForFunction(() => {
        const m = (window as unknown as W).__yukongMap;
        const c = m.project([106.64, 29.72]);
        return m.queryRenderedFeatures([c.x, c.y], { layers: ['zones-fill'] }).some((f) => f.properties.id === 'ZONE-ZUCK');
      });
      // its outline and a label with the band: the kind and height in Chinese
      await page.evaluate(() => (window as unknown as W).__yukongMap.jumpTo({ center: [106.63, 29.7], zoom: 11.5 }));
      await page.waitForSelector('[data-testid=zone-label]:has-text("0–3000 m")');
      expect(await page.textContent('[data-testid=zone-label]:has-text("0–3000 m")')).toContain('管制空域');
      await page.evaluate(() => (window as unknown as W).__yukongMap.jumpTo({ center: [106.64, 29.72], zoom: 15 }));
      await page.waitForFunction(() => (window as unknown as W).__yukongMap.areTilesLoaded());
      await page.screenshot({ path: join(ARTIFACTS, 'zone-at-zoom-15.png') });
      expect(errors).toEqual([]);
      await page.close();
    },
    TEST_MS,
  );

  it(
    "one-click demo sign-in as 渝中's B-station operator opens on 渝中",
    async () => {
      const page = await env.browser.newPage({ viewport: { width: 1440, height: 900 } });
      const errors = collectErrors(page);
      await page.goto(env.url);
      const button = await page.waitForSelector('[data-testid=demo-sign-in] button:has-text("渝中")');
      await button.click();
      await page.waitForSelector('[data-testid=me]:has-text("服务站值班员")');
      await page.waitForFunction(() => {
        const m = (window as unknown as W).__yukongMap;
        const c = m?.getCenter();
        return !!c && m.getZoom() > 10 && Math.abs(c.lng - 106.55) < 0.15 && Math.abs(c.lat - 29.55) < 0.15;
      });
      await page.screenshot({ path: join(ARTIFACTS, 'demo-b-operator.png') });
      expect(errors).toEqual([]);
      await page.close();
    },
    TEST_MS,
  );
});
