/** Alerts as operators and pilots see them, acknowledgement, and telemetry from real aircraft. */
import type { TrackUpdate } from '../../shared/monitor/conformance-monitor.js';
import type { FlightPlan } from '../../shared/schemas/flight-plan-record.js';
import { ApiError } from '../errors.js';
import type { LiveTraffic } from '../live/live-traffic.js';
import { assertCanAckAlert, assertCanReport, listingScope } from '../policy/access-policy.js';
import type { Principal } from '../policy/actor.js';
import type { StoredAlert } from '../store/alert-repo.js';
import { iso, type ServiceContext } from './context.js';

export function listAlerts(ctx: ServiceContext, live: LiveTraffic, p: Principal, q: { stationId?: string; open?: boolean; kind?: string }): StoredAlert[] {
  const scope = listingScope(p, ctx.jurisdiction, q.stationId);
  // a pilot sees the alerts of its company's plans
  return live.alerts.list({ stationIds: scope.stationIds, ...(scope.operatorId !== undefined ? { operatorId: scope.operatorId } : {}), open: q.open ?? false, kind: q.kind });
}

export function acknowledgeAlert(ctx: ServiceContext, live: LiveTraffic, p: Principal, id: string): StoredAlert {
  const a = live.alerts.get(id);
  if (!a) throw new ApiError('NOT_FOUND', `no alert ${id}`);
  assertCanAckAlert(p, a, ctx.jurisdiction);
  if (!live.alerts.acknowledge(a.id, p.id, iso(ctx.clock()))) throw new ApiError('ALREADY_ACKNOWLEDGED', `alert ${a.id} was acknowledged by ${a.acknowledgedBy}`, { acknowledgedBy: a.acknowledgedBy });
  return live.alerts.get(a.id) as StoredAlert;
}

/** Reports older than this, or further in the future, are refused. */
const MAX_AGE_MS = 10 * 60_000;
const MAX_AHEAD_MS = 5_000;

export interface PositionReport {
  planId: string;
  trackId?: string;
  lng: number;
  lat: number;
  altitudeM: number;
  t: string;
  speedMps?: number;
  headingDeg?: number;
}

/**
 * A plan revoked while its aircraft was in the air (a restriction or an airspace edition that now
 * refuses the rest of its flight): the aircraft still has to come down, and it is watched until it
 * does. Its reports are taken while the monitor follows its track (refusing them would blind the
 * monitor to the one flight it just sent away, and raise a lost link the company would answer
 * for); its landing ends the track, and with it this.
 */
export function endedInFlight(ctx: ServiceContext, live: LiveTraffic, plan: FlightPlan): boolean {
  return plan.state === 'revoked' && live.hasTrackOf(plan.id) && ctx.audit.fromStateOf('plan', plan.id, plan.state) === 'active';
}

/** Positions of a pilot's own approved/active plans (and of flights ended in the air, until they land), into the same pipeline as simulated ones; all or nothing. */
export function reportPositions(ctx: ServiceContext, live: LiveTraffic, p: Principal, positions: PositionReport[]): number {
  const now = ctx.clock();
  const updates: TrackUpdate[] = [];
  for (const [i, r] of positions.entries()) {
    const plan = ctx.plans.get(r.planId);
    if (!plan) throw new ApiError('NOT_FOUND', `positions[${i}]: no flight plan ${r.planId}`);
    assertCanReport(p, plan, ctx.jurisdiction);
    if (plan.state !== 'approved' && plan.state !== 'active' && !endedInFlight(ctx, live, plan))
      throw new ApiError('PLAN_NOT_FLYABLE', `positions[${i}]: plan ${r.planId} is ${plan.state}`, { state: plan.state });
    const t = Date.parse(r.t);
    if (!(t >= now - MAX_AGE_MS && t <= now + MAX_AHEAD_MS)) throw new ApiError('STALE_POSITION', `positions[${i}]: t must be within the last 10 minutes`, { t: r.t });
    const source = ['network', ...live.surveillance.observers(r.lng, r.lat, r.altitudeM)];
    // a reported track id is the plan's own (planId/trackId): it can neither collide with nor take over another flight's track
    updates.push({
      id: r.trackId ? `${r.planId}/${r.trackId}` : r.planId,
      planId: r.planId,
      lng: r.lng,
      lat: r.lat,
      altitudeM: r.altitudeM,
      speedMps: r.speedMps ?? 0,
      headingDeg: r.headingDeg ?? 0,
      tMs: t,
      source,
    });
  }
  updates.sort((a, b) => a.tMs - b.tMs);
  live.ingest(updates);
  return updates.length;
}
