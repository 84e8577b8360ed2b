/**
 * The map's data layers (zones, jurisdictions, X coverage, landing points, live aircraft) and
 * their toggles. Zones are flat (fill, outline) from zoom 11 so the camera never sits inside one;
 * extruded in 3D when zoomed out, or at every zoom with the 3D toggle.
 */
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { FeatureCollection } from './map-data.js';

export const LAYER_GROUPS = ['jurisdictions', 'zones', 'coverage', 'landingPoints', 'aircraft', 'planner'] as const;
export type LayerGroup = (typeof LAYER_GROUPS)[number];

const EMPTY = { type: 'FeatureCollection' as const, features: [] };
const GROUP_LAYERS: Record<LayerGroup, string[]> = {
  jurisdictions: ['districts-fill'],
  zones: ['zones-extrusion', 'zones-ground', 'zones-fill', 'zones-outline'],
  coverage: ['coverage-line'],
  landingPoints: ['lp-clusters', 'lp-count', 'lp-points'],
  aircraft: ['trails', 'aircraft-dots', 'aircraft'],
  planner: ['planner-cells', 'planner-sites', 'planner-stations'],
};

/** Suitable airspace and corridors: drawn flat (never extruded), so that the city is not a green block. */
const GROUND = ['in', ['get', 'kind'], ['literal', ['suitable', 'corridor']]] as never;

/** Zones are extruded below this zoom (flat above), unless 3D is on. */
export const FLAT_ZONES_FROM_ZOOM = 11;

/** An arrow icon drawn on a canvas (no sprite server needed). */
function arrowImage(colour: string): ImageData {
  const size = 24;
  const c = document.createElement('canvas');
  c.width = c.height = size;
  const g = c.getContext('2d') as CanvasRenderingContext2D;
  g.fillStyle = colour;
  g.strokeStyle = '#fff';
  g.lineWidth = 1.5;
  g.beginPath();
  g.moveTo(12, 2);
  g.lineTo(20, 21);
  g.lineTo(12, 16);
  g.lineTo(4, 21);
  g.closePath();
  g.fill();
  g.stroke();
  return g.getImageData(0, 0, size, size);
}

export function addDataLayers(map: MapLibreMap): void {
  for (const id of ['zones', 'coverage', 'landing-points', 'aircraft', 'trails', 'plan-volumes', 'draft', 'planner-cells', 'planner-sites', 'edition-diff']) {
    map.addSource(id, id === 'landing-points' ? { type: 'geojson', data: EMPTY, cluster: true, clusterRadius: 40, clusterMaxZoom: 9 } : { type: 'geojson', data: EMPTY });
  }
  map.addImage('ac-cooperative', arrowImage('#1565c0'));
  map.addImage('ac-surveillance-only', arrowImage('#6d4c41'));
  map.addImage('ac-alert', arrowImage('#d50000'));
  // planner: H3 coverage cells under everything else, then the study's sites and base stations
  map.addLayer({ id: 'planner-cells', type: 'fill', source: 'planner-cells', paint: { 'fill-color': ['get', 'colour'], 'fill-opacity': 0.55, 'fill-outline-color': '#ffffff55' } });
  map.addLayer({
    id: 'planner-stations',
    type: 'circle',
    source: 'planner-sites',
    filter: ['==', ['get', 'kind'], 'station'],
    paint: { 'circle-color': '#7b1fa2', 'circle-radius': 2.5, 'circle-opacity': 0.7 },
  });
  map.addLayer({
    id: 'planner-sites',
    type: 'circle',
    source: 'planner-sites',
    filter: ['==', ['get', 'kind'], 'site'],
    paint: {
      'circle-color': ['case', ['get', 'isNew'], '#e65100', '#37474f'],
      'circle-radius': 3.5,
      'circle-stroke-color': '#fff',
      'circle-stroke-width': 1,
    },
  });
  // suitable airspace and corridors lie flat at every zoom: a faint green ground, a blue band
  map.addLayer({
    id: 'zones-ground',
    type: 'fill',
    source: 'zones',
    filter: GROUND,
    paint: { 'fill-color': ['get', 'colour'], 'fill-opacity': ['match', ['get', 'kind'], 'corridor', 0.45, 0.08] },
  });
  map.addLayer({ id: 'zones-fill', type: 'fill', source: 'zones', minzoom: FLAT_ZONES_FROM_ZOOM - 0.5, paint: { 'fill-color': ['get', 'colour'], 'fill-opacity': 0.18 } });
  map.addLayer({
    id: 'zones-outline',
    type: 'line',
    source: 'zones',
    paint: {
      'line-color': ['get', 'colour'],
      'line-width': ['interpolate', ['linear'], ['zoom'], 8, ['match', ['get', 'kind'], 'corridor', 2, 1], 14, ['match', ['get', 'kind'], 'corridor', 4, 2.5]],
      'line-opacity': ['match', ['get', 'kind'], 'suitable', 0.45, 0.9],
    },
  });
  map.addLayer({
    id: 'zones-extrusion',
    type: 'fill-extrusion',
    source: 'zones',
    maxzoom: FLAT_ZONES_FROM_ZOOM,
    paint: {
      'fill-extrusion-color': ['get', 'colour'],
      'fill-extrusion-base': ['*', 8, ['get', 'baseM']],
      'fill-extrusion-height': ['*', 8, ['get', 'topM']],
      'fill-extrusion-opacity': 0.55,
    },
  });
  map.addLayer({ id: 'coverage-line', type: 'line', source: 'coverage', paint: { 'line-color': '#00897b', 'line-width': 1, 'line-dasharray': [2, 2] } });
  map.addLayer({
    id: 'lp-clusters',
    type: 'circle',
    source: 'landing-points',
    filter: ['has', 'point_count'],
    paint: { 'circle-color': '#455a64', 'circle-radius': ['step', ['get', 'point_count'], 10, 10, 14, 50, 18], 'circle-opacity': 0.8 },
  });
  map.addLayer({ id: 'lp-count', type: 'circle', source: 'landing-points', filter: ['has', 'point_count'], paint: { 'circle-color': '#fff', 'circle-radius': 3 } });
  map.addLayer({
    id: 'lp-points',
    type: 'circle',
    source: 'landing-points',
    filter: ['!', ['has', 'point_count']],
    paint: { 'circle-color': ['match', ['get', 'kind'], 'hub', '#263238', '#607d8b'], 'circle-radius': 4, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1 },
  });
  map.addLayer({ id: 'plan-volumes-fill', type: 'fill', source: 'plan-volumes', paint: { 'fill-color': ['match', ['get', 'role'], 'conflict', '#d50000', '#1e88e5'], 'fill-opacity': 0.35 } });
  map.addLayer({ id: 'plan-volumes-line', type: 'line', source: 'plan-volumes', paint: { 'line-color': ['match', ['get', 'role'], 'conflict', '#d50000', '#0d47a1'], 'line-width': 2 } });
  addEditionDiffLayers(map);
  map.addLayer({ id: 'draft-line', type: 'line', source: 'draft', paint: { 'line-color': '#6a1b9a', 'line-width': 3, 'line-dasharray': [1, 1] } });
  map.addLayer({
    id: 'draft-points',
    type: 'circle',
    source: 'draft',
    filter: ['==', ['geometry-type'], 'Point'],
    paint: { 'circle-color': '#6a1b9a', 'circle-radius': 5, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 },
  });
  map.addLayer({ id: 'trails', type: 'line', source: 'trails', minzoom: 8, paint: { 'line-color': '#1565c0', 'line-width': 1.5, 'line-opacity': 0.5 } });
  // zoomed out: cheap circles; zoomed in: arrows turned by heading
  map.addLayer({
    id: 'aircraft-dots',
    type: 'circle',
    source: 'aircraft',
    maxzoom: 9,
    paint: {
      'circle-radius': 2.5,
      'circle-color': ['match', ['get', 'state'], 'alert', '#d50000', 'surveillance-only', '#6d4c41', '#1565c0'],
      'circle-opacity': ['case', ['get', 'silent'], 0.35, 1],
    },
  });
  map.addLayer({
    id: 'aircraft',
    type: 'symbol',
    source: 'aircraft',
    minzoom: 9,
    layout: {
      'icon-image': ['concat', 'ac-', ['get', 'state']],
      'icon-rotate': ['get', 'headingDeg'],
      'icon-rotation-alignment': 'map',
      'icon-allow-overlap': true,
      'icon-ignore-placement': true,
      'icon-size': ['interpolate', ['linear'], ['zoom'], 9, 0.7, 12, 1.1, 15, 1.5],
    },
    paint: { 'icon-opacity': ['case', ['get', 'silent'], 0.35, 1] },
  });
}

/**
 * An edition's difference over everything but live aircraft: what it adds or changes solid, how
 * things were before dashed grey, what it withdraws or retires dashed red; the new shape filled in
 * the colour of its kind.
 */
function addEditionDiffLayers(map: MapLibreMap): void {
  const area = ['==', ['get', 'shape'], 'area'];
  const point = ['==', ['get', 'shape'], 'point'];
  const after = ['==', ['get', 'side'], 'after'];
  const lineColour = ['case', ['get', 'removed'], '#d50000', ['==', ['get', 'side'], 'before'], '#757575', '#0d47a1'];
  map.addLayer({ id: 'edition-diff-fill', type: 'fill', source: 'edition-diff', filter: ['all', area, after], paint: { 'fill-color': ['get', 'colour'], 'fill-opacity': 0.25 } } as never);
  map.addLayer({
    id: 'edition-diff-before',
    type: 'line',
    source: 'edition-diff',
    filter: ['all', area, ['!', after]],
    paint: { 'line-color': lineColour, 'line-width': 2.5, 'line-dasharray': [2, 2] },
  } as never);
  map.addLayer({ id: 'edition-diff-after', type: 'line', source: 'edition-diff', filter: ['all', area, after], paint: { 'line-color': lineColour, 'line-width': 3 } } as never);
  map.addLayer({
    id: 'edition-diff-points',
    type: 'circle',
    source: 'edition-diff',
    filter: point,
    paint: { 'circle-color': ['case', ['get', 'removed'], '#d50000', after, '#0d47a1', '#9e9e9e'], 'circle-radius': 7, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 },
  } as never);
}

/** Zones extruded at every zoom (3D on), or only when zoomed out (flat above FLAT_ZONES_FROM_ZOOM). */
export function setZones3d(map: MapLibreMap, on: boolean): void {
  if (map.getLayer('zones-extrusion')) map.setLayerZoomRange('zones-extrusion', 0, on ? 24 : FLAT_ZONES_FROM_ZOOM);
  if (map.getLayer('zones-fill')) map.setLayerZoomRange('zones-fill', on ? 24 : FLAT_ZONES_FROM_ZOOM - 0.5, 24);
}

export type SourceId = 'zones' | 'coverage' | 'landing-points' | 'aircraft' | 'trails' | 'plan-volumes' | 'draft' | 'planner-cells' | 'planner-sites' | 'edition-diff';
export function setData(map: MapLibreMap, source: SourceId, data: FeatureCollection): void {
  (map.getSource(source) as GeoJSONSource | undefined)?.setData(data as never);
}

/** Zones drawn faint when they do not apply at the chosen height and moment. */
export function setZoneEmphasis(map: MapLibreMap): void {
  map.setPaintProperty('zones-extrusion', 'fill-extrusion-opacity', 0.55);
  const active = ['==', ['get', 'active'], true];
  for (const id of ['zones-extrusion', 'zones-fill']) map.setFilter(id, ['all', active, ['!', GROUND]] as never);
  map.setFilter('zones-ground', ['all', active, GROUND] as never);
  map.setFilter('zones-outline', active as never);
}

export function setVisible(map: MapLibreMap, group: LayerGroup, visible: boolean): void {
  for (const id of GROUP_LAYERS[group]) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
}
