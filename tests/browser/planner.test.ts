/**
 * Through the UI: a planner runs two rollout studies, compares them side by side, sees the sites
 * and (on request) the H3 coverage of a phase on the map with its legend, evaluates recorded
 * traffic and opens the report at its own address — all in Chinese (no English words outside ids
 * and units), percentages to one decimal.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, TEST_MS, WAIT_MS, collectErrors, useBrowserApp } from './browser-harness.js';
import { englishWords } from './visible-english.js';

const env = useBrowserApp();

describe('web client: planner page', () => {
  it(
    'runs, compares and maps rollout studies, and evaluates recorded traffic',
    async () => {
      const token = (await env.app.inject({ method: 'POST', url: '/api/v1/principals', headers: { authorization: 'Bearer browser-admin' }, payload: { role: 'planner', name: 'Chen Jing' } })).json()
        .token;
      const context = await env.browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'zh-CN' });
      const page = await context.newPage();
      const errors = collectErrors(page);
      await page.goto(`${env.url}/?token=${token}`);
      await page.waitForFunction(() => (window as unknown as { __yukongReady?: boolean }).__yukongReady === true, null, { timeout: WAIT_MS });
      await page.waitForSelector('[data-testid=planner]');

      await page.fill('[data-testid=planner-phases]', '38,80');
      await page.fill('[data-testid=planner-fpp]', '1');
      await page.click('[data-testid=planner-run]');
      await page.waitForSelector('[data-testid=planner-studies] tr[data-state=done]', { timeout: WAIT_MS });
      await page.selectOption('#pl-strategy', 'random');
      await page.click('[data-testid=planner-run]');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=planner-studies] tr[data-state=done]').length === 2, null, { timeout: WAIT_MS });

      // the first study is A (on the map), the second B
      await page.waitForSelector('[data-testid=planner-compare]');
      const rows = await page.$$eval('[data-testid=planner-compare] tbody tr', (trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent).toSpliced(1, 1, tr.getAttribute('data-metric') ?? '')),
      );
      const districts38 = rows.find((r) => r[0] === '38' && r[1] === 'mDistricts');
      expect(districts38?.[2]).toBe('38/38'); // county-first: one point in every district
      expect(Number(districts38?.[3]?.split('/')[0])).toBeLessThan(38); // random: some districts left out
      const cov = (n: string) => rows.find((r) => r[0] === n && r[1] === 'mTownships') as string[];
      expect(parseFloat(cov('80')[2])).toBeGreaterThan(parseFloat(cov('80')[3]));
      expect(await page.$$('[data-testid=chart-coverage] polyline')).toHaveLength(3);
      // percentages to at most one decimal
      expect(rows.flat().filter((c) => /\d+\.\d{2,}%/.test(c ?? ''))).toEqual([]);

      // the sites of the phase first; the H3 coverage on request, with its legend
      await page.waitForSelector('[data-testid=planner-legend]');
      await page.click('[data-testid=planner-layer-cells]');

      // H3 coverage cells and sites drawn on the map at the chosen phase
      await page.waitForFunction(
        () => {
          const m = (window as unknown as { __yukongMap: { queryRenderedFeatures(o: object): unknown[] } }).__yukongMap;
          return m.queryRenderedFeatures({ layers: ['planner-cells'] }).length > 500 && m.queryRenderedFeatures({ layers: ['planner-sites'] }).length > 0;
        },
        null,
        { timeout: WAIT_MS },
      );
      const sitesAt = () =>
        page.evaluate(
          () =>
            (window as unknown as { __yukongMap: { queryRenderedFeatures(o: object): { properties: { id: string } }[] } }).__yukongMap
              .queryRenderedFeatures({ layers: ['planner-sites'] })
              .map((f) => f.properties.id)
              .filter((v, i, a) => a.indexOf(v) === i).length,
        );
      const at80 = await sitesAt();
      await page.selectOption('[data-testid=planner-phase]', '0');
      await page.waitForFunction(
        (n) => {
          const m = (window as unknown as { __yukongMap: { queryRenderedFeatures(o: object): { properties: { id: string } }[] } }).__yukongMap;
          return new Set(m.queryRenderedFeatures({ layers: ['planner-sites'] }).map((f) => f.properties.id)).size < n;
        },
        at80,
        { timeout: WAIT_MS },
      );
      await page.screenshot({ path: join(ARTIFACTS, 'planner-compare.png') });
      // study B (random) on the map instead: other sites at its last phase
      const idsA = await page.evaluate(() =>
        [
          ...new Set(
            (window as unknown as { __yukongMap: { queryRenderedFeatures(o: object): { properties: { id: string } }[] } }).__yukongMap
              .queryRenderedFeatures({ layers: ['planner-sites'] })
              .map((f) => f.properties.id),
          ),
        ]
          .sort()
          .join(),
      );
      await page.click('[data-testid=map-B]');
      await page.waitForFunction(
        (before) => {
          const m = (window as unknown as { __yukongMap: { queryRenderedFeatures(o: object): { properties: { id: string } }[] } }).__yukongMap;
          const now = [...new Set(m.queryRenderedFeatures({ layers: ['planner-sites'] }).map((f) => f.properties.id))].sort().join();
          return now.length > 0 && now !== before;
        },
        idsA,
        { timeout: WAIT_MS },
      );

      await page.click('[data-testid=planner-evaluate]');
      await expect(page.waitForSelector('[data-testid=planner-usage]')).resolves.toBeTruthy();
      // the evaluation's cells replace the study's coverage on the map (none recorded here), and back
      await page.click('[data-testid=usage-on-map]');
      await page.waitForFunction(
        () => (window as unknown as { __yukongMap: { queryRenderedFeatures(o: object): unknown[] } }).__yukongMap.queryRenderedFeatures({ layers: ['planner-cells'] }).length === 0,
        null,
        { timeout: WAIT_MS },
      );
      await page.click('[data-testid=usage-on-map]');
      await page.waitForFunction(
        () => (window as unknown as { __yukongMap: { queryRenderedFeatures(o: object): unknown[] } }).__yukongMap.queryRenderedFeatures({ layers: ['planner-cells'] }).length > 500,
        null,
        { timeout: WAIT_MS },
      );
      // everything the planner reads is Chinese
      await page.screenshot({ path: join(ARTIFACTS, 'planner-zh.png') });
      // biome-ignore lint/performance/useDomNodeTextContent: the visible text is the point
      expect(englishWords(await page.$eval('[data-testid=planner]', (el) => (el as HTMLElement).innerText))).toEqual([]);

      // the report at its own address, in Chinese, findings from the study's figures
      const href = await page.getAttribute('[data-testid=planner-report]', 'href');
      expect(href).toMatch(/^\/report\/[^/?]+\?lang=zh$/);
      const report = await context.newPage();
      const reportErrors = collectErrors(report);
      await report.goto(`${env.url}${href}`);
      await report.waitForSelector('h1');
      // biome-ignore lint/performance/useDomNodeTextContent: the visible text is the point
      const text = await report.evaluate(() => document.body.innerText);
      expect(text).toContain('主要结论');
      expect(text).not.toMatch(/\d+\.\d{2,}%/);
      expect(englishWords(text.replace(/\bp90\b|\bLoS\b/g, ''))).toEqual([]);
      await report.screenshot({ path: join(ARTIFACTS, 'planner-report.png'), fullPage: true });
      expect(reportErrors).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    },
    TEST_MS,
  );
});
