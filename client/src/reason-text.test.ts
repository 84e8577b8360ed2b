import { describe, expect, it } from 'vitest';
import { CATEGORIES, MISSIONS } from '../../shared/domain/categories.js';
import { destination } from '../../shared/geo/earth.js';
import type { LngLat } from '../../shared/geo/types.js';
import { bookPlan, candidateFromInput, createAirspaceState, putZone } from '../../shared/rules/airspace-state.js';
import { CREDIT_EVENT_KINDS, CREDIT_TIERS, creditEffect } from '../../shared/rules/credit-tier.js';
import { evaluatePlan } from '../../shared/rules/evaluate-plan.js';
import { REASON_CODES } from '../../shared/rules/reason-codes.js';
import { checkRegistry, type FilingRequest, type RegistryView } from '../../shared/rules/registry-check.js';
import type { Reason } from '../../shared/schemas/decision.js';
import type { FlightPlanInput } from '../../shared/schemas/flight-plan.js';
import { PLAN_STATES } from '../../shared/schemas/flight-plan.js';
import { ZONE_KINDS } from '../../shared/schemas/zone.js';
import { fill, indexRuns, REASON_TEXTS, reasonLines, reasonText, suggestionText } from './reason-text.js';
import { CATEGORY_TEXT, CREDIT_KIND_TEXT, CREDIT_TIER_TEXT, MISSION_TEXT, PLAN_STATE_TEXT, ZONE_KIND_TEXT } from './value-text.js';

const CJK = /[\u4e00-\u9fff]/;
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** A reason whose server values were all worded: a detailed sentence, not the plain one. */
const detailed = (r: Reason) => {
  const zh = reasonText(r, 'zh');
  const en = reasonText(r, 'en');
  return zh !== REASON_TEXTS[r.code].text.zh && en !== REASON_TEXTS[r.code].text.en && !/[{}]/.test(zh + en);
};

describe('every reason code has a Chinese and an English sentence', () => {
  it.each([...REASON_CODES])('%s', (code) => {
    const entry = (REASON_TEXTS as Record<string, (typeof REASON_TEXTS)[keyof typeof REASON_TEXTS] | undefined>)[code];
    expect(entry, `no text for ${code}`).toBeDefined();
    expect(entry?.text.zh).toMatch(CJK);
    expect(entry?.text.en).toMatch(/^[A-Z][^\u4e00-\u9fff]+$/);
    for (const d of entry?.details ?? []) expect(placeholders(d.zh)).toEqual(placeholders(d.en));
    expect(reasonText({ code, message: 'server words' }, 'zh')).toBe(entry?.text.zh);
  });
  it('the catalogue has no text for a code that does not exist', () => {
    expect(Object.keys(REASON_TEXTS).sort()).toEqual([...REASON_CODES].sort());
  });
  it('values are worded in both languages: categories, missions, zone kinds, plan states, credit tiers and events', () => {
    const tables: [readonly string[], Record<string, { zh: string; en: string }>][] = [
      [CATEGORIES, CATEGORY_TEXT],
      [MISSIONS, MISSION_TEXT],
      [ZONE_KINDS, ZONE_KIND_TEXT],
      [PLAN_STATES, PLAN_STATE_TEXT],
      [CREDIT_TIERS, CREDIT_TIER_TEXT],
      [CREDIT_EVENT_KINDS, CREDIT_KIND_TEXT],
    ];
    for (const [values, table] of tables)
      for (const v of values) {
        expect(table[v]?.zh, v).toMatch(CJK);
        expect(table[v]?.en, v).toBeTruthy();
      }
  });
});

describe('the reasons the rules make read in full', () => {
  const view = (over: Partial<RegistryView> = {}): RegistryView => ({
    company: (id) => (id === 'ACME' ? { id, name: 'ACME 物流', uscc: 'x', credentials: [], suspended: false, createdAt: '' } : undefined),
    aircraft: (r) => (r === 'UAS-1' ? { registration: r, serial: 's', model: 'M30', category: 'small', mtowKg: 9, companyId: 'ACME', registeredAt: '' } : undefined),
    licence: () => ({ number: 'L-9', class: 'VLOS', categories: ['light'], expires: '2026-11-30' }),
    insured: () => false,
    ...over,
  });
  const req: FilingRequest = {
    pilotId: 'p',
    companyId: 'ACME',
    registration: 'UAS-1',
    category: 'small',
    mission: 'inspection',
    startMs: Date.parse('2026-12-01T02:00:00Z'),
    endMs: Date.parse('2026-12-01T03:00:00Z'),
    takeoff: [106.4, 29.83],
    reach: [{ bbox: [106.42, 29.83, 106.42, 29.83] }],
  };

  it('the registry: licence category, class and expiry, insurance, aircraft and company', () => {
    const found = [...checkRegistry(view(), req), ...checkRegistry(view(), { ...req, registration: 'UAS-2', category: 'light' }), ...checkRegistry(view(), { ...req, companyId: 'NONE' })];
    expect(new Set(found.map((r) => r.code))).toEqual(new Set(['PILOT_NOT_LICENSED', 'LICENCE_EXPIRED', 'INSURANCE_MISSING', 'AIRCRAFT_NOT_REGISTERED', 'COMPANY_NOT_REGISTERED']));
    for (const r of found) expect(detailed(r), r.code).toBe(true);
    const text = found.map((r) => reasonText(r, 'zh'));
    expect(text).toContain('您的执照 L-9 于 2026-11-30 到期，早于本次飞行结束');
    expect(text).toContain('您的执照 L-9 仅适用于轻型，不含小型无人机');
    expect(text).toContain('“ACME 物流”没有覆盖 UAS-1 整个飞行时段的第三者责任险');
    const none = checkRegistry(view({ licence: () => undefined }), req).find((r) => r.code === 'PILOT_NOT_LICENSED');
    expect(reasonText(none as Reason, 'zh')).toBe('超视距（距起飞点超过 500 米）驾驶小型无人机须持有执照，您名下没有执照');
    const mismatch = checkRegistry(view(), { ...req, category: 'light' }).find((r) => r.code === 'CATEGORY_MISMATCH');
    expect(reasonText(mismatch as Reason, 'en')).toBe('Aircraft UAS-1 is registered as small, not light');
  });

  it('credit: review and suspension with the tier and score', () => {
    for (const tier of ['C', 'D'] as const) {
      const r = creditEffect(tier, { companyId: 'ACME', score: tier === 'C' ? 650 : 420 });
      expect(r && detailed(r)).toBe(true);
    }
    expect(reasonText(creditEffect('D', { score: 420 }) as Reason, 'zh')).toBe('企业信用等级为 D（420 分），暂停申报，直至信用分恢复到 500 分');
  });

  it('the airspace: zones, height, conflicts, capacity; a code repeated over volumes is said once', () => {
    const O: LngLat = [106.5, 29.5];
    const at = (x: number, y: number): LngLat => destination(destination(O, x, 90), y, 0);
    const s = createAirspaceState();
    const box = (x0: number, x1: number) => ({ type: 'Polygon' as const, coordinates: [[at(x0, -50), at(x1, -50), at(x1, 50), at(x0, 50), at(x0, -50)]] });
    const zone = { altitudeLowerM: 0, altitudeUpperM: 1000, applicability: { kind: 'permanent' as const }, reason: 'test', source: 'test' };
    putZone(s, { ...zone, id: 'Z-P', name: '军事禁区', kind: 'prohibited', outline: box(900, 1100) });
    putZone(s, { ...zone, id: 'Z-C', name: '江北机场', kind: 'controlled', outline: box(1900, 2100) });
    const input = (upper: number, start: string): FlightPlanInput => ({
      aircraft: { registration: 'UAS-1', category: 'light' },
      mission: 'logistics',
      route: { waypoints: [at(0, 0), at(1000, 0), at(2000, 0), at(3000, 0)], corridorHalfWidthM: 20, cruiseSpeedMps: 10, altitudeLowerM: 30, altitudeUpperM: upper, departAt: start },
    });
    bookPlan(s, { ...candidateFromInput(input(100, '2026-12-01T02:00:00Z')), id: 'FP-1' });
    const c = candidateFromInput(input(150, '2026-12-01T02:00:00Z'), undefined, 'FP-2');
    const d = evaluatePlan(s, c, { nowMs: Date.parse('2026-12-01T00:00:00Z'), suggest: false });
    expect(d.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['ZONE_PROHIBITED', 'ZONE_CONTROLLED', 'ABOVE_120M_CONTROLLED', 'PLAN_CONFLICT', 'ROUTED_TO_STATION']));
    for (const r of d.reasons) expect(detailed(r), r.code).toBe(true);
    const lines = reasonLines(d.reasons, 'zh', { volumeCount: c.prepared.length, effects: ['reject', 'approval'] });
    const above = lines.filter((l) => l.code === 'ABOVE_120M_CONTROLLED');
    expect(above).toHaveLength(1);
    expect(above[0].volumes.length).toBe(d.reasons.filter((r) => r.code === 'ABOVE_120M_CONTROLLED').length);
    expect(above[0].volumes.length).toBeGreaterThan(1);
    expect(above[0].text).toMatch(/^最高达 160 米，超过真高 120 米，属管制空域，需审批（第 1–\d+ 段）$/ /* 150 m and the route's 10 m buffer */);
    expect(lines.find((l) => l.code === 'ZONE_PROHIBITED')?.text).toMatch(/^进入禁飞区“军事禁区”，不得飞行（第 [\d–、]+ 段）$/);
    expect(lines.find((l) => l.code === 'PLAN_CONFLICT')?.text).toContain('与已批准计划 FP-1');
  });
});

describe('wording helpers', () => {
  it('fills placeholders or gives up when a value is missing', () => {
    expect(fill('{a} / {category}', { a: 1, category: 'medium' }, 'zh')).toBe('1 / 中型');
    expect(fill('{a} / {b}', { a: 1 }, 'en')).toBeNull();
    expect(fill('{hourAt}', { hourAt: '2026-12-01T02:00:00.000Z' }, 'en')).toBe('2026-12-01 10:00 (UTC+8)');
  });
  it('an English sentence opening with a value starts with a capital', () => {
    expect(reasonText({ code: 'CATEGORY_ALWAYS_CONTROLLED', message: '', params: { category: 'medium' } }, 'en')).toBe('Medium aircraft have no suitable airspace: every flight needs approval');
  });
  it('a code the client does not know yet shows the server’s message', () => {
    expect(reasonText({ code: 'SOMETHING_NEW' as Reason['code'], message: 'as the server says' }, 'zh')).toBe('as the server says');
  });
  it('runs of volume numbers, one volume of one plan unnumbered', () => {
    expect(indexRuns([5, 1, 2, 3, 3])).toBe('1–3, 5');
    const r: Reason = { code: 'ABOVE_120M_CONTROLLED', effect: 'approval', message: '', volumeIndex: 0, params: { upperM: 130, limitM: 120 } };
    expect(reasonLines([r], 'en', { volumeCount: 1 })[0].text).toBe('Reaches 130 m, above 120 m true height: controlled airspace, approval needed');
    expect(reasonLines([r, { ...r, volumeIndex: 2, params: { upperM: 140, limitM: 120 } }], 'en')[0].text).toBe(
      'Reaches 140 m, above 120 m true height: controlled airspace, approval needed (volumes 1, 3)',
    );
  });
  it('suggestions say what to change and what follows', () => {
    expect(suggestionText({ kind: 'time-shift', shiftS: 900, outcome: 'approved' }, 'zh')).toBe('推迟 15 分钟起飞 → 可直接批准');
    expect(suggestionText({ kind: 'time-shift', shiftS: -600, outcome: 'pending' }, 'en')).toBe('Depart 10 min earlier → needs approval');
    expect(suggestionText({ kind: 'altitude-shift', shiftM: -20, outcome: 'approved' }, 'zh')).toBe('降低 20 米飞行 → 可直接批准');
  });
});
