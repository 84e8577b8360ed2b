/**
 * Worker-thread entry of the conformance monitor (started by monitor-thread.ts): requests arrive
 * on the port in order; a tick's answer goes back on the port and wakes the main thread through
 * the shared flag.
 */
import { workerData } from 'node:worker_threads';
import type { MonitorRequest, MonitorWorkerData, TickReply } from './monitor-messages.js';
import { MonitorSession } from './monitor-session.js';

const data = workerData as MonitorWorkerData;
const session = new MonitorSession(data.config);
const flag = new Int32Array(data.flag);
let failure: string | null = null;

data.port.on('message', (m: MonitorRequest) => {
  if (m.kind === 'stall') {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, m.ms);
    return;
  }
  if (m.kind === 'batch') {
    if (failure) return;
    try {
      session.batch(m.tracks, m.ops);
    } catch (e) {
      failure = e instanceof Error ? (e.stack ?? e.message) : String(e);
    }
    return;
  }
  let reply: TickReply;
  try {
    if (failure) throw new Error(failure);
    reply = session.tick(m.seq, m.tMs);
  } catch (e) {
    failure ??= e instanceof Error ? (e.stack ?? e.message) : String(e);
    reply = { seq: m.seq, events: [], offPlan: [], openAlerts: 0, tracks: 0, error: failure };
  }
  data.port.postMessage(reply);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
