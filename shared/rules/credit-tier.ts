/**
 * Industry credit (行业信用体系): what a company did changes how it is served. Pure: the rule
 * table (deltas, the late-cancellation window, which conformance alerts count), the score's
 * bounds, tiers, and what a tier does to a decision. The server records events and keeps the
 * score (server/services/credit-service.ts); everything it decides comes from here.
 *
 * Rules (Yukong's own thresholds, configurable in `CreditRules`):
 * - every company starts at 800 (tier B); the score stays within 0..1000 — a delta that would
 *   cross a bound is applied only up to it, and the event records both the rule's delta and the
 *   delta applied, so the score is always 800 + the sum of the applied deltas;
 * - a conformance alert raised on one of the company's plans counts once per plan and kind
 *   (an episode, not a tick): off-plan (lateral, vertical or time: one kind) −15, lost link −10,
 *   loss of separation −30 (the plan the monitor names), zone incursion −40;
 * - a late cancellation: the company cancels an approved plan less than 30 min before its first
 *   volume starts −10; cancelling after the plan's window has ended is a no-show;
 * - a no-show: an approved plan whose window ended without ever being activated −20;
 * - a completed flight the monitor saw (activated on its first airborne report, or completed on
 *   landing), with no conformance event and not nonconforming at landing +2, for at most 10
 *   flights of a company per Beijing calendar day (its own telemetry can make a flight "seen":
 *   the cap keeps what a company can earn by reporting for itself small beside what one alert costs);
 * - an adjustment by the admin or an A-station operator, with a reason: its delta;
 * - a change of tier is an event of its own (`tier-change`, delta 0).
 * Tiers: A ≥ 900, B ≥ 700, C ≥ 500 (every plan pending for an operator: CREDIT_REVIEW),
 * D < 500 (suspended: plans rejected with COMPANY_SUSPENDED; an emergency mission is sent to an
 * operator instead — a score alone never refuses a rescue).
 */
import type { Reason, ReasonParams } from '../schemas/decision.js';

export const CREDIT_TIERS = ['A', 'B', 'C', 'D'] as const;
export type CreditTier = (typeof CREDIT_TIERS)[number];

export const CREDIT_MIN = 0;
export const CREDIT_MAX = 1000;

/** Events that move the score by a rule. */
export const SCORED_KINDS = ['completed-conforming', 'late-cancellation', 'no-show', 'off-plan', 'lost-link', 'loss-of-separation', 'zone-incursion'] as const;
export type ScoredKind = (typeof SCORED_KINDS)[number];
/** Conformance events (from the monitor's alerts). */
export const CONFORMANCE_KINDS = ['off-plan', 'lost-link', 'loss-of-separation', 'zone-incursion'] as const satisfies readonly ScoredKind[];
export type ConformanceKind = (typeof CONFORMANCE_KINDS)[number];

export const CREDIT_EVENT_KINDS = [...SCORED_KINDS, 'adjustment', 'tier-change'] as const;
export type CreditEventKind = (typeof CREDIT_EVENT_KINDS)[number];

export interface CreditRules {
  /** every company's score before its first event */
  start: number;
  /** tier floors: A from `A`, B from `B`, C from `C`, D below */
  floors: { A: number; B: number; C: number };
  /** what each kind of event does to the score */
  deltas: Record<ScoredKind, number>;
  /** a cancellation of an approved plan less than this before its start is late */
  lateCancellationMin: number;
  /** the monitor's alert kinds that count, and as what (others — unidentified aircraft — have no plan) */
  alerts: Record<string, ConformanceKind>;
  /** the largest adjustment one request may make, either way */
  maxAdjustment: number;
  /** conforming completions that earn their bonus per company per Beijing (UTC+8) calendar day */
  conformingBonusPerDay: number;
}

/** The Beijing (UTC+8) calendar day containing `ms`, as [start, end) in ms. */
export function beijingDay(ms: number): [number, number] {
  const DAY = 86_400_000;
  const OFFSET = 8 * 3_600_000;
  const start = Math.floor((ms + OFFSET) / DAY) * DAY - OFFSET;
  return [start, start + DAY];
}

export const DEFAULT_CREDIT_RULES: CreditRules = {
  start: 800,
  floors: { A: 900, B: 700, C: 500 },
  deltas: {
    'completed-conforming': 2,
    'late-cancellation': -10,
    'no-show': -20,
    'off-plan': -15,
    'lost-link': -10,
    'loss-of-separation': -30,
    'zone-incursion': -40,
  },
  lateCancellationMin: 30,
  alerts: {
    'off-plan-lateral': 'off-plan',
    'off-plan-vertical': 'off-plan',
    'off-plan-time': 'off-plan',
    'lost-link': 'lost-link',
    'loss-of-separation': 'loss-of-separation',
    'zone-incursion': 'zone-incursion',
  },
  maxAdjustment: 1000,
  conformingBonusPerDay: 10,
};

export const clampScore = (score: number): number => Math.min(CREDIT_MAX, Math.max(CREDIT_MIN, Math.round(score)));

export function tierOf(score: number, rules: Pick<CreditRules, 'floors'> = DEFAULT_CREDIT_RULES): CreditTier {
  if (score >= rules.floors.A) return 'A';
  if (score >= rules.floors.B) return 'B';
  if (score >= rules.floors.C) return 'C';
  return 'D';
}

/** A delta applied to a score within the bounds: the new score and the delta actually applied. */
export function applyDelta(score: number, delta: number): { score: number; applied: number } {
  const next = clampScore(score + delta);
  return { score: next, applied: next - score };
}

/** The score after a sequence of rule deltas, from the start (what the events table replays to). */
export function replayScore(deltas: Iterable<number>, start = DEFAULT_CREDIT_RULES.start): number {
  let s = clampScore(start);
  for (const d of deltas) s = applyDelta(s, d).score;
  return s;
}

/** What a cancellation of a plan counts as: late (before the window, inside the notice period), a no-show (after it), or nothing. */
export function cancellationKind(
  p: { fromState: string; startMs: number; endMs: number; byCompany: boolean },
  cancelMs: number,
  rules: Pick<CreditRules, 'lateCancellationMin'> = DEFAULT_CREDIT_RULES,
): 'late-cancellation' | 'no-show' | null {
  if (p.fromState !== 'approved' || !p.byCompany) return null;
  if (cancelMs > p.endMs) return 'no-show';
  return p.startMs - cancelMs < rules.lateCancellationMin * 60_000 ? 'late-cancellation' : null;
}

export type CreditReason = Reason & ({ code: 'CREDIT_REVIEW'; effect: 'approval' } | { code: 'COMPANY_SUSPENDED'; effect: 'reject' });

/**
 * What a tier does to a decision: C sends every plan to an operator (CREDIT_REVIEW), D rejects
 * (COMPANY_SUSPENDED) — except an emergency mission, which an operator reviews instead.
 */
export function creditEffect(
  tier: CreditTier,
  subject: { companyId?: string; score?: number; emergency?: boolean } = {},
  rules: Pick<CreditRules, 'floors'> = DEFAULT_CREDIT_RULES,
): CreditReason | null {
  const who = subject.companyId ?? 'the company';
  const score = subject.score === undefined ? '' : ` (score ${subject.score})`;
  const ref = subject.companyId ? { ref: subject.companyId } : {};
  const scoreParam: ReasonParams = subject.score === undefined ? {} : { score: subject.score };
  if (tier === 'C' || (tier === 'D' && subject.emergency)) {
    return {
      code: 'CREDIT_REVIEW',
      effect: 'approval',
      message: `${who} is in credit tier ${tier}${score}: every plan is reviewed by an operator${tier === 'D' ? ' (an emergency mission is never refused by credit alone)' : ''}`,
      ...ref,
      params: { tier, ...scoreParam },
    };
  }
  if (tier === 'D') {
    return {
      code: 'COMPANY_SUSPENDED',
      effect: 'reject',
      message: `${who} is in credit tier D${score}: suspended from filing until its score reaches ${rules.floors.C}`,
      ...ref,
      params: { tier, floor: rules.floors.C, ...scoreParam },
    };
  }
  return null;
}
