/** The bounded outbound queue of a stream client, against a fake socket whose buffer the test controls. */
import { describe, expect, it } from 'vitest';
import { STREAM_CLOSE_CODES } from '../shared/schemas/stream.js';
import { StreamClientQueue, type DropReason, type OutboundSocket, type QueueBudget } from '../server/live/stream-client-queue.js';

class FakeSocket implements OutboundSocket {
  readyState = 1;
  bufferedAmount = 0;
  written: { data: string; pong: boolean }[] = [];
  pendingCallbacks: (() => void)[] = [];
  closed: { code: number; reason: string } | null = null;
  terminated = false;
  send(data: string | Buffer, _o: { binary: false }, cb?: () => void) {
    this.written.push({ data: String(data), pong: false });
    this.bufferedAmount += data.length;
    if (cb) this.pendingCallbacks.push(cb);
  }
  pong(data: Buffer, _mask: boolean, cb: () => void) {
    this.written.push({ data: String(data), pong: true });
    this.bufferedAmount += data.length;
    this.pendingCallbacks.push(cb);
  }
  close(code: number, reason: string) {
    this.closed = { code, reason };
    this.readyState = 2;
  }
  terminate() {
    this.terminated = true;
    this.readyState = 3;
  }
  /** the client reads everything: the buffer empties and every write completes */
  drain() {
    this.bufferedAmount = 0;
    const cbs = this.pendingCallbacks.splice(0);
    for (const cb of cbs) cb();
  }
}

const budget: QueueBudget = { highWaterBytes: 1000, maxBufferedBytes: 5000, maxQueuedMessages: 10, stuckMs: 1000, closeGraceMs: 0 };
function setup(b: Partial<QueueBudget> = {}) {
  const ws = new FakeSocket();
  const drops: DropReason[] = [];
  let sent = 0;
  let now = 0;
  const q = new StreamClientQueue(
    ws,
    { ...budget, ...b },
    {
      onSent: () => {
        sent++;
      },
      onDrop: (r) => drops.push(r),
    },
    () => now,
  );
  return {
    ws,
    q,
    drops,
    sent: () => sent,
    advance: (ms: number) => {
      now += ms;
    },
  };
}
const msg = (n: number, size = 100) => `${n}:`.padEnd(size, 'x');

describe('stream client queue', () => {
  it('writes at once while the socket has room, holds above the high-water mark and writes held messages in order as it drains', () => {
    const { ws, q, sent } = setup();
    for (let i = 0; i < 11; i++) q.push(msg(i)); // 1,100 bytes: the 11th goes over the mark
    expect(ws.written).toHaveLength(11);
    expect(q.backedUp).toBe(true);
    for (let i = 11; i < 16; i++) expect(q.push(msg(i))).toBe(true);
    q.pushPong(Buffer.from('p'));
    expect(ws.written).toHaveLength(11); // held
    expect(q.queuedMessages).toBe(6);
    ws.drain();
    expect(ws.written.map((w) => w.data.split(':')[0])).toEqual([...Array.from({ length: 16 }, (_, i) => String(i)), 'p']);
    expect(ws.written.at(-1)?.pong).toBe(true);
    expect(q.queuedMessages).toBe(0);
    expect(q.backedUp).toBe(false);
    expect(sent()).toBe(17);
  });

  it('drops a client holding more than the message budget: close 4008, then terminate', () => {
    const { ws, q, drops } = setup();
    ws.bufferedAmount = 2000; // the client stopped reading
    for (let i = 0; i < 10; i++) expect(q.push(msg(i, 10))).toBe(true);
    expect(drops).toEqual([]);
    expect(q.push(msg(10, 10))).toBe(false); // the 11th held message
    expect(drops).toEqual(['backlog']);
    expect(ws.closed?.code).toBe(STREAM_CLOSE_CODES.BACKLOG);
    expect(ws.terminated).toBe(true);
    expect(q.queuedMessages).toBe(0); // nothing kept for a dropped client
    expect(q.push('more')).toBe(false);
    expect(drops).toEqual(['backlog']); // once
  });

  it('drops a client whose unread bytes (socket + held + coalesced by the owner) go over the byte budget', () => {
    const { ws, q, drops } = setup();
    ws.bufferedAmount = 3000;
    q.push(msg(0, 1000));
    expect(q.check()).toBe(true); // 4,000 bytes
    q.ownerHeldBytes = 1500;
    expect(q.pendingBytes).toBe(5500);
    expect(q.check()).toBe(false);
    expect(drops).toEqual(['backlog']);
  });

  it('drops a client that stays backed up longer than stuckMs, measured from when it was first seen backed up', () => {
    const { ws, q, drops, advance } = setup();
    ws.bufferedAmount = 1500;
    expect(q.check()).toBe(true);
    advance(900);
    expect(q.check()).toBe(true);
    ws.bufferedAmount = 500; // it drained a little: the clock restarts
    expect(q.check()).toBe(true);
    ws.bufferedAmount = 1500;
    advance(200);
    expect(q.check()).toBe(true);
    advance(1001);
    expect(q.check()).toBe(false);
    expect(drops).toEqual(['stuck']);
    expect(ws.closed?.code).toBe(STREAM_CLOSE_CODES.BACKLOG);
  });

  it('terminates after the grace, not before: a client that does not read never gets the close frame', async () => {
    const { ws, q } = setup({ closeGraceMs: 50 });
    q.drop('flood', 'too many messages');
    expect(ws.closed).toEqual({ code: STREAM_CLOSE_CODES.FLOOD, reason: 'too many messages' });
    expect(ws.terminated).toBe(false);
    await new Promise((r) => setTimeout(r, 120));
    expect(ws.terminated).toBe(true);
  });

  it('sends nothing on a socket that is not open', () => {
    const { ws, q } = setup();
    ws.readyState = 3;
    expect(q.push('x')).toBe(false);
    expect(ws.written).toEqual([]);
  });
});
