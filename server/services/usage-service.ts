/** The evaluation of recorded traffic (use → evaluate → adjust), over the plans and tracks the caller may see. */
import type { ScenarioBundle } from '../../shared/io/scenario-features.js';
import { evaluateUsage } from '../../shared/planner/evaluate-usage.js';
import { ApiError } from '../errors.js';
import type { TrackUsageRecorder } from '../planner/track-usage.js';
import { canReadPlan, seesAllTraffic } from '../policy/access-policy.js';
import type { Principal } from '../policy/actor.js';
import type { ServiceContext } from './context.js';
import { zonesNow } from './edition-state.js';

export interface UsageQuery {
  from?: string;
  to?: string;
  resolution?: string;
  capacityPerCellHour?: string;
  top?: string;
}

export function usageReport(ctx: ServiceContext, tracks: TrackUsageRecorder, scenario: ScenarioBundle, principal: Principal, q: UsageQuery) {
  const to = q.to ? Date.parse(q.to) : ctx.clock();
  const from = q.from ? Date.parse(q.from) : to - 24 * 3_600_000;
  if (!(from < to)) throw new ApiError('VALIDATION_FAILED', '"from" must be before "to"');
  if (to - from > 31 * 24 * 3_600_000) throw new ApiError('VALIDATION_FAILED', 'the window may span at most 31 days');
  const resolution = Number(q.resolution ?? 7);
  const capacityPerCellHour = Number(q.capacityPerCellHour ?? 30);
  const plans = ctx.plans.list({}).filter((p) => canReadPlan(principal, p, ctx.jurisdiction) && p.volumes.some((v) => Date.parse(v.timeStart) < to && Date.parse(v.timeEnd) > from));
  // observed tracks belong to every station's picture only for those who see all plans
  const grid = seesAllTraffic(principal, ctx.jurisdiction) && resolution === tracks.resolution ? tracks.grid.window(from, to, capacityPerCellHour) : undefined;
  const report = evaluateUsage(plans, ctx.airspace.landingPoints.values(), [...zonesNow(ctx).values()], { resolution, capacityPerCellHour, top: Number(q.top ?? 20) }, grid);
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), tracksIncluded: !!grid, ...report };
}
