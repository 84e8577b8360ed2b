/**
 * Charges and their settlement (结算). Pure: what a completed flight used is re-priced by the
 * quote rules (its volumes clipped to the time it was airborne; its movements), a late
 * cancellation pays a share of its quote, and every charge is split to its recipients by a
 * revenue-split table — as double-entry postings that sum to zero to the fen.
 *
 * Rules (Yukong's own, illustrative, configurable in `BillingRules`):
 * - completed, or cancelled while airborne: airspace and surveillance for the time between
 *   activation and the end, clipped to each volume's window; peak as flown; the movements;
 * - cancelled by the company less than `lateCancellationMin` before the start: `lateCancellationPct`
 *   of the quote; earlier, or by a station, or revoked by the system: nothing;
 * - emergency and public-service missions: nothing (the tariff's exemption);
 * - split: airspace and peak → the A station `aStationPct`, the rest to the B stations of the
 *   districts flown in equal parts (all to A when none); a movement → the landing point's owner;
 *   surveillance → the X network.
 */
import type { PreparedVolume } from '../airspace/prepared-volume.js';
import type { Quote } from './quote.js';

export interface BillingRules {
  lateCancellationMin: number;
  lateCancellationPct: number;
  aStationPct: number;
}
export const DEFAULT_BILLING_RULES: BillingRules = { lateCancellationMin: 30, lateCancellationPct: 20, aStationPct: 40 };

export interface Posting {
  account: string;
  /** positive: the company owes (debit); negative: a recipient is owed (credit) */
  amountFen: number;
  element: string;
}

/**
 * The volumes as flown: each clipped to [fromMs, toMs]; a volume outside it keeps its place with no
 * duration (so reasons that name a volume by its index still name the same one).
 */
export function flownVolumes(prepared: readonly PreparedVolume[], fromMs: number, toMs: number): PreparedVolume[] {
  return prepared.map((v) => {
    const startMs = Math.max(v.startMs, fromMs);
    return { ...v, startMs, endMs: Math.max(startMs, Math.min(v.endMs, toMs)) };
  });
}

/** Splits `amount` in proportion to `weights`, the parts summing exactly to it (largest remainder, ties by order). */
export function apportion(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((a, w) => a + w, 0);
  if (total <= 0 || amount === 0) return weights.map(() => 0);
  const raw = weights.map((w) => (amount * w) / total);
  const parts = raw.map((x) => Math.floor(x));
  let left = amount - parts.reduce((a, p) => a + p, 0);
  const order = raw.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k][1]] += 1;
  return parts;
}

export interface SplitContext {
  companyId: string;
  aStationId: string;
  /** B stations of the districts flown (may repeat a station for several districts: each district counts) */
  bStationIds: readonly string[];
  /** the account a landing point's movements go to */
  ownerOf: (landingPointId: string) => string;
}

/** Double-entry postings for a priced flight: the company's debit and each recipient's credit; sums to 0. */
export function splitCharge(quote: Pick<Quote, 'lines' | 'totalFen'>, ctx: SplitContext, rules: BillingRules = DEFAULT_BILLING_RULES): Posting[] {
  if (quote.totalFen <= 0) return [];
  const out: Posting[] = [{ account: `company:${ctx.companyId}`, amountFen: quote.totalFen, element: 'charge' }];
  const credit = (account: string, amountFen: number, element: string) => {
    if (amountFen !== 0) out.push({ account, amountFen: -amountFen, element });
  };
  const exemption = quote.lines.filter((l) => l.element === 'exemption').reduce((a, l) => a + l.amountFen, 0);
  if (exemption) return []; // exempt flights are free
  for (const l of quote.lines) {
    if (l.element === 'movement') credit(ctx.ownerOf(l.ref), l.amountFen, 'movement');
    else if (l.element === 'surveillance') credit('x-network', l.amountFen, 'surveillance');
    else {
      const bs = ctx.bStationIds;
      const [a, ...b] = apportion(l.amountFen, [bs.length ? rules.aStationPct : 100, ...bs.map(() => (100 - rules.aStationPct) / bs.length)]);
      credit(`station:${ctx.aStationId}`, a, l.element);
      bs.forEach((id, i) => {
        credit(`station:${id}`, b[i], l.element);
      });
    }
  }
  return out;
}

/** A late cancellation's fee as a one-line quote (the share of the plan's quote), or null when free. */
export function cancellationFee(
  quote: Pick<Quote, 'totalFen' | 'tariffVersion'>,
  startMs: number,
  cancelledAtMs: number,
  byCompany: boolean,
  rules: BillingRules = DEFAULT_BILLING_RULES,
): Quote | null {
  if (!byCompany || quote.totalFen <= 0 || startMs - cancelledAtMs >= rules.lateCancellationMin * 60_000) return null;
  const fee = Math.round((quote.totalFen * rules.lateCancellationPct) / 100);
  if (fee <= 0) return null;
  return {
    tariffVersion: quote.tariffVersion,
    totalFen: fee,
    lines: [{ element: 'cancellation', ref: 'late-cancellation', quantity: quote.totalFen, unit: 'fen', rateFen: rules.lateCancellationPct, amountFen: fee }],
  };
}
