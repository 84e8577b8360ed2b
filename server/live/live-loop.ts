/** The real-time driver (entry point only): once a second, advance the simulation or tick the live pipeline. */
import type { FastifyInstance } from 'fastify';

export function startLiveLoop(app: FastifyInstance, periodMs = 1000): () => void {
  const y = app.yukong;
  let last = performance.now();
  const timer = setInterval(() => {
    const t = performance.now();
    const realMs = t - last;
    last = t;
    try {
      // of several servers sharing a database, only the primary simulates; the others keep its time
      if (y.simulator && (!y.cluster || y.cluster.isPrimary)) {
        y.simulator.clock.advance(realMs);
        y.simulator.step();
      } else {
        y.simulator?.clock.advance(realMs);
        y.live.tick(y.clock());
      }
    } catch (e) {
      app.log.error(e, 'live tick failed');
    }
  }, periodMs);
  return () => clearInterval(timer);
}
