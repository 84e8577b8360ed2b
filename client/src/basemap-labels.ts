/**
 * Offline place names: district names always, township seats from zoom 9 and their names from
 * zoom 11 (HTML markers, so no glyph server is needed).
 */
import { Marker, type Map as MapLibreMap } from 'maplibre-gl';
import { parseCsv } from '../../shared/io/csv.js';
import townshipsCsv from '../../seeds/data/chongqing/townships.csv?raw';

interface Place {
  name: string;
  lng: number;
  lat: number;
}

export function townships(): Place[] {
  return parseCsv(townshipsCsv)
    .filter((r) => r.lng && r.lat)
    .map((r) => ({ name: r.name, lng: Number(r.lng), lat: Number(r.lat) }));
}

function label(text: string, size: number, weight: number): HTMLElement {
  const el = document.createElement('div');
  el.textContent = text;
  el.style.cssText = `font-size:${size}px;font-weight:${weight};color:#37474f;text-shadow:0 0 2px #fff,0 0 2px #fff;pointer-events:none;white-space:nowrap`;
  return el;
}

export function addPlaceLabels(map: MapLibreMap, districts: { name: string; center: [number, number] }[]): () => void {
  const districtMarkers = districts.map((d) => new Marker({ element: label(d.name, 12, 600) }).setLngLat(d.center).addTo(map));
  const towns = townships();
  map.addSource('townships', {
    type: 'geojson',
    data: { type: 'FeatureCollection', features: towns.map((t) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [t.lng, t.lat] }, properties: { name: t.name } })) },
  });
  map.addLayer({ id: 'township-points', type: 'circle', source: 'townships', minzoom: 9, paint: { 'circle-radius': 2, 'circle-color': '#78909c' } }, 'zones-extrusion');
  let townMarkers: Marker[] = [];
  const refresh = () => {
    for (const m of townMarkers) m.remove();
    townMarkers = [];
    const z = map.getZoom();
    for (const m of districtMarkers) m.getElement().style.display = z < 10.5 ? '' : 'none';
    if (z < 11) return;
    const b = map.getBounds();
    townMarkers = towns
      .filter((t) => b.contains([t.lng, t.lat]))
      .slice(0, 200)
      .map((t) => new Marker({ element: label(t.name, 11, 400), offset: [0, -10] }).setLngLat([t.lng, t.lat]).addTo(map));
  };
  map.on('moveend', refresh);
  refresh();
  return () => {
    map.off('moveend', refresh);
    for (const m of [...districtMarkers, ...townMarkers]) m.remove();
  };
}
