/** The BeiDou grid code of the last clicked point, at a chosen level and height, and the zones over it. */
import { useMemo, useState } from 'react';
import type { Zone } from '../../shared/schemas/zone.js';
import { gridReadout } from './grid-readout.js';
import { t, type Lang } from './i18n.js';
import { ZONE_KIND_TEXT } from './value-text.js';
import { zoneName } from './zone-text.js';
import { zonesAtPoint } from './zones-at-point.js';

const LEVELS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

export function GridReadoutPanel({ lang, point, zones = [] }: { lang: Lang; point: [number, number] | null; zones?: readonly Zone[] }) {
  const [level, setLevel] = useState(7);
  const [heightM, setHeightM] = useState(100);
  const readout = point ? gridReadout(point[0], point[1], level, heightM) : null;
  const over = useMemo(() => (point ? zonesAtPoint(zones, point[0], point[1]) : []), [zones, point]);
  return (
    <section data-testid="grid-readout" style={{ borderTop: '1px solid #ddd', paddingTop: 8 }}>
      <strong>{t(lang, 'gridCode')}</strong>
      <div style={{ display: 'flex', gap: 8, margin: '6px 0' }}>
        <label>
          {t(lang, 'level')}{' '}
          <select value={level} onChange={(e) => setLevel(Number(e.target.value))}>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(lang, 'height')} <input type="number" value={heightM} style={{ width: 70 }} onChange={(e) => setHeightM(Number(e.target.value) || 0)} />
        </label>
      </div>
      {!readout && <p>{t(lang, 'clickMap')}</p>}
      {readout && 'error' in readout && <p role="alert">{readout.error}</p>}
      {readout && 'code' in readout && (
        <div>
          <div>
            {readout.lng.toFixed(6)}, {readout.lat.toFixed(6)}
          </div>
          <div>
            <code data-testid="grid-code" style={{ fontSize: 15 }}>
              {readout.code}
            </code>
          </div>
          <div>
            {t(lang, 'code3d')}: <code>{readout.code3d}</code>
          </div>
          <div>
            {t(lang, 'cell')}: {readout.sizeM[0]} m × {readout.sizeM[1]} m
          </div>
          <div style={{ marginTop: 4 }}>
            {t(lang, 'zonesHere')}:{' '}
            {over.length === 0 ? (
              t(lang, 'noZoneHere')
            ) : (
              <ul data-testid="zones-here" style={{ paddingLeft: 18, margin: '2px 0' }}>
                {over.map((z) => (
                  <li key={z.id} data-zone={z.id} data-kind={z.kind}>
                    {zoneName(z, lang)} · {ZONE_KIND_TEXT[z.kind][lang]} · {z.altitudeLowerM}–{z.altitudeUpperM} m
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
