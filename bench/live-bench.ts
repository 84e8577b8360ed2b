/**
 * Live benchmark: 10,000 aircraft at 1 Hz through the pipeline and 50 WebSocket clients with
 * different boxes on loopback, first with the monitor in the main thread (the baseline), then in
 * its worker thread, while an API client polls the health route every 10 ms; then a raw `ws`
 * broadcast of the same bytes. Bounded in time.
 */
import { fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, get } from 'node:http';
import WebSocket from 'ws';
import { createPrng } from '../shared/util/prng.js';
import { fmt, summarize } from './stats.js';
import type { PhaseResult } from './live-phase.js';

type Msg = { type: string; [k: string]: unknown };

/** GET /api/v1/health every 10 ms on a keep-alive connection; each answer's latency under the phase it started in. */
function apiProbe(port: number, phaseOf: () => string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const samples = new Map<string, number[]>();
  let stopped = false;
  const one = () =>
    new Promise<void>((resolve) => {
      const p = phaseOf();
      const t0 = performance.now();
      const req = get({ host: '127.0.0.1', port, path: '/api/v1/health', agent }, (res) => {
        res.resume();
        res.on('end', () => {
          const list = samples.get(p) ?? (samples.set(p, []).get(p) as number[]);
          list.push(performance.now() - t0);
          resolve();
        });
      });
      req.on('error', () => resolve());
    });
  const done = (async () => {
    while (!stopped) {
      const t0 = performance.now();
      await one();
      const wait = 10 - (performance.now() - t0);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    agent.destroy();
  })();
  return {
    samples,
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}

export async function runLiveBench(opts: { aircraft?: number; clients?: number; seconds?: number } = {}) {
  const clients = opts.clients ?? 50;
  const child = fork(join(dirname(fileURLToPath(import.meta.url)), 'live-server.ts'), [], {
    execArgv: [
      '--import',
      'tsx',
      '--expose-gc',
      ...(process.env.BENCH_TRACE_GC ? ['--trace-gc'] : []),
      '--max-old-space-size=4096',
      ...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/cpuprof'] : []),
    ],
    env: { ...process.env, BENCH_AIRCRAFT: String(opts.aircraft ?? 10_000), BENCH_SECONDS: String(opts.seconds ?? 14), BENCH_CLIENTS: String(clients) },
  });
  let phase = 'setup';
  child.on('message', (m: Msg) => {
    if (m.type === 'phase') phase = m.name as string;
  });
  const next = (type: string) =>
    new Promise<Msg>((resolve, reject) => {
      const on = (m: Msg) => {
        if (m.type === type) {
          child.off('message', on);
          resolve(m);
        }
      };
      child.on('message', on);
      child.once('exit', (c) => reject(new Error(`live bench server exited with ${c}`)));
    });
  const killer = setTimeout(() => child.kill(), 180_000);
  try {
    const ready = await next('ready');
    const rng = createPrng(5);
    // end-to-end latency per phase (warm-up ticks are left out, as on the server)
    const latencies = new Map<string, number[]>();
    let messages = 0,
      bytes = 0;
    const sockets: WebSocket[] = [];
    for (let i = 0; i < clients; i++) {
      // one viewer per client (the stream caps connections per principal), token in the header
      const created = await fetch(`http://127.0.0.1:${ready.port}/api/v1/principals`, {
        method: 'POST',
        headers: { authorization: 'Bearer bench-admin', 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'viewer', name: `bench viewer ${i}` }),
      });
      const { token } = (await created.json()) as { token: string };
      const ws = new WebSocket(`ws://127.0.0.1:${ready.port}/api/v1/stream`, { headers: { authorization: `Bearer ${token}` } });
      await new Promise((r) => ws.once('open', r));
      const w = rng.range(105.5, 109),
        s = rng.range(28.5, 31);
      const bbox = i < 10 ? [105, 28, 111, 33] : [w, s, w + rng.range(0.3, 1.2), s + rng.range(0.3, 1.2)];
      ws.send(JSON.stringify({ type: 'subscribe', bbox, channels: ['tracks', 'alerts'] }));
      ws.on('message', (d: Buffer) => {
        messages++;
        bytes += d.length;
        const head = d.subarray(0, 80).toString();
        const m = /"type":"tracks","t":"([^"]+)"/.exec(head);
        if (!m) return;
        const list = latencies.get(phase) ?? (latencies.set(phase, []).get(phase) as number[]);
        list.push(Date.now() - Date.parse(m[1]));
      });
      sockets.push(ws);
    }
    const probe = apiProbe(ready.port as number, () => phase);
    child.send('go');
    await next('raw-ready');
    await probe.stop();
    const rawSockets: WebSocket[] = [];
    let rawBytes = 0;
    for (let i = 0; i < clients; i++) {
      const ws = new WebSocket(`ws://127.0.0.1:${ready.rawPort}`);
      ws.on('message', (d: Buffer) => {
        rawBytes += d.length;
      });
      rawSockets.push(ws);
    }
    const done = await next('done');
    for (const s of [...sockets, ...rawSockets]) s.close();
    child.send('stop');
    const y = done.yukong as {
      seconds: number;
      baseSeconds: number;
      baseline: PhaseResult;
      worker: PhaseResult;
      uom: { batches: number; bytes: number; outbox: { pending: number; delivered: number } };
    };
    const rawFan = done.rawFanoutMs as number[];
    const phaseStats = (p: PhaseResult, name: string, seconds: number) => {
      const fan = summarize(p.fanoutMs);
      return {
        warmupMs: p.warmupMs,
        handed: summarize(p.handedMs),
        tick: summarize(p.tickMs),
        main: summarize(p.mainMs),
        fanout: fan,
        ingest: summarize(p.ingestMs),
        wait: summarize(p.waitMs),
        persist: summarize(p.persistMs),
        latency: summarize(latencies.get(name) ?? []),
        api: summarize(probe.samples.get(name) ?? []),
        uomOn: summarize(p.uomOnMs),
        uomOff: summarize(p.uomOffMs),
        messagesPerS: p.messages / seconds,
        bytesPerS: p.bytes / seconds,
        bytes: p.bytes,
        heapMB: p.heapMB,
        heapGrowthMB: p.heapGrowthMB,
        tracks: p.tracks,
        openAlerts: p.openAlerts,
      };
    };
    const worker = phaseStats(y.worker, 'worker', y.seconds);
    const rawS = summarize(rawFan);
    return {
      aircraft: ready.aircraft as number,
      clients,
      seconds: { baseline: y.baseSeconds, worker: y.seconds },
      baseline: phaseStats(y.baseline, 'baseline', y.baseSeconds),
      worker,
      apiIdle: summarize(probe.samples.get('idle') ?? []),
      rawFanout: rawS,
      received: { messages, bytes },
      rawReceivedBytes: rawBytes,
      uom: { batches: y.uom.batches, bytes: y.uom.bytes, pending: y.uom.outbox.pending, delivered: y.uom.outbox.delivered },
      // fan-out throughput: bytes handed to sockets per ms of fan-out work, Yukong vs raw ws
      throughputRatio: worker.bytes / worker.fanout.meanMs / y.worker.fanoutMs.length / (worker.bytes / rawS.meanMs / rawFan.length),
    };
  } finally {
    clearTimeout(killer);
    if (child.exitCode === null) setTimeout(() => child.kill(), 2000).unref();
  }
}

type Summary = ReturnType<typeof summarize>;
const pp = (s: Summary) => `p50 ${fmt(s.p50Ms, 1)} p99 ${fmt(s.p99Ms, 1)}`;
const row = (label: string, base: Summary, worker: Summary) => console.log(`  ${label.padEnd(58)} ${pp(base).padEnd(22)} ${pp(worker).padEnd(22)} p99 ratio ${fmt(worker.p99Ms / base.p99Ms, 2)}`);

export function printLiveBench(r: Awaited<ReturnType<typeof runLiveBench>>): boolean {
  const { baseline: b, worker: w } = r;
  console.log(`\n== live traffic: ${r.aircraft.toLocaleString()} aircraft at 1 Hz, ${r.clients} WebSocket clients on loopback ==`);
  console.log(`in-thread pipeline (baseline, ${r.seconds.baseline} s) then the monitor in a worker thread (${r.seconds.worker} s), same server, same clients; ms`);
  console.log(`warm-up ticks (JIT, first report of every aircraft): in-thread ${b.warmupMs.map((x) => fmt(x, 0)).join(', ')}; worker ${w.warmupMs.map((x) => fmt(x, 0)).join(', ')}`);
  console.log(`  ${''.padEnd(58)} ${'in-thread'.padEnd(22)} ${'worker'.padEnd(22)}`);
  row('tick: positions due → batch handed to the stream', b.handed, w.handed);
  row('tick + fan-out to every client (wall)', b.tick, w.tick);
  row('main-thread time per tick (what blocks the API)', b.main, w.main);
  row('  of which: observe + ingest (this thread)', b.ingest, w.ingest);
  row('  then: the monitor (in-thread: separation, lost links)', b.wait, w.wait);
  row('  then: alerts and UOM positions persisted', b.persist, w.persist);
  row('fan-out work, every slice (filter + serialise + send)', b.fanout, w.fanout);
  row('end-to-end position → client', b.latency, w.latency);
  row('UOM ticks (every other tick: all positions to the outbox)', b.uomOn, w.uomOn);
  row('ticks without UOM positions', b.uomOff, w.uomOff);
  console.log(
    `API GET /api/v1/health every 10 ms: no traffic ${pp(r.apiIdle)} max ${fmt(r.apiIdle.maxMs, 1)} (n ${r.apiIdle.n}); in-thread ticks ${pp(b.api)} max ${fmt(b.api.maxMs, 1)} (n ${b.api.n}); worker ticks ${pp(w.api)} max ${fmt(w.api.maxMs, 1)} (n ${w.api.n})`,
  );
  console.log(`tracks ${w.tracks}, open alerts ${w.openAlerts} (in-thread: ${b.tracks}, ${b.openAlerts})`);
  console.log(`sent ${Math.round(w.messagesPerS).toLocaleString()} messages/s, ${fmt(w.bytesPerS / 1_048_576, 1)} MB/s; received ${r.received.messages.toLocaleString()} messages`);
  console.log(
    `fan-out work per tick: Yukong ${fmt(w.fanout.meanMs, 1)} ms (filter + serialise + send) vs raw ws send of the same bytes ${fmt(r.rawFanout.meanMs, 1)} ms → throughput ratio ${fmt(r.throughputRatio, 2)}`,
  );
  console.log(`heap ${fmt(w.heapMB, 0)} MB (growth during the worker run ${fmt(w.heapGrowthMB, 0)} MB)`);
  console.log(
    `UOM outbox (every other tick writes all ${r.aircraft.toLocaleString()} positions, delivered to a loopback receiver): worker tick with it ${pp(w.uomOn)} vs without ${pp(w.uomOff)} → p50 ratio ${fmt(w.uomOn.p50Ms / w.uomOff.p50Ms, 2)}; delivered ${r.uom.delivered.toLocaleString()} records in ${r.uom.batches} batches (${fmt(r.uom.bytes / 1_048_576, 1)} MB), ${r.uom.pending} pending at the end`,
  );
  const targets = [
    ['tick p99 < 100 ms (positions due → batch handed to the stream, worker)', w.handed.p99Ms < 100],
    ['tick + fan-out p99 < 200 ms', w.tick.p99Ms < 200],
    ['tick p99 < 200 ms with positions to the UOM outbox', w.uomOn.p99Ms < 200],
    ['end-to-end p99 < 500 ms', w.latency.p99Ms < 500],
    ['heap growth < 200 MB', w.heapGrowthMB < 200],
  ] as const;
  for (const [name, ok] of targets) console.log(`  ${ok ? 'PASS' : 'MISS'} ${name}`);
  return targets.every(([, ok]) => ok);
}
