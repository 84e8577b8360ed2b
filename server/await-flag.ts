/**
 * Sleeps until another thread sets `flag[0]` to non-zero; false if it is still zero after
 * `timeoutMs`. A wake-up alone proves nothing: a notify meant for an earlier answer can arrive
 * after that answer was taken and the flag reset, so the flag is read again after every wake-up.
 */
export function awaitFlag(flag: Int32Array, timeoutMs: number): boolean {
  const deadline = performance.now() + timeoutMs;
  while (Atomics.load(flag, 0) === 0) {
    const left = deadline - performance.now();
    if (left <= 0 || Atomics.wait(flag, 0, 0, left) === 'timed-out') return Atomics.load(flag, 0) !== 0;
  }
  return true;
}

/** `awaitFlag` without blocking this thread (Atomics.waitAsync, Node 16+). */
export async function awaitFlagAsync(flag: Int32Array, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (Atomics.load(flag, 0) === 0) {
    const left = deadline - performance.now();
    if (left <= 0) return false;
    const w = (Atomics as unknown as AtomicsWaitAsync).waitAsync(flag, 0, 0, left);
    if (w.async) await w.value;
  }
  return true;
}

/** Atomics.waitAsync, absent from the project's TypeScript library */
interface AtomicsWaitAsync {
  waitAsync(a: Int32Array, index: number, value: number, timeoutMs: number): { async: false; value: string } | { async: true; value: Promise<string> };
}
