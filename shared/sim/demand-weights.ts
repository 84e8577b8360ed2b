/**
 * Where simulated flights take off: landing points weighted by where people and business are.
 * The central city (中心城区: the nine districts inside the ring of the two rivers and around
 * them) and hubs see more flights than a township's point. Yukong's own illustrative weights.
 */
import type { LandingPoint } from '../schemas/landing-point.js';

/** Adcodes of the nine central-city districts (渝中, 大渡口, 江北, 沙坪坝, 九龙坡, 南岸, 北碚, 渝北, 巴南). */
export const CENTRAL_CITY_ADCODES: readonly string[] = ['500103', '500104', '500105', '500106', '500107', '500108', '500109', '500112', '500113'];

export interface DemandWeightRules {
  centralCity: number;
  hub: number;
}
export const DEFAULT_DEMAND_WEIGHTS: DemandWeightRules = { centralCity: 4, hub: 3 };

/** A departure weight per landing point: 1, × centralCity inside the central city, × hub at a hub. */
export function departureWeights(points: readonly Pick<LandingPoint, 'id' | 'districtAdcode' | 'kind'>[], rules: DemandWeightRules = DEFAULT_DEMAND_WEIGHTS): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of points) out[p.id] = (CENTRAL_CITY_ADCODES.includes(p.districtAdcode) ? rules.centralCity : 1) * (p.kind === 'hub' ? rules.hub : 1);
  return out;
}
