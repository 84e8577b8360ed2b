/** Layers and legend, the 3D toggle, and the altitude and time sliders (the time slider's 0 is the server's now). */
import type React from 'react';
import { t, type Lang, type StringKey } from './i18n.js';
import { ZONE_COLOURS } from './map-data.js';
import type { LayerGroup } from './map-layers.js';
import { formatUtc8, ZONE_KIND_TEXT } from './value-text.js';

const LAYER_LABELS: Record<LayerGroup, StringKey> = {
  jurisdictions: 'jurisdictions',
  zones: 'zones',
  coverage: 'coverage',
  landingPoints: 'landingPoints',
  aircraft: 'aircraft',
  planner: 'plannerLayer',
};

export interface LegendPanelProps {
  lang: Lang;
  visible: Record<LayerGroup, boolean>;
  setVisible: (v: Record<LayerGroup, boolean>) => void;
  zones3d: boolean;
  setZones3d: (on: boolean) => void;
  altitudeM: number;
  setAltitudeM: (m: number) => void;
  hourOffset: number;
  setHourOffset: (h: number) => void;
  /** the moment the time slider shows (server now + offset) */
  timeMs: number;
}

/** Suitable airspace is a faint green ground, a corridor a blue band, other zones solid squares. */
function swatch(kind: string, colour: string): React.CSSProperties {
  if (kind === 'suitable') return { width: 10, height: 10, background: `${colour}33`, border: `1px solid ${colour}99` };
  if (kind === 'corridor') return { width: 14, height: 5, background: colour, verticalAlign: 'middle' };
  return { width: 10, height: 10, background: colour };
}

export function LegendPanel(p: LegendPanelProps) {
  const { lang } = p;
  return (
    <>
      <strong>{t(lang, 'layers')}</strong>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }}>
        {(Object.keys(LAYER_LABELS) as LayerGroup[]).map((g) => (
          <label key={g}>
            <input type="checkbox" checked={p.visible[g]} onChange={(e) => p.setVisible({ ...p.visible, [g]: e.target.checked })} /> {t(lang, LAYER_LABELS[g])}
          </label>
        ))}
        <label>
          <input data-testid="zones-3d" type="checkbox" checked={p.zones3d} onChange={(e) => p.setZones3d(e.target.checked)} /> {t(lang, 'zones3d')}
        </label>
      </div>
      <div data-testid="zone-kinds" style={{ display: 'flex', flexWrap: 'wrap', gap: 6, margin: '6px 0' }}>
        {Object.entries(ZONE_COLOURS).map(([k, c]) => (
          <span key={k}>
            <span style={{ display: 'inline-block', marginRight: 3, ...swatch(k, c) }} />
            {ZONE_KIND_TEXT[k as keyof typeof ZONE_KIND_TEXT]?.[lang] ?? k}
          </span>
        ))}
      </div>
      <div style={{ display: 'flex', gap: 10, flexWrap: 'wrap' }}>
        <span>
          <span style={{ color: '#1565c0' }}>▲</span> {t(lang, 'cooperative')}
        </span>
        <span>
          <span style={{ color: '#6d4c41' }}>▲</span> {t(lang, 'surveillanceOnly')}
        </span>
        <span>
          <span style={{ color: '#d50000' }}>▲</span> {t(lang, 'alerting')}
        </span>
        <span>
          <span style={{ color: '#7fb2d9' }}>━</span> {lang === 'zh' ? '河流' : 'rivers'}
        </span>
      </div>
      <label style={{ display: 'block', marginTop: 6 }}>
        {t(lang, 'altitudeSlider')} {p.altitudeM} m
        <input data-testid="altitude-slider" type="range" min={0} max={600} step={10} value={p.altitudeM} onChange={(e) => p.setAltitudeM(Number(e.target.value))} style={{ width: '100%' }} />
      </label>
      <label style={{ display: 'block' }}>
        {t(lang, 'timeSlider')}{' '}
        <span data-testid="time-slider-value" data-ms={Math.round(p.timeMs)}>
          {formatUtc8(p.timeMs).slice(5)}
        </span>{' '}
        (UTC+8)
        {p.hourOffset === 0 ? ` · ${t(lang, 'now')}` : ` · ${p.hourOffset > 0 ? '+' : ''}${p.hourOffset} h`}
        <input data-testid="time-slider" type="range" min={-24} max={72} step={1} value={p.hourOffset} onChange={(e) => p.setHourOffset(Number(e.target.value))} style={{ width: '100%' }} />
      </label>
    </>
  );
}
