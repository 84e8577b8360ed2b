/**
 * A synchronous PostgreSQL connection for the main thread. The services decide and write in one
 * synchronous step (as with the embedded store), so every query goes to a worker thread that owns
 * one `pg` connection; the main thread posts it and sleeps on a shared flag until the answer is
 * back (Atomics.wait + receiveMessageOnPort), exactly as a synchronous driver would block. A
 * second connection in the worker LISTENs, and notifications arrive as ordinary async messages.
 * That connection is not the store's: when it drops, the worker connects again (backing off from
 * 0.5 s to 10 s) and LISTENs to every channel again; the main thread is told when it is lost and
 * when it is back (`listenState`), since notifications sent meanwhile are gone.
 */
import { createRequire } from 'node:module';
import { awaitFlag } from '../../await-flag.js';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const pg = require(workerData.pgPath);
pg.types.setTypeParser(20, (v) => Number(v));   // int8: ids and counts fit in a double
pg.types.setTypeParser(1700, (v) => Number(v)); // numeric: sums
const flag = new Int32Array(workerData.flag);
const port = workerData.port;
const options = { connectionString: workerData.url, application_name: workerData.appName, statement_timeout: workerData.statementTimeoutMs };
const client = new pg.Client(options);
let listener = null;
let connecting = null;
let closing = false;
const channels = new Set();
const answer = (id, m) => { m.id = id; port.postMessage(m); Atomics.store(flag, 0, 1); Atomics.notify(flag, 0); };
const fail = (id, e) => answer(id, { error: { message: e.message, code: e.code, detail: e.detail, constraint: e.constraint } });
let ready = client.connect();
client.on('error', (e) => parentPort.postMessage({ kind: 'error', fatal: true, message: e.message }));
client.on('end', () => parentPort.postMessage({ kind: 'error', fatal: true, message: 'the connection to PostgreSQL ended' }));
// the LISTEN connection: one at a time, every channel listened to again when it is connected anew
let down = false;
const lost = (l, why) => {
  if (closing || listener !== l) return;
  listener = null;
  down = true;
  l.end().catch(() => {});
  parentPort.postMessage({ kind: 'listen', up: false, message: why });
  relisten(500);
};
const relisten = (delayMs) => setTimeout(() => {
  if (closing || listener) return;
  ensureListener().catch(() => relisten(Math.min(2 * delayMs, 10000)));
}, delayMs);
// a connection that stopped answering without an error (a dead peer, a dropped NAT entry) is dropped too
let pinging = false;
setInterval(() => {
  const l = listener;
  if (!l || closing || pinging) return;
  pinging = true;
  const timer = setTimeout(() => { pinging = false; lost(l, 'the LISTEN connection did not answer within 10 s'); }, 10000);
  l.query('SELECT 1').then(() => {}, (e) => lost(l, e.message)).finally(() => { clearTimeout(timer); pinging = false; });
}, 15000).unref();
const ensureListener = () => {
  if (listener) return Promise.resolve();
  connecting ??= (async () => {
    const l = new pg.Client(options);
    l.on('notification', (n) => parentPort.postMessage({ kind: 'notify', channel: n.channel, payload: n.payload }));
    l.on('error', (e) => lost(l, e.message));
    l.on('end', () => lost(l, 'the LISTEN connection ended'));
    try {
      await l.connect();
      for (const c of channels) await l.query('LISTEN ' + c);
    } catch (e) {
      l.end().catch(() => {});
      throw e;
    }
    listener = l;
    // back after a loss, whichever call connected it: notifications sent meanwhile are gone
    if (down) { down = false; parentPort.postMessage({ kind: 'listen', up: true }); }
  })().finally(() => { connecting = null; });
  return connecting;
};
const named = new Map();
port.on('message', async (m) => {
  try {
    await ready;
    if (m.op === 'listen') {
      channels.add(m.channel);
      await ensureListener();
      await listener.query('LISTEN ' + m.channel);
      return answer(m.id, { rows: [], rowCount: 0 });
    }
    // commands deferred by the main thread go ahead of this one, in order, in the same round trip from it
    if (m.pre) await client.query(m.pre);
    if (m.op === 'close') {
      closing = true;
      await client.end().catch(() => {});
      if (listener) await listener.end().catch(() => {});
      return answer(m.id, { rows: [], rowCount: 0 });
    }
    let q;
    if (m.op === 'exec') q = { text: m.sql };
    else {
      let name = named.get(m.sql);
      if (name === undefined && named.size < 2000) { name = 's' + named.size; named.set(m.sql, name); }
      q = name ? { name, text: m.sql, values: m.params } : { text: m.sql, values: m.params };
    }
    const r = await client.query(q);
    const last = Array.isArray(r) ? r[r.length - 1] : r;
    // the command tag: a COMMIT of a transaction that had failed answers ROLLBACK
    answer(m.id, { rows: last.rows ?? [], rowCount: last.rowCount ?? 0, command: last.command });
  } catch (e) { fail(m.id, e); }
});
`;

/** A command sent with a later call: ahead of the very next query, or with the next command. */
export interface Deferred {
  sql: string;
  before: 'next' | 'command';
}

export class PgError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly detail?: string,
  ) {
    super(message);
  }
}

export interface PgResult {
  rows: Record<string, unknown>[];
  rowCount: number;
  /** the command tag (COMMIT answers ROLLBACK when the transaction had failed) */
  command?: string;
}

export interface PgSyncOptions {
  /** how long one query may take before the server gives up on it (ms) */
  statementTimeoutMs?: number;
  appName?: string;
}

export class PgSyncClient {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private readonly timeoutMs: number;
  private closed = false;
  private nextId = 0;
  /** the connection is gone or a query did not come back: the client refuses every query from then on */
  fatal: ((message: string) => void) | null = null;
  readonly notifications = new Set<(channel: string, payload: string) => void>();
  /** told when the LISTEN connection is lost (`up` false, why) and when it listens again (`up` true) */
  listenState: ((up: boolean, message?: string) => void) | null = null;

  constructor(url: string, options: PgSyncOptions = {}) {
    const pgPath = createRequire(import.meta.url).resolve('pg');
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const statementTimeoutMs = options.statementTimeoutMs ?? 30_000;
    this.timeoutMs = statementTimeoutMs + 10_000;
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { url, pgPath, flag: this.flag.buffer, port: port2, appName: options.appName ?? 'yukong', statementTimeoutMs },
      transferList: [port2],
    });
    this.worker.unref();
    this.worker.on('message', (m: { kind: string; channel?: string; payload?: string; message?: string; fatal?: boolean; up?: boolean }) => {
      if (m.kind === 'notify') for (const l of this.notifications) l(m.channel as string, m.payload ?? '');
      else if (m.kind === 'listen') this.listenState?.(m.up === true, m.message);
      else if (m.kind === 'error') {
        if (m.fatal && !this.closed) this.giveUp(m.message as string);
      }
    });
    // the first round trip proves the connection (a wrong URL fails here, at start)
    this.call({ op: 'exec', sql: 'SELECT 1' });
  }

  private call(m: { op: string; sql?: string; params?: unknown[]; channel?: string }): PgResult {
    if (this.closed) throw new PgError('the PostgreSQL connection is closed', '08003');
    const id = ++this.nextId;
    Atomics.store(this.flag, 0, 0);
    // a command exec'd on its own carries the deferred ones in its text: one statement list, one round trip
    // (those that may wait for the next command stay behind a query, unless one that may not is among them)
    // (LISTEN and close never carry them: they are no part of a transaction)
    const flush = this.deferred.length > 0 && (m.op === 'exec' || (m.op === 'query' && this.deferred.some((d) => d.before === 'next')));
    const pre = flush ? this.deferred.map((d) => d.sql).join('; ') : undefined;
    if (flush) this.deferred.length = 0;
    if (pre !== undefined && m.op === 'exec') this.port.postMessage({ ...m, id, sql: `${pre}; ${m.sql}` });
    else this.port.postMessage({ ...m, id, pre });
    if (!awaitFlag(this.flag, this.timeoutMs)) {
      // its answer may still come and be taken for the next query's: this connection is done
      this.giveUp(`PostgreSQL did not answer within ${this.timeoutMs} ms`);
      throw new PgError(`PostgreSQL did not answer within ${this.timeoutMs} ms`, '57014');
    }
    const got = receiveMessageOnPort(this.port);
    const r = got?.message as (PgResult & { id: number; error?: { message: string; code?: string; detail?: string } }) | undefined;
    if (!r || r.id !== id) {
      this.giveUp('a PostgreSQL answer did not match its query');
      throw new PgError('a PostgreSQL answer did not match its query', '08006');
    }
    if (r.error) throw new PgError(r.error.message, r.error.code, r.error.detail);
    return r;
  }

  private giveUp(message: string): void {
    if (this.closed) return;
    this.closed = true;
    void this.worker.terminate();
    this.fatal?.(message);
  }

  query(sql: string, params: unknown[] = []): PgResult {
    return this.call({ op: 'query', sql, params });
  }

  /** several statements, no parameters (migrations, BEGIN/COMMIT) */
  exec(sql: string): PgResult {
    return this.call({ op: 'exec', sql });
  }

  /**
   * A command whose answer nobody reads (SAVEPOINT, RELEASE), sent with a later call instead of a
   * round trip of its own: `'next'` ahead of the very next query (a SAVEPOINT must precede what it
   * covers), `'command'` with the next command (a RELEASE may wait for the COMMIT). Deferred
   * commands always run in the order they were deferred. If one fails, the call it went with
   * throws its error (the transaction it belongs to fails as a whole either way).
   */
  defer(sql: string, before: Deferred['before']): void {
    if (this.closed) throw new PgError('the PostgreSQL connection is closed', '08003');
    this.deferred.push({ sql, before });
  }
  private readonly deferred: Deferred[] = [];

  /** The deferred commands not sent yet, taken back (a rollback decides which still matter; `defer` each again to keep it). */
  takeDeferred(): Deferred[] {
    return this.deferred.splice(0);
  }

  listen(channel: string): void {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`);
    this.call({ op: 'listen', channel });
  }

  get open(): boolean {
    return !this.closed;
  }

  close(): void {
    if (this.closed) return;
    try {
      this.call({ op: 'close' });
    } finally {
      this.closed = true;
      void this.worker.terminate();
    }
  }
}
