/**
 * The WebSocket protocol (/api/v1/stream), version 1: one typed message map. Clients send
 * `subscribe` and `ping`; the server sends `hello`, `subscribed`, `tracks`, `alert`, `plan`,
 * `pong` and `error`. Every message carries `v`.
 */
import { Type, type Static } from '@sinclair/typebox';

export const STREAM_PROTOCOL_VERSION = 1;
export const STREAM_CHANNELS = ['tracks', 'alerts', 'plans'] as const;
export type StreamChannel = (typeof STREAM_CHANNELS)[number];

export const SubscribeMessage = Type.Object({
  v: Type.Optional(Type.Literal(1)),
  type: Type.Literal('subscribe'),
  bbox: Type.Tuple([Type.Number({ minimum: -180, maximum: 180 }), Type.Number({ minimum: -90, maximum: 90 }), Type.Number({ minimum: -180, maximum: 180 }), Type.Number({ minimum: -90, maximum: 90 })]),
  channels: Type.Array(Type.Union(STREAM_CHANNELS.map((c) => Type.Literal(c))), { minItems: 1, maxItems: 3 }),
}, { additionalProperties: false });
export const PingMessage = Type.Object({ v: Type.Optional(Type.Literal(1)), type: Type.Literal('ping'), id: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Number()])) }, { additionalProperties: false });
export const ClientMessage = Type.Union([SubscribeMessage, PingMessage]);
export type ClientMessage = Static<typeof ClientMessage>;

export interface StreamTrack { id: string; planId?: string; lng: number; lat: number; altitudeM: number; speedMps: number; headingDeg: number; source: string[] }

export type ServerMessage =
  | { v: 1; type: 'hello'; protocol: 1; principal: { id: string; role: string }; channels: readonly StreamChannel[] }
  | { v: 1; type: 'subscribed'; bbox: [number, number, number, number]; channels: StreamChannel[] }
  | { v: 1; type: 'tracks'; t: string; tracks: StreamTrack[]; coalesced?: boolean }
  | { v: 1; type: 'alert'; action: 'raise' | 'clear'; alert: Record<string, unknown> }
  | { v: 1; type: 'plan'; event: string; planId: string; state: string; at: string; payload?: unknown }
  | { v: 1; type: 'pong'; id?: string | number; t: string }
  | { v: 1; type: 'error'; code: string; message: string };
