/**
 * The map, with a basemap drawn from the bundled district boundaries so it works with no
 * internet, and the data layers on top. Clicking a point shows its BeiDou grid codes.
 */
import { Map as MapLibreMap, NavigationControl, setWorkerUrl, type MapMouseEvent, type StyleSpecification } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import districtsUrl from '../../seeds/chongqing/districts.geojson?url';
import type { FeatureCollection } from './map-data.js';
import { addPlaceLabels } from './basemap-labels.js';
import { addDataLayers, LAYER_GROUPS, setData, setVisible, setZoneEmphasis, type LayerGroup } from './map-layers.js';

// the worker is bundled by Vite and served with the app (no CDN)
setWorkerUrl(workerUrl);

export const OFFLINE_STYLE: StyleSpecification = {
  version: 8,
  sources: { districts: { type: 'geojson', data: districtsUrl } },
  layers: [
    { id: 'background', type: 'background', paint: { 'background-color': '#dfe8ef' } },
    { id: 'districts-base', type: 'fill', source: 'districts', paint: { 'fill-color': '#f6f4ee' } },
    { id: 'districts-fill', type: 'fill', source: 'districts', paint: { 'fill-color': '#f6f4ee', 'fill-opacity': 0.9 } },
    { id: 'districts-line', type: 'line', source: 'districts', paint: { 'line-color': '#8a94a6', 'line-width': 1 } },
  ],
};

export interface MapData {
  zones?: FeatureCollection;
  coverage?: FeatureCollection;
  landingPoints?: FeatureCollection;
  aircraft?: FeatureCollection;
  trails?: FeatureCollection;
  planVolumes?: FeatureCollection;
  draft?: FeatureCollection;
  plannerCells?: FeatureCollection;
  plannerSites?: FeatureCollection;
}

export interface MapViewProps {
  onPick: (lng: number, lat: number) => void;
  onBounds?: (bbox: [number, number, number, number]) => void;
  data: MapData;
  visible: Record<LayerGroup, boolean>;
  /** district adcode → colour of its station's jurisdiction */
  jurisdictions?: Record<string, string>;
  styleUrl?: string;
  /** fly to this box when it changes (a selected plan) */
  focus?: [number, number, number, number] | null;
}

export function MapView({ onPick, onBounds, data, visible, jurisdictions, styleUrl, focus }: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [ready, setReady] = useState(false);
  const pick = useRef(onPick);
  pick.current = onPick;
  const bounds = useRef(onBounds);
  bounds.current = onBounds;
  useEffect(() => {
    if (!container.current) return;
    const map = new MapLibreMap({ container: container.current, style: styleUrl ?? OFFLINE_STYLE, center: [107.8, 30.05], zoom: 6.3, attributionControl: false, maxPitch: 70 });
    mapRef.current = map;
    map.addControl(new NavigationControl({ visualizePitch: true }), 'top-right');
    map.on('click', (e: MapMouseEvent) => pick.current(e.lngLat.lng, e.lngLat.lat));
    const report = () => {
      const b = map.getBounds();
      bounds.current?.([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]);
    };
    map.on('moveend', report);
    let removeLabels: (() => void) | null = null;
    map.on('load', () => {
      addDataLayers(map);
      setZoneEmphasis(map);
      setReady(true);
      (window as unknown as { __yukongReady?: boolean }).__yukongReady = true;
      report();
      // place names for the offline basemap
      fetch(districtsUrl)
        .then((r) => r.json())
        .then(
          (fc: { features: { properties: { name: string; center?: [number, number]; centroid?: [number, number] } }[] }) => {
            if (mapRef.current !== map) return;
            removeLabels = addPlaceLabels(
              map,
              fc.features.map((f) => ({ name: f.properties.name, center: f.properties.centroid ?? f.properties.center ?? [0, 0] })),
            );
          },
          () => undefined,
        );
    });
    // alerting aircraft flash
    let on = false;
    const flash = setInterval(() => {
      on = !on;
      if (map.getLayer('aircraft-dots')) map.setPaintProperty('aircraft-dots', 'circle-radius', ['match', ['get', 'state'], 'alert', on ? 6 : 3, 2.5]);
      if (map.getLayer('aircraft')) map.setPaintProperty('aircraft', 'icon-opacity', ['match', ['get', 'state'], 'alert', on ? 1 : 0.35, 1]);
    }, 600);
    (window as unknown as { __yukongMap?: MapLibreMap }).__yukongMap = map;
    return () => {
      clearInterval(flash);
      removeLabels?.();
      map.remove();
      mapRef.current = null;
      setReady(false);
    };
  }, [styleUrl]);
  useEffect(() => {
    if (ready && mapRef.current && data.zones) setData(mapRef.current, 'zones', data.zones);
  }, [ready, data.zones]);
  useEffect(() => {
    if (ready && mapRef.current && data.coverage) setData(mapRef.current, 'coverage', data.coverage);
  }, [ready, data.coverage]);
  useEffect(() => {
    if (ready && mapRef.current && data.landingPoints) setData(mapRef.current, 'landing-points', data.landingPoints);
  }, [ready, data.landingPoints]);
  useEffect(() => {
    if (ready && mapRef.current && data.aircraft) setData(mapRef.current, 'aircraft', data.aircraft);
  }, [ready, data.aircraft]);
  useEffect(() => {
    if (ready && mapRef.current && data.trails) setData(mapRef.current, 'trails', data.trails);
  }, [ready, data.trails]);
  useEffect(() => {
    if (ready && mapRef.current && data.planVolumes) setData(mapRef.current, 'plan-volumes', data.planVolumes);
  }, [ready, data.planVolumes]);
  useEffect(() => {
    if (ready && mapRef.current && data.draft) setData(mapRef.current, 'draft', data.draft);
  }, [ready, data.draft]);
  useEffect(() => {
    if (ready && mapRef.current && data.plannerCells) setData(mapRef.current, 'planner-cells', data.plannerCells);
  }, [ready, data.plannerCells]);
  useEffect(() => {
    if (ready && mapRef.current && data.plannerSites) setData(mapRef.current, 'planner-sites', data.plannerSites);
  }, [ready, data.plannerSites]);
  useEffect(() => {
    if (ready && mapRef.current) for (const g of LAYER_GROUPS) setVisible(mapRef.current, g, visible[g]);
  }, [ready, visible]);
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !jurisdictions || !Object.keys(jurisdictions).length || !map.getLayer('districts-fill')) return;
    map.setPaintProperty('districts-fill', 'fill-color', ['match', ['get', 'adcode'], ...Object.entries(jurisdictions).flat(), '#f6f4ee'] as never);
  }, [ready, jurisdictions]);
  useEffect(() => {
    if (ready && mapRef.current && focus)
      mapRef.current.fitBounds(
        [
          [focus[0], focus[1]],
          [focus[2], focus[3]],
        ],
        { padding: 120, maxZoom: 14, duration: 0 },
      );
  }, [ready, focus]);
  return <div ref={container} data-testid="map" style={{ position: 'absolute', inset: 0 }} />;
}
