/**
 * The map library's own words (the map region, its zoom and compass buttons: their tooltips and
 * what a screen reader says) in the reader's language: given to the map when it is made, and set
 * on its elements again when the language changes.
 */
import type { Lang } from './i18n.js';

type UiText = Record<string, { zh: string; en: string }>;

/** MapLibre's string ids (src/ui/default_locale) → ours; the rest of its strings belong to controls we do not add */
export const MAP_UI_TEXT: UiText = {
  'Map.Title': { zh: '地图', en: 'Map' },
  'NavigationControl.ZoomIn': { zh: '放大', en: 'Zoom in' },
  'NavigationControl.ZoomOut': { zh: '缩小', en: 'Zoom out' },
  'NavigationControl.ResetBearing': { zh: '拖动旋转地图，单击恢复正北', en: 'Drag to rotate the map, click to reset north' },
};

/** The locale patch MapLibre takes when the map is made. */
export const mapLocale = (lang: Lang): Record<string, string> => Object.fromEntries(Object.entries(MAP_UI_TEXT).map(([id, t]) => [id, t[lang]]));

/** where each string shows: the element and whether its tooltip carries it too */
const PLACES: [selector: string, id: string, title: boolean][] = [
  ['canvas.maplibregl-canvas', 'Map.Title', false],
  ['.maplibregl-ctrl-zoom-in', 'NavigationControl.ZoomIn', true],
  ['.maplibregl-ctrl-zoom-out', 'NavigationControl.ZoomOut', true],
  ['.maplibregl-ctrl-compass', 'NavigationControl.ResetBearing', true],
];

/** Sets the map's own words on its elements in `lang` (after a change of language). */
export function localiseMapUi(container: ParentNode, lang: Lang): void {
  for (const [selector, id, title] of PLACES) {
    const el = container.querySelector(selector);
    if (!el) continue;
    el.setAttribute('aria-label', MAP_UI_TEXT[id][lang]);
    if (title) el.setAttribute('title', MAP_UI_TEXT[id][lang]);
  }
}
