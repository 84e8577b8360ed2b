/**
 * Words for the values the interface shows (aircraft categories, missions, zone kinds, plan
 * states, decision outcomes, credit tiers and events), Chinese and English, and times in UTC+8.
 */
import type { Category, Mission } from '../../shared/domain/categories.js';
import type { CreditEventKind, CreditTier } from '../../shared/rules/credit-tier.js';
import type { FlightPlan } from '../../shared/schemas/flight-plan-record.js';
import type { Zone } from '../../shared/schemas/zone.js';
import { BEIJING_OFFSET_MS } from '../../shared/util/beijing-time.js';
import type { Lang } from './i18n.js';
import { zoneName } from './zone-text.js';

export interface Text {
  zh: string;
  en: string;
}
type PlanState = FlightPlan['state'];
type ZoneKind = Zone['kind'];

export const CATEGORY_TEXT: Record<Category, Text> = {
  micro: { zh: '微型', en: 'micro' },
  light: { zh: '轻型', en: 'light' },
  small: { zh: '小型', en: 'small' },
  medium: { zh: '中型', en: 'medium' },
  large: { zh: '大型', en: 'large' },
};

export const MISSION_TEXT: Record<Mission, Text> = {
  logistics: { zh: '物流配送', en: 'logistics' },
  inspection: { zh: '巡检', en: 'inspection' },
  survey: { zh: '测绘', en: 'survey' },
  agriculture: { zh: '农林植保', en: 'agriculture' },
  sightseeing: { zh: '观光', en: 'sightseeing' },
  training: { zh: '培训', en: 'training' },
  uam: { zh: '城市空中交通', en: 'urban air mobility' },
  rescue: { zh: '救援', en: 'rescue' },
  medical: { zh: '医疗急救', en: 'medical' },
  firefighting: { zh: '消防', en: 'firefighting' },
  police: { zh: '警务', en: 'police' },
  other: { zh: '其他', en: 'other' },
};

export const ZONE_KIND_TEXT: Record<ZoneKind, Text> = {
  prohibited: { zh: '禁飞区', en: 'prohibited zone' },
  restricted: { zh: '限制区', en: 'restricted zone' },
  controlled: { zh: '管制空域', en: 'controlled airspace' },
  suitable: { zh: '适飞空域', en: 'suitable airspace' },
  temporary: { zh: '临时管制区', en: 'temporary restriction' },
  corridor: { zh: '航路走廊', en: 'corridor' },
};

export const PLAN_STATE_TEXT: Record<PlanState, Text> = {
  pending: { zh: '待审批', en: 'pending' },
  approved: { zh: '已批准', en: 'approved' },
  rejected: { zh: '已拒绝', en: 'rejected' },
  active: { zh: '飞行中', en: 'airborne' },
  completed: { zh: '已完成', en: 'completed' },
  cancelled: { zh: '已取消', en: 'cancelled' },
  revoked: { zh: '已撤销', en: 'revoked' },
};

export const CREDIT_TIER_TEXT: Record<CreditTier, Text> = {
  A: { zh: 'A 级（优良）', en: 'A (excellent)' },
  B: { zh: 'B 级（良好）', en: 'B (good)' },
  C: { zh: 'C 级（计划需人工审核）', en: 'C (every plan reviewed)' },
  D: { zh: 'D 级（暂停申报）', en: 'D (suspended)' },
};

export const CREDIT_KIND_TEXT: Record<CreditEventKind, Text> = {
  'completed-conforming': { zh: '按计划完成飞行', en: 'flight completed as planned' },
  'late-cancellation': { zh: '临近起飞取消已批准计划', en: 'approved plan cancelled late' },
  'no-show': { zh: '已批准计划未执行', en: 'approved plan not flown (no-show)' },
  'off-plan': { zh: '偏离计划（水平、高度或时间）', en: 'off plan (lateral, vertical or time)' },
  'lost-link': { zh: '失去联络', en: 'lost link' },
  'loss-of-separation': { zh: '间隔不足', en: 'loss of separation' },
  'zone-incursion': { zh: '闯入禁限区', en: 'zone incursion' },
  adjustment: { zh: '人工调整', en: 'adjustment' },
  'tier-change': { zh: '信用等级变化', en: 'change of tier' },
};

const TABLES: Record<string, Record<string, Text>> = {
  category: CATEGORY_TEXT,
  registered: CATEGORY_TEXT,
  mission: MISSION_TEXT,
  zoneKind: ZONE_KIND_TEXT,
  state: PLAN_STATE_TEXT,
  tier: Object.fromEntries(Object.keys(CREDIT_TIER_TEXT).map((k) => [k, { zh: k, en: k }])),
};

/** A moment as "YYYY-MM-DD HH:MM" in Beijing time (UTC+8). */
export function formatUtc8(iso: string | number): string {
  const ms = typeof iso === 'number' ? iso : Date.parse(iso);
  if (!Number.isFinite(ms)) return String(iso);
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** One value of a reason's params in the reader's language: categories, missions, states by table; lists item by item; `…At` moments in UTC+8. */
export function valueText(name: string, value: string | number, lang: Lang): string {
  if (name === 'licensed')
    return String(value)
      .split(',')
      .map((c) => valueText('category', c, lang))
      .join(lang === 'zh' ? '、' : ', ');
  if (name.endsWith('At') && typeof value === 'string') return `${formatUtc8(value)} (UTC+8)`;
  if (name === 'zone') return zoneName({ name: String(value) }, lang);
  const table = TABLES[name];
  const hit = table && Object.hasOwn(table, String(value)) ? table[String(value)] : undefined;
  return hit ? hit[lang] : String(value);
}
