/**
 * Zone names and alerts in the reader's language. Airport zones carry an English name in the
 * scenario: the known ones have their Chinese name by id (and by English name, as reasons carry
 * the name); others are worded from their kind and the airport. Alerts are worded from their kind
 * and parameters; the server's English message is shown only in English.
 */
import type { Alert } from '../../shared/schemas/track.js';
import type { Lang } from './i18n.js';
import type { Text } from './value-text.js';

const t = (zh: string, en: string): Text => ({ zh, en });

/** Chongqing's airport zones: id → Chinese name, with the English name of the scenario. */
export const AIRPORT_ZONES: Record<string, { en: string; zh: string }> = {
  'ZONE-ZUCK': { en: 'Chongqing Jiangbei International Airport protection area', zh: '重庆江北国际机场净空保护区' },
  'ZONE-ZUDZ': { en: 'Dazu Air Base prohibited area', zh: '大足军用机场禁飞区' },
  'ZONE-ZULP': { en: 'Liangping Airport prohibited area', zh: '梁平机场禁飞区' },
  'ZONE-ZUQJ': { en: 'Qianjiang Wulingshan Airport protection area', zh: '黔江武陵山机场净空保护区' },
  'ZONE-ZUWL': { en: 'Chongqing Xiannüshan Airport protection area', zh: '重庆仙女山机场净空保护区' },
  'ZONE-ZUWS': { en: 'Chongqing Wushan Airport protection area', zh: '重庆巫山机场净空保护区' },
  'ZONE-ZUWX': { en: 'Wanzhou Wuqiao Airport protection area', zh: '万州五桥机场净空保护区' },
  'ZONE-CN-0030': { en: 'Chongqing Baishiyi Air Base prohibited area', zh: '重庆白市驿军用机场禁飞区' },
  'ZONE-CN-0358': { en: 'Fuling Airfield protection area', zh: '涪陵机场净空保护区' },
};
const BY_ENGLISH = new Map(Object.values(AIRPORT_ZONES).map((z) => [z.en, z.zh]));

/** "X Airport protection area" of an airport the table does not know: worded from the kind. */
const AIRPORT_PATTERN = /^(.+?) (International Airport|Airport|Air Base|Airfield) (protection|prohibited) area$/;

/** A zone's name to show: Chinese by id or English name, else built from kind + airport, else the name as given (a restriction's own name). */
export function zoneName(z: { id?: string; name: string }, lang: Lang): string {
  if (lang === 'en') return z.name;
  const known = (z.id && AIRPORT_ZONES[z.id]?.zh) || BY_ENGLISH.get(z.name);
  if (known) return known;
  const m = AIRPORT_PATTERN.exec(z.name);
  if (m) return `${m[1]} ${m[2] === 'Air Base' ? '军用机场' : '机场'}${m[3] === 'prohibited' ? '禁飞区' : '净空保护区'}`;
  return z.name;
}

export const ALERT_KIND_TEXT: Record<Alert['kind'], Text> = {
  'off-plan-lateral': t('偏离计划水平范围', 'off plan (lateral)'),
  'off-plan-vertical': t('偏离计划高度', 'off plan (vertical)'),
  'off-plan-time': t('偏离计划时间', 'off plan (time)'),
  'zone-incursion': t('闯入禁限区', 'zone incursion'),
  'loss-of-separation': t('间隔不足', 'loss of separation'),
  'unidentified-aircraft': t('不明航空器', 'unidentified aircraft'),
  'lost-link': t('失去联络', 'lost link'),
  yield: t('避让指令', 'yield'),
};

/** One sentence per alert kind, filled from the alert's own fields. */
const ALERT_SENTENCE: Record<Alert['kind'], (a: Pick<Alert, 'trackId' | 'planId'>) => string> = {
  'off-plan-lateral': (a) => `${a.trackId ?? ''} 偏出计划${a.planId ? ` ${a.planId} ` : ''}的水平范围`,
  'off-plan-vertical': (a) => `${a.trackId ?? ''} 偏出计划${a.planId ? ` ${a.planId} ` : ''}的高度范围`,
  'off-plan-time': (a) => `${a.trackId ?? ''} 在计划${a.planId ? ` ${a.planId} ` : ''}的时间窗口之外飞行`,
  'zone-incursion': (a) => `${a.trackId ?? ''} 未经批准进入禁限区`,
  'loss-of-separation': (a) => `${a.trackId ?? ''} 与其他航空器间隔不足`,
  'unidentified-aircraft': (a) => `监视发现不明航空器 ${a.trackId ?? ''}`,
  'lost-link': (a) => `${a.trackId ?? ''}${a.planId ? `（计划 ${a.planId}）` : ''} 超时未报告位置`,
  yield: (a) => `计划 ${a.planId ?? a.trackId ?? ''} 须按服务站指令避让已批准的高优先级计划`,
};

const ALERT_SENTENCE_EN: Record<Alert['kind'], (a: Pick<Alert, 'trackId' | 'planId'>) => string> = {
  'off-plan-lateral': (a) => `${a.trackId ?? ''} left the lateral bounds of${a.planId ? ` plan ${a.planId}` : ' its plan'}`,
  'off-plan-vertical': (a) => `${a.trackId ?? ''} left the altitude band of${a.planId ? ` plan ${a.planId}` : ' its plan'}`,
  'off-plan-time': (a) => `${a.trackId ?? ''} is flying outside the time window of${a.planId ? ` plan ${a.planId}` : ' its plan'}`,
  'zone-incursion': (a) => `${a.trackId ?? ''} entered a restricted or prohibited zone without approval`,
  'loss-of-separation': (a) => `${a.trackId ?? ''} is too close to another aircraft`,
  'unidentified-aircraft': (a) => `surveillance sees an unidentified aircraft ${a.trackId ?? ''}`,
  'lost-link': (a) => `no position report from ${a.trackId ?? ''}${a.planId ? ` (plan ${a.planId})` : ''} in time`,
  yield: (a) => `plan ${a.planId ?? a.trackId ?? ''} must give way, as the station instructs, to an approved higher-priority plan`,
};

/** An alert as one line, from its kind and parameters, in either language (the server's message is its English gloss). */
export function alertText(a: Pick<Alert, 'kind' | 'message' | 'trackId' | 'planId'>, lang: Lang): string {
  const kind = ALERT_KIND_TEXT[a.kind];
  if (!kind) return a.message;
  const sentence = (lang === 'en' ? ALERT_SENTENCE_EN : ALERT_SENTENCE)[a.kind](a).replace(/\s+/g, ' ').trim();
  return lang === 'en' ? `${kind.en}: ${sentence}` : `${kind.zh}：${sentence}`;
}
