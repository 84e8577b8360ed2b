/**
 * The leanest HTTP/1.1 keep-alive client the benchmarks can have: one socket, one request in
 * flight, the request written in one piece, the answer read by its Content-Length. The load
 * generator shares the server's machine; every microsecond it spends is taken from the server.
 * Answers without a Content-Length (chunked) are refused, not guessed: the server sends one.
 */
import net from 'node:net';

export interface RawAnswer {
  status: number;
  body: string;
}

const HEAD_END = Buffer.from('\r\n\r\n');

export class RawHttpConnection {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private waiting: { resolve: (a: RawAnswer) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;

  private constructor(
    private readonly socket: net.Socket,
    private readonly host: string,
    private readonly headers: string,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (c: Buffer) => {
      this.chunks.push(c);
      this.buffered += c.length;
      this.take();
    });
    const fail = (e: Error) => {
      this.failure ??= e;
      this.waiting?.reject(e);
      this.waiting = null;
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('the connection closed')));
  }

  /** A connection to 127.0.0.1:`port`; `headers` go with every request (e.g. authorization). */
  static connect(port: number, headers: Record<string, string> = {}): Promise<RawHttpConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        const lines = Object.entries(headers)
          .map(([k, v]) => `${k}: ${v}\r\n`)
          .join('');
        resolve(new RawHttpConnection(socket, `127.0.0.1:${port}`, lines));
      });
    });
  }

  request(method: string, path: string, body: string | null): Promise<RawAnswer> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.waiting) return Promise.reject(new Error('one request at a time on a connection'));
    const length = body === null ? 0 : Buffer.byteLength(body);
    const head = `${method} ${path} HTTP/1.1\r\nhost: ${this.host}\r\n${this.headers}${body === null ? '' : `content-type: application/json\r\ncontent-length: ${length}\r\n`}\r\n`;
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(body === null ? head : head + body);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  /** Answers the waiting request once its whole answer is buffered. */
  private take(): void {
    if (!this.waiting) return;
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.buffered);
    this.chunks = [all];
    const end = all.indexOf(HEAD_END);
    if (end < 0) return;
    const head = all.toString('latin1', 0, end);
    const status = Number(head.slice(9, 12));
    const m = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!m) {
      const e = new Error(`an answer without a content-length: ${head.split('\r\n')[0]}`);
      this.failure = e;
      this.waiting.reject(e);
      this.waiting = null;
      return;
    }
    const bodyStart = end + HEAD_END.length;
    const bodyEnd = bodyStart + Number(m[1]);
    if (all.length < bodyEnd) return;
    const answer = { status, body: all.toString('utf8', bodyStart, bodyEnd) };
    const rest = all.subarray(bodyEnd);
    this.chunks = rest.length ? [rest] : [];
    this.buffered = rest.length;
    const w = this.waiting;
    this.waiting = null;
    w.resolve(answer);
  }
}
