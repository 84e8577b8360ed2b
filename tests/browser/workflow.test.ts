/** Through the UI: a pilot files a plan in controlled airspace, the station's operator approves it, the pilot sees it approved. */
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { usccFor } from '../helpers/api-harness.js';
import { ARTIFACTS, TEST_MS, WAIT_MS, useBrowserApp } from './browser-harness.js';
import { openAs, principal, usePage } from './plan-helpers.js';

const env = useBrowserApp();
const REGISTRATION = 'UAS-CQ-000123';
const VIEWPORT = { viewport: { width: 1360, height: 900 }, locale: undefined };
// the pilots' page, shared by both tests (the second pilot signs in on it); the operator's page is opened beside it and closed when done
const pilots = usePage(env, VIEWPORT);

describe('web client: pilot portal and operator console', () => {
  it(
    'files, approves and follows a plan in controlled airspace',
    async () => {
      // a registered company (its credit shows in the operator's queue); the registry is not enforced, so the aircraft is typed in
      await env.app.inject({ method: 'POST', url: '/api/v1/companies', headers: { authorization: 'Bearer browser-admin' }, payload: { id: 'ACME', name: 'ACME 物流', uscc: usccFor(31) } });
      // the pilot's page and the station operator's, opened side by side: the operator's queue takes the plan when it is filed (plan events)
      const pilotToken = await principal(env, { role: 'pilot', name: 'Li Wei', operatorId: 'ACME' });
      const operatorToken = await principal(env, { role: 'operator', name: 'Zhang Min', stationId: 'B-500109' });
      const [pilot, operator] = await Promise.all([pilots.as(pilotToken), openAs(env, operatorToken, VIEWPORT)]);
      onTestFinished(() => operator.close());
      await pilot.page.waitForSelector('[data-testid=pilot-portal]');
      expect(await pilot.page.inputValue('[data-testid=registration]')).toBe('');
      await pilot.page.fill('[data-testid=registration]', REGISTRATION);
      // zoom to Beibei and draw two waypoints
      await pilot.page.evaluate(() => (window as unknown as { __yukongMap: { jumpTo(o: object): void } }).__yukongMap.jumpTo({ center: [106.41, 29.83], zoom: 12 }));
      await pilot.page.click('[data-testid=draw]');
      for (const p of [
        [106.4, 29.83],
        [106.42, 29.835],
      ]) {
        const xy = await pilot.page.evaluate((ll) => (window as unknown as { __yukongMap: { project(p: number[]): { x: number; y: number } } }).__yukongMap.project(ll), p);
        await pilot.page.mouse.click(xy.x, xy.y);
      }
      await pilot.page.click('[data-testid=draw]');
      await pilot.page.fill('#upper', '150'); // above 120 m: controlled airspace
      await pilot.page.click('[data-testid=check]');
      await expect(pilot.page.waitForSelector('[data-testid=outcome][data-outcome=pending]')).resolves.toBeTruthy();
      await pilot.page.click('[data-testid=submit]');
      const item = await pilot.page.waitForSelector('[data-testid=my-plans] li [data-state=pending]');
      const planId = await item.evaluate((el) => el.parentElement?.getAttribute('data-plan'));
      expect(planId).toMatch(/^FP-/);
      await pilot.page.screenshot({ path: join(ARTIFACTS, 'pilot-submitted.png') });

      await operator.page.click(`[data-testid=queue] [data-plan="${planId}"]`);
      await operator.page.waitForSelector('[data-testid=plan-detail] >> text=ABOVE_120M_CONTROLLED');
      // with the price it was quoted (what the company would pay)
      await operator.page.waitForSelector('[data-testid=plan-detail] [data-testid=quote]:has-text("报价")');
      await operator.page.screenshot({ path: join(ARTIFACTS, 'operator-queue.png') });
      await operator.page.click('[data-testid=approve]');
      await expect(operator.page.waitForSelector(`[data-testid=operator-message]:has-text("已批准 ${planId}")`)).resolves.toBeTruthy();

      // the pilot sees it approved (plan event over the stream)
      await expect(pilot.page.waitForSelector(`[data-testid=my-plans] li[data-plan="${planId}"] [data-state=approved]`, { timeout: WAIT_MS })).resolves.toBeTruthy();
      await pilot.page.screenshot({ path: join(ARTIFACTS, 'pilot-approved.png') });

      // the operator draws a temporary restriction over it, sees the effect, publishes
      await operator.page.evaluate(() => (window as unknown as { __yukongMap: { jumpTo(o: object): void } }).__yukongMap.jumpTo({ center: [106.41, 29.832], zoom: 12 }));
      await operator.page.click('[data-testid=draw-area]');
      for (const p of [
        [106.395, 29.825],
        [106.425, 29.825],
        [106.425, 29.84],
        [106.395, 29.84],
      ]) {
        const xy = await operator.page.evaluate((ll) => (window as unknown as { __yukongMap: { project(p: number[]): { x: number; y: number } } }).__yukongMap.project(ll), p);
        await operator.page.mouse.click(xy.x, xy.y);
      }
      await operator.page.click('[data-testid=draw-area]');
      await operator.page.fill('#r-reason', 'rescue exercise');
      await operator.page.click('[data-testid=preview-restriction]');
      await expect(operator.page.waitForSelector(`[data-testid=affected] li[data-plan="${planId}"][data-state=approved][data-becomes=revoked]`)).resolves.toBeTruthy();
      await operator.page.screenshot({ path: join(ARTIFACTS, 'operator-restriction.png') });
      await operator.page.click('[data-testid=publish-restriction]');
      await operator.page.waitForSelector('[data-testid=restriction-message]:has-text("✓")');
      await expect(pilot.page.waitForSelector(`[data-testid=my-plans] li[data-plan="${planId}"] [data-state=revoked]`, { timeout: WAIT_MS })).resolves.toBeTruthy();
      // it is listed among the restrictions in force, and withdrawn from there (off the map at once)
      const listed = await operator.page.waitForSelector('[data-testid=restrictions-in-force] li[data-zone]');
      const zoneId = (await listed.getAttribute('data-zone')) as string;
      // the pilot's map shows it without a reload (the stream says the airspace changed)
      type ZonesMap = { __yukongMap: { jumpTo(o: object): void; querySourceFeatures(s: string): { properties: { id?: string } }[] } };
      await pilot.page.evaluate(() => (window as unknown as ZonesMap).__yukongMap.jumpTo({ center: [106.41, 29.832], zoom: 12 }));
      const onPilotMap = (id: string) => (window as unknown as ZonesMap).__yukongMap.querySourceFeatures('zones').some((f) => f.properties.id === id);
      await pilot.page.waitForFunction(onPilotMap, zoneId, { timeout: WAIT_MS });
      const inForce = await env.app.inject({ method: 'GET', url: '/api/v1/zones?kind=temporary', headers: { authorization: 'Bearer browser-admin' } });
      expect(inForce.json().zones.map((z: { id: string }) => z.id)).toContain(zoneId);
      await listed.$eval('[data-testid=withdraw-restriction]', (b) => (b as HTMLButtonElement).click());
      await operator.page.waitForSelector(`[data-testid=restriction-message]:has-text("${zoneId}")`);
      await operator.page.waitForSelector(`[data-testid=restrictions-in-force] li[data-zone="${zoneId}"]`, { state: 'detached' });
      const after = await env.app.inject({ method: 'GET', url: '/api/v1/zones?kind=temporary', headers: { authorization: 'Bearer browser-admin' } });
      expect(after.json().zones.map((z: { id: string }) => z.id)).not.toContain(zoneId);
      // and off the pilot's map
      const offPilotMap = (id: string) => !(window as unknown as ZonesMap).__yukongMap.querySourceFeatures('zones').some((f) => f.properties.id === id);
      await pilot.page.waitForFunction(offPilotMap, zoneId, { timeout: WAIT_MS });
      expect([...pilot.errors, ...operator.errors]).toEqual([]);
    },
    TEST_MS,
  );

  it(
    'checks and files an area (survey block) drawn on the map, with clear messages for mistakes',
    async () => {
      const pilot = await pilots.as(await principal(env, { role: 'pilot', name: 'Wang Fang', operatorId: 'SURVEY-CO' }));
      await pilot.page.waitForSelector('[data-testid=pilot-portal]');
      await pilot.page.fill('[data-testid=registration]', REGISTRATION);
      await pilot.page.click('[data-testid=shape-area]');
      await pilot.page.evaluate(() => (window as unknown as { __yukongMap: { jumpTo(o: object): void } }).__yukongMap.jumpTo({ center: [106.45, 29.85], zoom: 13 }));
      const clickAt = async (p: number[]) => {
        const xy = await pilot.page.evaluate((ll) => (window as unknown as { __yukongMap: { project(p: number[]): { x: number; y: number } } }).__yukongMap.project(ll), p);
        await pilot.page.mouse.click(xy.x, xy.y);
      };
      await pilot.page.click('[data-testid=draw]');
      for (const p of [
        [106.44, 29.845],
        [106.455, 29.845],
      ])
        await clickAt(p);
      await pilot.page.click('[data-testid=check]');
      await expect(pilot.page.waitForSelector('[data-testid=pilot-error]:has-text("三个顶点")')).resolves.toBeTruthy();
      for (const p of [
        [106.455, 29.855],
        [106.44, 29.855],
      ])
        await clickAt(p);
      await pilot.page.click('[data-testid=draw]');
      await pilot.page.selectOption('#mission', 'survey');
      await pilot.page.fill('#upper', '80');
      await pilot.page.fill('#duration', '45');
      await pilot.page.click('[data-testid=check]');
      await pilot.page.waitForSelector('[data-testid=outcome]');
      await pilot.page.click('[data-testid=submit]');
      const item = await pilot.page.waitForSelector('[data-testid=my-plans] li[data-plan] [data-state]');
      const planId = await item.evaluate((el) => el.parentElement?.getAttribute('data-plan'));
      const plan = (await env.app.inject({ method: 'GET', url: `/api/v1/flight-plans/${planId}`, headers: { authorization: 'Bearer browser-admin' } })).json();
      expect(plan.input.route).toBeUndefined();
      expect(plan.volumes).toHaveLength(1);
      expect(plan.volumes[0].outline.coordinates[0]).toHaveLength(5);
      expect(Date.parse(plan.volumes[0].timeEnd) - Date.parse(plan.volumes[0].timeStart)).toBe(45 * 60_000);
      expect(plan.volumes[0]).toMatchObject({ altitudeLowerM: 30, altitudeUpperM: 80 });
      await pilot.page.screenshot({ path: join(ARTIFACTS, 'pilot-area.png') });
      expect(pilot.errors).toEqual([]);
    },
    TEST_MS,
  );
});
