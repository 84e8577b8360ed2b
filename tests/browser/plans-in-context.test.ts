/**
 * Through the UI, in Chinese: the operator sees each pending plan in context (window in UTC+8,
 * place, requested band apart from the buffered one, company), the competing plan beside the
 * selected one, a warning before approving ("将驳回 FP-…") and what the approval did. No English
 * words in the console outside ids, registrations and codes.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, TEST_MS, useBrowserApp } from './browser-harness.js';
import { company, file, openAs, planState, principal, visibleText } from './plan-helpers.js';
import { englishWords } from './visible-english.js';

const env = useBrowserApp();

describe('plans in context, in Chinese', () => {
  it(
    'the operator is warned before an approval rejects a competitor, and told what it did',
    async () => {
      await company(env, 'ACME', 41);
      await company(env, 'BETA', 42);
      const pilotA = await principal(env, { role: 'pilot', name: '李伟', operatorId: 'ACME' });
      const pilotB = await principal(env, { role: 'pilot', name: '王芳', operatorId: 'BETA' });
      const first = await file(env, pilotA, 'UAS-CQ-000101');
      const second = await file(env, pilotB, 'UAS-CQ-000102');
      const operator = await openAs(env, await principal(env, { role: 'operator', name: '张敏', stationId: 'B-500109' }));
      const { page } = operator;
      const row = `[data-testid=queue] li[data-row="${first}"]`;
      await page.waitForSelector(row);
      // the row: window (UTC+8), place, the band asked for apart from the buffered one, company
      expect(await page.textContent(`${row} [data-testid=queue-place]`)).toContain('北碚区');
      expect(await page.textContent(`${row} [data-testid=queue-band]`)).toMatch(/^150–200 米（含缓冲 \d+–\d+ 米）$/);
      expect(await page.textContent(`${row} [data-testid=queue-window]`)).toMatch(/^\d\d-\d\d \d\d:\d\d–/);
      expect(await page.textContent(row)).toContain('企业 ACME');
      await page.click(`[data-testid=queue] [data-plan="${first}"]`);
      await page.waitForSelector(`[data-testid=competing] li[data-plan="${second}"][data-state=pending]`);
      expect(await page.textContent('[data-testid=plan-band]')).toContain('150–200 米');
      // one line per code, in Chinese
      expect(await page.$$('[data-testid=plan-detail] [data-code=ABOVE_120M_CONTROLLED]')).toHaveLength(1);
      await page.click('[data-testid=approve]');
      const warning = await page.waitForSelector('[data-testid=approve-warning]');
      expect(await warning.textContent()).toContain(`将驳回 ${second}`);
      await page.screenshot({ path: join(ARTIFACTS, 'operator-approve-warning.png') });
      expect(englishWords(await visibleText(page, '[data-testid=operator-console]'))).toEqual([]);
      await page.click('[data-testid=approve]'); // 确认批准
      await page.waitForSelector(`[data-testid=operator-message]:has-text("已批准 ${first}")`);
      expect(await page.textContent('[data-testid=operator-message]')).toContain(`已驳回 ${second}`);
      await page.screenshot({ path: join(ARTIFACTS, 'operator-approve-summary.png') });
      expect(await planState(env, second)).toBe('rejected');
      expect(operator.errors).toEqual([]);
    },
    TEST_MS,
  );
});
