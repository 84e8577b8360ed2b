/** What the live pipeline keeps of a flight plan: its volumes for the monitor, its station, its aircraft. */
import { preparedVolumes } from '../../shared/airspace/prepared-cache.js';
import type { VolumeLike } from '../../shared/airspace/prepared-volume.js';
import type { MonitoredPlan } from '../../shared/monitor/conformance-monitor.js';
import type { ServiceContext } from '../services/context.js';
import { uomPositionPrefix } from '../uom/uom-record.js';

export interface PlanInfo extends MonitoredPlan {
  /** the plan's recorded volumes (what the worker thread prepares) */
  recorded: readonly VolumeLike[];
  stationId: string;
  state: string;
  registration: string;
  operatorId: string | null;
  /** the opening of its UOM position JSON; null: its aircraft is not registered (not reported); undefined: not looked up yet */
  uomPrefix?: string | null;
}

/** A plan as the pipeline needs it; `prepare`: with prepared volumes (the monitor runs in this thread). */
export function lookUpPlan(ctx: ServiceContext, id: string, prepare: boolean): PlanInfo | undefined {
  const doc = ctx.plans.get(id);
  if (!doc) return undefined;
  return {
    id,
    recorded: doc.volumes,
    volumes: prepare ? preparedVolumes(doc.volumes) : [],
    category: doc.aircraft.category,
    approvedZoneIds: new Set(doc.decision.reasons.filter((r) => r.effect === 'approval' && r.ref).map((r) => r.ref as string)),
    stationId: doc.station.id,
    state: doc.state,
    registration: doc.aircraft.registration,
    operatorId: doc.operatorId ?? null,
  };
}

/** The opening of a plan's UOM position JSON, looked up once; null when its aircraft is not registered by real name (not reported). */
export function uomPrefixOf(ctx: ServiceContext, plan: PlanInfo): string | null {
  if (plan.uomPrefix === undefined) {
    const a = ctx.registry.aircraft(plan.registration.toUpperCase());
    plan.uomPrefix = a ? uomPositionPrefix({ planId: plan.id, registration: a.registration, serial: a.serial, operatorId: plan.operatorId }) : null;
  }
  return plan.uomPrefix;
}
