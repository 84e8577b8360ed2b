/**
 * The outbox writer: called inside the transaction that makes a change (unit-of-work `commit`,
 * the live pipeline's alert transaction), it adds the records UOM should receive. Same
 * transaction, so a change that rolls back leaves no record and a committed one always has its.
 * A database without the outbox table (migration not applied) records nothing.
 */
import { UOM_TRACK_CHUNK } from '../../shared/schemas/uom.js';
import type { FlightPlan } from '../../shared/schemas/flight-plan-record.js';
import type { Alert } from '../../shared/schemas/track.js';
import type { Db } from '../store/database.js';
import type { PlanEvent } from '../store/misc-repos.js';
import { OutboxRepo } from '../store/outbox-repo.js';
import { isUomAlertKind, uomAlertRecord, uomPlanEvent, uomPlanRecord, uomTrackRecordJsons } from './uom-record.js';

/** What the writer needs of a unit-of-work PlanChange. */
export interface OutboxPlanChange {
  plan: FlightPlan;
  isNew: boolean;
  audit: readonly { actor: string; fromState?: string | null; toState?: string | null }[];
}

/**
 * Records for committed plan changes; `events[i]` is the event of `changes[i]` (its audit
 * sequence number, time and payload). Must run inside the caller's transaction. Returns how many
 * records were added.
 */
export function recordPlanChangesForUom(db: Db, changes: readonly OutboxPlanChange[], events: readonly PlanEvent[]): number {
  const outbox = OutboxRepo.for(db);
  if (!outbox) return 0;
  let added = 0;
  changes.forEach((c, i) => {
    const e = events[i];
    const fromState = c.isNew ? null : (c.audit.find((a) => a.fromState != null)?.fromState ?? null);
    const event = uomPlanEvent(fromState, c.plan.state, () => outbox.hasPlan(c.plan.id));
    if (!event || !e) return;
    const actor = [...c.audit].reverse().find((a) => a.toState != null)?.actor;
    const body = uomPlanRecord({ plan: c.plan, fromState, seq: e.seq ?? 0, at: e.at, actor, payload: e.payload }, event);
    if (outbox.insert({ id: body.id, kind: body.kind, planId: body.planId, eventAt: body.eventAt, body })) added += 1;
  });
  return added;
}

/**
 * Records for raised alerts of the kinds UOM receives (loss of separation, zone incursion).
 * Must run inside the transaction that stores the alerts. `operatorOf` gives a plan's company.
 */
export function recordAlertsForUom(db: Db, alerts: readonly (Alert & { zoneId?: string })[], operatorOf: (planId: string) => string | undefined): number {
  const outbox = OutboxRepo.for(db);
  if (!outbox) return 0;
  let added = 0;
  for (const a of alerts) {
    if (!isUomAlertKind(a.kind)) continue;
    const body = uomAlertRecord(a, a.planId ? (operatorOf(a.planId) ?? null) : null);
    if (body && outbox.insert({ id: body.id, kind: body.kind, planId: body.planId, eventAt: body.eventAt, body })) added += 1;
  }
  return added;
}

/**
 * Records of the positions of registered aircraft observed in one live tick (each position's JSON,
 * from uomPositionJson). Must run inside the tick's transaction. Returns how many records were added.
 */
export function recordTracksForUom(db: Db, idPrefix: string, eventAt: string, positions: readonly string[], firstChunk = 0): number {
  const outbox = OutboxRepo.for(db);
  if (!outbox || positions.length === 0) return 0;
  let added = 0;
  for (const r of uomTrackRecordJsons(idPrefix, eventAt, positions, UOM_TRACK_CHUNK, firstChunk)) {
    if (outbox.insert({ id: r.id, kind: 'track.positions', planId: null, eventAt, body: r.json, bodyIsJson: true })) added += 1;
  }
  return added;
}
