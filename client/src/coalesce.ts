/**
 * Runs `fn` at most once per `ms`, always after the latest call (trailing): a burst of stream
 * events (hundreds of plan changes a second at high simulation speed) becomes one reload.
 */
// timers are called as plain functions (a browser's setTimeout refuses another `this`: Illegal invocation)
const DEFAULT_TIMERS = { set: (f: () => void, ms: number) => setTimeout(f, ms), clear: (t: ReturnType<typeof setTimeout>) => clearTimeout(t) };

export function coalesce(
  fn: () => void,
  ms: number,
  timers: { set: (f: () => void, ms: number) => ReturnType<typeof setTimeout>; clear: (t: ReturnType<typeof setTimeout>) => void } = DEFAULT_TIMERS,
) {
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
