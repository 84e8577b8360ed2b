/** Turns a scenario bundle into the AirspaceState the rules engine decides against. */
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { prepareOutline, type Shape } from '../../shared/geo/shape.js';
import type { ScenarioBundle } from '../../shared/io/scenario-features.js';
import { createAirspaceState, putZone, type AirspaceState } from '../../shared/rules/airspace-state.js';
import { buildRoutingState, type DistrictArea } from '../../shared/rules/station-routing.js';

const SLIVER_M2 = 1e6;

/** The union of all districts: the municipal border (holes under 1 km² are dropped as slivers). */
export function municipalityOutline(bundle: ScenarioBundle): Shape | null {
  if (!bundle.districts.length) return null;
  const fc = turf.featureCollection(bundle.districts.map((d) => turf.feature(d.outline as Polygon | MultiPolygon) as Feature<Polygon | MultiPolygon>));
  const u = bundle.districts.length === 1 ? fc.features[0] : turf.union(fc);
  if (!u) return null;
  // simplified boundaries leave sliver gaps between neighbours; they are not real enclaves
  const polys = u.geometry.type === 'Polygon' ? [u.geometry.coordinates] : u.geometry.coordinates;
  const cleaned = polys.map(([outer, ...holes]) => [outer, ...holes.filter((h) => turf.area(turf.polygon([h])) >= SLIVER_M2)]);
  return prepareOutline({ type: 'MultiPolygon', coordinates: cleaned as [number, number][][][] });
}

export function buildAirspace(bundle: ScenarioBundle): AirspaceState {
  const a = bundle.stations.find((s) => s.kind === 'A');
  if (!a) throw new Error('a scenario needs an A station');
  const stationOf = new Map<string, string>();
  for (const s of bundle.stations) if (s.kind === 'B') for (const d of s.districts ?? []) stationOf.set(d, s.id);
  const areas: DistrictArea[] = bundle.districts.map((d) => ({ adcode: d.adcode, name: d.name, stationId: stationOf.get(d.adcode) ?? a.id, shape: prepareOutline(d.outline) }));
  const state = createAirspaceState({ routing: buildRoutingState(a.id, areas, municipalityOutline(bundle)) });
  for (const z of bundle.zones) putZone(state, z);
  for (const p of bundle.landingPoints) state.landingPoints.insert(p);
  return state;
}
