/**
 * Text on the map without a glyph server: HTML markers for the labels in view, from a zoom on,
 * reused by key so that moving aircraft do not rebuild the DOM every second.
 */
import { Marker, type Map as MapLibreMap } from 'maplibre-gl';

export interface MapLabel {
  key: string;
  at: [number, number];
  text: string;
}

export interface LabelLayerOptions {
  minzoom: number;
  /** at most this many labels (the first ones given) */
  max: number;
  /** CSS of the label's element */
  css: string;
  offset?: [number, number];
  testId?: string;
}

export interface LabelLayer {
  set(labels: MapLabel[]): void;
  remove(): void;
}

export function labelLayer(map: MapLibreMap, o: LabelLayerOptions): LabelLayer {
  let labels: MapLabel[] = [];
  const shown = new Map<string, Marker>();
  const refresh = () => {
    const wanted = new Map<string, MapLabel>();
    if (map.getZoom() >= o.minzoom) {
      const b = map.getBounds();
      for (const l of labels) {
        if (wanted.size >= o.max) break;
        if (b.contains(l.at)) wanted.set(l.key, l);
      }
    }
    for (const [k, m] of shown)
      if (!wanted.has(k)) {
        m.remove();
        shown.delete(k);
      }
    for (const [k, l] of wanted) {
      const m = shown.get(k);
      if (m) {
        m.setLngLat(l.at);
        const el = m.getElement();
        if (el.textContent !== l.text) el.textContent = l.text;
        continue;
      }
      const el = document.createElement('div');
      el.textContent = l.text;
      el.style.cssText = `pointer-events:none;white-space:nowrap;${o.css}`;
      if (o.testId) el.dataset.testid = o.testId;
      shown.set(k, new Marker({ element: el, ...(o.offset ? { offset: o.offset } : {}) }).setLngLat(l.at).addTo(map));
    }
  };
  map.on('moveend', refresh);
  return {
    set(next) {
      labels = next;
      refresh();
    },
    remove() {
      map.off('moveend', refresh);
      for (const m of shown.values()) m.remove();
      shown.clear();
    },
  };
}

/** A point to write a line's name at: the vertex in the middle of its longest part. */
export function lineLabelPoint(parts: [number, number][][]): [number, number] | null {
  let best: [number, number][] | null = null;
  for (const p of parts) if (!best || p.length > best.length) best = p;
  return best?.length ? best[Math.floor(best.length / 2)] : null;
}
