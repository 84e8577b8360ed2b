import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { awaitFlag, awaitFlagAsync } from './await-flag.js';

// a thread that wakes the waiter without setting the flag (a late notify), then sets it after a while
const NOTIFIER = `
const { workerData } = require('node:worker_threads');
const flag = new Int32Array(workerData.buffer);
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
for (let i = 0; i < 20; i++) { sleep(5); Atomics.notify(flag, 0); }
if (workerData.setAfterMs !== null) { sleep(workerData.setAfterMs); Atomics.store(flag, 0, 1); Atomics.notify(flag, 0); }
`;

async function waitWithNotifier(setAfterMs: number | null, timeoutMs: number, wait: typeof awaitFlagAsync) {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(NOTIFIER, { eval: true, workerData: { buffer: flag.buffer, setAfterMs } });
  const t0 = performance.now();
  const answered = await wait(flag, timeoutMs);
  const waitedMs = performance.now() - t0;
  await worker.terminate();
  return { answered, waitedMs };
}

const waits = [
  ['blocking', async (flag: Int32Array, ms: number) => awaitFlag(flag, ms)],
  ['async', awaitFlagAsync],
] as const;

describe('awaitFlag', () => {
  it('returns at once when the flag is already set', () => {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(flag, 0, 1);
    expect(awaitFlag(flag, 1000)).toBe(true);
  });

  it.each(waits)('%s: is not fooled by notifies without the flag, returns only once it is set', async (_, wait) => {
    const { answered, waitedMs } = await waitWithNotifier(150, 10_000, wait);
    expect(answered).toBe(true);
    // 20 stray notifies over ~100 ms came first; the flag was set only after them and 150 ms more
    expect(waitedMs).toBeGreaterThanOrEqual(200);
  });

  it.each(waits)('%s: gives up after its time when only stray notifies come', async (_, wait) => {
    const { answered, waitedMs } = await waitWithNotifier(null, 300, wait);
    expect(answered).toBe(false);
    expect(waitedMs).toBeGreaterThanOrEqual(299);
  });
});
