/**
 * An edition on the map (pure, tested): its difference as map features — each zone or landing
 * point as it was (`before`) and as it will be (`after`), withdrawn zones and retired points marked
 * `removed` — and the zones of record as of an edition, from the API's GeoJSON (circles as a Point
 * with `radiusM`, as in the zone export) back to zones for the zone layer.
 */
import type { LngLat, Outline } from '../../shared/geo/types.js';
import type { Zone } from '../../shared/schemas/zone.js';
import { type Feature, type FeatureCollection, outlineRings, ZONE_COLOURS } from './map-data.js';

export interface GeoFeature {
  type: 'Feature';
  geometry: { type: string; coordinates?: unknown };
  properties: Record<string, unknown>;
}
export interface GeoCollection {
  type: 'FeatureCollection';
  features: GeoFeature[];
}

/** A zone feature's outline: a circle from a Point with `radiusM`, else the polygon as given. */
function outlineOf(f: GeoFeature): Outline | null {
  const g = f.geometry;
  if (g.type === 'Point' && typeof f.properties.radiusM === 'number') return { type: 'Circle', center: g.coordinates as LngLat, radiusM: f.properties.radiusM };
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: g.coordinates as LngLat[][] };
  return null;
}

/** The zones of an `as-of` answer (or any zone GeoJSON). */
export function zonesFromGeoJson(fc: GeoCollection): Zone[] {
  const out: Zone[] = [];
  for (const f of fc.features) {
    const outline = outlineOf(f);
    if (!outline) continue;
    const { radiusM: _r, ...props } = f.properties;
    out.push({ ...(props as unknown as Zone), outline });
  }
  return out;
}

const REMOVING = new Set(['zone.withdraw', 'landing-point.retire']);

/** The difference for the map: declined changes left out; `removed` for what the edition takes away. */
export function diffCollection(fc: GeoCollection): FeatureCollection {
  const features: Feature[] = [];
  for (const f of fc.features) {
    const change = f.properties.change as { index: number; op: string; status: string; side: 'before' | 'after'; ref: string } | undefined;
    if (!change || change.status === 'declined') continue;
    const removed = REMOVING.has(change.op);
    const kind = String(f.properties.kind ?? '');
    const props = {
      id: String(f.properties.id ?? change.ref),
      name: String(f.properties.name ?? ''),
      kind,
      index: change.index,
      op: change.op,
      side: change.side,
      removed,
      colour: ZONE_COLOURS[kind] ?? '#0d47a1',
    };
    const isZone = change.op.startsWith('zone.');
    const outline = isZone ? outlineOf(f) : null;
    if (outline) features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: outlineRings(outline) }, properties: { ...props, shape: 'area' } });
    else if (f.geometry.type === 'Point') features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: f.geometry.coordinates }, properties: { ...props, shape: 'point' } });
  }
  return { type: 'FeatureCollection', features };
}

/** The box around a collection's coordinates, or null when it has none. */
export function collectionBox(fc: FeatureCollection): [number, number, number, number] | null {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as number[];
      w = Math.min(w, x);
      e = Math.max(e, x);
      s = Math.min(s, y);
      n = Math.max(n, y);
    } else if (Array.isArray(c)) for (const x of c) visit(x);
  };
  for (const f of fc.features) visit(f.geometry.coordinates);
  if (!Number.isFinite(w)) return null;
  // a single point: a box of about a kilometre around it
  const pad = e - w < 0.005 && n - s < 0.005 ? 0.01 : 0;
  return [w - pad, s - pad, e + pad, n + pad];
}
