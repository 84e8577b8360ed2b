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
import { ClientMessage, STREAM_CHANNELS, STREAM_CLOSE_CODES, type ServerMessage, type StreamErrorCode } from '../../shared/schemas/stream.js';
import { ApiError } from '../errors.js';
import { canReadPlan } from '../policy/access-policy.js';
import type { Principal } from '../policy/actor.js';
import type { ServiceContext } from '../services/context.js';
import type { TickBatch } from './live-traffic.js';
import { StreamClientQueue, type DropReason } from './stream-client-queue.js';
import { InboundRateLimit } from './stream-rate-limit.js';
import { DEFAULT_STREAM_OPTIONS, type StreamOptions } from './stream-options.js';
import { StreamTickets } from './stream-tickets.js';
import { authenticateUpgrade, refuseUpgrade } from './stream-upgrade.js';
import { messageText, type StreamClient, tickSender } from './stream-tick-sender.js';

export { DEFAULT_STREAM_OPTIONS, type StreamOptions };

type Client = StreamClient;

/** clients served in one turn of the event loop when a tick goes out */
const FANOUT_SLICE = 10;
/** seconds a refused (429) client is asked to wait */
const RETRY_AFTER_S = 10;

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
    ctx.airspaceListeners.add(this.onAirspace);
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

  /** parts of the published airspace changed this turn: one message to every client once the turn ends */
  private airspaceParts: Set<'zones' | 'landing-points'> | null = null;
  private readonly onAirspace = (part: 'zones' | 'landing-points'): void => {
    if (this.airspaceParts) {
      this.airspaceParts.add(part);
      return;
    }
    this.airspaceParts = new Set([part]);
    setImmediate(() => {
      const changed = [...(this.airspaceParts ?? [])];
      this.airspaceParts = null;
      if (!this.clients.size) return;
      // the published airspace is every principal's to read: every client is told, whatever its box
      const text = this.text({ v: 1, type: 'airspace', changed, at: new Date(this.now()).toISOString() });
      for (const c of this.clients) c.out.push(text);
    });
  };

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
    return messageText(m);
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
    this.expireTokens();
    const send = tickSender(batch, this.ctx);
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
