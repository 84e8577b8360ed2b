/**
 * What the company pages show of the registry and of credit, pure: how long a licence or an
 * insurance policy still holds (expired, expiring within 30 days, valid, not yet valid), and a
 * credit event in words.
 */
import { licenceEndMs } from '../../shared/rules/registry-check.js';
import type { CreditEvent } from '../../shared/schemas/credit.js';
import type { Lang } from './i18n.js';
import { CREDIT_KIND_TEXT, CREDIT_TIER_TEXT, formatUtc8 } from './value-text.js';

/** A licence or policy ending within this many days is flagged. */
export const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

export type ValidityState = 'expired' | 'expiring' | 'valid' | 'future';
export interface Validity {
  state: ValidityState;
  /** whole days left (expiring, valid), since it ended (expired), until it starts (future) */
  days: number;
}

export function validity(endMs: number, nowMs: number, startMs?: number): Validity {
  if (startMs !== undefined && nowMs < startMs) return { state: 'future', days: Math.ceil((startMs - nowMs) / DAY_MS) };
  if (!(endMs >= nowMs)) return { state: 'expired', days: Number.isFinite(endMs) ? Math.floor((nowMs - endMs) / DAY_MS) : 0 };
  const days = Math.floor((endMs - nowMs) / DAY_MS);
  return { state: days < EXPIRY_WARNING_DAYS ? 'expiring' : 'valid', days };
}

/** A licence holds to the end of its last day, Beijing time. */
export const licenceValidity = (expires: string, nowMs: number): Validity => validity(licenceEndMs(expires), nowMs);
export const policyValidity = (p: { validFrom: string; validTo: string }, nowMs: number): Validity => validity(Date.parse(p.validTo), nowMs, Date.parse(p.validFrom));

export function validityText(v: Validity, lang: Lang): string {
  switch (v.state) {
    case 'expired':
      return lang === 'zh' ? '已过期' : 'expired';
    case 'expiring':
      return lang === 'zh' ? `${EXPIRY_WARNING_DAYS} 天内到期（剩 ${v.days} 天）` : `expires within ${EXPIRY_WARNING_DAYS} days (${v.days} left)`;
    case 'future':
      return lang === 'zh' ? `尚未生效（${v.days} 天后）` : `not yet valid (in ${v.days} days)`;
    case 'valid':
      return lang === 'zh' ? '有效' : 'valid';
  }
}

export const VALIDITY_COLOUR: Record<ValidityState, string> = { expired: '#c62828', expiring: '#e65100', future: '#6d4c41', valid: '#2e7d32' };

export const tierText = (tier: CreditEvent['tierAfter'], lang: Lang): string => CREDIT_TIER_TEXT[tier]?.[lang] ?? tier;
export const TIER_COLOUR: Record<CreditEvent['tierAfter'], string> = { A: '#2e7d32', B: '#1565c0', C: '#e65100', D: '#c62828' };

export interface CreditEventLine {
  at: string;
  cause: string;
  delta: string;
  after: string;
  ref: string;
}

/** One credit event: when (UTC+8), its cause in words (an adjustment with its reason, a tier change with the tier reached), the delta and the score after. */
export function creditEventLine(e: CreditEvent, lang: Lang): CreditEventLine {
  const kind = CREDIT_KIND_TEXT[e.kind]?.[lang] ?? e.kind;
  const cause = e.kind === 'adjustment' ? `${kind}${lang === 'zh' ? '：' : ': '}${e.reason}` : e.kind === 'tier-change' ? `${kind} → ${tierText(e.tierAfter, lang)}` : kind;
  return { at: formatUtc8(e.at), cause, delta: e.delta > 0 ? `+${e.delta}` : String(e.delta), after: String(e.scoreAfter), ref: e.ref };
}
