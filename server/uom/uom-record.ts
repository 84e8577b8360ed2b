/**
 * The records Yukong reports to the national UOM platform, as sent (shared/schemas/uom.ts).
 * Pure: which plan changes are worth reporting, and what a record says.
 *
 * Reported: a plan approved (automatically or by an operator), activated (airborne), completed;
 * and, for a plan UOM has already been told about (it was approved or active, or has a record),
 * every later change of state: cancelled, revoked, suspended (an approved plan sent back to an
 * operator by a new restriction), rejected (after such a suspension). Plans that were only ever
 * pending or rejected are not reported. Conformance alerts of kind loss-of-separation and
 * zone-incursion are reported too.
 */
import { preparedVolumes } from '../../shared/airspace/prepared-cache.js';
import { unionBBox } from '../../shared/geo/shape.js';
import { encode2D } from '../../shared/grid/beidou-code.js';
import type { FlightPlan } from '../../shared/schemas/flight-plan-record.js';
import type { Alert } from '../../shared/schemas/track.js';
import { UOM_ALERT_KINDS, UOM_RECORD_SCHEMA, UOM_TRACK_CHUNK, type UomAlertKind, type UomAlertRecord, type UomPlanEvent, type UomPlanRecord, type UomPosition } from '../../shared/schemas/uom.js';
import type { Volume4D } from '../../shared/schemas/volume.js';

/** BeiDou level of the footprint centre's code: level 7 cells are 1/4″ (≈ 7.7 m × 6.7 m at Chongqing). */
export const UOM_BEIDOU_LEVEL = 7;

/** The BeiDou code of a point, or null where the grid has none (|lat| ≥ 88°): building a record never fails a transaction. */
export function beidouCodeOf(lng: number, lat: number): string | null {
  return Number.isFinite(lng) && Number.isFinite(lat) && Math.abs(lng) <= 180 && Math.abs(lat) < 88 ? encode2D(lng, lat, UOM_BEIDOU_LEVEL) : null;
}

const REPORTED_ONCE: ReadonlySet<string> = new Set(['approved', 'active']);

/**
 * The event to report for a change of state, or null. `alreadyReported` is asked only when the
 * answer depends on it (a plan leaving a state UOM never saw).
 */
export function uomPlanEvent(fromState: string | null, toState: string, alreadyReported: () => boolean): UomPlanEvent | null {
  if (fromState === toState) return null;
  switch (toState) {
    case 'approved':
      return 'approved';
    case 'active':
      return 'activated';
    case 'completed':
      return 'completed';
  }
  if (fromState === null) return null; // a new plan that is pending or rejected
  if (!REPORTED_ONCE.has(fromState) && !alreadyReported()) return null;
  switch (toState) {
    case 'cancelled':
      return 'cancelled';
    case 'revoked':
      return 'revoked';
    case 'pending':
      return 'suspended';
    case 'rejected':
      return 'rejected';
    default:
      return null;
  }
}

/** The 4D summary of a plan's volumes: bbox, centre and its BeiDou code, altitude band, time window. */
export function footprintSummary(volumes: readonly Volume4D[]): UomPlanRecord['footprint'] {
  // the prepared volumes (remembered with the plan) carry the boxes and the instants already read
  const prepared = volumes.length ? preparedVolumes(volumes) : [];
  const bbox = prepared.length ? unionBBox(prepared.map((v) => v.bbox)) : ([0, 0, 0, 0] as [number, number, number, number]);
  const centre: [number, number] = [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2];
  const refs = new Set(volumes.map((v) => v.altitudeReference ?? 'AGL'));
  const starts = prepared.map((v) => v.startMs);
  const ends = prepared.map((v) => v.endMs);
  return {
    bbox,
    centre,
    beidouCode: beidouCodeOf(centre[0], centre[1]),
    beidouLevel: UOM_BEIDOU_LEVEL,
    altitudeLowerM: volumes.length ? Math.min(...volumes.map((v) => v.altitudeLowerM)) : 0,
    altitudeUpperM: volumes.length ? Math.max(...volumes.map((v) => v.altitudeUpperM)) : 0,
    altitudeReference: refs.size === 1 ? [...refs][0] : refs.size === 0 ? 'AGL' : 'mixed',
    timeStart: new Date(volumes.length ? Math.min(...starts) : 0).toISOString(),
    timeEnd: new Date(volumes.length ? Math.max(...ends) : 0).toISOString(),
    volumes: volumes.length,
  };
}

export interface PlanRecordFacts {
  /** the plan after the change */
  plan: FlightPlan;
  fromState: string | null;
  /** the audit sequence number of the change (its last audit record) */
  seq: number;
  /** when it was committed, on the server's clock */
  at: string;
  /** who made the change of state (audit actor) */
  actor?: string;
  /** the plan event's payload (`by`: the preempting plan, `zoneId`: the restriction) */
  payload?: unknown;
}

/** The record's stable id: one per plan change, whatever retries happen. */
export const uomPlanRecordId = (planId: string, seq: number, version: number) => (seq > 0 ? `${planId}:${seq}` : `${planId}:v${version}`);

export function uomPlanRecord(f: PlanRecordFacts, event: UomPlanEvent): UomPlanRecord {
  const p = f.plan;
  const payload = (f.payload ?? {}) as { by?: unknown; zoneId?: unknown };
  const cause = {
    ...(typeof payload.by === 'string' ? { byPlanId: payload.by } : {}),
    ...(typeof payload.zoneId === 'string' ? { zoneId: payload.zoneId } : {}),
  };
  return {
    id: uomPlanRecordId(p.id, f.seq, p.version),
    schema: UOM_RECORD_SCHEMA,
    kind: `plan.${event}`,
    seq: f.seq,
    eventAt: f.at,
    planId: p.id,
    state: p.state,
    previousState: f.fromState,
    operatorId: p.operatorId ?? null,
    aircraft: { registration: p.aircraft.registration, category: p.aircraft.category },
    mission: p.mission,
    emergency: p.emergency,
    priority: p.priority,
    station: { id: p.station.id, kind: p.station.kind },
    districts: p.districts.map((d) => d.adcode),
    footprint: footprintSummary(p.volumes),
    ...(event === 'approved' ? { approval: f.fromState === null || f.actor?.startsWith('system:auto-approval') ? ('automatic' as const) : ('operator' as const) } : {}),
    ...(p.conformance && (event === 'completed' || event === 'cancelled' || event === 'revoked') ? { conformance: p.conformance } : {}),
    ...(Object.keys(cause).length ? { cause } : {}),
  };
}

export const isUomAlertKind = (k: string): k is UomAlertKind => (UOM_ALERT_KINDS as readonly string[]).includes(k);

/** The record of a raised alert worth reporting, or null for the other kinds. */
export function uomAlertRecord(a: Alert & { zoneId?: string }, operatorId: string | null): UomAlertRecord | null {
  if (!isUomAlertKind(a.kind)) return null;
  return {
    id: `alert:${a.id}`,
    schema: UOM_RECORD_SCHEMA,
    kind: `alert.${a.kind}`,
    eventAt: a.raisedAt,
    alertId: a.id,
    severity: a.severity,
    planId: a.planId ?? null,
    operatorId,
    station: { id: a.stationId },
    position: { lng: a.lng, lat: a.lat, altitudeM: a.altitudeM, beidouCode: beidouCodeOf(a.lng, a.lat) },
    ...(a.zoneId ? { zoneId: a.zoneId } : {}),
    message: a.message,
  };
}

/** The fields of a position that stay the same for a flight, as the opening of its JSON object (built once per plan). */
export function uomPositionPrefix(f: Pick<UomPosition, 'planId' | 'registration' | 'serial' | 'operatorId'>): string {
  return `{"planId":${JSON.stringify(f.planId)},"registration":${JSON.stringify(f.registration)},"serial":${JSON.stringify(f.serial)},"operatorId":${JSON.stringify(f.operatorId)}`;
}

const round = (x: number, k: number) => Math.round(x * k) / k;

/** What a position sample says, as the live pipeline has it. */
export interface PositionSample {
  lng: number;
  lat: number;
  altitudeM: number;
  speedMps: number;
  headingDeg: number;
  source: readonly string[];
}

/**
 * One position as the JSON of a UomPosition: coordinates to 1e-7° (≈ 1 cm), height, speed and
 * heading to 0.1. Built as text (the live tick writes thousands a second); null for a sample with
 * a number that is not finite.
 */
export function uomPositionJson(prefix: string, atIso: string, s: PositionSample): string | null {
  if (!Number.isFinite(s.lng) || !Number.isFinite(s.lat) || !Number.isFinite(s.altitudeM) || !Number.isFinite(s.speedMps) || !Number.isFinite(s.headingDeg)) return null;
  return `${prefix},"at":"${atIso}","lng":${round(s.lng, 1e7)},"lat":${round(s.lat, 1e7)},"heightM":${round(s.altitudeM, 10)},"speedMps":${round(s.speedMps, 10)},"headingDeg":${round(s.headingDeg, 10)},"source":${JSON.stringify(s.source)}}`;
}

/**
 * Positions (as JSON) in records of at most `chunk` each, in the order given, as the records'
 * JSON. `idPrefix` makes the ids unique to one server run and tick (`track:${run}:${tick}`), so a
 * record is the same record on every retry and never collides with another run's; chunks are
 * numbered from `firstChunk` (a tick written in slices numbers each slice's chunks after the last's).
 */
export function uomTrackRecordJsons(idPrefix: string, eventAt: string, positions: readonly string[], chunk = UOM_TRACK_CHUNK, firstChunk = 0): { id: string; json: string }[] {
  const out: { id: string; json: string }[] = [];
  for (let i = 0, k = firstChunk; i < positions.length; i += chunk, k++) {
    const id = `${idPrefix}:${k}`;
    out.push({
      id,
      json: `{"id":${JSON.stringify(id)},"schema":${JSON.stringify(UOM_RECORD_SCHEMA)},"kind":"track.positions","eventAt":${JSON.stringify(eventAt)},"positions":[${positions.slice(i, i + chunk).join(',')}]}`,
    });
  }
  return out;
}
