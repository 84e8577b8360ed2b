/** What the planner puts on the map for the phase shown — coverage cells, the sites (all, or only the phase's new ones), X base stations — and the legend for each. */
import type { Lang } from './i18n.js';
import { PLANNER_TEXT as P } from './i18n-planner.js';
import type { FeatureCollection } from './map-data.js';
import { DISTANCE_BINS } from './planner-data.js';

export interface PlannerLayers {
  cells: boolean;
  sites: boolean;
  onlyNew: boolean;
  stations: boolean;
}
export const DEFAULT_PLANNER_LAYERS: PlannerLayers = { cells: false, sites: true, onlyNew: false, stations: false };

/** The sites collection of a phase filtered as the layers ask (pure). */
export function filterSites(fc: FeatureCollection, l: PlannerLayers): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: fc.features.filter((f) => {
      const p = f.properties as { kind?: string; isNew?: boolean };
      if (p.kind === 'station') return l.stations;
      return l.sites && (!l.onlyNew || !!p.isNew);
    }),
  };
}

const swatch = (colour: string, round = true) => <span style={{ display: 'inline-block', width: 9, height: 9, borderRadius: round ? '50%' : 0, background: colour, marginRight: 3 }} />;

export function PlannerMapControls({ lang, layers, setLayers }: { lang: Lang; layers: PlannerLayers; setLayers: (l: PlannerLayers) => void }) {
  const box = (k: keyof PlannerLayers, label: string, disabled = false) => (
    <label style={{ marginRight: 8, opacity: disabled ? 0.5 : 1 }}>
      <input type="checkbox" data-testid={`planner-layer-${k}`} checked={layers[k]} disabled={disabled} onChange={(e) => setLayers({ ...layers, [k]: e.target.checked })} /> {label}
    </label>
  );
  return (
    <div data-testid="planner-legend" style={{ fontSize: 12, margin: '4px 0', borderTop: '1px solid #eee', paddingTop: 4 }}>
      <strong>{P.mapLayers[lang]}</strong>
      <div>
        {box('sites', P.showSites[lang])}
        {box('onlyNew', P.onlyNew[lang], !layers.sites)}
        {box('stations', P.showStations[lang])}
        {box('cells', P.showCells[lang])}
      </div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        {layers.sites && (
          <span>
            {swatch('#e65100')}
            {P.newSites[lang]}
          </span>
        )}
        {layers.sites && !layers.onlyNew && (
          <span>
            {swatch('#37474f')}
            {P.oldSites[lang]}
          </span>
        )}
        {layers.stations && (
          <span>
            {swatch('#7b1fa2')}
            {P.stations[lang]}
          </span>
        )}
      </div>
      {layers.cells && (
        <div>
          {P.distanceLegend[lang]}
          {lang === 'zh' ? '：' : ': '}
          {DISTANCE_BINS.map((d) => (
            <span key={d.upToKm} style={{ marginRight: 4 }}>
              {swatch(d.colour, false)}≤{Number.isFinite(d.upToKm) ? d.upToKm : '∞'}
            </span>
          ))}{' '}
          {lang === 'zh' ? '公里' : 'km'}
        </div>
      )}
      <div style={{ color: '#777' }}>{P.liveHint[lang]}</div>
    </div>
  );
}
