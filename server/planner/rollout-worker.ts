/** Child process: runs one rollout study off the server's event loop and sends progress and the result. */
import type { ScenarioBundle } from '../../shared/io/scenario-features.js';
import { loadGeography } from './load-geography.js';
import { runRollout, type RolloutOptions } from './run-rollout.js';

process.once('message', (m: { scenario: ScenarioBundle; options: RolloutOptions; weights?: Record<string, number> }) => {
  const send = (msg: unknown) =>
    new Promise<void>((resolve) => {
      process.send?.(msg, () => resolve());
    });
  void (async () => {
    try {
      const { geo } = loadGeography({ scenario: m.scenario, ...(m.weights ? { weights: m.weights } : {}) });
      let last = 0;
      const { result, timings } = runRollout(geo, m.scenario, m.options, (e) => {
        const now = Date.now();
        if (e.step === 'traffic' && now - last < 250) return;
        last = now;
        process.send?.({ type: 'progress', progress: e });
      });
      await send({ type: 'done', result, timings });
    } catch (e) {
      await send({ type: 'failed', error: (e as Error).message });
    }
    process.disconnect?.();
  })();
});
