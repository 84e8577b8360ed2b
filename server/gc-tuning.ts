/**
 * Garbage-collector settings for a server process, applied by the entry points before any work.
 *
 * Allocation-site pretenuring is off. The engine builds a plan's volumes with the same code
 * whether the plan is then kept (approved, booked in the index) or dropped a moment later (a
 * check, a refusal, a conflict probe). Once enough kept plans have been built, V8 decides that
 * everything those allocation sites make lives long and allocates it straight in the old
 * generation; every later short-lived candidate then fills the old generation, and each
 * scavenge walks the pointers from those objects into the young generation. Measured with
 * 100,000 stored volumes (`npm run bench postgis`): a check from the filed route took about
 * twice as long, scavenges 8–15 ms instead of about 1 ms. `YUKONG_GC_PRETENURING=on` restores
 * V8's default.
 */
import v8 from 'node:v8';

export function tuneGc(env: NodeJS.ProcessEnv = process.env): { pretenuring: boolean } {
  const pretenuring = env.YUKONG_GC_PRETENURING === 'on';
  if (!pretenuring) v8.setFlagsFromString('--no-allocation-site-pretenuring');
  return { pretenuring };
}
