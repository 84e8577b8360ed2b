/**
 * The basemap: offline by default (district boundaries, rivers and lakes bundled with the app), or
 * online from configuration — a MapLibre style URL (`YUKONG_MAP_STYLE_URL`), or 天地图
 * (Tianditu) raster tiles with a key (`YUKONG_TIANDITU_KEY`, announced by the server as the style
 * `tianditu:<key>`). Tianditu's CGCS2000 coordinates are taken as WGS84 (they differ by
 * centimetres): no offset is applied, unlike GCJ-02 maps.
 */
import type { StyleSpecification } from 'maplibre-gl';
import districtsUrl from '../../seeds/chongqing/districts.geojson?url';
import waterUrl from '../../seeds/basemap/water.geojson?url';

export { districtsUrl, waterUrl };

const WATER = '#7fb2d9';

/** The layers every basemap gets: district fills (coloured by jurisdiction later), boundaries and water. */
function overlayLayers(offline: boolean): StyleSpecification['layers'] {
  return [
    ...(offline
      ? ([
          { id: 'background', type: 'background', paint: { 'background-color': '#dfe8ef' } },
          { id: 'districts-base', type: 'fill', source: 'districts', paint: { 'fill-color': '#f6f4ee' } },
        ] as StyleSpecification['layers'])
      : []),
    { id: 'districts-fill', type: 'fill', source: 'districts', paint: { 'fill-color': '#f6f4ee', 'fill-opacity': offline ? 0.9 : 0.25 } },
    {
      id: 'water-lines',
      type: 'line',
      source: 'water',
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': WATER,
        // the Yangtze (scalerank 1) widest; the rivers grow with the zoom so they read as rivers in the city
        'line-width': [
          'interpolate',
          ['exponential', 1.6],
          ['zoom'],
          6,
          ['case', ['<=', ['get', 'scalerank'], 2], 2, 1.2],
          11,
          ['case', ['<=', ['get', 'scalerank'], 2], 8, 5],
          15,
          ['case', ['<=', ['get', 'scalerank'], 2], 60, 30],
        ],
        'line-opacity': offline ? 1 : 0,
      },
    },
    { id: 'districts-line', type: 'line', source: 'districts', paint: { 'line-color': '#8a94a6', 'line-width': 1 } },
  ] as StyleSpecification['layers'];
}

const SOURCES = { districts: { type: 'geojson', data: districtsUrl }, water: { type: 'geojson', data: waterUrl } } as StyleSpecification['sources'];

export const OFFLINE_STYLE: StyleSpecification = { version: 8, sources: SOURCES, layers: overlayLayers(true) };

/** Tianditu's vector map and its Chinese annotation, Web Mercator tiles (`_w`), over eight hosts. */
export function tiandituStyle(key: string): StyleSpecification {
  const tiles = (layer: string) => Array.from({ length: 8 }, (_, i) => `https://t${i}.tianditu.gov.cn/DataServer?T=${layer}_w&x={x}&y={y}&l={z}&tk=${encodeURIComponent(key)}`);
  return {
    version: 8,
    sources: {
      ...SOURCES,
      'tianditu-vec': { type: 'raster', tiles: tiles('vec'), tileSize: 256, maxzoom: 18, attribution: '© 天地图 Tianditu' },
      'tianditu-cva': { type: 'raster', tiles: tiles('cva'), tileSize: 256, maxzoom: 18 },
    },
    layers: [{ id: 'tianditu-vec', type: 'raster', source: 'tianditu-vec' }, { id: 'tianditu-cva', type: 'raster', source: 'tianditu-cva' }, ...overlayLayers(false)],
  };
}

/** An online style from a URL has none of the overlay: add the districts and the water once it has loaded. */
export function addOverlay(map: { getSource(id: string): unknown; addSource(id: string, s: never): unknown; addLayer(l: never): unknown }): void {
  if (map.getSource('districts')) return;
  for (const [id, s] of Object.entries(SOURCES)) map.addSource(id, s as never);
  for (const l of overlayLayers(false)) map.addLayer(l as never);
}

export type BasemapKind = 'offline' | 'tianditu' | 'style-url';

/** What the server's `mapStyleUrl` asks for: a style (object or URL) and its kind. */
export function basemapFor(mapStyleUrl: string | undefined): { style: StyleSpecification | string; kind: BasemapKind } {
  if (!mapStyleUrl) return { style: OFFLINE_STYLE, kind: 'offline' };
  if (mapStyleUrl.startsWith('tianditu:')) return { style: tiandituStyle(mapStyleUrl.slice('tianditu:'.length)), kind: 'tianditu' };
  return { style: mapStyleUrl, kind: 'style-url' };
}
