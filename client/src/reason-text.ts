/**
 * Decision reasons and suggestions as sentences a pilot understands, Chinese and English. Each
 * reason code has a plain sentence and, where the server sends the values it was made of
 * (`params`), fuller sentences: the first whose placeholders all have a value is used. A code
 * repeated over several volumes of one plan is said once, with the volumes it concerns.
 */
import type { ReasonCode } from '../../shared/rules/reason-codes.js';
import type { Reason, ReasonParams, Suggestion } from '../../shared/schemas/decision.js';
import type { Lang } from './i18n.js';
import { type Text, valueText } from './value-text.js';

export interface ReasonEntry {
  /** without any value: always true, never specific */
  text: Text;
  /** with `{param}` placeholders, most specific first */
  details?: Text[];
}

const t = (zh: string, en: string): Text => ({ zh, en });

export const REASON_TEXTS: Record<ReasonCode, ReasonEntry> = {
  ZONE_PROHIBITED: { text: t('进入禁飞区域，不得飞行', 'Enters a prohibited zone: no flying there'), details: [t('进入{zoneKind}“{zone}”，不得飞行', 'Enters {zoneKind} “{zone}”: no flying there')] },
  ZONE_CATEGORY_NOT_ALLOWED: {
    text: t('限制区不允许该类别无人机进入', 'A restricted zone does not admit this category of aircraft'),
    details: [t('限制区“{zone}”不允许{category}无人机进入', 'Restricted zone “{zone}” does not admit {category} aircraft')],
  },
  PLAN_CONFLICT: {
    text: t('与优先级不低于本计划的其他计划冲突', 'Conflicts with a plan of equal or higher priority'),
    details: [
      t(
        '与{state}计划 {plan}（优先级 {priority}，不低于本计划的 {own}）在时间、高度和范围上重叠',
        'Overlaps in time, height and area with {state} plan {plan} (priority {priority}, not below this plan’s {own})',
      ),
    ],
  },
  LANDING_POINT_CAPACITY: {
    text: t('起降点该时段容量已满', 'The landing point is full in that hour'),
    details: [t('起降点“{landingPoint}”在 {hourAt} 起的一小时内已满（每小时 {capacity} 架次）', 'Landing point “{landingPoint}” is full in the hour from {hourAt} ({capacity} movements an hour)')],
  },
  LANDING_POINT_UNKNOWN: { text: t('起降点不存在', 'Unknown landing point'), details: [t('起降点 {landingPoint} 不存在', 'Unknown landing point {landingPoint}')] },
  LANDING_POINT_CLOSED: {
    text: t('起降点该时刻未开放', 'The landing point is closed at that time'),
    details: [t('起降点“{landingPoint}”开放时间为北京时间 {from}–{to}，{at} 不开放', 'Landing point “{landingPoint}” is open {from}–{to} Beijing time, not at {at}')],
  },
  OUTSIDE_SERVICE_AREA: { text: t('计划完全位于本系统服务范围之外', 'The plan lies wholly outside the area these stations serve') },
  COMPANY_NOT_REGISTERED: {
    text: t('所属企业尚未实名登记：企业须先以统一社会信用代码登记', 'Your company is not in the registry: it registers with its unified social credit code first'),
    details: [t('所属企业 {company} 尚未实名登记：企业须先以统一社会信用代码登记', 'Your company {company} is not in the registry: it registers with its unified social credit code first')],
  },
  COMPANY_SUSPENDED: {
    text: t('企业已被暂停申报', 'The company is suspended from filing'),
    details: [
      t('企业信用等级为 {tier}（{score} 分），暂停申报，直至信用分恢复到 {floor} 分', 'The company is in credit tier {tier} (score {score}): suspended from filing until its score reaches {floor}'),
      t('企业信用等级为 {tier}，暂停申报，直至信用分恢复到 {floor} 分', 'The company is in credit tier {tier}: suspended from filing until its score reaches {floor}'),
      t('企业“{company}”已被暂停，解除前不得申报飞行', '{company} is suspended: it may not file flights until the suspension is lifted'),
    ],
  },
  AIRCRAFT_NOT_REGISTERED: {
    text: t('航空器尚未实名登记，请先登记再申报', 'The aircraft is not registered by real name: register it before filing'),
    details: [t('航空器 {registration} 尚未实名登记，请先登记再申报', 'Aircraft {registration} is not registered by real name: register it before filing')],
  },
  AIRCRAFT_NOT_OWNED: {
    text: t('航空器登记在其他企业名下', 'The aircraft is registered to another company'),
    details: [t('航空器 {registration} 登记在其他企业名下，不属于“{company}”', 'Aircraft {registration} is registered to another company, not {company}')],
  },
  CATEGORY_MISMATCH: {
    text: t('申报的航空器类别与登记不符', 'The category filed differs from the one registered'),
    details: [t('航空器 {registration} 登记为{registered}，申报为{category}', 'Aircraft {registration} is registered as {registered}, not {category}')],
  },
  PILOT_NOT_LICENSED: {
    text: t('驾驶员执照不满足本次飞行要求', 'Your licence does not cover this flight'),
    details: [
      t(
        '飞行距起飞点超过 {beyondM} 米（超视距），而您的执照 {licence} 仅限视距内运行',
        'The flight goes more than {beyondM} m from take-off (beyond visual line of sight); your licence {licence} is for visual line of sight only',
      ),
      t('您的执照 {licence} 仅适用于{licensed}，不含{category}无人机', 'Your licence {licence} covers {licensed}, not {category} aircraft'),
      t(
        '超视距（距起飞点超过 {beyondM} 米）驾驶{category}无人机须持有执照，您名下没有执照',
        'Flying a {category} aircraft beyond visual line of sight (more than {beyondM} m) needs a licence; none is on file for you',
      ),
      t('驾驶{category}无人机须持有执照，您名下没有执照', 'Flying a {category} aircraft needs a licence; none is on file for you'),
    ],
  },
  LICENCE_EXPIRED: {
    text: t('驾驶员执照在飞行结束前到期', 'Your licence expires before the flight ends'),
    details: [t('您的执照 {licence} 于 {expires} 到期，早于本次飞行结束', 'Your licence {licence} expires on {expires}, before the flight ends')],
  },
  INSURANCE_MISSING: {
    text: t('没有覆盖整个飞行时段的第三者责任险', 'No third-party liability insurance covers the whole flight'),
    details: [t('“{company}”没有覆盖 {registration} 整个飞行时段的第三者责任险', 'No third-party liability policy of {company} covers {registration} for the whole flight')],
  },
  ABOVE_120M_CONTROLLED: {
    text: t('超过真高 120 米，属管制空域，需审批', 'Above 120 m true height: controlled airspace, approval needed'),
    details: [t('最高达 {upperM} 米，超过真高 {limitM} 米，属管制空域，需审批', 'Reaches {upperM} m, above {limitM} m true height: controlled airspace, approval needed')],
  },
  ABOVE_CATEGORY_LIMIT: {
    text: t('超过该类别免审批的高度上限，需审批', 'Above the height this category may fly without approval'),
    details: [t('{category}无人机免审批飞行高度上限为 {limitM} 米，本计划达到 {upperM} 米，需审批', '{category} aircraft fly without approval up to {limitM} m; this plan reaches {upperM} m')],
  },
  CATEGORY_ALWAYS_CONTROLLED: {
    text: t('该类别无人机没有适飞空域，每次飞行都需审批', 'This category has no suitable airspace: every flight needs approval'),
    details: [t('{category}无人机没有适飞空域，每次飞行都需审批', '{category} aircraft have no suitable airspace: every flight needs approval')],
  },
  ZONE_CONTROLLED: {
    text: t('进入管制空域，需审批', 'Enters controlled airspace: approval needed'),
    details: [t('进入管制空域“{zone}”，需审批', 'Enters controlled airspace “{zone}”: approval needed')],
  },
  ZONE_RESTRICTED: { text: t('进入限制区，需审批', 'Enters a restricted zone: approval needed'), details: [t('进入限制区“{zone}”，需审批', 'Enters restricted zone “{zone}”: approval needed')] },
  ZONE_TEMPORARY_APPROVAL: {
    text: t('进入临时管制区，需审批', 'Enters a temporary restriction: approval needed'),
    details: [t('进入临时管制区“{zone}”，需审批', 'Enters temporary restriction “{zone}”: approval needed')],
  },
  OUTSIDE_SURVEILLANCE: { text: t('部分航段不在监视覆盖范围内，需审批', 'Part of the flight is outside surveillance coverage: approval needed') },
  ACTIVE_FLIGHT_CONFLICT: {
    text: t('与空中正在飞行的航空器冲突：由 A 站决定', 'Conflicts with an aircraft in the air: the A station decides'),
    details: [
      t(
        '与正在飞行的计划 {plan} 冲突：由 A 站决定，如获批准，该航空器将被要求避让',
        'Conflicts with plan {plan}, which is airborne: the A station decides, and that flight is asked to yield if this is approved',
      ),
    ],
  },
  EMERGENCY_UNVERIFIED: {
    text: t('企业不是经认证的应急救援单位：A 站确认紧急情况后方可优先', 'Not a verified emergency service: the A station confirms the emergency first'),
    details: [
      t(
        '“{company}”不是经认证的应急救援单位：A 站确认紧急情况后，本计划方可优先',
        '{company} is not a verified emergency service: the A station confirms the emergency before the plan may displace anyone',
      ),
    ],
  },
  CREDIT_REVIEW: {
    text: t('企业信用等级较低，每个计划都需人工审核', 'The company’s credit tier sends every plan to an operator'),
    details: [
      t('企业信用等级为 {tier}（{score} 分），每个计划都需人工审核', 'The company is in credit tier {tier} (score {score}): every plan is reviewed by an operator'),
      t('企业信用等级为 {tier}，每个计划都需人工审核', 'The company is in credit tier {tier}: every plan is reviewed by an operator'),
    ],
  },
  PREEMPTION_REVIEW: {
    text: t('将取代其他企业的计划，需管制员决定', 'Would displace other companies’ plans: an operator decides'),
    details: [t('将取代其他企业的计划（{plans}），需管制员决定', 'Would displace other companies’ plans ({plans}): an operator decides')],
  },
  SUITABLE_AIRSPACE: {
    text: t('完全位于适飞空域内，无冲突，容量充足', 'Wholly in suitable airspace, no conflict, capacity available'),
    details: [t('完全位于{category}无人机的适飞空域内，无冲突，容量充足', 'Wholly in suitable airspace for {category} aircraft, no conflict, capacity available')],
  },
  DESIGNATED_AIRSPACE: { text: t('完全位于指定空域内', 'Wholly in designated airspace'), details: [t('完全位于指定{zoneKind}“{zone}”内', 'Wholly in designated {zoneKind} “{zone}”')] },
  PREEMPTS_LOWER_PRIORITY: { text: t('优先于较低优先级的计划', 'Overrides lower-priority plans'), details: [t('优先于较低优先级的计划：{plans}', 'Overrides lower-priority plans: {plans}')] },
  EMERGENCY_FAST_LANE: { text: t('紧急任务：由 A 站快速通道处理', 'Emergency mission: decided in the A station’s fast lane') },
  ROUTED_TO_STATION: { text: t('已分派至负责的服务站', 'Sent to the station in charge'), details: [t('由服务站 {station} 受理', 'Decided by station {station}')] },
  PRIORITY_CAPPED: {
    text: t('申请的优先级超出许可，已按上限处理', 'The priority asked for is above what is allowed: capped'),
    details: [
      t('申请优先级 {requested}，实际为 {given}：{mission}任务的优先级最高为 {cap}', 'Priority {requested} asked, {given} given: a {mission} mission ranks at most {cap}'),
      t('申请优先级 {requested}，实际为 {given}：高于 {cap} 的优先级仅用于紧急任务', 'Priority {requested} asked, {given} given: above {cap} is for emergency missions'),
    ],
  },
  FILED_BY_STATION: { text: t('由飞行服务站申报：实名登记核查仅适用于企业', 'Filed by a flight-service station: the registry applies to companies') },
};

const PLACEHOLDER = /\{(\w+)\}/g;

/** A template with its placeholders filled, or null when a value is missing. */
export function fill(template: string, params: ReasonParams, lang: Lang): string | null {
  let missing = false;
  const out = template.replace(PLACEHOLDER, (_, name: string) => {
    const v = params[name];
    if (v === undefined || v === '') missing = true;
    return v === undefined ? '' : valueText(name, v, lang);
  });
  return missing ? null : out;
}

/** One reason as a sentence; a code the catalogue does not know yet falls back to the server's message. */
export function reasonText(r: Pick<Reason, 'code' | 'message' | 'params'>, lang: Lang): string {
  const entry = (REASON_TEXTS as Partial<Record<string, ReasonEntry>>)[r.code];
  if (!entry) return r.message;
  for (const d of entry.details ?? []) {
    const s = r.params ? fill(d[lang], r.params, lang) : null;
    // an English sentence may open with a value ("light aircraft …")
    if (s) return lang === 'en' ? s.charAt(0).toUpperCase() + s.slice(1) : s;
  }
  return entry.text[lang];
}

/** "1–3, 5": ascending indices, runs joined. */
export function indexRuns(indices: number[], sep = ', '): string {
  const xs = [...new Set(indices)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < xs.length; i++) {
    let j = i;
    while (j + 1 < xs.length && xs[j + 1] === xs[j] + 1) j++;
    runs.push(j > i ? `${xs[i]}–${xs[j]}` : `${xs[i]}`);
    i = j;
  }
  return runs.join(sep);
}

export interface ReasonLine {
  code: ReasonCode;
  effect: Reason['effect'];
  text: string;
  /** 1-based volumes it concerns (empty: the plan as a whole) */
  volumes: number[];
}

/**
 * Reasons as lines to show: one line per code and subject (zone, plan, aircraft), the volumes it
 * concerns gathered (and the highest of their numbers, e.g. the top of the band), in first-seen order.
 */
export function reasonLines(reasons: Reason[], lang: Lang, opts: { volumeCount?: number; effects?: Reason['effect'][] } = {}): ReasonLine[] {
  const groups = new Map<string, { first: Reason; params: ReasonParams; volumes: number[] }>();
  for (const r of reasons) {
    if (opts.effects && !opts.effects.includes(r.effect)) continue;
    const key = `${r.code}\u0000${r.effect}\u0000${r.ref ?? ''}`;
    const g = groups.get(key);
    if (!g) groups.set(key, { first: r, params: { ...(r.params ?? {}) }, volumes: r.volumeIndex === undefined ? [] : [r.volumeIndex + 1] });
    else {
      if (r.volumeIndex !== undefined) g.volumes.push(r.volumeIndex + 1);
      for (const [k, v] of Object.entries(r.params ?? {})) {
        const had = g.params[k];
        if (typeof v === 'number' && typeof had === 'number') g.params[k] = Math.max(v, had);
      }
    }
  }
  return [...groups.values()].map(({ first, params, volumes }) => {
    const base = reasonText({ ...first, params }, lang);
    const shown = opts.volumeCount === 1 ? [] : volumes;
    const where = shown.length ? (lang === 'zh' ? `（第 ${indexRuns(shown, '、')} 段）` : ` (volume${shown.length > 1 ? 's' : ''} ${indexRuns(shown)})`) : '';
    return { code: first.code, effect: first.effect, text: `${base}${where}`, volumes: [...new Set(volumes)].sort((a, b) => a - b) };
  });
}

/** A suggestion: what to change, and what the plan would then get. */
export function suggestionText(s: Pick<Suggestion, 'kind' | 'shiftS' | 'shiftM' | 'outcome'>, lang: Lang): string {
  const outcome = s.outcome === 'approved' ? t('可直接批准', 'approved at once') : t('需审批', 'needs approval');
  if (s.kind === 'time-shift') {
    const min = Math.round(Math.abs(s.shiftS ?? 0) / 60);
    const later = (s.shiftS ?? 0) > 0;
    return lang === 'zh' ? `${later ? '推迟' : '提前'} ${min} 分钟起飞 → ${outcome.zh}` : `Depart ${min} min ${later ? 'later' : 'earlier'} → ${outcome.en}`;
  }
  const m = Math.round(Math.abs(s.shiftM ?? 0));
  const up = (s.shiftM ?? 0) > 0;
  return lang === 'zh' ? `${up ? '升高' : '降低'} ${m} 米飞行 → ${outcome.zh}` : `Fly ${m} m ${up ? 'higher' : 'lower'} → ${outcome.en}`;
}
