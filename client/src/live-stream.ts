/**
 * The WebSocket stream from the browser: before each (re)connect, a single-use ticket from
 * `POST /api/v1/stream/tickets` (bearer token in the header — never in a URL), then
 * `/api/v1/stream?ticket=…`; subscribe to the visible box, hand on typed messages, reconnect with
 * back-off. A revoked token (close 4001, or 401 on the ticket) stops reconnecting.
 */
import type { AirspaceMessage, AlertMessage, HelloMessage, PlanMessage, ServerMessage, StreamChannel, StreamTicket, StreamTrack } from '../../shared/schemas/stream.js';
import { ApiFailure, type Api } from './api.js';

export type StreamStatus = 'connecting' | 'open' | 'closed' | 'unauthorized';

export interface StreamHandlers {
  onTracks(tracks: StreamTrack[], t: string): void;
  onAlert?(action: AlertMessage['action'], alert: AlertMessage['alert']): void;
  onPlan?(event: PlanMessage): void;
  /** the published airspace changed: read it again */
  onAirspace?(changed: AirspaceMessage['changed']): void;
  /** the server's clock at connection (`now`), and who the stream serves */
  onHello?(hello: HelloMessage): void;
  onStatus?(status: StreamStatus): void;
}

/** Close codes after which reconnecting with the same token is pointless (shared/schemas/stream.ts STREAM_CLOSE_CODES.REVOKED). */
const CLOSE_REVOKED = 4001;
const MESSAGE_TYPES: ReadonlySet<string> = new Set<ServerMessage['type']>(['hello', 'subscribed', 'tracks', 'alert', 'plan', 'airspace', 'pong', 'error']);

/** A server message from its text, or null when it is not one of protocol v1 (the envelope is checked; the server is trusted for the rest). */
export function parseServerMessage(text: string): ServerMessage | null {
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof m !== 'object' || m === null) return null;
  const { v, type } = m as { v?: unknown; type?: unknown };
  return v === 1 && typeof type === 'string' && MESSAGE_TYPES.has(type) ? (m as ServerMessage) : null;
}

export class LiveStream {
  private ws: WebSocket | null = null;
  private bbox: [number, number, number, number] = [105, 28, 111, 33];
  private closed = false;
  private retryMs = 1000;
  private timer: ReturnType<typeof setTimeout> | null = null;
  constructor(
    private readonly api: Pick<Api, 'post'>,
    private readonly handlers: StreamHandlers,
    private readonly channels: StreamChannel[] = ['tracks', 'alerts', 'plans'],
  ) {
    void this.open();
  }

  private async open(): Promise<void> {
    this.timer = null;
    if (this.closed) return;
    this.handlers.onStatus?.('connecting');
    let ticket: StreamTicket;
    try {
      ticket = await this.api.post<StreamTicket>('/stream/tickets');
    } catch (e) {
      if (e instanceof ApiFailure && (e.status === 401 || e.status === 403)) {
        this.handlers.onStatus?.('unauthorized');
        return;
      }
      this.handlers.onStatus?.('closed');
      this.retry();
      return;
    }
    if (this.closed) return;
    const proto = location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(`${proto}://${location.host}/api/v1/stream?ticket=${encodeURIComponent(ticket.ticket)}`);
    this.ws = ws;
    ws.onopen = () => {
      this.retryMs = 1000;
      this.handlers.onStatus?.('open');
      this.sendSubscribe();
    };
    ws.onmessage = (e) => this.dispatch(parseServerMessage(String(e.data)));
    ws.onclose = (e) => {
      if (this.ws === ws) this.ws = null;
      if (e.code === CLOSE_REVOKED) {
        this.handlers.onStatus?.('unauthorized');
        return;
      }
      this.handlers.onStatus?.('closed');
      this.retry();
    };
  }

  private retry(): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => void this.open(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, 15_000);
  }

  private dispatch(m: ServerMessage | null): void {
    if (!m) return;
    switch (m.type) {
      case 'tracks':
        this.handlers.onTracks(m.tracks, m.t);
        break;
      case 'alert':
        this.handlers.onAlert?.(m.action, m.alert);
        break;
      case 'plan':
        this.handlers.onPlan?.(m);
        break;
      case 'airspace':
        this.handlers.onAirspace?.(m.changed);
        break;
      case 'hello':
        this.handlers.onHello?.(m);
        break;
      default:
        break; // subscribed, pong, error: nothing to show
    }
  }

  private sendSubscribe(): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify({ v: 1, type: 'subscribe', bbox: this.bbox, channels: this.channels }));
  }

  subscribe(bbox: [number, number, number, number]): void {
    this.bbox = bbox.map((x, i) => Math.max(i % 2 ? -90 : -180, Math.min(i % 2 ? 90 : 180, x))) as [number, number, number, number];
    this.sendSubscribe();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.ws?.close();
  }
}
