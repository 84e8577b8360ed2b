/**
 * Runs `fn` at most once per `ms`, always after the latest call (trailing): a burst of stream
 * events (hundreds of plan changes a second at high simulation speed) becomes one reload.
 */
export function coalesce(fn: () => void, ms: number, timers: { set: typeof setTimeout; clear: typeof clearTimeout } = { set: setTimeout, clear: clearTimeout }) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastRun = -Infinity;
  const run = () => {
    timer = null;
    lastRun = Date.now();
    fn();
  };
  const call = () => {
    if (timer) return;
    const wait = Math.max(0, lastRun + ms - Date.now());
    timer = timers.set(run, wait);
  };
  call.cancel = () => {
    if (timer) timers.clear(timer);
    timer = null;
  };
  return call;
}
