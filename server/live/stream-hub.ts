/**
 * The WebSocket stream: authenticated clients subscribe to a bounding box and channels, and get
 * per tick the aircraft inside their box, plus alerts and plan events they may see. A slow client
 * gets coalesced latest positions (never an unbounded queue) and is disconnected if it stays stuck.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Value } from '@sinclair/typebox/value';
import { WebSocketServer, type WebSocket } from 'ws';
import type { TrackUpdate } from '../../shared/monitor/conformance-monitor.js';
import { ClientMessage, STREAM_CHANNELS, type ServerMessage, type StreamChannel, type StreamTrack } from '../../shared/schemas/stream.js';
import { authenticate } from '../auth.js';
import { canReadPlan } from '../services/access.js';
import type { ServiceContext } from '../services/context.js';
import type { Principal } from '../store/misc-repos.js';
import type { TickBatch } from './live-traffic.js';

export interface StreamOptions {
  /** above this many buffered bytes a client gets no new sends (tracks are coalesced) */
  highWaterBytes: number;
  /** a client that stays above the high-water mark this long is disconnected */
  stuckMs: number;
  maxMessageBytes: number;
}
export const DEFAULT_STREAM_OPTIONS: StreamOptions = { highWaterBytes: 1 << 20, stuckMs: 10_000, maxMessageBytes: 16 * 1024 };

interface Client {
  ws: WebSocket;
  principal: Principal;
  bbox: [number, number, number, number] | null;
  channels: Set<StreamChannel>;
  /** latest positions not yet sent while the client was slow */
  dirty: Map<string, TrackUpdate> | null;
  stuckSince: number | null;
}

const toStream = (u: TrackUpdate): StreamTrack => ({ id: u.id, ...(u.planId ? { planId: u.planId } : {}), lng: u.lng, lat: u.lat, altitudeM: Math.round(u.altitudeM * 10) / 10,
  speedMps: Math.round(u.speedMps * 10) / 10, headingDeg: Math.round(u.headingDeg), source: u.source });

export class StreamHub {
  readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly clients = new Set<Client>();
  stats = { messages: 0, bytes: 0, disconnectedSlow: 0 };
  /** measurement hook (benchmarks): called with the size of every message sent */
  onSendSize: ((bytes: number) => void) | null = null;

  constructor(private readonly ctx: ServiceContext, private readonly adminToken: string, private readonly now: () => number, private readonly opts: StreamOptions = DEFAULT_STREAM_OPTIONS) {
    ctx.listeners.add((e) => {
      const plan = ctx.plans.get(e.planId);
      if (!plan) return;
      for (const c of this.clients) {
        if (c.channels.has('plans') && canReadPlan(c.principal, plan, ctx.aStationId)) {
          this.send(c, { v: 1, type: 'plan', event: e.kind, planId: e.planId, state: plan.state, at: e.at, payload: e.payload });
        }
      }
    });
  }

  get clientCount(): number { return this.clients.size; }
  /** clients currently held back (their positions are being coalesced) */
  get slowClientCount(): number { return [...this.clients].filter((c) => c.dirty !== null).length; }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let principal: Principal;
    try {
      const h = req.headers.authorization;
      const token = url.searchParams.get('token') ?? (typeof h === 'string' ? /^Bearer\s+(\S+)/i.exec(h)?.[1] ?? null : null);
      principal = authenticate(token, this.adminToken, this.ctx.principals);
    } catch {
      socket.end('HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\n\r\n{"error":{"code":"UNAUTHENTICATED","message":"missing or invalid token"}}');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, principal));
  }

  private accept(ws: WebSocket, principal: Principal): void {
    const c: Client = { ws, principal, bbox: null, channels: new Set(), dirty: null, stuckSince: null };
    this.clients.add(c);
    ws.on('close', () => this.clients.delete(c));
    ws.on('error', () => this.clients.delete(c));
    ws.on('message', (data, isBinary) => this.onMessage(c, data as Buffer, isBinary));
    this.send(c, { v: 1, type: 'hello', protocol: 1, principal: { id: principal.id, role: principal.role }, channels: STREAM_CHANNELS });
  }

  private onMessage(c: Client, data: Buffer, isBinary: boolean): void {
    const fail = (code: string, message: string) => this.send(c, { v: 1, type: 'error', code, message });
    if (isBinary || data.length > this.opts.maxMessageBytes) return fail('BAD_MESSAGE', 'messages are JSON text of at most 16 KiB');
    let msg: unknown;
    try { msg = JSON.parse(data.toString('utf8')); } catch { return fail('MALFORMED_JSON', 'the message is not valid JSON'); }
    if (!Value.Check(ClientMessage, msg)) {
      const first = [...Value.Errors(ClientMessage, msg)][0];
      return fail('BAD_MESSAGE', `not a valid message of protocol v1${first ? `: ${first.path} ${first.message}` : ''}`);
    }
    const m = msg as ClientMessage;
    if (m.type === 'ping') return this.send(c, { v: 1, type: 'pong', ...(m.id !== undefined ? { id: m.id } : {}), t: new Date(this.now()).toISOString() });
    const [w, s, e, n] = m.bbox;
    if (w > e || s > n) return fail('BAD_BBOX', 'bbox must be [west, south, east, north] with west ≤ east and south ≤ north');
    c.bbox = [w, s, e, n];
    c.channels = new Set(m.channels);
    c.dirty = null;
    this.send(c, { v: 1, type: 'subscribed', bbox: c.bbox, channels: [...c.channels] });
  }

  private send(c: Client, m: ServerMessage): void {
    if (c.ws.readyState !== c.ws.OPEN) return;
    const text = JSON.stringify(m);
    this.stats.messages++;
    this.stats.bytes += text.length;
    this.onSendSize?.(text.length);
    c.ws.send(text);
  }

  private canSeeAlert(p: Principal, a: { stationId: string; planId?: string }): boolean {
    if (p.role === 'admin' || p.role === 'viewer' || p.role === 'planner') return true;
    if (p.role === 'operator') return p.stationId === this.ctx.aStationId || p.stationId === a.stationId;
    if (!a.planId) return false;
    return this.ctx.plans.get(a.planId)?.operatorId === p.operatorId;
  }

  /** Raw send of pre-serialised text (tracks messages are assembled from per-track JSON). */
  private sendText(c: Client, text: string): void {
    if (c.ws.readyState !== c.ws.OPEN) return;
    this.stats.messages++;
    this.stats.bytes += text.length;
    this.onSendSize?.(text.length);
    c.ws.send(text);
  }

  /** One tick out to every client. Each track is serialised once per tick, whatever the number of clients. */
  broadcast(batch: TickBatch): void {
    const t = new Date(batch.tMs).toISOString();
    // bucket the tick's tracks in 0.25° cells so each client visits only the cells of its box
    const CELL = 0.25;
    const cells = new Map<number, TrackUpdate[]>();
    const cellKey = (i: number, j: number) => i * 100_000 + j;
    for (const u of batch.tracks) {
      const k = cellKey(Math.floor(u.lng / CELL), Math.floor(u.lat / CELL));
      const list = cells.get(k);
      if (list) list.push(u); else cells.set(k, [u]);
    }
    const tracksIn = ([w, s, e, n]: [number, number, number, number]): TrackUpdate[] => {
      const out: TrackUpdate[] = [];
      const i0 = Math.floor(w / CELL), i1 = Math.floor(e / CELL), j0 = Math.floor(s / CELL), j1 = Math.floor(n / CELL);
      if ((i1 - i0 + 1) * (j1 - j0 + 1) > cells.size) {
        for (const u of batch.tracks) if (u.lng >= w && u.lng <= e && u.lat >= s && u.lat <= n) out.push(u);
        return out;
      }
      for (let i = i0; i <= i1; i++) for (let j = j0; j <= j1; j++) {
        for (const u of cells.get(cellKey(i, j)) ?? []) if (u.lng >= w && u.lng <= e && u.lat >= s && u.lat <= n) out.push(u);
      }
      return out;
    };
    // clients with the same box in a tick share one message
    const textByBox = new Map<string, { tracks: TrackUpdate[]; text: string | null }>();
    const json = new Map<TrackUpdate, string>();
    const jsonOf = (u: TrackUpdate) => {
      let j = json.get(u);
      if (j === undefined) { j = JSON.stringify(toStream(u)); json.set(u, j); }
      return j;
    };
    for (const c of this.clients) {
      if (!c.bbox) continue;
      if (c.channels.has('alerts')) {
        for (const a of batch.alerts) if (this.canSeeAlert(c.principal, a)) this.send(c, { v: 1, type: 'alert', action: a.action, alert: a as unknown as Record<string, unknown> });
      }
      if (!c.channels.has('tracks')) continue;
      const boxKey = c.bbox.join(',');
      let shared = textByBox.get(boxKey);
      if (!shared) { shared = { tracks: tracksIn(c.bbox), text: null }; textByBox.set(boxKey, shared); }
      const inBox = shared.tracks;
      if (c.ws.bufferedAmount > this.opts.highWaterBytes) {
        // slow: keep only the latest position per aircraft until it drains
        c.dirty ??= new Map();
        for (const u of inBox) c.dirty.set(u.id, u);
        // stuck is measured in real (monotonic) time: it is about the network, not simulated time
        c.stuckSince ??= performance.now();
        if (performance.now() - c.stuckSince > this.opts.stuckMs) {
          this.stats.disconnectedSlow++;
          c.ws.terminate();
          this.clients.delete(c);
        }
        continue;
      }
      c.stuckSince = null;
      let tracks = inBox;
      let coalesced = false;
      if (c.dirty) {
        for (const u of inBox) c.dirty.set(u.id, u);
        tracks = [...c.dirty.values()];
        c.dirty = null;
        coalesced = true;
      }
      if (!tracks.length && !coalesced) continue;
      const text = (j: TrackUpdate[]) => `{"v":1,"type":"tracks","t":"${t}","tracks":[${j.map(jsonOf).join(',')}]${coalesced ? ',"coalesced":true' : ''}}`;
      if (coalesced) this.sendText(c, text(tracks));
      else this.sendText(c, (shared.text ??= text(tracks)));
    }
  }

  close(): void {
    for (const c of this.clients) c.ws.terminate();
    this.clients.clear();
    this.wss.close();
  }
}
