/** Every string table of the workplaces has Chinese and English, with the same placeholders; alerts, zones and planner lines read in Chinese. */
import { describe, expect, it } from 'vitest';
import { ALERT_KINDS } from '../../shared/schemas/track.js';
import { EDITION_TEXT } from './edition-text.js';
import { OPERATOR_TEXT, PILOT_PROBLEMS, PILOT_TEXT, PLAN_TEXT, RESTRICTION_TEXT } from './i18n-plans.js';
import { PLANNER_TEXT } from './i18n-planner.js';
import { adjustmentText, cellPlace, pct, progressText, studyName } from './planner-format.js';
import { REPORT_PAGE_TEXT } from './report-page.js';
import { STATE_CAUSE_TEXT, stateWhyText } from './state-cause-text.js';
import { STATE_CAUSE_CODES } from '../../shared/schemas/flight-plan-record.js';
import { ALERT_KIND_TEXT, AIRPORT_ZONES, alertText, zoneName } from './zone-text.js';

const CJK = /[\u4e00-\u9fff]/;
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
/** an English word of three letters or more outside ids, codes and units */
const ENGLISH_WORD = /\b(?![A-Z]{1,}-)(?!H3\b)[A-Za-z]{3,}\b/;
/** strings that offer the other language on purpose */
const OTHER_LANGUAGE = new Set(['reportLang']);

const TABLES: Record<string, Record<string, { zh: string; en: string }>> = {
  PLAN_TEXT,
  OPERATOR_TEXT,
  PILOT_TEXT,
  PILOT_PROBLEMS,
  RESTRICTION_TEXT,
  PLANNER_TEXT,
  ALERT_KIND_TEXT,
  REPORT_PAGE_TEXT,
  EDITION_TEXT,
  STATE_CAUSE_TEXT,
};

describe('why a plan is in its state', () => {
  it("every cause the server sends has words; a person's words are shown as written, in either language", () => {
    expect(Object.keys(STATE_CAUSE_TEXT).sort()).toEqual([...STATE_CAUSE_CODES].sort());
    expect(stateWhyText({ stateCause: { code: 'preempted', params: { planId: 'FP-0000007', priority: 80 } }, stateReason: 'preempted by higher-priority plan FP-0000007' }, 'zh')).toBe(
      '被更高优先级的计划 FP-0000007（优先级 80）取代，请重新规划',
    );
    expect(stateWhyText({ stateCause: { code: 'restriction', params: { zone: '消防演练', zoneId: 'TMP-3' } } }, 'en')).toBe('Airspace restriction 消防演练 (TMP-3) took effect');
    const stated = { stateCause: { code: 'stated' as const }, stateReason: '空域繁忙，请改期' };
    expect(stateWhyText(stated, 'zh')).toBe('空域繁忙，请改期');
    expect(stateWhyText(stated, 'en')).toBe('空域繁忙，请改期');
    // a plan recorded before causes were kept: its words are the system's English
    expect(stateWhyText({ stateReason: 'preempted by higher-priority plan FP-1' }, 'zh')).toBeNull();
    expect(stateWhyText({ stateReason: 'preempted by higher-priority plan FP-1' }, 'en')).toBe('preempted by higher-priority plan FP-1');
    expect(stateWhyText({}, 'zh')).toBeNull();
  });
});

describe('string tables: zh and en for every entry', () => {
  for (const [name, table] of Object.entries(TABLES))
    it(name, () => {
      for (const [key, text] of Object.entries(table)) {
        expect(text.zh, `${name}.${key}.zh`).toMatch(CJK);
        expect(text.en.trim(), `${name}.${key}.en`).not.toBe('');
        if (!OTHER_LANGUAGE.has(key)) {
          expect(text.en, `${name}.${key}.en is English`).not.toMatch(CJK);
          expect(text.zh.replace(/\{\w+\}/g, ''), `${name}.${key}.zh has no English word`).not.toMatch(ENGLISH_WORD);
        }
        expect(placeholders(text.zh), `${name}.${key} placeholders`).toEqual(placeholders(text.en));
      }
    });
  it('every alert kind has words', () => {
    expect(Object.keys(ALERT_KIND_TEXT).sort()).toEqual([...ALERT_KINDS].sort());
  });
});

describe('alerts and zones in Chinese', () => {
  it('words an alert from its kind and parameters in either language, never repeating the server message', () => {
    for (const kind of ALERT_KINDS) {
      const a = { kind, message: `server words about ${kind}`, trackId: 'UAS-CQ-000123', planId: 'FP-12' };
      const zh = alertText(a, 'zh');
      expect(zh).toMatch(CJK);
      expect(zh.replace(/UAS-CQ-\d+|FP-\d+/g, '')).not.toMatch(/[A-Za-z]{3,}/);
      const en = alertText(a, 'en');
      expect(en).not.toContain('server words');
      expect(en).toContain(kind === 'yield' || kind === 'lost-link' ? 'FP-12' : 'UAS-CQ-000123');
    }
    // (the server's yield message began with its kind: "yield: yield: plan …")
    expect(alertText({ kind: 'yield', message: 'yield: plan FP-1 must give way', planId: 'FP-1' }, 'en')).toMatch(/^yield: plan FP-1 must give way/);
  });
  it('names the airport zones in Chinese by id or English name, others from kind and airport', () => {
    for (const [id, z] of Object.entries(AIRPORT_ZONES)) {
      expect(zoneName({ id, name: z.en }, 'zh')).toBe(z.zh);
      expect(zoneName({ name: z.en }, 'zh')).toBe(z.zh);
      expect(zoneName({ id, name: z.en }, 'en')).toBe(z.en);
    }
    expect(zoneName({ name: 'Yubei Airport protection area' }, 'zh')).toBe('Yubei 机场净空保护区');
    expect(zoneName({ id: 'TMP-1', name: '龙舟赛临时管制' }, 'zh')).toBe('龙舟赛临时管制');
  });
});

describe('planner lines', () => {
  it('formats percentages to at most one decimal', () => {
    expect(pct(52.279)).toBe('52.3%');
    expect(pct(100)).toBe('100%');
    expect(pct(null)).toBe('–');
  });
  it('words progress and default study names', () => {
    expect(progressText({ step: 'traffic', phase: 500, fraction: 0.42 }, 'zh')).toBe('模拟一天交通 · 500 个起降点阶段 · 42%');
    expect(studyName('random 200/500 seed 3', 'zh')).toBe('随机 200/500 · 种子 3');
    expect(studyName('我的方案', 'zh')).toBe('我的方案');
  });
  it('names a cell by the nearest place, else by a short id', () => {
    const cell = '86409a4c7ffffff';
    expect(cellPlace(cell, [], 'zh')).toBe('网格 86409a4c7');
  });
  it('words each kind of adjustment without the server English', () => {
    const ctx = { lpName: (id: string) => ({ A: '甲起降点', B: '乙起降点' })[id], zone: () => ({ id: 'Z', name: '某限制区' }), places: [] };
    const lines = [
      adjustmentText({ kind: 'corridor', ref: 'A|B', text: 'designate', evidence: { flights: 12 } }, 'zh', ctx),
      adjustmentText({ kind: 'zone-schedule', ref: 'Z', text: 'x', evidence: { rejected: 5, offPeakRejected: 3, window: '01:00–05:00' } }, 'zh', ctx),
      adjustmentText({ kind: 'landing-point-capacity', ref: 'A', text: 'x', evidence: { peakHourMovements: 14, capacityPerHour: 12, capacityRejections: 2 } }, 'zh', ctx),
      adjustmentText({ kind: 'hot-cell', ref: '86409a4c7ffffff', text: 'x', evidence: { peakHourFlights: 9, peakUtilisationPct: 112.456 } }, 'zh', ctx),
    ];
    for (const l of lines) expect(l.replace(/网格 [0-9a-f]+/, '')).not.toMatch(/[A-Za-z]{3,}/);
    expect(lines[3]).toContain('112.5%');
  });
});
