/**
 * The map, with a basemap drawn from the bundled district boundaries so it works with no
 * internet. Clicking a point shows its BeiDou grid codes.
 */
import { Map as MapLibreMap, NavigationControl, setWorkerUrl, type MapMouseEvent, type StyleSpecification } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef } from 'react';
import districtsUrl from '../../seeds/chongqing/districts.geojson?url';

// the worker is bundled by Vite and served with the app (no CDN)
setWorkerUrl(workerUrl);

export const OFFLINE_STYLE: StyleSpecification = {
  version: 8,
  sources: { districts: { type: 'geojson', data: districtsUrl } },
  layers: [
    { id: 'background', type: 'background', paint: { 'background-color': '#dfe8ef' } },
    { id: 'districts-fill', type: 'fill', source: 'districts', paint: { 'fill-color': '#f6f4ee', 'fill-opacity': 1 } },
    { id: 'districts-line', type: 'line', source: 'districts', paint: { 'line-color': '#8a94a6', 'line-width': 1 } },
  ],
};

export interface MapViewProps {
  onPick: (lng: number, lat: number) => void;
  styleUrl?: string;
}

export function MapView({ onPick, styleUrl }: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  useEffect(() => {
    if (!container.current) return;
    const map = new MapLibreMap({ container: container.current, style: styleUrl ?? OFFLINE_STYLE, center: [107.8, 30.05], zoom: 6.3, attributionControl: false });
    map.addControl(new NavigationControl(), 'top-right');
    map.on('click', (e: MapMouseEvent) => pick.current(e.lngLat.lng, e.lngLat.lat));
    (window as unknown as { __yukongMap?: MapLibreMap }).__yukongMap = map;
    return () => map.remove();
  }, [styleUrl]);
  return <div ref={container} data-testid="map" style={{ position: 'absolute', inset: 0 }} />;
}
