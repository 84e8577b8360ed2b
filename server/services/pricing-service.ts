/**
 * Pricing (空域要素定价): tariff versions (the illustrative default fills an empty table once; the
 * admin or the A station publishes new ones, effective from a time not in the past, audited), and
 * a quote on every decision that is not rejected, under the version in force at the plan's start.
 */
import { Value } from '@sinclair/typebox/value';
import type { CandidatePlan } from '../../shared/rules/airspace-state.js';
import { type QuoteContext, quotePlan } from '../../shared/pricing/quote.js';
import { evaluatePlan } from '../../shared/rules/evaluate-plan.js';
import { shiftPlan } from '../../shared/rules/suggest-alternatives.js';
import { DEFAULT_TARIFF, tariffAt, tariffProblems, TariffSchema, type Tariff } from '../../shared/pricing/tariff.js';
import type { Decision } from '../../shared/schemas/decision.js';
import '../../shared/schemas/formats.js';
import { ApiError } from '../errors.js';
import type { Principal } from '../policy/actor.js';
import { assertCanPublishTariff } from '../policy/access-policy.js';
import { TariffRepo } from '../store/tariff-repo.js';
import { alone, iso, type ServiceContext } from './context.js';

export interface Pricing {
  repo: TariffRepo;
  /** whether X stations see a point at a height */
  covered: (lng: number, lat: number, altitudeM: number) => boolean;
  /** what a quote asks of the airspace (landing points' categories, coverage), made once */
  quoteCtx: QuoteContext;
}

export function createPricing(ctx: ServiceContext, covered: Pricing['covered']): Pricing {
  const repo = new TariffRepo(ctx.db);
  // (servers starting together on a new database: one fills it, the others find it filled)
  alone(ctx, () => {
    if (repo.all().length === 0) repo.insert(DEFAULT_TARIFF, 'system:seed', iso(ctx.clock()));
  });
  return { repo, covered, quoteCtx: { landingPointKind: (id: string) => ctx.airspace.landingPoints.get(id)?.kind, covered } };
}

/** The tariff a plan is priced under: the version in force at its start. */
function tariffFor(p: Pricing, c: CandidatePlan): Tariff | undefined {
  let start = Number.POSITIVE_INFINITY;
  for (const v of c.prepared) if (v.startMs < start) start = v.startMs;
  return tariffAt(p.repo.all(), start);
}

/** A plan's suggestions priced under `tariff`: each from the plan shifted as it would be filed and its own decision. */
function pricerUnder(p: Pricing, tariff: Tariff, c: CandidatePlan) {
  return (shifted: CandidatePlan, own: Decision) => quotePlan(tariff, { prepared: shifted.prepared, mission: c.mission, departure: c.departure, arrival: c.arrival }, own, p.quoteCtx).totalFen;
}

/**
 * For evaluatePlan's `priceSuggestion`: each suggestion priced as it is verified (its band or time
 * may be controlled where the request was not), under the tariff of the plan as asked. Undefined
 * when nothing is priced.
 */
export function suggestionPricer(ctx: ServiceContext, c: CandidatePlan): ((shifted: CandidatePlan, own: Decision) => number) | undefined {
  const p = ctx.pricing;
  const tariff = p && c.prepared.length ? tariffFor(p, c) : undefined;
  return p && tariff ? pricerUnder(p, tariff, c) : undefined;
}

/**
 * The decision with its quote; a rejected one gets none, but each of its suggestions carries its
 * price and the difference from the price of the plan as asked (so a pilot can weigh them).
 * Suggestions priced when they were verified (`suggestionPricer`) keep their price; any other is
 * decided again, as it would be filed, and priced.
 */
export function withQuote(ctx: ServiceContext, c: CandidatePlan, decision: Decision): Decision {
  const p = ctx.pricing;
  if (!p || !c.prepared.length || (decision.outcome === 'rejected' && !decision.suggestions.length)) return decision;
  const tariff = tariffFor(p, c);
  if (!tariff) return decision;
  const quote = quotePlan(tariff, { prepared: c.prepared, mission: c.mission, departure: c.departure, arrival: c.arrival }, decision, p.quoteCtx);
  // (Object.assign, not { ...decision, quote }: V8 makes a new hidden class for every object spread and then extended)
  if (decision.outcome !== 'rejected') return Object.assign({}, decision, { quote });
  const price = pricerUnder(p, tariff, c);
  const suggestions = decision.suggestions.map((s) => {
    let total = s.quoteFen;
    if (total === undefined) {
      const shifted = shiftPlan(c, (s.shiftS ?? 0) * 1000, s.shiftM ?? 0);
      total = price(shifted, evaluatePlan(ctx.airspace, shifted, { nowMs: ctx.clock(), suggest: false }));
    }
    return Object.assign({}, s, { quoteFen: total, priceDeltaFen: total - quote.totalFen });
  });
  return { ...decision, suggestions };
}

export function listTariffs(ctx: ServiceContext): { current: string | null; tariffs: Tariff[] } {
  const all = ctx.pricing?.repo.all() ?? [];
  return { current: tariffAt(all, ctx.clock())?.version ?? null, tariffs: all };
}

export function publishTariff(ctx: ServiceContext, actor: Principal, body: unknown): Tariff {
  assertCanPublishTariff(actor, ctx.jurisdiction);
  const p = ctx.pricing;
  if (!p) throw new ApiError('UNAVAILABLE', 'pricing is not set up');
  if (!Value.Check(TariffSchema, body)) {
    throw new ApiError(
      'VALIDATION_FAILED',
      'not a tariff',
      [...Value.Errors(TariffSchema, body)].slice(0, 20).map((e) => ({ path: e.path, message: e.message })),
    );
  }
  const t = body as Tariff;
  const problems = tariffProblems(t);
  if (problems.length) throw new ApiError('VALIDATION_FAILED', problems.join('; '), problems);
  const from = Date.parse(t.effectiveFrom);
  if (!Number.isFinite(from) || from < ctx.clock())
    throw new ApiError('INVALID_TIME', 'effectiveFrom must not be in the past: a version applies to flights that start from then on', { effectiveFrom: t.effectiveFrom });
  if (p.repo.has(t.version)) throw new ApiError('CONFLICT', `tariff version ${t.version} exists; versions are never changed`);
  const at = iso(ctx.clock());
  ctx.db.transaction(() => {
    p.repo.insert(t, actor.id, at);
    ctx.audit.append({ at, actor: actor.id, subjectKind: 'tariff', subjectId: t.version, action: 'publish', details: { effectiveFrom: t.effectiveFrom } });
  })();
  return t;
}
