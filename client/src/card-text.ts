/** What a clicked aircraft, landing point or alert says (pure, tested): a title and rows of label and value. */
import type { FlightPlan } from '../../shared/schemas/flight-plan-record.js';
import type { LandingPoint } from '../../shared/schemas/landing-point.js';
import type { StreamTrack } from '../../shared/schemas/stream.js';
import type { Alert } from '../../shared/schemas/track.js';
import type { Lang } from './i18n.js';
import { formatUtc8, MISSION_TEXT, PLAN_STATE_TEXT } from './value-text.js';
import { ALERT_KIND_TEXT, alertText } from './zone-text.js';

export interface Card {
  title: string;
  rows: [string, string][];
  /** where "centre on it" goes */
  at?: [number, number];
}

const w = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);
const CONFORMANCE: Record<string, [string, string]> = { conforming: ['符合计划', 'conforming'], nonconforming: ['偏离计划', 'off plan'] };
const LP_KIND: Record<string, [string, string]> = {
  hub: ['枢纽起降场', 'hub'],
  township: ['乡镇起降点', 'township point'],
  scenic: ['景区起降点', 'scenic spot'],
  rooftop: ['楼顶起降点', 'rooftop'],
  water: ['水上起降点', 'water'],
  grass: ['草地起降点', 'grass'],
  temporary: ['临时起降点', 'temporary'],
  airport: ['机场', 'airport'],
  site: ['规划站点', 'planned site'],
};

/** A landing point's category in words. */
export const lpKindText = (kind: string, lang: Lang): string => LP_KIND[kind]?.[lang === 'zh' ? 0 : 1] ?? kind;

/** An aircraft: registration, company, plan and its state, height, speed, heading, conformance, when last heard. */
export function aircraftCard(
  t: StreamTrack,
  o: { plan?: Pick<FlightPlan, 'id' | 'state' | 'aircraft' | 'operatorId' | 'mission' | 'conformance' | 'station'> | null; company?: string | null; alerts?: Alert[]; silentS?: number },
  lang: Lang,
): Card {
  const p = o.plan;
  const rows: [string, string][] = [
    [w(lang, '登记号', 'Registration'), p?.aircraft.registration ?? w(lang, '未知（无计划）', 'unknown (no plan)')],
    [w(lang, '企业', 'Company'), o.company ?? p?.operatorId ?? '–'],
    [w(lang, '计划', 'Plan'), p ? `${p.id} · ${PLAN_STATE_TEXT[p.state]?.[lang] ?? p.state}` : (t.planId ?? w(lang, '无', 'none'))],
  ];
  if (p) rows.push([w(lang, '任务', 'Mission'), MISSION_TEXT[p.mission as keyof typeof MISSION_TEXT]?.[lang] ?? p.mission]);
  rows.push(
    [w(lang, '真高', 'Height'), `${Math.round(t.altitudeM)} m`],
    [w(lang, '速度', 'Speed'), `${t.speedMps.toFixed(1)} m/s · ${Math.round(t.headingDeg)}°`],
    [w(lang, '符合性', 'Conformance'), conformanceText(t, p ?? null, o.alerts ?? [], lang)],
    [w(lang, '监视来源', 'Seen by'), t.source.map((x) => (x === 'network' ? w(lang, '网络遥测', 'network') : x)).join(lang === 'zh' ? '、' : ', ') || '–'],
  );
  if (o.silentS !== undefined && o.silentS >= 5) rows.push([w(lang, '最后报告', 'Last report'), w(lang, `${Math.round(o.silentS)} 秒前`, `${Math.round(o.silentS)} s ago`)]);
  return { title: `${w(lang, '航空器', 'Aircraft')} ${t.id}`, rows, at: [t.lng, t.lat] };
}

/** Conformance in words: an open alert on the aircraft first, then the plan's own flag, then "no plan" for a non-cooperative aircraft. */
export function conformanceText(t: Pick<StreamTrack, 'id' | 'planId'>, plan: Pick<FlightPlan, 'conformance'> | null, alerts: Alert[], lang: Lang): string {
  const mine = alerts.filter((a) => a.trackId === t.id);
  if (mine.length) return mine.map((a) => ALERT_KIND_TEXT[a.kind]?.[lang] ?? a.kind).join(lang === 'zh' ? '、' : ', ');
  if (plan?.conformance) return CONFORMANCE[plan.conformance][lang === 'zh' ? 0 : 1];
  if (!t.planId) return w(lang, '无计划（非合作目标）', 'no plan (non-cooperative)');
  return CONFORMANCE.conforming[lang === 'zh' ? 0 : 1];
}

/** A landing point: kind, capacity and its use this hour when known, district, opening hours. */
export function landingPointCard(p: LandingPoint, o: { usedThisHour?: number; districtName?: string }, lang: Lang): Card {
  const rows: [string, string][] = [
    [w(lang, '类型', 'Kind'), LP_KIND[p.kind]?.[lang === 'zh' ? 0 : 1] ?? p.kind],
    [w(lang, '容量', 'Capacity'), w(lang, `${p.capacityPerHour} 架次/小时`, `${p.capacityPerHour} movements/h`)],
  ];
  if (o.usedThisHour !== undefined) rows.push([w(lang, '本小时已用', 'Used this hour'), `${o.usedThisHour} / ${p.capacityPerHour}`]);
  rows.push([w(lang, '区县', 'District'), o.districtName ?? p.districtAdcode]);
  const oh = (p as { openingHours?: { from: string; to: string } }).openingHours;
  rows.push([w(lang, '开放时间', 'Open'), oh ? `${oh.from}–${oh.to} (UTC+8)` : w(lang, '全天', 'all day')]);
  rows.push([w(lang, '编号', 'Id'), p.id]);
  return { title: p.name, rows, at: p.location };
}

/** An alert: what (in words), where, when (UTC+8), which aircraft and plan. */
export function alertCard(a: Alert, lang: Lang, stationName?: string): Card {
  const rows: [string, string][] = [
    [w(lang, '内容', 'What'), alertText(a, lang)],
    [w(lang, '位置', 'Where'), `${a.lng.toFixed(5)}, ${a.lat.toFixed(5)} · ${Math.round(a.altitudeM)} m`],
    [w(lang, '时间', 'When'), `${formatUtc8(a.raisedAt)} (UTC+8)`],
    [w(lang, '服务站', 'Station'), stationName ?? a.stationId],
  ];
  if (a.trackId) rows.push([w(lang, '航空器', 'Aircraft'), a.trackId]);
  if (a.planId) rows.push([w(lang, '计划', 'Plan'), a.planId]);
  const sev = { info: ['提示', 'info'], warning: ['警告', 'warning'], critical: ['严重', 'critical'] }[a.severity];
  return { title: `${w(lang, '告警', 'Alert')} · ${sev?.[lang === 'zh' ? 0 : 1] ?? a.severity}`, rows, at: [a.lng, a.lat] };
}
