/**
 * Live benchmark: 10,000 aircraft at 1 Hz through the pipeline and 50 WebSocket clients with
 * different boxes on loopback; then a raw `ws` broadcast of the same bytes. Bounded in time.
 */
import { fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { createPrng } from '../shared/util/prng.js';
import { fmt, summarize } from './stats.js';

type Msg = { type: string; [k: string]: unknown };

export async function runLiveBench(opts: { aircraft?: number; clients?: number; seconds?: number } = {}) {
  const clients = opts.clients ?? 50;
  const child = fork(join(dirname(fileURLToPath(import.meta.url)), 'live-server.ts'), [], {
    execArgv: ['--import', 'tsx', '--expose-gc', '--max-old-space-size=4096', ...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/cpuprof'] : [])],
    env: { ...process.env, BENCH_AIRCRAFT: String(opts.aircraft ?? 10_000), BENCH_SECONDS: String(opts.seconds ?? 20), BENCH_CLIENTS: String(clients) },
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
    const latencies: number[] = [];
    const ticksSeen: string[] = []; // latencies of the warm-up ticks are left out, as on the server
    const WARMUP = 3;
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
        if (!ticksSeen.includes(m[1])) ticksSeen.push(m[1]);
        if (ticksSeen.indexOf(m[1]) >= WARMUP) latencies.push(Date.now() - Date.parse(m[1]));
      });
      sockets.push(ws);
    }
    child.send('go');
    await next('raw-ready');
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
      warmupMs: number[];
      tickMs: number[];
      fanoutMs: number[];
      messages: number;
      bytes: number;
      seconds: number;
      heapMB: number;
      heapGrowthMB: number;
      openAlerts: number;
      tracks: number;
      uom: { onMs: number[]; offMs: number[]; batches: number; bytes: number; outbox: { pending: number; delivered: number } };
    };
    const rawFan = done.rawFanoutMs as number[];
    const fan = summarize(y.fanoutMs),
      rawS = summarize(rawFan);
    return {
      aircraft: ready.aircraft as number,
      clients,
      warmupMs: y.warmupMs,
      tick: summarize(y.tickMs),
      fanout: fan,
      rawFanout: rawS,
      latency: summarize(latencies),
      messagesPerS: y.messages / y.seconds,
      bytesPerS: y.bytes / y.seconds,
      received: { messages, bytes },
      rawReceivedBytes: rawBytes,
      heapMB: y.heapMB,
      heapGrowthMB: y.heapGrowthMB,
      tracks: y.tracks,
      openAlerts: y.openAlerts,
      uom: { on: summarize(y.uom.onMs), off: summarize(y.uom.offMs), batches: y.uom.batches, bytes: y.uom.bytes, pending: y.uom.outbox.pending, delivered: y.uom.outbox.delivered },
      // fan-out throughput: bytes handed to sockets per ms of fan-out work, Yukong vs raw ws
      throughputRatio: y.bytes / fan.meanMs / y.fanoutMs.length / (y.bytes / rawS.meanMs / rawFan.length),
    };
  } finally {
    clearTimeout(killer);
    if (child.exitCode === null) setTimeout(() => child.kill(), 2000).unref();
  }
}

export function printLiveBench(r: Awaited<ReturnType<typeof runLiveBench>>): boolean {
  console.log(`\n== live traffic: ${r.aircraft.toLocaleString()} aircraft at 1 Hz, ${r.clients} WebSocket clients on loopback ==`);
  console.log(`warm-up ticks (JIT, first report of every aircraft): ${r.warmupMs.map((x) => fmt(x, 0)).join(', ')} ms`);
  console.log(`tick (observe + monitor + persist + fan-out) p50 ${fmt(r.tick.p50Ms, 1)} ms  p99 ${fmt(r.tick.p99Ms, 1)} ms  (tracks ${r.tracks}, open alerts ${r.openAlerts})`);
  console.log(`end-to-end position → client p50 ${fmt(r.latency.p50Ms, 1)} ms  p99 ${fmt(r.latency.p99Ms, 1)} ms`);
  console.log(`sent ${Math.round(r.messagesPerS).toLocaleString()} messages/s, ${fmt(r.bytesPerS / 1_048_576, 1)} MB/s; received ${r.received.messages.toLocaleString()} messages`);
  console.log(
    `fan-out work per tick: Yukong ${fmt(r.fanout.meanMs, 1)} ms (filter + serialise + send) vs raw ws send of the same bytes ${fmt(r.rawFanout.meanMs, 1)} ms → throughput ratio ${fmt(r.throughputRatio, 2)}`,
  );
  console.log(`heap ${fmt(r.heapMB, 0)} MB (growth during the run ${fmt(r.heapGrowthMB, 0)} MB)`);
  console.log(
    `UOM outbox (every other tick writes all ${r.aircraft.toLocaleString()} positions, delivered to a loopback receiver): tick with it p50 ${fmt(r.uom.on.p50Ms, 1)} ms p99 ${fmt(r.uom.on.p99Ms, 1)} ms vs without p50 ${fmt(r.uom.off.p50Ms, 1)} ms p99 ${fmt(r.uom.off.p99Ms, 1)} ms → p50 ratio ${fmt(r.uom.on.p50Ms / r.uom.off.p50Ms, 2)}; delivered ${r.uom.delivered.toLocaleString()} records in ${r.uom.batches} batches (${fmt(r.uom.bytes / 1_048_576, 1)} MB), ${r.uom.pending} pending at the end`,
  );
  const targets = [
    ['tick p99 < 200 ms', r.tick.p99Ms < 200],
    ['tick p99 < 200 ms with positions to the UOM outbox', r.uom.on.p99Ms < 200],
    ['end-to-end p99 < 500 ms', r.latency.p99Ms < 500],
    ['heap growth < 200 MB', r.heapGrowthMB < 200],
  ] as const;
  for (const [name, ok] of targets) console.log(`  ${ok ? 'PASS' : 'MISS'} ${name}`);
  return targets.every(([, ok]) => ok);
}
