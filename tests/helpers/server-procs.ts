/** Real servers (the entry point, `server/main.ts`) as child processes on loopback, for tests of several servers. */
import http from 'node:http';
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface ServerProc {
  child: ChildProcess;
  base: string;
  log: () => string;
  /** kill -9, resolved once the process is gone */
  kill: () => Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function until<T>(what: string, f: () => Promise<T | undefined> | T | undefined, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await sleep(100);
  }
}

/** every server this file started, with what it said last */
const running: { child: ChildProcess; log: () => string }[] = [];

/** Resolves once the process has exited (at once if it has). */
export const exited = (c: ChildProcess) => new Promise<void>((resolve) => (c.exitCode !== null || c.signalCode !== null ? resolve() : c.once('exit', () => resolve())));

/** Starts the entry point with `env`; ready when /health answers. */
export async function startServer(env: Record<string, string>): Promise<ServerProc> {
  const port = await freePort();
  let log = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: join(import.meta.dirname, '..', '..'),
    env: { ...process.env, VITEST: '', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (d: Buffer) => {
    log = (log + d.toString()).slice(-4000);
  });
  // the server's own log (JSON lines): errors are kept for the test's messages
  child.stdout?.on('data', (d: Buffer) => {
    for (const line of d.toString().split('\n')) if (/"level":(50|60)/.test(line)) log = (log + line + '\n').slice(-8000);
  });
  running.push({ child, log: () => log });
  const base = `http://127.0.0.1:${port}`;
  await until(
    'the server answers',
    async () => {
      if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}): ${log}`);
      return fetch(`${base}/api/v1/health`).then(
        (r) => (r.ok ? true : undefined),
        () => undefined,
      );
    },
    90_000,
  );
  const kill = () => {
    const gone = exited(child);
    child.kill('SIGKILL');
    return gone;
  };
  return { child, base, log: () => log, kill };
}

/** Kills every server this file started (afterAll). */
export function killAll(): void {
  for (const { child: c } of running) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}

export async function call(base: string, token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  // a connection of its own for each call: no idle keep-alive socket a busy server closes as it is reused
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(`${base}${path}`, {
      method,
      agent: false,
      headers: { authorization: `Bearer ${token}`, ...headers, ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }) },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', (e) => {
      // say which servers are still running: a dead one explains a refused call
      const states = running.map(({ child: c }) => (c.exitCode !== null ? `exited ${c.exitCode}` : c.signalCode ? `killed ${c.signalCode}` : 'running'));
      // and what a server that exited by itself said last
      const said = running.filter(({ child: c }) => c.exitCode !== null).map(({ child: c, log }) => `\n--- a server that exited ${c.exitCode}:\n${log()}`);
      reject(new Error(`${method} ${path} on ${base}: ${e.message}; servers: ${states.join(', ')}${said.join('')}`));
    });
    req.end(payload);
  });
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status, body: parsed };
}
