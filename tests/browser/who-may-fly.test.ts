/**
 * Who may fly, through the UI with the registry enforced: a company admin sees its fleet and
 * registers a pilot whose licence expires soon (flagged; the token is shown once); that pilot picks
 * an aircraft its licence does not cover and reads the refusal in Chinese; a plan it may file waits
 * for the station, whose operator sees the company's credit next to it.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BEIJING_OFFSET_MS } from '../../shared/util/beijing-time.js';
import { usccFor } from '../helpers/api-harness.js';
import { ARTIFACTS, TEST_MS, WAIT_MS, collectErrors, useBrowserApp } from './browser-harness.js';

const env = useBrowserApp({ YUKONG_REGISTRY: 'enforce' });
type W = { __yukongMap: { jumpTo(o: object): void; project(p: number[]): { x: number; y: number } } };

async function api(token: string, url: string, payload: object): Promise<Record<string, unknown>> {
  const r = await env.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}` }, payload });
  if (r.statusCode !== 201) throw new Error(`${url}: ${r.body}`);
  return r.json();
}

async function openAs(token: string): Promise<{ page: Page; errors: string[] }> {
  const page = await env.browser.newPage({ viewport: { width: 1360, height: 900 } });
  const errors = collectErrors(page);
  await page.goto(`${env.url}/?token=${token}`);
  await page.waitForFunction(() => (window as unknown as { __yukongReady?: boolean }).__yukongReady === true, null, { timeout: WAIT_MS });
  return { page, errors };
}

/** Signs out and in again with another token, on the same page (the map stays). */
async function switchTo(page: Page, token: string): Promise<void> {
  await page.click('[data-testid=sign-out]');
  await page.fill('[data-testid=sign-in] input', token);
  await page.click('[data-testid=sign-in] button');
}

/** The Beijing date `n` days from now. */
const day = (n: number) => new Date(Date.now() + BEIJING_OFFSET_MS + n * 86_400_000).toISOString().slice(0, 10);

/** A short route (≈ 290 m, within sight) in Beibei, drawn on the map. */
async function drawRoute(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as W).__yukongMap.jumpTo({ center: [106.4015, 29.83], zoom: 14 }));
  await page.click('[data-testid=draw]');
  for (const p of [
    [106.4, 29.83],
    [106.403, 29.83],
  ]) {
    const xy = await page.evaluate((ll) => (window as unknown as W).__yukongMap.project(ll), p);
    await page.mouse.click(xy.x, xy.y);
  }
  await page.click('[data-testid=draw]');
}

describe('web client: who may fly', () => {
  it(
    'a company admin sees its fleet and a licence about to expire; its pilot is refused in Chinese for an aircraft the licence does not cover; the operator sees the credit',
    async () => {
      await api('browser-admin', '/companies', { id: 'BT-AIR', name: '北碚测试航空', uscc: usccFor(77) });
      const adminToken = (await api('browser-admin', '/principals', { role: 'company-admin', name: '陈经理', companyId: 'BT-AIR' })).token as string;
      for (const [registration, category, model] of [
        ['UAS-BT-000001', 'light', 'L5 轻型巡检机'],
        ['UAS-BT-000002', 'small', 'FC-100 物流多旋翼'],
      ])
        await api(adminToken, '/aircraft', { registration, serial: `SN-${registration}`, model, category, mtowKg: category === 'small' ? 20 : 5, companyId: 'BT-AIR' });

      // the company admin: company, fleet; registers a pilot (licence for light aircraft, expiring in 10 days)
      const { page, errors } = await openAs(adminToken);
      await page.waitForSelector('[data-testid=company-admin] [data-testid=fleet]');
      expect(await page.textContent('[data-testid=company-info]')).toContain(usccFor(77));
      const fleet = await page.textContent('[data-testid=fleet]');
      expect(fleet).toContain('UAS-BT-000001');
      expect(fleet).toContain('FC-100 物流多旋翼');
      expect(fleet).toContain('小型');
      await page.waitForSelector('[data-testid=company-credit] [data-testid=credit-badge][data-tier=B]:has-text("800")');
      await page.click('[data-testid=pilot-form] summary');
      await page.fill('#pi-name', '李伟');
      await page.fill('#pi-number', 'L-BT-1');
      await page.fill('#pi-expires', day(10));
      await page.click('[data-testid=register-pilot]');
      const pilotToken = await (await page.waitForSelector('[data-testid=pilot-token] input')).inputValue();
      expect(pilotToken.length).toBeGreaterThan(20);
      // the token box and the licence's categories have names a screen reader says; so do the map and its buttons, in Chinese
      expect(await page.getByRole('textbox', { name: '驾驶员访问令牌只显示这一次：请复制后交给驾驶员' }).inputValue()).toBe(pilotToken);
      expect(await page.getByRole('group', { name: '类别' }).getByRole('checkbox').count()).toBeGreaterThan(1);
      expect(await page.getAttribute('canvas.maplibregl-canvas', 'aria-label')).toBe('地图');
      expect(await page.getAttribute('.maplibregl-ctrl-zoom-in', 'title')).toBe('放大');
      const row = await page.waitForSelector('[data-testid=pilots] tr:has-text("李伟")');
      expect(await row.textContent()).toContain('L-BT-1 · VLOS');
      expect(await row.$eval('[data-validity]', (el) => el.getAttribute('data-validity'))).toBe('expiring');
      expect(await row.textContent()).toMatch(/⚠ 30 天内到期（剩 (9|10) 天）/);
      // the same licence again under another name is refused in words, and the words go once an entry changes
      const before = errors.length;
      await page.fill('#pi-name', '王五');
      await page.fill('#pi-number', 'L-BT-1');
      await page.click('[data-testid=register-pilot]');
      await page.waitForSelector('[data-testid=pilot-form] [role=status]:has-text("执照号 L-BT-1 已登记")');
      // (the refusal is the one failed request the browser reports)
      expect(errors.splice(before)).toEqual(['Failed to load resource: the server responded with a status of 409 (Conflict)']);
      await page.fill('#pi-number', 'L-BT-2');
      expect(await page.$('[data-testid=pilot-form] [role=status]')).toBeNull();
      // a policy for the light aircraft only, ending in 20 days: flagged too
      await page.click('[data-testid=insurance-form] summary');
      await page.selectOption('#in-covers', 'UAS-BT-000001');
      await page.fill('#in-insurer', '人保财险');
      await page.fill('#in-policy', 'PICC-BT-1');
      await page.fill('#in-cny', '5000000');
      await page.fill('#in-from', day(0));
      await page.fill('#in-to', day(20));
      await page.click('[data-testid=register-insurance]');
      const policy = await page.waitForSelector('[data-testid=insurance] tr[data-policy=PICC-BT-1]');
      expect(await policy.textContent()).toContain('UAS-BT-000001');
      expect(await policy.$eval('[data-validity]', (el) => el.getAttribute('data-validity'))).toBe('expiring');
      await page.screenshot({ path: join(ARTIFACTS, 'company-admin.png') });

      // the pilot: the small aircraft from the picker (category follows it), refused in Chinese
      await switchTo(page, pilotToken);
      await page.waitForSelector('[data-testid=aircraft-picker] option[value="UAS-BT-000002"]', { state: 'attached' });
      await page.selectOption('[data-testid=aircraft-picker]', 'UAS-BT-000002');
      expect(await page.$eval('#cat', (el) => [(el as HTMLSelectElement).value, (el as HTMLSelectElement).disabled])).toEqual(['small', true]);
      await drawRoute(page);
      await page.click('[data-testid=check]');
      await page.waitForSelector('[data-testid=outcome][data-outcome=rejected]:has-text("已拒绝")');
      const refused = await page.textContent('[data-testid=reasons]');
      expect(refused).toContain('您的执照 L-BT-1 仅适用于轻型，不含小型无人机');
      expect(refused).toContain('“北碚测试航空”没有覆盖 UAS-BT-000002 整个飞行时段的第三者责任险'); // its policy covers the other aircraft
      await page.screenshot({ path: join(ARTIFACTS, 'pilot-refused.png') });

      // the light aircraft on a training flight (no insurance needed) above 120 m: filed, pending at the station
      await page.selectOption('[data-testid=aircraft-picker]', 'UAS-BT-000001');
      await page.selectOption('#mission', 'training');
      await page.fill('#upper', '150');
      await page.click('[data-testid=submit]');
      await page.waitForSelector('[data-testid=outcome][data-outcome=pending]');
      expect(await page.textContent('[data-testid=reasons]')).toContain('超过真高 120 米，属管制空域，需审批');
      const planId = await (await page.waitForSelector('[data-testid=my-plans] li[data-plan] [data-state=pending]')).evaluate((el) => el.parentElement?.getAttribute('data-plan'));

      // the station's operator: the company's credit next to the plan, its history on demand
      const operatorToken = (await api('browser-admin', '/principals', { role: 'operator', name: '张敏', stationId: 'B-500109' })).token as string;
      await switchTo(page, operatorToken);
      const item = `[data-testid=queue] li:has([data-plan="${planId}"])`;
      await page.waitForSelector(`${item} [data-testid=credit-badge][data-tier=B]:has-text("800")`);
      await page.click(`${item} [data-testid=credit-toggle]`);
      await page.waitForSelector(`${item} >> text=暂无信用记录`);
      await page.click(`[data-testid=queue] [data-plan="${planId}"]`);
      await page.waitForSelector('[data-testid=plan-detail] [data-code=ABOVE_120M_CONTROLLED]:has-text("最高达")');
      await page.screenshot({ path: join(ARTIFACTS, 'operator-credit.png') });
      expect(errors).toEqual([]);
    },
    TEST_MS,
  );
});
