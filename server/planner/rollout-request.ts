/** An API rollout request → the study's options (defaults for what is left out). */
import type { RolloutRequest } from '../../shared/schemas/planner.js';
import { DEFAULT_ROLLOUT, type RolloutOptions } from './run-rollout.js';

export function rolloutOptionsFromRequest(b: RolloutRequest): RolloutOptions {
  const d = DEFAULT_ROLLOUT;
  const traffic = b.traffic === false || !d.traffic ? false : { ...d.traffic, ...(b.flightsPerPointPerDay !== undefined ? { flightsPerPointPerDay: b.flightsPerPointPerDay } : {}) };
  return {
    ...d,
    phases: [...new Set(b.phases ?? d.phases)].sort((x, y) => x - y),
    seed: b.seed ?? d.seed,
    strategy: b.strategy ?? d.strategy,
    keepExisting: b.keepExisting ?? d.keepExisting,
    radiusM: (b.radiusKm ?? d.radiusM / 1000) * 1000,
    droneRangeM: (b.droneRangeKm ?? d.droneRangeM / 1000) * 1000,
    baseStation: { ...d.baseStation, radiusM: (b.stationRadiusKm ?? d.baseStation.radiusM / 1000) * 1000 },
    traffic,
    ...(b.sites ? { userSites: b.sites.map((x) => ({ id: x.id, name: x.name ?? x.id, location: x.location })) } : {}),
  };
}
