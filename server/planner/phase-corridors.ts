/**
 * The scenario's corridors a phase's traffic can fly: those whose two ends are among the phase's
 * sites. A site stands for a corridor end when it is the same landing point (same id) or lies
 * within 1 m of it (the planner keeps one site per place, under its own id); the corridor is
 * then keyed to the sites' ids. Its outline is unchanged, so decisions still find it.
 */
import { haversineM } from '../../shared/geo/earth.js';
import type { LngLat } from '../../shared/geo/types.js';
import type { LandingPoint } from '../../shared/schemas/landing-point.js';
import type { Zone } from '../../shared/schemas/zone.js';

/** A site within this many metres of a corridor end stands for it. */
export const SAME_PLACE_M = 1;

export function corridorsAmongSites(zones: readonly Zone[], ends: readonly Pick<LandingPoint, 'id' | 'location'>[], sites: readonly { id: string; location: LngLat }[]): Zone[] {
  const where = new Map(ends.map((p) => [p.id, p.location]));
  const ids = new Set(sites.map((s) => s.id));
  const siteFor = (id: string): string | undefined => {
    if (ids.has(id)) return id;
    const at = where.get(id);
    if (!at) return undefined;
    return sites.find((s) => haversineM(at[0], at[1], s.location[0], s.location[1]) <= SAME_PLACE_M)?.id;
  };
  const out: Zone[] = [];
  for (const z of zones) {
    if (z.kind !== 'corridor' || !z.corridorEnds) continue;
    const a = siteFor(z.corridorEnds[0]),
      b = siteFor(z.corridorEnds[1]);
    if (a && b && a !== b) out.push({ ...z, corridorEnds: [a, b] });
  }
  return out.sort((x, y) => x.id.localeCompare(y.id));
}
