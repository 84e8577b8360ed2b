/**
 * Charges, statements and settlements (结算). A completed flight is charged from what it used and
 * a late cancellation pays its fee, as double-entry postings written in the same transaction as
 * the plan's change (unit-of-work `commit`); plans revoked by the system and exempt missions pay
 * nothing. Statements (per company and month, Beijing time) and settlements (per recipient) are
 * read from the ledger.
 */
import { cancellationFee, DEFAULT_BILLING_RULES, flownVolumes, splitCharge, type Posting } from '../../shared/pricing/charge.js';
import { quotePlan, type Quote } from '../../shared/pricing/quote.js';
import { tariffAt } from '../../shared/pricing/tariff.js';
import type { FlightPlan } from '../../shared/schemas/flight-plan-record.js';
import { ApiError } from '../errors.js';
import { companyOf, type Principal } from '../policy/actor.js';
import { assertCanReadStatement, settlementScope } from '../policy/access-policy.js';
import { LedgerRepo, type LedgerPosting } from '../store/ledger-repo.js';
import { candidateFromPlan, type ServiceContext } from './context.js';
import { beijingMonth } from '../../shared/util/beijing-time.js';

const ledgers = new WeakMap<ServiceContext, LedgerRepo>();
export function ledgerOf(ctx: ServiceContext): LedgerRepo {
  let l = ledgers.get(ctx);
  if (!l) {
    l = new LedgerRepo(ctx.db);
    ledgers.set(ctx, l);
  }
  return l;
}

const stationsByDistrict = new WeakMap<ServiceContext, Map<string, string>>();
function bStationOf(ctx: ServiceContext, adcode: string): string | undefined {
  let m = stationsByDistrict.get(ctx);
  if (!m) {
    m = new Map();
    for (const s of ctx.stations.values()) if (s.kind === 'B') for (const d of s.districts ?? []) m.set(d, s.id);
    stationsByDistrict.set(ctx, m);
  }
  return m.get(adcode);
}

/** What the writer needs of a unit-of-work PlanChange. */
export interface BillingPlanChange {
  plan: FlightPlan;
  isNew: boolean;
  audit: readonly { actor: string; fromState?: string | null; toState?: string | null }[];
}

function postingsFor(ctx: ServiceContext, plan: FlightPlan, quote: Quote): Posting[] {
  const raw = splitCharge(quote, {
    companyId: plan.operatorId as string,
    aStationId: ctx.aStationId,
    bStationIds: plan.districts.map((d) => bStationOf(ctx, d.adcode)).filter((s): s is string => !!s),
    ownerOf: (id) => {
      const owner = ctx.airspace.landingPoints.get(id)?.ownerId;
      return owner ? `owner:${owner}` : `landing-point:${id}`;
    },
  });
  // one posting per account and element
  const merged = new Map<string, Posting>();
  for (const p of raw) {
    const k = `${p.account}\u0000${p.element}`;
    const m = merged.get(k);
    if (m) m.amountFen += p.amountFen;
    else merged.set(k, { ...p });
  }
  return [...merged.values()];
}

/** Inside the commit's transaction: charges for completed flights and fees for late cancellations. */
export function recordCharges(ctx: ServiceContext, changes: readonly BillingPlanChange[], at: string): number {
  const p = ctx.pricing;
  if (!p) return 0;
  const ledger = ledgerOf(ctx);
  const atMs = Date.parse(at);
  let written = 0;
  for (const c of changes) {
    const plan = c.plan;
    if (c.isNew || !plan.operatorId || !plan.volumes.length) continue;
    const fromState = c.audit.find((a) => a.fromState != null)?.fromState ?? null;
    const candidate = candidateFromPlan(plan);
    const startMs = Math.min(...candidate.prepared.map((v) => v.startMs));
    const tariff = tariffAt(p.repo.all(), startMs);
    if (!tariff) continue;
    let quote: Quote | null = null;
    let txn = '';
    if ((plan.state === 'completed' || plan.state === 'cancelled') && fromState === 'active') {
      // flown: from take-off to landing (or to a cancellation in the air)
      const activated = ctx.db.prepare("SELECT at FROM audit WHERE subject_kind = 'plan' AND subject_id = ? AND action = 'activate' ORDER BY seq DESC LIMIT 1").get(plan.id) as
        | { at: string }
        | undefined;
      const flown = flownVolumes(candidate.prepared, activated ? Date.parse(activated.at) : startMs, atMs);
      // the movements that happened: the take-off, and the landing only when it landed where planned
      const arrival = plan.state === 'completed' ? candidate.arrival : undefined;
      quote = quotePlan(tariff, { prepared: flown, mission: plan.mission, departure: candidate.departure, arrival }, plan.decision, {
        landingPointKind: (id) => ctx.airspace.landingPoints.get(id)?.kind,
        covered: p.covered,
      });
      txn = `charge:${plan.id}`;
    } else if (plan.state === 'cancelled' && fromState === 'approved') {
      const actor = [...c.audit].reverse().find((a) => a.toState === 'cancelled')?.actor ?? '';
      const who = ctx.principals.get(actor)?.principal;
      const byCompany = !!who && companyOf(who) === plan.operatorId;
      const planned = plan.decision.quote ?? quotePlan(tariff, { prepared: candidate.prepared, mission: plan.mission }, plan.decision, { landingPointKind: () => undefined, covered: p.covered });
      quote = cancellationFee(planned, startMs, atMs, byCompany, DEFAULT_BILLING_RULES);
      txn = `fee:${plan.id}`;
    }
    if (!quote || quote.totalFen <= 0 || ledger.hasTxn(txn)) continue;
    const month = beijingMonth(atMs);
    const postings: LedgerPosting[] = postingsFor(ctx, plan, quote).map((x) => ({
      txn,
      planId: plan.id,
      companyId: plan.operatorId as string,
      account: x.account,
      element: x.element,
      amountFen: x.amountFen,
      month,
      at,
      tariffVersion: quote.tariffVersion,
    }));
    if (postings.length) {
      ledger.insert(postings);
      written += 1;
    }
  }
  return written;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
function assertMonth(month: string): void {
  if (!MONTH.test(month)) throw new ApiError('VALIDATION_FAILED', `month must be YYYY-MM, not ${month}`, { month });
}

export function statement(ctx: ServiceContext, actor: Principal, companyId: string, month: string) {
  assertMonth(month);
  assertCanReadStatement(actor, companyId, ctx.jurisdiction);
  const charges = ledgerOf(ctx).companyMonth(companyId, month);
  return { companyId, month, currency: 'CNY' as const, totalFen: charges.reduce((a, c) => a + c.totalFen, 0), charges };
}

export function settlement(ctx: ServiceContext, actor: Principal, month: string) {
  assertMonth(month);
  const scope = settlementScope(actor, ctx.jurisdiction);
  const rows = ledgerOf(ctx).monthBalances(month);
  const debitsFen = rows.filter((r) => r.account.startsWith('company:')).reduce((a, r) => a + r.amountFen, 0);
  const recipients = rows
    .filter((r) => !r.account.startsWith('company:'))
    .filter((r) => scope === 'all' || r.account === `station:${scope}`)
    .map((r) => ({ account: r.account, creditFen: -r.amountFen, postings: r.postings }));
  return { month, currency: 'CNY' as const, ...(scope === 'all' ? { debitsFen, creditsFen: recipients.reduce((a, r) => a + r.creditFen, 0) } : {}), recipients };
}

const csvCell = (v: unknown) => {
  const s = String(v ?? '');
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};
export const toCsv = (header: string[], rows: unknown[][]) => `${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
