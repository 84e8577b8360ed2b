/**
 * The real-time driver (entry point only): once a second, advance the simulation or tick the live
 * pipeline. A tick whose monitor runs in a worker thread is awaited, so requests are served while
 * it is computed; a period that comes while the last tick is still running is skipped.
 */
import type { FastifyInstance } from 'fastify';

export function startLiveLoop(app: FastifyInstance, periodMs = 1000): () => void {
  const y = app.yukong;
  let last = performance.now();
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    const t = performance.now();
    const realMs = t - last;
    last = t;
    running = true;
    const tick = async () => {
      // of several servers sharing a database, only the primary simulates and monitors; the others
      // keep its time (a primary stalled past its lease asks for it again, and steps down if it is gone)
      const primary = !y.cluster || y.cluster.confirmPrimary();
      if (y.simulator && primary) {
        y.simulator.clock.advance(realMs);
        await y.simulator.stepAsync();
      } else {
        y.simulator?.clock.advance(realMs);
        await y.live.tickAsync(y.clock());
      }
    };
    tick()
      .catch((e) => app.log.error(e, 'live tick failed'))
      .finally(() => {
        running = false;
      });
  }, periodMs);
  return () => clearInterval(timer);
}
