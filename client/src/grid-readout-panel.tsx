/** The BeiDou grid code of the last clicked point, at a chosen level and height. */
import { useState } from 'react';
import { gridReadout } from './grid-readout.js';
import { t, type Lang } from './i18n.js';

const LEVELS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

export function GridReadoutPanel({ lang, point }: { lang: Lang; point: [number, number] | null }) {
  const [level, setLevel] = useState(7);
  const [heightM, setHeightM] = useState(100);
  const readout = point ? gridReadout(point[0], point[1], level, heightM) : null;
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
        </div>
      )}
    </section>
  );
}
