/**
 * The one outbound path of a stream client: every message the server sends it (hello, subscribed,
 * tracks, alerts, plan events, pongs, errors, control pongs) goes through here. While the socket
 * has room (its `bufferedAmount` at or below the high-water mark) a message is written at once;
 * above it, messages are held here and written as the socket drains. The client is dropped when
 * what it has not read — the socket's buffer, what is held here and what its owner holds for it
 * (coalesced positions) — goes over the byte budget, when more than the message budget is held,
 * or when it stays backed up longer than `stuckMs`. A dropped client is sent a close frame and,
 * since a client that does not read will never read it, terminated after a short grace.
 */
import { STREAM_CLOSE_CODES, type StreamCloseCode } from '../../shared/schemas/stream.js';

/** What the queue needs of a socket (`ws`'s WebSocket; a fake in unit tests). */
export interface OutboundSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: string | Buffer, options: { binary: false }, cb?: (err?: Error) => void): void;
  pong(data: Buffer, mask: boolean, cb: (err?: Error) => void): void;
  close(code: number, reason: string): void;
  terminate(): void;
}

export interface QueueBudget {
  /** above this many buffered bytes new messages are held (and tracks coalesced by the owner) */
  highWaterBytes: number;
  /** socket buffer + held + owner-held bytes above this: the client is dropped */
  maxBufferedBytes: number;
  /** more messages held than this: the client is dropped */
  maxQueuedMessages: number;
  /** backed up (above the high-water mark or holding messages) longer than this: the client is dropped */
  stuckMs: number;
  /** between the close frame and terminating the connection */
  closeGraceMs: number;
}

export type DropReason = 'backlog' | 'stuck' | 'flood' | 'revoked' | 'shutdown';

const CLOSE_CODE: Record<DropReason, StreamCloseCode> = {
  backlog: STREAM_CLOSE_CODES.BACKLOG,
  stuck: STREAM_CLOSE_CODES.BACKLOG,
  flood: STREAM_CLOSE_CODES.FLOOD,
  revoked: STREAM_CLOSE_CODES.REVOKED,
  shutdown: STREAM_CLOSE_CODES.GOING_AWAY,
};

export interface QueueHooks {
  /** a message was handed to the socket */
  onSent(bytes: number): void;
  /** the client was dropped (once) */
  onDrop(reason: DropReason): void;
}

type Held = { data: string | Buffer; pong: boolean };
const OPEN = 1;
const sizeOf = (d: string | Buffer) => (typeof d === 'string' ? d.length : d.byteLength);

export class StreamClientQueue {
  private held: Held[] = [];
  private heldHead = 0;
  private heldBytes = 0;
  private backedUpSince: number | null = null;
  /** bytes the owner holds for this client outside the queue (coalesced positions) */
  ownerHeldBytes = 0;
  dropped: DropReason | null = null;
  private readonly written = (): void => {
    if (this.heldHead < this.held.length) this.flush();
  };

  constructor(
    private readonly ws: OutboundSocket,
    private readonly budget: QueueBudget,
    private readonly hooks: QueueHooks,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  get queuedMessages(): number {
    return this.held.length - this.heldHead;
  }
  /** bytes not yet read by the client, as far as the server can tell */
  get pendingBytes(): number {
    return this.ws.bufferedAmount + this.heldBytes + this.ownerHeldBytes;
  }
  /** true when a new message would not go out at once */
  get backedUp(): boolean {
    return this.heldHead < this.held.length || this.ws.bufferedAmount > this.budget.highWaterBytes;
  }

  /** Sends a text message (a Buffer is already UTF-8 text), or holds it while the socket is full. False once dropped. */
  push(data: string | Buffer): boolean {
    return this.enqueue(data, false);
  }

  /** Answers a WebSocket control ping, through the same budget. */
  pushPong(payload: Buffer): boolean {
    return this.enqueue(payload, true);
  }

  private enqueue(data: string | Buffer, pong: boolean): boolean {
    if (this.dropped) return false;
    if (this.ws.readyState !== OPEN) return false;
    if (!this.backedUp) {
      this.write(data, pong);
      return true;
    }
    this.held.push({ data, pong });
    this.heldBytes += sizeOf(data);
    return this.check();
  }

  /**
   * Checks the budgets and how long the client has been backed up; drops it when over. Called on
   * every held message and by the owner once per tick. False when the client is (now) dropped.
   */
  check(): boolean {
    if (this.dropped) return false;
    if (this.queuedMessages && this.ws.bufferedAmount <= this.budget.highWaterBytes) this.flush();
    if (this.queuedMessages > this.budget.maxQueuedMessages || this.pendingBytes > this.budget.maxBufferedBytes) {
      this.drop('backlog');
      return false;
    }
    // stuck is measured in real (monotonic) time: it is about the network, not simulated time
    if (!this.backedUp) {
      this.backedUpSince = null;
      return true;
    }
    const now = this.clock();
    this.backedUpSince ??= now;
    if (now - this.backedUpSince > this.budget.stuckMs) {
      this.drop('stuck');
      return false;
    }
    return true;
  }

  /** Writes held messages while the socket has room (also called as each write completes). */
  flush(): void {
    while (!this.dropped && this.heldHead < this.held.length && this.ws.bufferedAmount <= this.budget.highWaterBytes && this.ws.readyState === OPEN) {
      const m = this.held[this.heldHead];
      this.held[this.heldHead++] = undefined as never;
      this.heldBytes -= sizeOf(m.data);
      this.write(m.data, m.pong);
    }
    if (this.heldHead === this.held.length) {
      this.held = [];
      this.heldHead = 0;
    } else if (this.heldHead > 1024 && this.heldHead * 2 > this.held.length) {
      this.held = this.held.slice(this.heldHead);
      this.heldHead = 0;
    }
  }

  private write(data: string | Buffer, pong: boolean): void {
    if (pong) this.ws.pong(data as Buffer, false, this.written);
    // a completion callback (which flushes held messages as the socket drains) only once the socket
    // is filling up or messages are held: a callback per message on every healthy client costs the fan-out measurably
    else if (this.heldHead < this.held.length || this.ws.bufferedAmount >= this.budget.highWaterBytes / 2) this.ws.send(data, { binary: false }, this.written);
    else this.ws.send(data, { binary: false });
    this.hooks.onSent(sizeOf(data));
  }

  /** Closes with the reason's close code, then terminates after the grace: a client that does not read never gets the close frame. */
  drop(reason: DropReason, message: string = reason): void {
    if (this.dropped) return;
    this.dropped = reason;
    this.held = [];
    this.heldHead = 0;
    this.heldBytes = 0;
    this.ownerHeldBytes = 0;
    // a close reason is at most 123 bytes
    if (this.ws.readyState === OPEN)
      this.ws.close(
        CLOSE_CODE[reason],
        Buffer.from(message)
          .subarray(0, 123)
          .toString('utf8')
          .replace(/\uFFFD$/, ''),
      );
    if (this.budget.closeGraceMs <= 0) this.ws.terminate();
    else setTimeout(() => this.ws.terminate(), this.budget.closeGraceMs).unref();
    this.hooks.onDrop(reason);
  }
}
