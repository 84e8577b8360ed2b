/**
 * The map, with an offline basemap drawn from the bundled district boundaries and rivers (or an
 * online one from configuration), and the data layers on top. Clicking an aircraft or a landing
 * point opens its card; clicking elsewhere shows the point's BeiDou grid codes.
 */
import { Map as MapLibreMap, NavigationControl, setWorkerUrl, type MapMouseEvent } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import { addPlaceLabels } from './basemap-labels.js';
import type { Lang } from './i18n.js';
import { localiseMapUi, mapLocale } from './map-ui-text.js';
import { addOverlay, basemapFor, districtsUrl, waterUrl } from './basemap-style.js';
import type { FeatureCollection } from './map-data.js';
import { labelLayer, lineLabelPoint, type LabelLayer, type MapLabel } from './map-labels.js';
import { addDataLayers, LAYER_GROUPS, setData, setVisible, setZoneEmphasis, setZones3d, type LayerGroup, type SourceId } from './map-layers.js';

export { OFFLINE_STYLE } from './basemap-style.js';

// the worker is bundled by Vite and served with the app (no CDN)
setWorkerUrl(workerUrl);

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
  /** the selected airspace edition's difference */
  editionDiff?: FeatureCollection;
}
const SOURCE_OF: Record<keyof MapData, SourceId> = {
  zones: 'zones',
  coverage: 'coverage',
  landingPoints: 'landing-points',
  aircraft: 'aircraft',
  trails: 'trails',
  planVolumes: 'plan-volumes',
  draft: 'draft',
  plannerCells: 'planner-cells',
  plannerSites: 'planner-sites',
  editionDiff: 'edition-diff',
};

export type Box = [number, number, number, number];
export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}
export type PickedFeature = { kind: 'aircraft'; id: string } | { kind: 'landing-point'; id: string };

export interface MapViewProps {
  /** the reader's language, for the map's own words (zoom buttons, the map region) */
  lang?: Lang;
  /** vertices are being clicked: a double click adds a vertex (dropped as a repeat), it does not zoom */
  drawing?: boolean;
  /** a click on the map, with its scale there (metres a pixel) */
  onPick: (lng: number, lat: number, metresPerPx: number) => void;
  /** an aircraft or a landing point was clicked */
  onFeature?: (f: PickedFeature) => void;
  onBounds?: (bbox: Box) => void;
  data: MapData;
  visible: Record<LayerGroup, boolean>;
  /** district adcode → colour of its station's jurisdiction */
  jurisdictions?: Record<string, string>;
  styleUrl?: string;
  /** fit to this box when it changes (a selected plan), clear of the side panels */
  focus?: Box | null;
  /** where the side panels cover the map (px) */
  padding?: Padding;
  /** open on this box once (an operator's jurisdiction) */
  home?: Box | null;
  /** who the home view is for: each sign-in starts there, wherever the last one left the map */
  homeFor?: string;
  /** centre here when `seq` changes (an alert's "centre on it") */
  centre?: { at: [number, number]; seq: number } | null;
  zones3d?: boolean;
  labels?: { zones?: MapLabel[]; aircraft?: MapLabel[]; landingPoints?: MapLabel[] };
}

/** a box this narrow (≈ 10 m) is a point: framed with the land around it */
const POINT_BOX_DEG = 0.0001;

/** the whole city, where the map opens (and where a sign-in without a jurisdiction of its own starts) */
const CITY_VIEW = { center: [107.8, 30.05] as [number, number], zoom: 6.3 };

const LABEL_CSS = {
  zones: 'font-size:11px;font-weight:600;color:#4a148c;text-align:center;text-shadow:0 0 2px #fff,0 0 2px #fff,0 0 3px #fff;white-space:pre',
  aircraft: 'font-size:11px;color:#0d47a1;background:#ffffffcc;padding:0 3px;border-radius:3px',
  landingPoints: 'font-size:10px;color:#263238;text-shadow:0 0 2px #fff,0 0 2px #fff',
  water: 'font-size:12px;font-style:italic;color:#1f5f99;text-shadow:0 0 2px #fff,0 0 2px #fff',
};

export function MapView({
  lang = 'zh',
  drawing = false,
  onPick,
  onFeature,
  onBounds,
  data,
  visible,
  jurisdictions,
  styleUrl,
  focus,
  padding,
  home,
  homeFor,
  centre,
  zones3d = false,
  labels,
}: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const layersRef = useRef<Record<'zones' | 'aircraft' | 'landingPoints', LabelLayer> | null>(null);
  /** whether some aircraft is alerting (the flashing runs only then) */
  const alertingRef = useRef(false);
  const [ready, setReady] = useState(false);
  const langRef = useRef(lang);
  langRef.current = lang;
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    if (drawing) map.doubleClickZoom.disable();
    else map.doubleClickZoom.enable();
  }, [ready, drawing]);
  // the map's own words follow the reader's language
  useEffect(() => {
    if (container.current) localiseMapUi(container.current, lang);
  }, [lang]);
  const handlers = useRef({ onPick, onFeature, onBounds });
  handlers.current = { onPick, onFeature, onBounds };
  useEffect(() => {
    if (!container.current) return;
    const basemap = basemapFor(styleUrl);
    const map = new MapLibreMap({
      container: container.current,
      style: basemap.style,
      center: CITY_VIEW.center,
      zoom: CITY_VIEW.zoom,
      attributionControl: false,
      maxPitch: 70,
      locale: mapLocale(langRef.current),
    });
    mapRef.current = map;
    map.addControl(new NavigationControl({ visualizePitch: true }), 'top-right');
    map.on('click', (e: MapMouseEvent) => {
      const box: [[number, number], [number, number]] = [
        [e.point.x - 6, e.point.y - 6],
        [e.point.x + 6, e.point.y + 6],
      ];
      const layers = ['aircraft', 'aircraft-dots', 'lp-points'].filter((l) => map.getLayer(l));
      const hit = map.queryRenderedFeatures(box, { layers })[0];
      const id = hit?.properties?.id;
      if (hit && typeof id === 'string' && handlers.current.onFeature) handlers.current.onFeature({ kind: hit.layer.id === 'lp-points' ? 'landing-point' : 'aircraft', id });
      else {
        // the map's scale where it was clicked (web mercator, 512 px tiles)
        const metresPerPx = (40_075_016.686 * Math.cos((e.lngLat.lat * Math.PI) / 180)) / (512 * 2 ** map.getZoom());
        handlers.current.onPick(e.lngLat.lng, e.lngLat.lat, metresPerPx);
      }
    });
    const report = () => {
      const b = map.getBounds();
      handlers.current.onBounds?.([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]);
    };
    map.on('moveend', report);
    let removeLabels: (() => void) | null = null;
    let waterLabels: LabelLayer | null = null;
    map.on('load', () => {
      if (basemap.kind === 'style-url') addOverlay(map);
      addDataLayers(map);
      setZoneEmphasis(map);
      layersRef.current = {
        zones: labelLayer(map, { minzoom: 10, max: 60, css: LABEL_CSS.zones, testId: 'zone-label' }),
        landingPoints: labelLayer(map, { minzoom: 12, max: 80, css: LABEL_CSS.landingPoints, offset: [0, 12] }),
        aircraft: labelLayer(map, { minzoom: 12, max: 150, css: LABEL_CSS.aircraft, offset: [0, -20], testId: 'aircraft-label' }),
      };
      setReady(true);
      (window as unknown as { __yukongReady?: boolean }).__yukongReady = true;
      report();
      if (basemap.kind === 'tianditu') return; // Tianditu writes its own names
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
      fetch(waterUrl)
        .then((r) => r.json())
        .then(
          (fc: { features: { properties: { nameZh: string; kind: string }; geometry: { coordinates: [number, number][][] } }[] }) => {
            if (mapRef.current !== map) return;
            waterLabels = labelLayer(map, { minzoom: 7, max: 20, css: LABEL_CSS.water });
            waterLabels.set(
              fc.features.flatMap((f, i) => {
                const at = f.properties.kind === 'river' ? lineLabelPoint(f.geometry.coordinates) : null;
                return at ? [{ key: `w${i}`, at, text: f.properties.nameZh }] : [];
              }),
            );
          },
          () => undefined,
        );
    });
    // alerting aircraft flash; silent ones stay faded
    // (only while some aircraft is alerting: every paint change redraws the whole map)
    let on = false;
    const flash = setInterval(() => {
      if (!alertingRef.current && !on) return;
      on = alertingRef.current ? !on : false;
      if (map.getLayer('aircraft-dots')) map.setPaintProperty('aircraft-dots', 'circle-radius', ['match', ['get', 'state'], 'alert', on ? 6 : 3, 2.5]);
      if (map.getLayer('aircraft')) map.setPaintProperty('aircraft', 'icon-opacity', ['case', ['get', 'silent'], 0.35, ['match', ['get', 'state'], 'alert', on ? 1 : 0.35, 1]]);
    }, 600);
    (window as unknown as { __yukongMap?: MapLibreMap }).__yukongMap = map;
    return () => {
      clearInterval(flash);
      removeLabels?.();
      waterLabels?.remove();
      for (const l of Object.values(layersRef.current ?? {})) l.remove();
      layersRef.current = null;
      map.remove();
      mapRef.current = null;
      setReady(false);
    };
  }, [styleUrl]);
  // each source is handed its data when that data changes (by identity), once the map is ready
  const sent = useRef<MapData>({});
  useEffect(() => {
    if (data.aircraft !== sent.current.aircraft) alertingRef.current = !!data.aircraft?.features.some((f) => f.properties?.state === 'alert');
    const map = mapRef.current;
    if (!ready || !map) return;
    for (const key of Object.keys(SOURCE_OF) as (keyof MapData)[]) {
      const fc = data[key];
      if (fc && fc !== sent.current[key]) setData(map, SOURCE_OF[key], fc);
    }
    sent.current = { ...data };
  });
  useEffect(() => {
    if (!ready) sent.current = {};
  }, [ready]);
  useEffect(() => {
    if (ready && mapRef.current) for (const g of LAYER_GROUPS) setVisible(mapRef.current, g, visible[g]);
  }, [ready, visible]);
  useEffect(() => {
    if (ready && mapRef.current) setZones3d(mapRef.current, zones3d);
  }, [ready, zones3d]);
  useEffect(() => {
    const l = layersRef.current;
    if (!ready || !l) return;
    l.zones.set(visible.zones ? (labels?.zones ?? []) : []);
    l.aircraft.set(visible.aircraft ? (labels?.aircraft ?? []) : []);
    l.landingPoints.set(visible.landingPoints ? (labels?.landingPoints ?? []) : []);
  }, [ready, labels, visible]);
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !jurisdictions || !Object.keys(jurisdictions).length || !map.getLayer('districts-fill')) return;
    map.setPaintProperty('districts-fill', 'fill-color', ['match', ['get', 'adcode'], ...Object.entries(jurisdictions).flat(), '#f6f4ee'] as never);
  }, [ready, jurisdictions]);
  // the camera moves only when what it is asked to show changes (the padding follows the panels)
  const pad = useRef<Padding>({ top: 60, right: 60, bottom: 60, left: 60 });
  if (padding) pad.current = padding;
  const homeKey = home?.join(',') ?? '';
  const focusKey = focus?.join(',') ?? '';
  const fitTo = (key: string, maxZoom: number) => {
    const map = mapRef.current;
    if (!ready || !map || !key) return;
    const b = key.split(',').map(Number);
    const p = pad.current;
    map.fitBounds(
      [
        [b[0], b[1]],
        [b[2], b[3]],
      ],
      { padding: { top: p.top + 40, right: p.right + 40, bottom: p.bottom + 40, left: p.left + 40 }, maxZoom, duration: 0 },
    );
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the selected plan changes
  useEffect(() => {
    // a box around one point (an edition that changes one landing point) is framed with the land around it
    const b = focusKey.split(',').map(Number);
    fitTo(focusKey, b.length === 4 && b[2] - b[0] < POINT_BOX_DEG && b[3] - b[1] < POINT_BOX_DEG ? 11 : 14);
  }, [ready, focusKey]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the jurisdiction or the principal changes (a new sign-in)
  useEffect(() => {
    if (homeKey) fitTo(homeKey, 11);
    else if (ready) mapRef.current?.jumpTo({ center: CITY_VIEW.center, zoom: CITY_VIEW.zoom, bearing: 0, pitch: 0 }); // the whole city
  }, [ready, homeKey, homeFor]);
  const centreSeq = centre?.seq ?? 0;
  const centreAt = useRef(centre?.at);
  centreAt.current = centre?.at;
  useEffect(() => {
    const map = mapRef.current;
    const at = centreAt.current;
    if (ready && map && at && centreSeq) map.easeTo({ center: at, zoom: Math.max(map.getZoom(), 13), duration: 0, padding: pad.current });
  }, [ready, centreSeq]);
  return <div ref={container} data-testid="map" style={{ position: 'absolute', inset: 0 }} />;
}
