/**
 * A live picture to trust: clicking an aircraft opens its card (with a label beside it when
 * zoomed in), and its alert, picked from the list, says what and where and centres the map on it.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { signInAdmin, type MapWindow } from './map-page.js';
import { ARTIFACTS, TEST_MS, WAIT_MS, collectErrors, until, useBrowserApp } from './browser-harness.js';
import { englishWords } from './visible-english.js';
import { zonesAtPoint } from '../../client/src/zones-at-point.js';

const env = useBrowserApp();

type W = MapWindow;

// one page signed in as the admin for both tests (a second page load and map start saved); closed after the file
let shared: { page: Page; errors: string[] } | null = null;
afterAll(async () => {
  await shared?.page.close();
});
async function adminPage(): Promise<{ page: Page; errors: string[] }> {
  if (shared) {
    shared.errors.length = 0;
    return shared;
  }
  const page = await env.browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors = collectErrors(page);
  await signInAdmin(page, env.url);
  shared = { page, errors };
  return shared;
}

describe('web client: live cards', () => {
  it(
    'clicking an aircraft opens its card (height, speed, conformance); its alert centres the map',
    async () => {
      const { page, errors } = await adminPage();
      await until(() => env.app.yukong.stream.clientCount > 0, 'the page to open the stream');
      const at: [number, number] = [106.75, 29.45];
      await page.evaluate((c) => (window as unknown as W).__yukongMap.jumpTo({ center: c, zoom: 13 }), at);
      const live = env.app.yukong.live;
      const report = () => {
        const t = env.app.yukong.clock();
        live.ingest([{ id: 'UAS-CLICK-1', lng: at[0], lat: at[1], altitudeM: 88, speedMps: 11, headingDeg: 30, tMs: t, source: ['X-0001'] }]);
        live.tick(t);
      };
      report();
      const shown = () => page.evaluate(() => (window as unknown as W).__yukongMap.queryRenderedFeatures(undefined, { layers: ['aircraft'] }).some((f) => f.properties.id === 'UAS-CLICK-1'));
      for (let k = 0; !(await shown()); k++) {
        if (k > WAIT_MS / 250) throw new Error('the aircraft never appeared');
        report();
        await page.waitForTimeout(250); // the pace of the simulated reports
      }
      // its label is written beside it when zoomed in
      await page.waitForSelector('[data-testid=aircraft-label]:has-text("UAS-CLICK-1")');
      const p = await page.evaluate((c) => (window as unknown as W).__yukongMap.project(c), at);
      await page.mouse.click(p.x, p.y);
      const card = await page.waitForSelector('[data-testid=feature-card][data-kind=aircraft]');
      const text = (await card.textContent()) ?? '';
      expect(text).toContain('UAS-CLICK-1');
      expect(text).toContain('88 m');
      expect(text).toContain('11.0 m/s');
      // an unidentified aircraft: no plan, and the monitor's alert in words
      expect(text).toMatch(/不明航空器|无计划/);
      expect(englishWords(text)).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, 'aircraft-card.png') });
      // its alert, from the list: what, where, and a button that centres the map on it
      await page.click('[data-testid=alert-list] button:has-text("UAS-CLICK-1")');
      const alertCard = await page.waitForSelector('[data-testid=feature-card][data-kind=alert]');
      const alertText = (await alertCard.textContent()) ?? '';
      expect(alertText).toContain('不明航空器');
      expect(englishWords(alertText)).toEqual([]);
      await page.evaluate(() => (window as unknown as W).__yukongMap.jumpTo({ center: [107.5, 30.5], zoom: 9 }));
      await page.click('[data-testid=card-centre]');
      await page.waitForFunction((c) => {
        const m = (window as unknown as W).__yukongMap.getCenter();
        return Math.abs(m.lng - c[0]) < 0.05 && Math.abs(m.lat - c[1]) < 0.05;
      }, at);
      // the console's alert list follows the stream: the alert is there to acknowledge, then marked so and no longer counted
      const item = '[data-testid=alerts] li:has-text("UAS-CLICK-1")';
      await page.waitForSelector(`${item}[data-acked=no] [data-testid=ack-alert]`, { timeout: WAIT_MS });
      const toAck = async () => Number((await page.textContent('[data-testid=alert-count]'))?.match(/(\d+) 条待确认/)?.[1]);
      const before = await toAck();
      await page.click(`${item} [data-testid=ack-alert]`);
      await page.waitForSelector(`${item}[data-acked=yes] [data-testid=acked]:has-text("已确认")`, { timeout: WAIT_MS });
      expect(await toAck()).toBe(before - 1);
      expect(errors).toEqual([]);
    },
    TEST_MS,
  );

  it(
    'a clicked point shows its BeiDou code and the airspace over it',
    async () => {
      const { page, errors } = await adminPage();
      // Baishiyi air base: a prohibited area 5 km round, inside other airspace
      const at: [number, number] = [106.359, 29.4953];
      await page.evaluate((c) => (window as unknown as W).__yukongMap.jumpTo({ center: c, zoom: 12 }), at);
      const p = await page.evaluate((c) => (window as unknown as W).__yukongMap.project(c), at);
      const clicked = await page.evaluate((xy) => (window as unknown as W).__yukongMap.unproject([xy.x, xy.y]), p);
      await page.mouse.click(p.x, p.y);
      await page.waitForSelector('[data-testid=zones-here] li[data-zone="ZONE-CN-0030"][data-kind=prohibited]');
      const shown = await page.$$eval('[data-testid=zones-here] li', (els) => els.map((e) => e.getAttribute('data-zone')));
      const zones = (await env.app.inject({ method: 'GET', url: '/api/v1/zones', headers: { authorization: 'Bearer browser-admin' } })).json().zones;
      expect(shown).toEqual(zonesAtPoint(zones, clicked.lng, clicked.lat).map((z) => z.id));
      expect(shown[0]).toBe('ZONE-CN-0030'); // most restrictive first
      expect(englishWords((await page.textContent('[data-testid=zones-here]')) ?? '')).toEqual([]);
      expect(errors).toEqual([]);
    },
    TEST_MS,
  );

  it(
    'a dropped stream is shown (reconnecting), then connected again',
    async () => {
      const { page, errors } = await adminPage();
      await page.waitForSelector('[data-testid=stream-status][data-state=connected]:has-text("实时数据已连接")');
      // the network drops every stream without a close frame
      const hub = env.app.yukong.stream as unknown as { clients: Set<{ ws: { terminate(): void } }> };
      for (const c of hub.clients) c.ws.terminate();
      await page.waitForSelector('[data-testid=stream-status][data-state=reconnecting]:has-text("重连")');
      await page.waitForSelector('[data-testid=stream-status][data-state=connected]');
      expect(errors.filter((e) => !/WebSocket/i.test(e))).toEqual([]);
    },
    TEST_MS,
  );
});
