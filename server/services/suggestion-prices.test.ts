import { afterEach, describe, expect, it } from 'vitest';
import { candidateFromInput } from '../../shared/rules/airspace-state.js';
import { quotePlan } from '../../shared/pricing/quote.js';
import { tariffAt } from '../../shared/pricing/tariff.js';
import { evaluatePlan } from '../../shared/rules/evaluate-plan.js';
import { shiftPlan } from '../../shared/rules/suggest-alternatives.js';
import type { FlightPlanInput } from '../../shared/schemas/flight-plan.js';
import { createPrng } from '../../shared/util/prng.js';
import { buildApp } from '../app.js';
import { BUILTIN_ADMIN } from '../auth.js';
import { configFromEnv } from '../config.js';
import { submitPlan } from './plan-service.js';
import { suggestionPricer, withQuote } from './pricing-service.js';

let app: Awaited<ReturnType<typeof buildApp>> | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

const NOW = Date.parse('2026-12-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** A circle or a route in a small box over Beibei, within two hours of the evening: many meet. */
function crowded(rng: ReturnType<typeof createPrng>): FlightPlanInput {
  const startMs = Date.parse('2026-12-03T08:30:00Z') + rng.int(0, 120) * 60_000;
  const lng = rng.range(106.4, 106.44);
  const lat = rng.range(29.8, 29.83);
  const aircraft = { registration: `UAS-CQ-${String(rng.int(1, 999_999)).padStart(6, '0')}`, category: 'light' as const };
  if (rng.next() < 0.5) {
    const lowerM = rng.int(0, 60);
    return {
      aircraft,
      mission: 'inspection',
      volumes: [
        {
          outline: { type: 'Circle', center: [lng, lat], radiusM: rng.int(100, 600) },
          altitudeLowerM: lowerM,
          altitudeUpperM: lowerM + rng.int(20, 60),
          altitudeReference: 'AGL',
          timeStart: iso(startMs),
          timeEnd: iso(startMs + rng.int(10, 40) * 60_000),
        },
      ],
    };
  }
  const lowerM = rng.int(20, 60);
  return {
    aircraft,
    mission: 'logistics',
    route: {
      waypoints: [
        [lng, lat],
        [lng + rng.range(-0.02, 0.02), lat + rng.range(-0.02, 0.02)],
      ],
      corridorHalfWidthM: 30,
      cruiseSpeedMps: 12,
      altitudeLowerM: lowerM,
      altitudeUpperM: lowerM + 40,
      departAt: iso(startMs),
    },
  };
}

describe('suggestions priced as they are verified', () => {
  it('carry the prices a second decision of each suggestion, priced after, gives (seeded crowded airspace)', async () => {
    app = await buildApp({ config: configFromEnv({ YUKONG_DB: ':memory:', YUKONG_SIM: 'off', YUKONG_ADMIN_TOKEN: 'a', YUKONG_REGISTRY: 'off' }), clock: () => NOW });
    const ctx = app.yukong.services;
    const rng = createPrng(2026);
    const acme = { ...BUILTIN_ADMIN, id: 'p-acme', role: 'pilot' as const, operatorId: 'ACME' };
    for (let i = 0; i < 60; i++) submitPlan(ctx, acme, crowded(rng));
    let compared = 0;
    const kinds = new Set<string>();
    for (let i = 0; i < 150; i++) {
      const c = candidateFromInput(crowded(rng), ctx.airspace.routeBuffers);
      const priced = withQuote(ctx, c, evaluatePlan(ctx.airspace, c, { nowMs: NOW, priceSuggestion: suggestionPricer(ctx, c) }));
      const after = withQuote(ctx, c, evaluatePlan(ctx.airspace, c, { nowMs: NOW }));
      expect(priced).toEqual(after);
      // the reference: each suggestion filed again as the pilot would, decided on its own, priced under the plan's tariff
      const p = ctx.pricing;
      if (!p) throw new Error('pricing is wired');
      const tariff = tariffAt(p.repo.all(), Math.min(...c.prepared.map((v) => v.startMs)));
      if (!tariff) throw new Error('a tariff is in force');
      const price = (prepared: typeof c.prepared, d: Parameters<typeof quotePlan>[2]) =>
        quotePlan(tariff, { prepared, mission: c.mission, departure: c.departure, arrival: c.arrival }, d, p.quoteCtx).totalFen;
      for (const s of priced.suggestions) {
        const shifted = shiftPlan(c, (s.shiftS ?? 0) * 1000, s.shiftM ?? 0);
        const own = evaluatePlan(ctx.airspace, shifted, { nowMs: NOW, suggest: false });
        expect(s.quoteFen, s.kind).toBe(price(shifted.prepared, own));
        expect(s.priceDeltaFen, s.kind).toBe(price(shifted.prepared, own) - price(c.prepared, priced));
        compared++;
        kinds.add(s.kind);
      }
    }
    // the sample holds rejected plans with suggestions of every kind
    expect(compared).toBeGreaterThan(40);
    expect(kinds).toEqual(new Set(['time-shift', 'altitude-shift']));
  });
});
