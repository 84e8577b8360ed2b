/**
 * Data sharing with the national UOM platform (民用无人驾驶航空器综合管理平台): the flight records
 * Yukong delivers (HTTP POST of JSON batches, at least once, idempotent by record `id`) and the
 * outbox status (`GET /api/v1/uom/outbox`).
 *
 * A record is a self-contained snapshot of what happened to a flight plan (or an alert of
 * interest), so the receiver can apply records in any order: `seq` orders them, `id` de-duplicates.
 * Money and personal data are left out: no person's name or id, no remarks, no prices.
 */
import { Type, type Static } from '@sinclair/typebox';

export const UOM_RECORD_SCHEMA = 'yukong.uom.record/1';
export const UOM_BATCH_SCHEMA = 'yukong.uom.batch/1';

/** What happened to the plan, by the plan's new state (suspended: an approved plan went back to an operator). */
export const UOM_PLAN_EVENTS = ['approved', 'activated', 'completed', 'cancelled', 'revoked', 'suspended', 'rejected'] as const;
export type UomPlanEvent = (typeof UOM_PLAN_EVENTS)[number];
/** Conformance alerts reported to UOM. */
export const UOM_ALERT_KINDS = ['loss-of-separation', 'zone-incursion'] as const;
export type UomAlertKind = (typeof UOM_ALERT_KINDS)[number];

const Iso = Type.String({ format: 'date-time' });
const LngLat = Type.Tuple([Type.Number(), Type.Number()], { description: '[lng, lat], WGS84 degrees' });

export const UomFootprintSchema = Type.Object(
  {
    /** [west, south, east, north] over every volume */
    bbox: Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()]),
    /** the bbox centre */
    centre: LngLat,
    /** BeiDou grid location code (GB/T 39409-2020) of the centre (null only beyond ±88° latitude) */
    beidouCode: Type.Union([Type.String(), Type.Null()]),
    beidouLevel: Type.Integer({ minimum: 1, maximum: 10 }),
    altitudeLowerM: Type.Number(),
    altitudeUpperM: Type.Number(),
    /** AGL: true height above ground (真高) unless a volume says otherwise */
    altitudeReference: Type.String(),
    timeStart: Iso,
    timeEnd: Iso,
    volumes: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);

export const UomPlanRecordSchema = Type.Object(
  {
    /** stable: `${planId}:${auditSeq}`; the receiver may see it twice */
    id: Type.String(),
    schema: Type.Literal(UOM_RECORD_SCHEMA),
    kind: Type.Union(UOM_PLAN_EVENTS.map((e) => Type.Literal(`plan.${e}` as const))),
    /** order of events (the audit sequence number) */
    seq: Type.Integer(),
    /** when it happened, on the server's clock */
    eventAt: Iso,
    planId: Type.String(),
    state: Type.String(),
    previousState: Type.Union([Type.String(), Type.Null()]),
    /** the operating company (运营人) */
    operatorId: Type.Union([Type.String(), Type.Null()]),
    aircraft: Type.Object({ registration: Type.String(), category: Type.String() }, { additionalProperties: false }),
    mission: Type.String(),
    emergency: Type.Boolean(),
    priority: Type.Integer(),
    station: Type.Object({ id: Type.String(), kind: Type.String() }, { additionalProperties: false }),
    /** district adcodes the plan touches */
    districts: Type.Array(Type.String()),
    footprint: UomFootprintSchema,
    /** approvals: decided automatically or by an operator */
    approval: Type.Optional(Type.Union([Type.Literal('automatic'), Type.Literal('operator')])),
    conformance: Type.Optional(Type.Union([Type.Literal('conforming'), Type.Literal('nonconforming')])),
    /** revocations and suspensions by the system: the plan or zone that took the airspace */
    cause: Type.Optional(Type.Object({ byPlanId: Type.Optional(Type.String()), zoneId: Type.Optional(Type.String()) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type UomPlanRecord = Static<typeof UomPlanRecordSchema>;

export const UomAlertRecordSchema = Type.Object(
  {
    /** stable: `alert:${alertId}` */
    id: Type.String(),
    schema: Type.Literal(UOM_RECORD_SCHEMA),
    kind: Type.Union(UOM_ALERT_KINDS.map((k) => Type.Literal(`alert.${k}` as const))),
    eventAt: Iso,
    alertId: Type.String(),
    severity: Type.String(),
    planId: Type.Union([Type.String(), Type.Null()]),
    operatorId: Type.Union([Type.String(), Type.Null()]),
    station: Type.Object({ id: Type.String() }, { additionalProperties: false }),
    position: Type.Object({ lng: Type.Number(), lat: Type.Number(), altitudeM: Type.Number(), beidouCode: Type.Union([Type.String(), Type.Null()]) }, { additionalProperties: false }),
    zoneId: Type.Optional(Type.String()),
    message: Type.String(),
  },
  { additionalProperties: false },
);
export type UomAlertRecord = Static<typeof UomAlertRecordSchema>;

/** Positions of registered aircraft per record, at most (a record stays small enough to batch). */
export const UOM_TRACK_CHUNK = 100;

export const UomPositionSchema = Type.Object(
  {
    planId: Type.String(),
    /** real-name registration (实名登记号) and manufacturer's serial of the aircraft */
    registration: Type.String(),
    serial: Type.String(),
    operatorId: Type.Union([Type.String(), Type.Null()]),
    /** when the position was observed */
    at: Iso,
    lng: Type.Number(),
    lat: Type.Number(),
    /** true height above ground (真高), metres */
    heightM: Type.Number(),
    speedMps: Type.Number(),
    /** true track, degrees clockwise from north */
    headingDeg: Type.Number(),
    /** 'network' and/or the X stations that saw it */
    source: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);
export type UomPosition = Static<typeof UomPositionSchema>;

export const UomTrackRecordSchema = Type.Object(
  {
    /** stable: `track:${serverRun}:${tick}:${chunk}`; the receiver may see it twice */
    id: Type.String(),
    schema: Type.Literal(UOM_RECORD_SCHEMA),
    kind: Type.Literal('track.positions'),
    /** the live tick that observed the positions, on the server's clock */
    eventAt: Iso,
    positions: Type.Array(UomPositionSchema, { minItems: 1, maxItems: UOM_TRACK_CHUNK }),
  },
  { additionalProperties: false },
);
export type UomTrackRecord = Static<typeof UomTrackRecordSchema>;

export const UomRecordSchema = Type.Union([UomPlanRecordSchema, UomAlertRecordSchema, UomTrackRecordSchema]);
export type UomRecord = Static<typeof UomRecordSchema>;

/** One POST to YUKONG_UOM_URL: at most 100 records, oldest first. */
export const UomBatchSchema = Type.Object(
  {
    schema: Type.Literal(UOM_BATCH_SCHEMA),
    source: Type.String(),
    sentAt: Iso,
    records: Type.Array(UomRecordSchema, { minItems: 1, maxItems: 100 }),
  },
  { additionalProperties: false },
);
export type UomBatch = Static<typeof UomBatchSchema>;

/** GET /api/v1/uom/outbox */
export const UomOutboxStatusSchema = Type.Object(
  {
    pending: Type.Integer({ minimum: 0 }),
    delivered: Type.Integer({ minimum: 0 }),
    /** refused by the receiver for their content (kept, with the error; never retried on their own) */
    failed: Type.Integer({ minimum: 0 }),
    /** event time of the oldest record not yet delivered (server clock), or null */
    oldestPendingAt: Type.Union([Iso, Type.Null()]),
    /** whether YUKONG_UOM_URL is set; without it records accumulate as pending and are delivered once it is */
    delivery: Type.Union([Type.Literal('on'), Type.Literal('off')]),
    /** the receiver (scheme, host and path only; no credentials or query) */
    url: Type.Union([Type.String(), Type.Null()]),
    lastDeliveredAt: Type.Union([Iso, Type.Null()]),
    /** the latest delivery error since start (else the latest recorded on a record not delivered), or null */
    lastError: Type.Union([Type.Object({ at: Iso, message: Type.String() }, { additionalProperties: false }), Type.Null()]),
    /** retryable failures in a row (0 when the last attempt succeeded) */
    consecutiveFailures: Type.Integer({ minimum: 0 }),
    /** real milliseconds until the next attempt while backing off, else null */
    nextAttemptInMs: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
    inFlight: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type UomOutboxStatus = Static<typeof UomOutboxStatusSchema>;
