/** Why the system changed a plan's state, in words (the server sends a code and its parameters). */
import type { FlightPlan, StateCause } from '../../shared/schemas/flight-plan-record.js';
import type { Lang } from './i18n.js';
import { fillText } from './i18n-plans.js';
import type { Text } from './value-text.js';

export const STATE_CAUSE_TEXT: Record<StateCause['code'], Text> = {
  stated: { zh: '说明：{reason}', en: 'Stated: {reason}' },
  preempted: { zh: '被更高优先级的计划 {planId}（优先级 {priority}）取代，请重新规划', en: 'Overridden by higher-priority plan {planId} (priority {priority}): re-plan' },
  restriction: { zh: '空域限制 {zone}（{zoneId}）生效', en: 'Airspace restriction {zone} ({zoneId}) took effect' },
  'airspace-edition': { zh: '空域版本 {edition} 生效后重新审核', en: 'Re-checked when airspace edition {edition} took effect' },
  'recheck-approval': { zh: '{planId} 获批后重新审核，已不能批准', en: 'Re-checked after {planId} was approved: it can no longer be approved' },
  'landing-point-changed': { zh: '起降点 {landingPointId} 变更后重新审核', en: 'Re-checked after landing point {landingPointId} was changed' },
  'landing-point-retired': { zh: '起降点 {landingPointId} 停用后重新审核', en: 'Re-checked after landing point {landingPointId} was retired' },
  airborne: { zh: '收到首个空中位置报告', en: 'First airborne report received' },
  landed: { zh: '已着陆', en: 'Landed' },
  approved: { zh: '管制员已批准', en: 'Approved by the station' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  'simulated-operator': { zh: '由模拟管制席处理', en: 'Decided by the simulated operator desk' },
};

/**
 * Why a plan is in its state: the system's cause in words, or the words a person gave (an
 * operator's reason for a rejection, shown as written in either language); null when neither.
 * A plan recorded before causes were kept has English words of the system's: English only.
 */
export function stateWhyText(p: Pick<FlightPlan, 'stateCause' | 'stateReason'>, lang: Lang): string | null {
  const words = p.stateReason?.trim() ? p.stateReason : null;
  if (!p.stateCause) return lang === 'en' ? words : null;
  if (p.stateCause.code === 'stated') return words;
  const t = STATE_CAUSE_TEXT[p.stateCause.code];
  return t ? fillText(t[lang], p.stateCause.params ?? {}) : null;
}
