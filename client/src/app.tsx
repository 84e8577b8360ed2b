import { useCallback, useEffect, useMemo, useState } from 'react';
import { gridReadout, type GridReadout } from './grid-readout.js';
import { t, type Lang, type StringKey } from './i18n.js';
import type { LngLat } from '../../shared/geo/types.js';
import type { FlightPlan } from '../../shared/schemas/flight-plan-record.js';
import {
  aircraftCollection,
  coverageCollection,
  draftCollection,
  jurisdictionColour,
  landingPointsCollection,
  planVolumesCollection,
  trailsCollection,
  ZONE_COLOURS,
  zonesCollection,
} from './map-data.js';
import { CompanyAdminPage } from './company-admin-page.js';
import { OperatorConsole } from './operator-console.js';
import { PilotPortal } from './pilot-portal.js';
import { PlannerPage } from './planner-page.js';
import type { PlanShape } from './pilot-plan-input.js';
import type { FeatureCollection } from './map-data.js';
import { RestrictionEditor } from './restriction-editor.js';
import type { LayerGroup } from './map-layers.js';
import { toLocalInput } from './local-time.js';
import { MapView } from './map-view.js';
import { useLiveData } from './use-live-data.js';

interface Health {
  status: string;
  scenario: string;
  stations: Record<string, number>;
  landingPoints: number;
  zones: number;
  mapStyleUrl?: string;
}

const TOKEN_KEY = 'yukong.token';
const LAYER_LABELS: Record<LayerGroup, StringKey> = {
  jurisdictions: 'jurisdictions',
  zones: 'zones',
  coverage: 'coverage',
  landingPoints: 'landingPoints',
  aircraft: 'aircraft',
  planner: 'plannerLayer',
};
const panel = { background: 'rgba(255,255,255,0.95)', padding: 12, borderRadius: 6, boxShadow: '0 1px 4px #0003', fontSize: 13 } as const;

/** The shell: map with layers, sign-in, live counters, sliders and the BeiDou grid readout. */
export function App() {
  const [lang, setLang] = useState<Lang>('zh');
  const [health, setHealth] = useState<Health | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [token, setToken] = useState<string | null>(() => new URLSearchParams(location.search).get('token') ?? localStorage.getItem(TOKEN_KEY));
  const [draft, setDraft] = useState('');
  const [level, setLevel] = useState(7);
  const [heightM, setHeightM] = useState(100);
  const [altitudeM, setAltitudeM] = useState(100);
  const [hourOffset, setHourOffset] = useState(0);
  const [point, setPoint] = useState<[number, number] | null>(null);
  const [visible, setVisible] = useState<Record<LayerGroup, boolean>>({ jurisdictions: true, zones: true, coverage: false, landingPoints: true, aircraft: true, planner: true });
  const [plannerMap, setPlannerMap] = useState<{ cells: FeatureCollection | null; sites: FeatureCollection | null }>({ cells: null, sites: null });
  const onPlannerMap = useCallback((cells: FeatureCollection | null, sites: FeatureCollection | null) => setPlannerMap({ cells, sites }), []);
  const [drawing, setDrawing] = useState(false);
  const [waypoints, setWaypoints] = useState<LngLat[]>([]);
  const [shown, setShown] = useState<{ volumes: FlightPlan['volumes']; conflicting: FlightPlan['volumes'] } | null>(null);
  const live = useLiveData(token);
  useEffect(() => {
    fetch('/api/v1/health')
      .then((r) => r.json())
      .then(setHealth, (e: Error) => setError(e.message));
  }, []);
  useEffect(() => {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  }, [token]);
  // a token handed over in the page's address is kept, then removed from the address bar and history
  useEffect(() => {
    const params = new URLSearchParams(location.search);
    if (!params.has('token')) return;
    params.delete('token');
    history.replaceState(history.state, '', `${location.pathname}${params.size ? `?${params}` : ''}${location.hash}`);
  }, []);

  const timeMs = useMemo(() => Math.floor(Date.now() / 3_600_000) * 3_600_000 + hourOffset * 3_600_000, [hourOffset]);
  const zonesFc = useMemo(() => zonesCollection(live.zones, { altitudeM, timeMs }), [live.zones, altitudeM, timeMs]);
  const coverageFc = useMemo(() => coverageCollection(live.stations), [live.stations]);
  const lpFc = useMemo(() => landingPointsCollection(live.landingPoints), [live.landingPoints]);
  const aircraftFc = useMemo(() => aircraftCollection(live.tracks.values(), live.alerting), [live.tracks, live.alerting]);
  const trailsFc = useMemo(() => trailsCollection(live.trails), [live.trails]);
  const jurisdictions = useMemo(() => Object.fromEntries(live.stations.filter((s) => s.kind === 'B').flatMap((s) => (s.districts ?? []).map((d) => [d, jurisdictionColour(s.id)]))), [live.stations]);
  const planFc = useMemo(() => planVolumesCollection(shown ? { volumes: shown.volumes } : null, shown?.conflicting ?? []), [shown]);
  const [pilotShape, setPilotShape] = useState<PlanShape>('route');
  const draftFc = useMemo(() => draftCollection(waypoints, live.me?.role !== 'pilot' || pilotShape === 'area'), [waypoints, live.me?.role, pilotShape]);
  const focus = useMemo((): [number, number, number, number] | null => {
    const pts = planFc.features.flatMap((f) => (f.geometry.coordinates as number[][][]).flat());
    if (!pts.length) return null;
    return [Math.min(...pts.map((p) => p[0])), Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[1]))];
  }, [planFc]);
  const role = live.me?.role;
  const readout: GridReadout | { error: string } | null = point ? gridReadout(point[0], point[1], level, heightM) : null;

  return (
    <div style={{ fontFamily: 'system-ui, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif', position: 'fixed', inset: 0 }}>
      <MapView
        styleUrl={health?.mapStyleUrl}
        onPick={(lng, lat) => (drawing ? setWaypoints((w) => [...w, [lng, lat]]) : setPoint([lng, lat]))}
        onBounds={live.subscribe}
        visible={visible}
        jurisdictions={jurisdictions}
        focus={focus}
        data={{
          zones: zonesFc,
          coverage: coverageFc,
          landingPoints: lpFc,
          aircraft: aircraftFc,
          trails: trailsFc,
          planVolumes: planFc,
          draft: draftFc,
          ...(plannerMap.cells ? { plannerCells: plannerMap.cells } : {}),
          ...(plannerMap.sites ? { plannerSites: plannerMap.sites } : {}),
        }}
      />
      {live.api && role === 'planner' && (
        <aside style={{ position: 'absolute', top: 12, right: 56, width: 400, maxHeight: 'calc(100% - 24px)', overflow: 'auto', ...panel }}>
          <PlannerPage api={live.api} lang={lang} onMap={onPlannerMap} />
        </aside>
      )}
      {live.api && role === 'company-admin' && live.me?.companyId && (
        <aside style={{ position: 'absolute', top: 12, right: 56, width: 460, maxHeight: 'calc(100% - 24px)', overflow: 'auto', ...panel }}>
          <CompanyAdminPage api={live.api} lang={lang} companyId={live.me.companyId} />
        </aside>
      )}
      {live.api && (role === 'operator' || role === 'admin' || role === 'pilot') && (
        <aside style={{ position: 'absolute', top: 12, right: 56, width: 360, maxHeight: 'calc(100% - 24px)', overflow: 'auto', ...panel }}>
          {role === 'pilot' ? (
            <PilotPortal
              api={live.api}
              lang={lang}
              waypoints={waypoints}
              drawing={drawing}
              setDrawing={setDrawing}
              clearWaypoints={() => setWaypoints([])}
              revision={live.revision}
              onPreview={(v) => setShown(v ? { volumes: v, conflicting: [] } : null)}
              shape={pilotShape}
              setShape={setPilotShape}
            />
          ) : (
            <OperatorConsole
              api={live.api}
              lang={lang}
              revision={live.revision}
              onSelect={(p, c) => setShown(p ? { volumes: p.volumes, conflicting: c } : null)}
              editor={
                <RestrictionEditor
                  api={live.api}
                  lang={lang}
                  points={waypoints}
                  drawing={drawing}
                  setDrawing={setDrawing}
                  clearPoints={() => setWaypoints([])}
                  onPublished={() => void live.reloadZones()}
                />
              }
            />
          )}
        </aside>
      )}
      <aside style={{ position: 'absolute', top: 12, left: 12, width: 340, ...panel }}>
        <header style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <h1 style={{ fontSize: 16, margin: 0 }}>{t(lang, 'title')}</h1>
          <button type="button" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {t(lang, 'language')}
          </button>
        </header>
        {error && (
          <p role="alert">
            {t(lang, 'unavailable')}: {error}
          </p>
        )}
        {health && (
          <dl data-testid="health" style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '2px 8px' }}>
            <dt>{t(lang, 'status')}</dt>
            <dd style={{ margin: 0 }}>{health.status}</dd>
            <dt>{t(lang, 'scenario')}</dt>
            <dd style={{ margin: 0 }}>{health.scenario}</dd>
            <dt>{t(lang, 'stations')}</dt>
            <dd style={{ margin: 0 }}>
              A {health.stations.A} · B {health.stations.B} · X {health.stations.X}
            </dd>
            <dt>{t(lang, 'landingPoints')}</dt>
            <dd style={{ margin: 0 }}>{health.landingPoints}</dd>
          </dl>
        )}
        {!token ? (
          <form
            data-testid="sign-in"
            onSubmit={(e) => {
              e.preventDefault();
              if (draft.trim()) setToken(draft.trim());
            }}
            style={{ display: 'flex', gap: 6 }}
          >
            <input aria-label={t(lang, 'token')} placeholder={t(lang, 'token')} value={draft} onChange={(e) => setDraft(e.target.value)} style={{ flex: 1 }} />
            <button type="submit">{t(lang, 'signIn')}</button>
          </form>
        ) : (
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
            <span data-testid="me">{live.me ? `${live.me.name} · ${live.me.role}${live.me.station ? ` · ${live.me.station.id}` : ''}` : (live.error ?? '…')}</span>
            <button type="button" data-testid="sign-out" onClick={() => setToken(null)}>
              {t(lang, 'signOut')}
            </button>
          </div>
        )}
        {token && (
          <div data-testid="counters" style={{ display: 'flex', gap: 12, margin: '8px 0', fontWeight: 600 }}>
            <span>
              {t(lang, 'airborne')} <span data-testid="count-airborne">{[...live.tracks.values()].filter((x) => x.altitudeM > 0.5).length}</span>
            </span>
            <span>
              {t(lang, 'pending')} <span data-testid="count-pending">{live.pending}</span>
            </span>
            <span>
              {t(lang, 'alerts')} <span data-testid="count-alerts">{live.alerting.size}</span>
            </span>
          </div>
        )}
        <section data-testid="grid-readout" style={{ borderTop: '1px solid #ddd', paddingTop: 8 }}>
          <strong>{t(lang, 'gridCode')}</strong>
          <div style={{ display: 'flex', gap: 8, margin: '6px 0' }}>
            <label>
              {t(lang, 'level')}{' '}
              <select value={level} onChange={(e) => setLevel(Number(e.target.value))}>
                {Array.from({ length: 10 }, (_, i) => (
                  <option key={i + 1} value={i + 1}>
                    {i + 1}
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
      </aside>
      <aside data-testid="legend" style={{ position: 'absolute', bottom: 12, left: 12, width: 340, ...panel }}>
        <strong>{t(lang, 'layers')}</strong>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }}>
          {(Object.keys(LAYER_LABELS) as LayerGroup[]).map((g) => (
            <label key={g}>
              <input type="checkbox" checked={visible[g]} onChange={(e) => setVisible({ ...visible, [g]: e.target.checked })} /> {t(lang, LAYER_LABELS[g])}
            </label>
          ))}
        </div>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, margin: '6px 0' }}>
          {Object.entries(ZONE_COLOURS).map(([k, c]) => (
            <span key={k}>
              <span style={{ display: 'inline-block', width: 10, height: 10, background: c, marginRight: 3 }} />
              {k}
            </span>
          ))}
        </div>
        <div style={{ display: 'flex', gap: 10 }}>
          <span>
            <span style={{ color: '#1565c0' }}>▲</span> {t(lang, 'cooperative')}
          </span>
          <span>
            <span style={{ color: '#6d4c41' }}>▲</span> {t(lang, 'surveillanceOnly')}
          </span>
          <span>
            <span style={{ color: '#d50000' }}>▲</span> {t(lang, 'alerting')}
          </span>
        </div>
        <label style={{ display: 'block', marginTop: 6 }}>
          {t(lang, 'altitudeSlider')} {altitudeM} m
          <input data-testid="altitude-slider" type="range" min={0} max={600} step={10} value={altitudeM} onChange={(e) => setAltitudeM(Number(e.target.value))} style={{ width: '100%' }} />
        </label>
        <label style={{ display: 'block' }}>
          {t(lang, 'timeSlider')} {toLocalInput(timeMs).slice(5).replace('T', ' ')} (UTC+8)
          <input data-testid="time-slider" type="range" min={-24} max={72} step={1} value={hourOffset} onChange={(e) => setHourOffset(Number(e.target.value))} style={{ width: '100%' }} />
        </label>
      </aside>
    </div>
  );
}
