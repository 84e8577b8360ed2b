/**
 * Through the UI, in Chinese: the pilot's decision card follows the plan's state (plan events),
 * "my plans" open (window, place, band), take off and cancel, and the place search centres the
 * map on a district. No English words in the portal outside ids, registrations and codes.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, TEST_MS, WAIT_MS, useBrowserApp } from './browser-harness.js';
import { approveAsAdmin, company, file, openAs, principal, rejectAsAdmin, visibleText } from './plan-helpers.js';
import { englishWords } from './visible-english.js';

const env = useBrowserApp();

describe('the pilot portal, in Chinese', () => {
  it(
    "the pilot's card follows the plan's state; my plans open, take off and cancel",
    async () => {
      await company(env, 'GAMMA', 43);
      const token = await principal(env, { role: 'pilot', name: '赵静', operatorId: 'GAMMA' });
      // a company with a history: more plans filed before than the list shows (it shows the newest)
      const history: string[] = [];
      for (let i = 0; i < 22; i++) history.push(await file(env, token, 'UAS-CQ-000201', 600 + i * 20));
      const pending = await file(env, token, 'UAS-CQ-000201', 120);
      const toFly = await file(env, token, 'UAS-CQ-000202', 1);
      // the one departing now is approved by the station (the other, two hours later, does not compete with it)
      await approveAsAdmin(env, toFly);
      const pilot = await openAs(env, token);
      const { page } = pilot;
      await page.waitForSelector(`[data-testid=my-plans] li[data-plan="${toFly}"] > [data-state=approved]`);
      // newest first
      const listed = await page.$$eval('[data-testid=my-plans] li[data-plan]', (els) => els.map((e) => e.getAttribute('data-plan')));
      expect(listed.slice(0, 2)).toEqual([toFly, pending]);
      // the earliest are a click away
      expect(listed).not.toContain(history[0]);
      await page.click('[data-testid=more-plans]');
      await page.waitForSelector(`[data-testid=my-plans] li[data-plan="${history[0]}"]`);
      expect(await page.$('[data-testid=more-plans]')).toBeNull(); // all 24 are shown
      // a plan opens: its window, place and band
      await page.click(`[data-testid=my-plans] li[data-plan="${toFly}"] [data-testid=open-plan]`);
      const card = await page.waitForSelector(`[data-testid=my-plans] li[data-plan="${toFly}"] [data-testid=plan-card]`);
      expect(await card.textContent()).toContain('北碚区');
      expect(await card.textContent()).toContain('150–200 米');
      // and its price, as quoted when it was decided
      const quoted = (await env.app.inject({ method: 'GET', url: `/api/v1/flight-plans/${toFly}`, headers: { authorization: 'Bearer browser-admin' } })).json().decision.quote.totalFen;
      expect(await card.$eval('[data-testid=quote]', (q) => q.getAttribute('data-total-fen'))).toBe(String(quoted));
      await page.click(`[data-testid=my-plans] li[data-plan="${toFly}"] [data-testid=activate-plan]`);
      await page.waitForSelector(`[data-testid=my-plans] li[data-plan="${toFly}"] > [data-state=active]`);
      await page.waitForSelector(`[data-testid=my-plans-message]:has-text("${toFly} 已起飞")`);
      // in the air it is not cancelled (it ends when it lands): no cancel is offered
      expect(await page.$(`[data-testid=my-plans] li[data-plan="${toFly}"] [data-testid=cancel-plan]`)).toBeNull();
      const pendingState = await page.getAttribute(`[data-testid=my-plans] li[data-plan="${pending}"] > [data-state]`, 'data-state');
      expect(['pending', 'approved']).toContain(pendingState);
      await page.click(`[data-testid=my-plans] li[data-plan="${pending}"] [data-testid=cancel-plan]`);
      await page.waitForSelector(`[data-testid=my-plans] li[data-plan="${pending}"] > [data-state=cancelled]`);
      // a plan the station rejects: its card gives the operator's words
      const refused = await file(env, token, 'UAS-CQ-000201', 180);
      await rejectAsAdmin(env, refused, '空域繁忙，请改期');
      await page.waitForSelector(`[data-testid=my-plans] li[data-plan="${refused}"] > [data-state=rejected]`, { timeout: WAIT_MS });
      await page.click(`[data-testid=my-plans] li[data-plan="${refused}"] [data-testid=open-plan]`);
      await page.waitForSelector(`[data-testid=my-plans] li[data-plan="${refused}"] [data-testid=state-why]:has-text("空域繁忙，请改期")`);
      // and a cancelled one says so in Chinese
      await page.click(`[data-testid=my-plans] li[data-plan="${pending}"] [data-testid=open-plan]`);
      await page.waitForSelector(`[data-testid=my-plans] li[data-plan="${pending}"] [data-testid=state-why]:has-text("已取消")`);
      await page.screenshot({ path: join(ARTIFACTS, 'pilot-my-plans.png') });
      // on a narrow screen the workplace folds away to a tab, and comes back as it was
      const wide = page.viewportSize();
      await page.setViewportSize({ width: 1024, height: 768 });
      await page.click('[data-testid=work-panel-toggle]');
      const folded = await page.waitForSelector('[data-testid=work-panel][data-open=false]');
      expect((await folded.boundingBox())?.width).toBeLessThan(200);
      expect(await page.isVisible('[data-testid=my-plans]')).toBe(false);
      await page.click('[data-testid=work-panel-toggle]');
      // as it was: the plan opened before is still open
      await page.waitForSelector(`[data-testid=my-plans] li[data-plan="${pending}"] [data-testid=state-why]:has-text("已取消")`);
      if (wide) await page.setViewportSize(wide);

      // a plan filed in the portal: the card says "待审批", then "已批准" once the station approves it (plan event)
      await page.evaluate(() => (window as unknown as { __yukongMap: { jumpTo(o: object): void } }).__yukongMap.jumpTo({ center: [106.3, 29.9], zoom: 12 }));
      await page.fill('[data-testid=registration]', 'UAS-CQ-000203');
      await page.click('[data-testid=draw]');
      for (const p of [
        [106.29, 29.9],
        [106.31, 29.905],
      ]) {
        const xy = await page.evaluate((ll) => (window as unknown as { __yukongMap: { project(p: number[]): { x: number; y: number } } }).__yukongMap.project(ll), p);
        await page.mouse.click(xy.x, xy.y);
      }
      await page.click('[data-testid=draw]');
      await page.fill('#upper', '150');
      await page.click('[data-testid=submit]');
      await page.waitForSelector('[data-testid=outcome][data-outcome=pending]:has-text("待审批")');
      const filed = (await page.textContent('[data-testid=decision]'))?.match(/FP-\d+/)?.[0] as string;
      expect(filed).toMatch(/^FP-/);
      await approveAsAdmin(env, filed);
      await page.waitForSelector('[data-testid=outcome][data-outcome=approved]:has-text("已批准")', { timeout: WAIT_MS });
      // the same plan filed again straight away (no check first) meets the one just approved: refused, with the
      // suggestions, their prices and the price of the plan as asked (what the approved twin was quoted)
      await page.click('[data-testid=submit]');
      await page.waitForSelector('[data-testid=outcome][data-outcome=rejected]:has-text("已拒绝")');
      await page.waitForSelector('[data-testid=decision] [data-testid=suggestion-price]');
      const twin = (await env.app.inject({ method: 'GET', url: `/api/v1/flight-plans/${filed}`, headers: { authorization: 'Bearer browser-admin' } })).json().decision.quote.totalFen as number;
      expect(await page.textContent('[data-testid=asked-price]')).toContain(`按原计划 ¥${Math.floor(twin / 100)}.${String(twin % 100).padStart(2, '0')}`);
      expect(await page.$$('[data-testid=decision] [data-testid=apply-suggestion]')).not.toHaveLength(0);
      // the place search centres the map on a district
      await page.fill('[data-testid=place-query]', '渝中');
      await page.waitForSelector('[data-testid=place-results] [data-place="500103"]');
      await page.screenshot({ path: join(ARTIFACTS, 'pilot-place-search.png') });
      expect(englishWords(await visibleText(page, '[data-testid=pilot-portal]'))).toEqual([]);
      await page.click('[data-testid=place-results] [data-place="500103"] [data-testid=place-pick]');
      await page.waitForFunction(
        () => {
          const c = (window as unknown as { __yukongMap: { getCenter(): { lng: number; lat: number } } }).__yukongMap.getCenter();
          return Math.abs(c.lng - 106.57) < 0.1 && Math.abs(c.lat - 29.55) < 0.1;
        },
        null,
        { timeout: WAIT_MS },
      );
      expect(pilot.errors).toEqual([]);
    },
    TEST_MS,
  );
});
