/**
 * The WebSocket protocol (/api/v1/stream), version 1: one typed message map shared by the server
 * and the client. Clients send `subscribe` and `ping`; the server sends `hello`, `subscribed`,
 * `tracks`, `alert`, `plan`, `pong` and `error`. Every message carries `v`.
 *
 * Connecting: `Authorization: Bearer <token>` on the upgrade, or a single-use ticket
 * (`POST /api/v1/stream/tickets` → `{ticket, expiresAt}`, then `GET /api/v1/stream?ticket=…`).
 * A token in the URL is refused (401). Too many connections → HTTP 429 with `Retry-After`.
 *
 * Limits: a client may send `limits.messagesPerS` messages a second (bursts of `limits.burst`);
 * above that its messages are dropped unanswered and it is told once with an `error`
 * `RATE_LIMITED`; a client that keeps flooding is closed with 4029. A client that does not read
 * what it is sent is closed with 4008 (see STREAM_CLOSE_CODES).
 */
import { Type, type Static } from '@sinclair/typebox';
import { AlertSchema } from './track.js';

export const STREAM_PROTOCOL_VERSION = 1;
export const STREAM_CHANNELS = ['tracks', 'alerts', 'plans'] as const;
export type StreamChannel = (typeof STREAM_CHANNELS)[number];

/** WebSocket close codes the server uses (the reason string says more). */
export const STREAM_CLOSE_CODES = {
  /** the server is shutting down */
  GOING_AWAY: 1001,
  /** the principal's token was revoked (or the principal disconnected by an administrator): do not reconnect with it */
  REVOKED: 4001,
  /** the client does not read what it is sent: its outbound backlog went over the byte or message budget, or it stayed stuck */
  BACKLOG: 4008,
  /** the client kept sending above the rate limit after being told (`error` RATE_LIMITED) */
  FLOOD: 4029,
} as const;
export type StreamCloseCode = (typeof STREAM_CLOSE_CODES)[keyof typeof STREAM_CLOSE_CODES];

/** `error` message codes; the connection stays open after each. */
export const STREAM_ERROR_CODES = ['MALFORMED_JSON', 'BAD_MESSAGE', 'BAD_BBOX', 'RATE_LIMITED'] as const;
export type StreamErrorCode = (typeof STREAM_ERROR_CODES)[number];

const ChannelSchema = Type.Union(STREAM_CHANNELS.map((c) => Type.Literal(c)));
const BboxSchema = Type.Tuple([
  Type.Number({ minimum: -180, maximum: 180 }),
  Type.Number({ minimum: -90, maximum: 90 }),
  Type.Number({ minimum: -180, maximum: 180 }),
  Type.Number({ minimum: -90, maximum: 90 }),
]);
const V = Type.Literal(1);

// ---- client → server

export const SubscribeMessage = Type.Object(
  {
    v: Type.Optional(V),
    type: Type.Literal('subscribe'),
    bbox: BboxSchema,
    channels: Type.Array(ChannelSchema, { minItems: 1, maxItems: 3 }),
  },
  { additionalProperties: false },
);
export const PingMessage = Type.Object(
  { v: Type.Optional(V), type: Type.Literal('ping'), id: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Number()])) },
  { additionalProperties: false },
);
export const ClientMessage = Type.Union([SubscribeMessage, PingMessage]);
export type ClientMessage = Static<typeof ClientMessage>;

// ---- server → client

export const StreamTrackSchema = Type.Object({
  id: Type.String(),
  planId: Type.Optional(Type.String()),
  lng: Type.Number(),
  lat: Type.Number(),
  altitudeM: Type.Number(),
  speedMps: Type.Number(),
  headingDeg: Type.Number(),
  source: Type.Array(Type.String()),
});
export type StreamTrack = Static<typeof StreamTrackSchema>;

/** An alert as streamed: the stored alert with what the monitor adds. */
export const StreamAlertSchema = Type.Object({
  ...AlertSchema.properties,
  otherTrackId: Type.Optional(Type.String()),
  zoneId: Type.Optional(Type.String()),
  clearedAt: Type.Optional(Type.String({ format: 'date-time' })),
});
export type StreamAlert = Static<typeof StreamAlertSchema>;

export const HelloMessage = Type.Object({
  v: V,
  type: Type.Literal('hello'),
  protocol: Type.Literal(STREAM_PROTOCOL_VERSION),
  /** the server's clock (simulated time when the simulation runs): clients take "now" from here */
  now: Type.String({ format: 'date-time' }),
  principal: Type.Object({ id: Type.String(), role: Type.String() }),
  channels: Type.Array(ChannelSchema),
  limits: Type.Optional(Type.Object({ messagesPerS: Type.Number(), burst: Type.Number() })),
});
export const SubscribedMessage = Type.Object({ v: V, type: Type.Literal('subscribed'), bbox: BboxSchema, channels: Type.Array(ChannelSchema) });
export const TracksMessage = Type.Object({
  v: V,
  type: Type.Literal('tracks'),
  t: Type.String({ format: 'date-time' }),
  tracks: Type.Array(StreamTrackSchema),
  /** the latest position of every aircraft held back while the client was slow */
  coalesced: Type.Optional(Type.Boolean()),
});
export const AlertMessage = Type.Object({ v: V, type: Type.Literal('alert'), action: Type.Union([Type.Literal('raise'), Type.Literal('clear')]), alert: StreamAlertSchema });
export const PlanMessage = Type.Object({
  v: V,
  type: Type.Literal('plan'),
  event: Type.String(),
  planId: Type.String(),
  state: Type.String(),
  at: Type.String(),
  payload: Type.Optional(Type.Unknown()),
});
/** The published airspace changed (a restriction, an edition, a landing point): every client reads it again. */
export const AIRSPACE_PARTS = ['zones', 'landing-points'] as const;
export const AirspaceMessage = Type.Object({
  v: V,
  type: Type.Literal('airspace'),
  changed: Type.Array(Type.Union(AIRSPACE_PARTS.map((p) => Type.Literal(p)))),
  at: Type.String({ format: 'date-time' }),
});
export const PongMessage = Type.Object({ v: V, type: Type.Literal('pong'), id: Type.Optional(Type.Union([Type.String(), Type.Number()])), t: Type.String({ format: 'date-time' }) });
export const ErrorMessage = Type.Object({ v: V, type: Type.Literal('error'), code: Type.Union(STREAM_ERROR_CODES.map((c) => Type.Literal(c))), message: Type.String() });

export const ServerMessage = Type.Union([HelloMessage, SubscribedMessage, TracksMessage, AlertMessage, PlanMessage, AirspaceMessage, PongMessage, ErrorMessage]);
export type HelloMessage = Static<typeof HelloMessage>;
export type SubscribedMessage = Static<typeof SubscribedMessage>;
export type TracksMessage = Static<typeof TracksMessage>;
export type AlertMessage = Static<typeof AlertMessage>;
export type PlanMessage = Static<typeof PlanMessage>;
export type AirspaceMessage = Static<typeof AirspaceMessage>;
export type PongMessage = Static<typeof PongMessage>;
export type ErrorMessage = Static<typeof ErrorMessage>;
export type ServerMessage = Static<typeof ServerMessage>;
export type ServerMessageType = ServerMessage['type'];

/** `POST /api/v1/stream/tickets` → 201: a single-use ticket for `GET /api/v1/stream?ticket=…`. */
export const StreamTicketSchema = Type.Object(
  {
    ticket: Type.String(),
    expiresAt: Type.String({ format: 'date-time', description: 'real time (not the simulated clock): the ticket is about the network' }),
  },
  { additionalProperties: false },
);
export type StreamTicket = Static<typeof StreamTicketSchema>;
