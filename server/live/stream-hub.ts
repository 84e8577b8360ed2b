/**
 * The WebSocket stream: authenticated clients subscribe to a bounding box and channels, and get
 * per tick the aircraft inside their box, plus alerts and plan events they may see. Everything a
 * client is sent goes through its bounded outbound queue (stream-client-queue.ts): a slow client
 * gets coalesced latest positions, and a client that does not read is dropped once over its
 * budget or stuck. What a client sends is rate-limited (stream-rate-limit.ts); connections are
 * capped per principal and in total (HTTP 429 on the upgrade).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Value } from '@sinclair/typebox/value';
import { WebSocketServer, type WebSocket } from 'ws';
import type { TrackUpdate } from '../../shared/monitor/conformance-monitor.js';
import { ClientMessage, STREAM_CHANNELS, STREAM_CLOSE_CODES, type ServerMessage, type StreamChannel, type StreamErrorCode } from '../../shared/schemas/stream.js';
import { ApiError } from '../errors.js';
import { canReadPlan, canSeeAlert } from '../policy/access-policy.js';
import type { Principal } from '../policy/actor.js';
import type { ServiceContext } from '../services/context.js';
import type { TickBatch } from './live-traffic.js';
import { StreamClientQueue, type DropReason } from './stream-client-queue.js';
import { InboundRateLimit } from './stream-rate-limit.js';
import { DEFAULT_STREAM_OPTIONS, type StreamOptions } from './stream-options.js';
import { StreamTickets } from './stream-tickets.js';
import { authenticateUpgrade, refuseUpgrade } from './stream-upgrade.js';
import { type BoxSelection, type Bbox, TickTracks } from './tick-tracks.js';

export { DEFAULT_STREAM_OPTIONS, type StreamOptions };

/** clients served in one turn of the event loop when a tick goes out */
const FANOUT_SLICE = 10;
/** seconds a refused (429) client is asked to wait */
const RETRY_AFTER_S = 10;
/** what a coalesced position costs the server while held (a map entry; the update itself is shared) */
const DIRTY_ENTRY_BYTES = 48;

interface Client {
  ws: WebSocket;
  principal: Principal;
  bbox: Bbox | null;
  channels: Set<StreamChannel>;
  /** latest positions not yet sent while the client was slow */
  dirty: Map<string, TrackUpdate> | null;
  out: StreamClientQueue;
  limit: InboundRateLimit;
}

/** The text of a TracksMessage, assembled from each track's JSON (serialised once per tick): before the tracks, and after. */
const tracksHead = (t: string) => `{"v":1,"type":"tracks","t":"${t}","tracks":[`;
const TRACKS_TAIL = ']}';
const tracksText = (t: string, trackJson: string[], coalesced: boolean) => `${tracksHead(t)}${trackJson.join(',')}]${coalesced ? ',"coalesced":true' : ''}}`;

export class StreamHub {
  readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024, autoPong: false });
  readonly tickets: StreamTickets;
  private readonly clients = new Set<Client>();
  private readonly perPrincipal = new Map<string, number>();
  stats = {
    messages: 0,
    bytes: 0,
    disconnectedSlow: 0,
    disconnectedBacklog: 0,
    disconnectedFlood: 0,
    disconnectedRevoked: 0,
    refusedConnections: 0,
    refusedUnauthenticated: 0,
    rateLimitedMessages: 0,
  };
  /** ticks being sent (the first) and waiting (the others); who waits for them all to be sent */
  private readonly queue: TickBatch[] = [];
  private readonly sentWaiters: (() => void)[] = [];
  /** time spent sending ticks to clients, all slices (a measurement for benchmarks) */
  fanOutMs = 0;
  /** measurement hook (benchmarks): called with the size of every message sent */
  onSendSize: ((bytes: number) => void) | null = null;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly adminToken: string,
    private readonly now: () => number,
    private readonly opts: StreamOptions = DEFAULT_STREAM_OPTIONS,
  ) {
    this.tickets = new StreamTickets({ ttlMs: opts.ticketTtlMs, maxTickets: opts.maxTickets, maxPerPrincipal: opts.maxTicketsPerPrincipal });
    ctx.listeners.add((e) => {
      if (!this.clients.size) return;
      const plan = ctx.plans.get(e.planId);
      if (!plan) return;
      let text: string | null = null;
      for (const c of this.clients) {
        if (!c.channels.has('plans') || !canReadPlan(c.principal, plan, ctx.jurisdiction)) continue;
        text ??= this.text({ v: 1, type: 'plan', event: e.kind, planId: e.planId, state: plan.state, at: e.at, payload: e.payload });
        c.out.push(text);
      }
    });
  }

  get clientCount(): number {
    return this.clients.size;
  }
  /** clients currently held back (their positions are being coalesced) */
  get slowClientCount(): number {
    return [...this.clients].filter((c) => c.dirty !== null).length;
  }
  connectionsOf(principalId: string): number {
    return this.perPrincipal.get(principalId) ?? 0;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    let principal: Principal;
    try {
      principal = authenticateUpgrade(req, { adminToken: this.adminToken, principals: this.ctx.principals, tickets: this.tickets });
    } catch (e) {
      this.stats.refusedUnauthenticated++;
      if (e instanceof ApiError) refuseUpgrade(socket, e.status, e.code, e.message);
      else refuseUpgrade(socket, 500, 'INTERNAL', 'internal error');
      return;
    }
    const refusal =
      this.clients.size >= this.opts.maxConnections
        ? `the stream serves at most ${this.opts.maxConnections} connections; try again later`
        : this.connectionsOf(principal.id) >= this.opts.maxConnectionsPerPrincipal
          ? `at most ${this.opts.maxConnectionsPerPrincipal} stream connections per principal; close one first`
          : null;
    if (refusal) {
      this.stats.refusedConnections++;
      refuseUpgrade(socket, 429, 'RATE_LIMITED', refusal, { 'Retry-After': String(RETRY_AFTER_S) });
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, principal));
  }

  private accept(ws: WebSocket, principal: Principal): void {
    const o = this.opts;
    const c: Client = {
      ws,
      principal,
      bbox: null,
      channels: new Set(),
      dirty: null,
      out: new StreamClientQueue(ws, o, { onSent: (n) => this.sent(n), onDrop: (reason) => this.dropped(c, reason) }),
      limit: new InboundRateLimit({ ratePerS: o.inboundRatePerS, burst: o.inboundBurst, floodExcess: o.floodExcessMessages, floodMs: o.floodMs }, performance.now()),
    };
    this.clients.add(c);
    this.perPrincipal.set(principal.id, this.connectionsOf(principal.id) + 1);
    ws.on('close', () => this.remove(c));
    ws.on('error', () => this.remove(c));
    ws.on('message', (data, isBinary) => {
      if (this.admit(c)) this.onMessage(c, data as Buffer, isBinary);
    });
    ws.on('ping', (data) => {
      if (this.admit(c)) c.out.pushPong(data);
    });
    c.out.push(
      this.text({
        v: 1,
        type: 'hello',
        protocol: 1,
        now: new Date(this.now()).toISOString(),
        principal: { id: principal.id, role: principal.role },
        channels: [...STREAM_CHANNELS],
        limits: { messagesPerS: o.inboundRatePerS, burst: o.inboundBurst },
      }),
    );
  }

  /** The inbound rate limit: true when the message may be processed. */
  private admit(c: Client): boolean {
    if (c.out.dropped) return false;
    const verdict = c.limit.take(performance.now());
    if (verdict === 'accept') return true;
    this.stats.rateLimitedMessages++;
    if (verdict === 'flood') c.out.drop('flood');
    else if (verdict === 'notify')
      this.fail(
        c,
        'RATE_LIMITED',
        `more than ${this.opts.inboundRatePerS} messages a second (bursts of ${this.opts.inboundBurst}): messages are dropped unanswered; keep on and the connection is closed`,
      );
    return false;
  }

  private onMessage(c: Client, data: Buffer, isBinary: boolean): void {
    if (isBinary || data.length > this.opts.maxMessageBytes) {
      this.fail(c, 'BAD_MESSAGE', `messages are JSON text of at most ${this.opts.maxMessageBytes} bytes`);
      return;
    }
    let msg: unknown;
    try {
      msg = JSON.parse(data.toString('utf8'));
    } catch {
      this.fail(c, 'MALFORMED_JSON', 'the message is not valid JSON');
      return;
    }
    if (!Value.Check(ClientMessage, msg)) {
      const first = [...Value.Errors(ClientMessage, msg)][0];
      this.fail(c, 'BAD_MESSAGE', `not a valid message of protocol v1${first ? `: ${first.path} ${first.message}` : ''}`);
      return;
    }
    const m = msg as ClientMessage;
    if (m.type === 'ping') {
      this.send(c, { v: 1, type: 'pong', ...(m.id !== undefined ? { id: m.id } : {}), t: new Date(this.now()).toISOString() });
      return;
    }
    const [w, s, e, n] = m.bbox;
    if (w > e || s > n) {
      this.fail(c, 'BAD_BBOX', 'bbox must be [west, south, east, north] with west ≤ east and south ≤ north');
      return;
    }
    c.bbox = [w, s, e, n];
    c.channels = new Set(m.channels);
    c.dirty = null;
    c.out.ownerHeldBytes = 0;
    this.send(c, { v: 1, type: 'subscribed', bbox: c.bbox, channels: [...c.channels] });
  }

  private fail(c: Client, code: StreamErrorCode, message: string): void {
    this.send(c, { v: 1, type: 'error', code, message });
  }
  private send(c: Client, m: ServerMessage): void {
    c.out.push(this.text(m));
  }
  private text(m: ServerMessage): string {
    return JSON.stringify(m);
  }

  private sent(bytes: number): void {
    this.stats.messages++;
    this.stats.bytes += bytes;
    this.onSendSize?.(bytes);
  }

  private dropped(c: Client, reason: DropReason): void {
    if (reason === 'backlog') this.stats.disconnectedBacklog++;
    else if (reason === 'stuck') this.stats.disconnectedSlow++;
    else if (reason === 'flood') this.stats.disconnectedFlood++;
    else if (reason === 'revoked') this.stats.disconnectedRevoked++;
    c.dirty = null;
    this.remove(c);
  }

  private remove(c: Client): void {
    if (!this.clients.delete(c)) return;
    const n = this.connectionsOf(c.principal.id) - 1;
    if (n > 0) this.perPrincipal.set(c.principal.id, n);
    else this.perPrincipal.delete(c.principal.id);
  }

  /** Closes every stream of a principal (its token was revoked: close code 4001) and forgets its tickets; returns how many were closed. */
  disconnectPrincipal(principalId: string, reason = 'token revoked'): number {
    this.tickets.revokePrincipal(principalId);
    let n = 0;
    for (const c of [...this.clients]) {
      if (c.principal.id !== principalId) continue;
      c.out.drop('revoked', reason);
      n++;
    }
    return n;
  }

  /** Closes the streams whose token has expired (real time), as a revocation would: checked every tick. */
  expireTokens(nowMs: number = Date.now()): number {
    let n = 0;
    for (const c of [...this.clients]) {
      const exp = c.principal.expiresAt;
      if (exp === undefined || Date.parse(exp) > nowMs) continue;
      c.out.drop('revoked', 'token expired');
      n++;
    }
    return n;
  }

  /**
   * One tick out to every client. Each track is serialised once per tick, whatever the number of
   * clients. Past FANOUT_SLICE clients the rest are served on the next turns of the event loop, a
   * slice at a time (requests are answered in between); ticks go out in order.
   */
  broadcast(batch: TickBatch): void {
    this.queue.push(batch);
    if (this.queue.length === 1) this.fanOut(batch);
  }

  /** Resolves once every tick handed to `broadcast` has gone to every client's queue. */
  whenSent(): Promise<void> {
    if (!this.queue.length) return Promise.resolve();
    return new Promise((resolve) => this.sentWaiters.push(resolve));
  }

  private fanOut(batch: TickBatch): void {
    const t0 = performance.now();
    const send = this.tickSender(batch);
    this.fanOutMs += performance.now() - t0;
    const clients = [...this.clients];
    let i = 0;
    const slice = () => {
      const t0 = performance.now();
      const end = Math.min(clients.length, i + FANOUT_SLICE);
      for (; i < end; i++) if (this.clients.has(clients[i])) send(clients[i]);
      this.fanOutMs += performance.now() - t0;
      if (i < clients.length) {
        setImmediate(slice);
        return;
      }
      this.queue.shift();
      const next = this.queue[0];
      if (next) {
        setImmediate(() => this.fanOut(next));
        return;
      }
      for (const w of this.sentWaiters.splice(0)) w();
    };
    slice();
  }

  /** What one tick sends to one client, with the tick's shared pieces (box subsets, JSON, alert texts). */
  private tickSender(batch: TickBatch): (c: Client) => void {
    this.expireTokens();
    const t = new Date(batch.tMs).toISOString();
    // the tracks by cell, each cell written to JSON once when a box first reaches it (with the JSON
    // written while the monitor computed, for the first tracks); nothing is built without clients
    let tracks: TickTracks | null = null;
    const tickTracks = () => (tracks ??= new TickTracks(batch.tracks, batch.trackJson ?? []));
    // clients with the same box in a tick share one message, encoded once
    const byBox = new Map<string, { sel: BoxSelection; tracks: TrackUpdate[] | null; data: Buffer | null }>();
    let alertTexts: string[] | null = null;
    // the company of an alert's plan matters only to some (pilots see their company's alerts): looked up when it could, once per tick
    const owners = new Map<number, string | undefined>();
    const maySee = (p: Principal, i: number) => {
      const a = batch.alerts[i];
      if (canSeeAlert(p, a, undefined, this.ctx.jurisdiction)) return true;
      if (!a.planId) return false;
      if (!owners.has(i)) owners.set(i, this.ctx.plans.get(a.planId)?.operatorId);
      const owner = owners.get(i);
      return owner !== undefined && canSeeAlert(p, a, owner, this.ctx.jurisdiction);
    };
    return (c) => {
      if (!c.out.check()) return; // over budget or stuck: dropped
      if (!c.bbox) return;
      if (c.channels.has('alerts') && batch.alerts.length) {
        alertTexts ??= batch.alerts.map(({ action, ...alert }) => this.text({ v: 1, type: 'alert', action, alert }));
        for (let i = 0; i < batch.alerts.length; i++) if (maySee(c.principal, i)) c.out.push(alertTexts[i]);
        if (c.out.dropped) return;
      }
      if (!c.channels.has('tracks')) return;
      const boxKey = c.bbox.join(',');
      let shared = byBox.get(boxKey);
      const tt = tickTracks();
      if (!shared) {
        shared = { sel: tt.select(c.bbox), tracks: null, data: null };
        byBox.set(boxKey, shared);
      }
      if (c.out.backedUp || c.dirty) {
        // slow: keep only the latest position per aircraft until it drains, then send them at once
        shared.tracks ??= tt.tracksOf(shared.sel);
        c.dirty ??= new Map();
        const dirty = c.dirty;
        for (const u of shared.tracks) dirty.set(u.id, u);
        if (c.out.backedUp) {
          c.out.ownerHeldBytes = dirty.size * DIRTY_ENTRY_BYTES;
          return;
        }
        c.dirty = null;
        c.out.ownerHeldBytes = 0;
        c.out.push(
          tracksText(
            t,
            [...dirty.values()].map((u) => tt.jsonOf(u)),
            true,
          ),
        );
        return;
      }
      if (!shared.sel.count) return;
      shared.data ??= tt.message(shared.sel, tracksHead(t), TRACKS_TAIL);
      c.out.push(shared.data);
    };
  }

  close(): void {
    this.queue.length = 0;
    for (const w of this.sentWaiters.splice(0)) w();
    for (const c of this.clients) {
      if (c.ws.readyState === c.ws.OPEN) c.ws.close(STREAM_CLOSE_CODES.GOING_AWAY, 'server shutting down');
      c.ws.terminate();
    }
    this.clients.clear();
    this.perPrincipal.clear();
    this.wss.close();
  }
}
