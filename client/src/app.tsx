import { useEffect, useState } from 'react';
import { gridReadout, type GridReadout } from './grid-readout.js';
import { t, type Lang } from './i18n.js';
import { MapView } from './map-view.js';

interface Health { status: string; scenario: string; stations: Record<string, number>; landingPoints: number; zones: number }

/** The shell: map, system status and the BeiDou grid readout. Console and portal pages build on it. */
export function App() {
  const [lang, setLang] = useState<Lang>('zh');
  const [health, setHealth] = useState<Health | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [level, setLevel] = useState(7);
  const [heightM, setHeightM] = useState(100);
  const [point, setPoint] = useState<[number, number] | null>(null);
  useEffect(() => {
    fetch('/api/v1/health').then((r) => r.json()).then(setHealth, (e: Error) => setError(e.message));
  }, []);
  const readout: GridReadout | { error: string } | null = point ? gridReadout(point[0], point[1], level, heightM) : null;
  return (
    <div style={{ fontFamily: 'system-ui, "PingFang SC", "Microsoft YaHei", sans-serif', position: 'fixed', inset: 0 }}>
      <MapView onPick={(lng, lat) => setPoint([lng, lat])} />
      <aside style={{ position: 'absolute', top: 12, left: 12, width: 340, background: 'rgba(255,255,255,0.95)', padding: 12, borderRadius: 6, boxShadow: '0 1px 4px #0003' }}>
        <header style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <h1 style={{ fontSize: 16, margin: 0 }}>{t(lang, 'title')}</h1>
          <button type="button" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>{t(lang, 'language')}</button>
        </header>
        {error && <p role="alert">{t(lang, 'unavailable')}: {error}</p>}
        {health && (
          <dl data-testid="health" style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '2px 8px', fontSize: 13 }}>
            <dt>{t(lang, 'status')}</dt><dd style={{ margin: 0 }}>{health.status}</dd>
            <dt>{t(lang, 'scenario')}</dt><dd style={{ margin: 0 }}>{health.scenario}</dd>
            <dt>{t(lang, 'stations')}</dt><dd style={{ margin: 0 }}>A {health.stations.A} · B {health.stations.B} · X {health.stations.X}</dd>
            <dt>{t(lang, 'landingPoints')}</dt><dd style={{ margin: 0 }}>{health.landingPoints}</dd>
            <dt>{t(lang, 'zones')}</dt><dd style={{ margin: 0 }}>{health.zones}</dd>
          </dl>
        )}
        <section data-testid="grid-readout" style={{ fontSize: 13, borderTop: '1px solid #ddd', paddingTop: 8 }}>
          <strong>{t(lang, 'gridCode')}</strong>
          <div style={{ display: 'flex', gap: 8, margin: '6px 0' }}>
            <label>{t(lang, 'level')} <select value={level} onChange={(e) => setLevel(Number(e.target.value))}>
              {Array.from({ length: 10 }, (_, i) => <option key={i + 1} value={i + 1}>{i + 1}</option>)}
            </select></label>
            <label>{t(lang, 'height')} <input type="number" value={heightM} style={{ width: 70 }} onChange={(e) => setHeightM(Number(e.target.value) || 0)} /></label>
          </div>
          {!readout && <p>{t(lang, 'clickMap')}</p>}
          {readout && 'error' in readout && <p role="alert">{readout.error}</p>}
          {readout && 'code' in readout && (
            <div>
              <div>{readout.lng.toFixed(6)}, {readout.lat.toFixed(6)}</div>
              <div><code data-testid="grid-code" style={{ fontSize: 15 }}>{readout.code}</code></div>
              <div>{t(lang, 'code3d')}: <code>{readout.code3d}</code></div>
              <div>{t(lang, 'cell')}: {readout.sizeM[0]} m × {readout.sizeM[1]} m</div>
            </div>
          )}
        </section>
      </aside>
    </div>
  );
}
