/**
 * The loop closed (运行使用—效率评估—动态调整): traffic between two busy points, the evaluation
 * proposes a corridor, an operator adopts it, a second reviews it, the A station publishes it —
 * and the same demand afterwards meets fewer conflicts, rejections and delays, because each
 * direction flies its own lane instead of sharing one band.
 */
import { describe, expect, it } from 'vitest';
import { buildApp } from '../server/app.js';
import { configFromEnv } from '../server/config.js';
import type { Principal } from '../server/policy/actor.js';
import { adoptUsage } from '../server/services/edition-adopt.js';
import { createEdition, publishEdition, reviewEdition } from '../server/services/edition-service.js';
import { usageReport } from '../server/services/usage-service.js';
import { EMPTY_SCENARIO } from '../server/scenario/load-scenario.js';
import type { ScenarioBundle } from '../shared/io/scenario-features.js';
import type { Zone } from '../shared/schemas/zone.js';

const START = Date.parse('2026-12-01T00:00:00Z'); // 08:00 Beijing time: a busy working day
const HOURS = 8;
const scenario: ScenarioBundle = {
  ...EMPTY_SCENARIO,
  landingPoints: [
    { id: 'LP-WEST', name: '西岸起降点', location: [106.5, 29.6], districtAdcode: '500000', kind: 'hub', capacityPerHour: 200 },
    { id: 'LP-EAST', name: '东岸起降点', location: [106.58, 29.56], districtAdcode: '500000', kind: 'hub', capacityPerHour: 200 },
  ],
};
const op = (id: string): Principal => ({ id, role: 'operator', name: id, stationId: 'A-CQ' });
const LOGISTICS_ONLY = { shares: { logistics: 1, inspection: 0, sightseeing: 0, survey: 0, emergency: 0 }, driftShare: 0, overrunShare: 0, lostLinkShare: 0 };

/** A morning of logistics flights between the two points (seeded), with the corridor published first when given. */
async function morning(seed: number, corridor?: Zone) {
  const app = await buildApp({
    config: configFromEnv({
      YUKONG_DB: ':memory:',
      YUKONG_SIM: 'on',
      YUKONG_SIM_SEED: String(seed),
      YUKONG_SIM_WARMUP_MIN: '0',
      YUKONG_SIM_DEMAND: '4',
      YUKONG_REGISTRY: 'off',
      YUKONG_ADMIN_TOKEN: 'a',
    }),
    simStartMs: START,
    scenario,
  });
  try {
    const sim = app.yukong.simulator;
    const ctx = app.yukong.services;
    if (!sim) throw new Error('simulation expected');
    sim.opts.demand = { ...sim.opts.demand, ...LOGISTICS_ONLY };
    if (corridor) {
      const draft = createEdition(ctx, op('op-a'), { title: '东西岸航路走廊', changes: [{ op: 'zone.add', zone: corridor }] });
      reviewEdition(ctx, op('op-b'), draft.id, 'approve');
      expect(publishEdition(ctx, op('op-a'), draft.id, new Date(START).toISOString()).status).toBe('effective');
    }
    for (let i = 0; i < HOURS * 60; i++) sim.runFor(60_000, 10_000);
    const window = { from: new Date(START).toISOString(), to: new Date(ctx.clock()).toISOString() };
    const report = usageReport(ctx, app.yukong.trackUsage, scenario, op('op-a'), window);
    // the evaluation's proposals, adopted as a draft (only when there is something to adopt)
    const adopted = !corridor ? adoptUsage(ctx, op('op-a'), { ...report, ...window }, ['corridor']).edition : null;
    const between = ctx.plans.list({}).filter((p) => p.input.departure !== p.input.arrival);
    const inCorridor = between.filter((p) => p.decision.reasons.some((r) => r.code === 'DESIGNATED_AIRSPACE' && r.params?.zoneKind === 'corridor')).length;
    const { requested, conflicts, rejected, suggestionsTaken, delayS } = sim.stats;
    return { stats: { requested, conflicts, rejected, suggestionsTaken, delayS }, report, adopted, between: between.length, inCorridor };
  } finally {
    await app.close();
  }
}

describe('an adopted corridor, before and after', () => {
  it('the evaluation proposes it, it is adopted and published, and the same demand meets fewer conflicts and shorter delays', async () => {
    const SEEDS = [11, 12, 13];
    const first = await morning(SEEDS[0]);
    expect(first.report.adjustments.find((a) => a.kind === 'corridor')?.ref).toBe('LP-EAST|LP-WEST');
    const change = first.adopted?.changes[0];
    if (change?.op !== 'zone.add') throw new Error('a corridor proposal expected');
    expect(change).toMatchObject({ status: 'proposed', zone: { kind: 'corridor', corridorEnds: ['LP-EAST', 'LP-WEST'] } });
    const sum = (xs: Awaited<ReturnType<typeof morning>>[]) => {
      const t = { requested: 0, conflicts: 0, delayS: 0, rejected: 0, between: 0, inCorridor: 0 };
      for (const x of xs) {
        for (const k of ['requested', 'conflicts', 'delayS', 'rejected'] as const) t[k] += x.stats[k];
        t.between += x.between;
        t.inCorridor += x.inCorridor;
      }
      return t;
    };
    const runs = [first];
    for (const seed of SEEDS.slice(1)) runs.push(await morning(seed));
    const after = [];
    for (const seed of SEEDS) after.push(await morning(seed, change.zone));
    const b = sum(runs);
    const a = sum(after);
    if (process.env.SIM_DEBUG) console.log({ before: b, after: a });
    // the same demand, give or take the draws the corridor's pilots make
    expect(Math.abs(a.requested - b.requested) / b.requested).toBeLessThan(0.15);
    expect(b.inCorridor).toBe(0);
    expect(a.inCorridor).toBe(a.between); // every flight between the ends lies wholly in the corridor
    expect(after.every((x) => !x.report.adjustments.some((j) => j.kind === 'corridor'))).toBe(true); // not proposed again
    // per request: fewer strategic conflicts, much shorter delays, no more rejections
    expect(a.conflicts / a.requested).toBeLessThan((0.9 * b.conflicts) / b.requested);
    expect(a.delayS / a.requested).toBeLessThan((0.5 * b.delayS) / b.requested);
    expect(a.rejected / a.requested).toBeLessThanOrEqual(b.rejected / b.requested);
  }, 180_000);
});
