/**
 * The stream's limits: how much a slow client may leave unread, how fast a client may send, how
 * many connections a principal and the server may hold, and how long a stream ticket lasts.
 * Close codes are in shared/schemas/stream.ts (STREAM_CLOSE_CODES).
 */
export interface StreamOptions {
  /** above this many buffered bytes a client gets no new sends (tracks are coalesced, other messages held) */
  highWaterBytes: number;
  /** a client that stays above the high-water mark this long is disconnected (4008) */
  stuckMs: number;
  /** the largest message a client may send */
  maxMessageBytes: number;
  /** a client's unread bytes (socket buffer + held messages + coalesced positions) above this: disconnected (4008) */
  maxBufferedBytes: number;
  /** more messages held for a client than this: disconnected (4008) */
  maxQueuedMessages: number;
  /** between the close frame of a dropped client and terminating its connection */
  closeGraceMs: number;
  /** inbound messages per second and burst per connection (a token bucket) */
  inboundRatePerS: number;
  inboundBurst: number;
  /** a client over the limit this many messages, or this long without pause, is disconnected (4029) */
  floodExcessMessages: number;
  floodMs: number;
  /** open connections per principal, and in total; more → HTTP 429 */
  maxConnectionsPerPrincipal: number;
  maxConnections: number;
  /** stream tickets: time to live (real time), outstanding in total and per principal */
  ticketTtlMs: number;
  maxTickets: number;
  maxTicketsPerPrincipal: number;
}
export const DEFAULT_STREAM_OPTIONS: StreamOptions = {
  highWaterBytes: 1 << 20,
  stuckMs: 10_000,
  maxMessageBytes: 16 * 1024,
  maxBufferedBytes: 4 << 20,
  maxQueuedMessages: 2_000,
  closeGraceMs: 1_000,
  inboundRatePerS: 20,
  inboundBurst: 40,
  floodExcessMessages: 200,
  floodMs: 5_000,
  maxConnectionsPerPrincipal: 8,
  maxConnections: 2_000,
  ticketTtlMs: 60_000,
  maxTickets: 10_000,
  maxTicketsPerPrincipal: 16,
};
