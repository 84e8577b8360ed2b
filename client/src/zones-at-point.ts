/** The zones over a clicked point, as the map shows them (computed in the browser): the airspace a pilot or operator is asking about. */
import { pointInShape } from '../../shared/geo/point-in-shape.js';
import { prepareOutline } from '../../shared/geo/shape.js';
import type { Zone } from '../../shared/schemas/zone.js';

/** most restrictive first: what decides a plan there */
const ORDER: Record<Zone['kind'], number> = { prohibited: 0, temporary: 1, restricted: 2, controlled: 3, corridor: 4, suitable: 5 };

export function zonesAtPoint(zones: readonly Zone[], lng: number, lat: number): Zone[] {
  return zones.filter((z) => pointInShape(prepareOutline(z.outline), lng, lat)).sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || a.altitudeLowerM - b.altitudeLowerM || a.id.localeCompare(b.id));
}
