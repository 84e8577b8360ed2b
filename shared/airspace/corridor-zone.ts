/**
 * Designated corridors (航路走廊) between two landing points: a stadium around the straight
 * segment between the ends, from the ground (take-off and landing climb from the surface at the
 * ends) to a ceiling, open to light and small aircraft. Each direction has its own lane: from the
 * first end to the second the lower half of the band, back the upper half, with a gap between
 * the lanes' route volumes so opposite flights never share a height.
 */
import type { LngLat } from '../geo/types.js';
import type { Zone } from '../schemas/zone.js';
import { corridorRing, DEFAULT_ROUTE_BUFFERS } from './route-volumes.js';

export const CORRIDOR_DEFAULTS = { halfWidthM: 150, altitudeLowerM: 0, altitudeUpperM: 240 };

/** Metres kept free between the route volumes of the two lanes (half above, half below the middle). */
export const CORRIDOR_LANE_GAP_M = 20;

export interface CorridorEnd {
  id: string;
  location: LngLat;
}

export interface CorridorSpec {
  id: string;
  name: string;
  from: CorridorEnd;
  to: CorridorEnd;
  halfWidthM?: number;
  altitudeLowerM?: number;
  altitudeUpperM?: number;
  reason: string;
  source: string;
}

/** kind 'corridor', outline Polygon from corridorRing between the two ends, permanent, AGL, allowedCategories ['light','small'], corridorEnds [from.id, to.id]. */
export function corridorZone(spec: CorridorSpec): Zone {
  const halfWidthM = spec.halfWidthM ?? CORRIDOR_DEFAULTS.halfWidthM;
  return {
    id: spec.id,
    name: spec.name,
    kind: 'corridor',
    outline: { type: 'Polygon', coordinates: [corridorRing(spec.from.location, spec.to.location, halfWidthM)] },
    altitudeLowerM: spec.altitudeLowerM ?? CORRIDOR_DEFAULTS.altitudeLowerM,
    altitudeUpperM: spec.altitudeUpperM ?? CORRIDOR_DEFAULTS.altitudeUpperM,
    altitudeReference: 'AGL',
    applicability: { kind: 'permanent' },
    allowedCategories: ['light', 'small'],
    corridorEnds: [spec.from.id, spec.to.id],
    reason: spec.reason,
    source: spec.source,
  };
}

/**
 * The route altitude band (before the route buffer of DEFAULT_ROUTE_BUFFERS.verticalBufferM is
 * added) a flight from `departureId` flies in: the direction from corridorEnds[0] to [1] uses the
 * lower lane, the other direction the upper lane, both inside the zone's band with the buffer;
 * null when the zone is not a corridor or departureId is not one of its ends. A band too thin for
 * two lanes gives both directions the whole band (less the buffer), or null when even that is empty.
 */
export function corridorLane(zone: Zone, departureId: string): { altitudeLowerM: number; altitudeUpperM: number } | null {
  if (zone.kind !== 'corridor' || !zone.corridorEnds) return null;
  const [first, second] = zone.corridorEnds;
  if (departureId !== first && departureId !== second) return null;
  const buf = DEFAULT_ROUTE_BUFFERS.verticalBufferM;
  const lo = zone.altitudeLowerM + buf;
  const hi = zone.altitudeUpperM - buf;
  const mid = (zone.altitudeLowerM + zone.altitudeUpperM) / 2;
  const lowerTop = mid - CORRIDOR_LANE_GAP_M / 2 - buf;
  const upperBottom = mid + CORRIDOR_LANE_GAP_M / 2 + buf;
  if (lowerTop > lo && hi > upperBottom) {
    return departureId === first ? { altitudeLowerM: lo, altitudeUpperM: lowerTop } : { altitudeLowerM: upperBottom, altitudeUpperM: hi };
  }
  return hi > lo ? { altitudeLowerM: lo, altitudeUpperM: hi } : null;
}
