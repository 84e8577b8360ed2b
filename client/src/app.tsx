import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FlightPlan } from '../../shared/schemas/flight-plan-record.js';
import { SettlementView, StatementView } from './billing-view.js';
import { CompanyAdminPage } from './company-admin-page.js';
import { EditionPanel } from './edition-panel.js';
import { jurisdictionBox } from './districts.js';
import { AlertList, FeatureCard, type Picked } from './feature-card.js';
import { GridReadoutPanel } from './grid-readout-panel.js';
import { t, type Lang } from './i18n.js';
import { LegendPanel } from './legend-panel.js';
import { aircraftLabels, landingPointLabels, zoneLabels } from './map-label-data.js';
import {
  aircraftCollection,
  coverageCollection,
  draftCollection,
  jurisdictionColour,
  landingPointsCollection,
  planVolumesCollection,
  trailsCollection,
  zonesCollection,
  type FeatureCollection,
} from './map-data.js';
import type { LayerGroup } from './map-layers.js';
import { MapView, type Box, type Padding } from './map-view.js';
import { OperatorConsole } from './operator-console.js';
import type { PlanShape } from './pilot-plan-input.js';
import { PilotPortal } from './pilot-portal.js';
import { PlannerPage } from './planner-page.js';
import { RestrictionEditor } from './restriction-editor.js';
import { useMapDrawing } from './map-drawing.js';
import { WorkPanel } from './work-panel.js';
import { serverNow, useServerClock, useServerNow } from './server-clock.js';
import { SignInPanel } from './sign-in-panel.js';
import { ClockLine, SignedIn } from './status-panel.js';
import { useEditionView } from './use-edition-view.js';
import { useSession } from './use-session.js';

const panel = { background: 'rgba(255,255,255,0.95)', padding: 12, borderRadius: 6, boxShadow: '0 1px 4px #0003', fontSize: 13 } as const;
const RIGHT_WIDTH: Record<string, number> = { planner: 400, 'company-admin': 460, operator: 360, admin: 360, pilot: 360 };

/** Zones with their `active` flag at a moment: a new collection only when a zone or a flag changes (the clock ticks every second). */
function useStableZones(zones: Parameters<typeof zonesCollection>[0], altitudeM: number, timeMs: number): FeatureCollection {
  const last = useRef<{ zones: unknown; key: string; fc: FeatureCollection } | null>(null);
  const fc = zonesCollection(zones, { altitudeM, timeMs });
  const key = fc.features.map((f) => (f.properties.active ? 1 : 0)).join('');
  if (!last.current || last.current.zones !== zones || last.current.key !== key) last.current = { zones, key, fc };
  return last.current.fc;
}

/** The shell: the map, the first screen or who is signed in, the server's clock, live counters and cards, the workplace of the role. */
export function App() {
  const [lang, setLang] = useState<Lang>('zh');
  const [altitudeM, setAltitudeM] = useState(100);
  const [hourOffset, setHourOffset] = useState(0);
  const [zones3d, setZones3d] = useState(false);
  const [point, setPoint] = useState<[number, number] | null>(null);
  const [picked, setPicked] = useState<Picked | null>(null);
  const [centre, setCentre] = useState<{ at: [number, number]; seq: number } | null>(null);
  const [visible, setVisible] = useState<Record<LayerGroup, boolean>>({ jurisdictions: true, zones: true, coverage: false, landingPoints: true, aircraft: true, planner: true });
  const [plannerMap, setPlannerMap] = useState<{ cells: FeatureCollection | null; sites: FeatureCollection | null }>({ cells: null, sites: null });
  const onPlannerMap = useCallback((cells: FeatureCollection | null, sites: FeatureCollection | null) => setPlannerMap({ cells, sites }), []);
  const { points: waypoints, drawing, drawingFor, click, reset: resetDrawing } = useMapDrawing();
  const route = drawingFor('route');
  const [shown, setShown] = useState<{ volumes: FlightPlan['volumes']; conflicting: FlightPlan['volumes'] } | null>(null);
  const { health, error, token, setToken, signInError, setSignInError, districts, live } = useSession(lang);
  // an airspace edition: its difference on the map; the zones as of an edition instead of the current ones
  const edition = useEditionView(live.zones);
  const zonesShown = edition.zones;
  // the slider's "now" follows the server's clock: every 10 simulated seconds (at least every real second)
  const sample = useServerClock();
  const tick = useServerNow(Math.max(1000, 10_000 / (sample?.running ? sample.speed : 1)));
  // biome-ignore lint/correctness/useExhaustiveDependencies: the server's now, taken again on each tick and when the zones reload (a restriction published now applies now)
  const timeMs = useMemo(() => serverNow() + hourOffset * 3_600_000, [hourOffset, tick, live.zones]);
  const zonesFc = useStableZones(zonesShown, altitudeM, timeMs);
  const activeZoneIds = useMemo(() => new Set(zonesFc.features.filter((f) => f.properties.active).map((f) => String(f.properties.id))), [zonesFc]);
  const coverageFc = useMemo(() => coverageCollection(live.stations), [live.stations]);
  const lpFc = useMemo(() => landingPointsCollection(live.landingPoints), [live.landingPoints]);
  const aircraftFc = useMemo(() => aircraftCollection(live.tracks.values(), live.alerting, live.silent), [live.tracks, live.alerting, live.silent]);
  const trailsFc = useMemo(() => trailsCollection(live.trails), [live.trails]);
  const labels = useMemo(
    () => ({ zones: zoneLabels(zonesShown, activeZoneIds, lang), aircraft: aircraftLabels(live.tracks.values()), landingPoints: landingPointLabels(live.landingPoints) }),
    [zonesShown, activeZoneIds, lang, live.tracks, live.landingPoints],
  );
  const jurisdictions = useMemo(() => Object.fromEntries(live.stations.filter((s) => s.kind === 'B').flatMap((s) => (s.districts ?? []).map((d) => [d, jurisdictionColour(s.id)]))), [live.stations]);
  const planFc = useMemo(() => planVolumesCollection(shown ? { volumes: shown.volumes } : null, shown?.conflicting ?? []), [shown]);
  const [pilotShape, setPilotShape] = useState<PlanShape>('route');
  const draftFc = useMemo(() => draftCollection(waypoints, live.me?.role !== 'pilot' || pilotShape === 'area'), [waypoints, live.me?.role, pilotShape]);
  const focus = useMemo((): Box | null => {
    const pts = planFc.features.flatMap((f) => (f.geometry.coordinates as number[][][]).flat());
    if (!pts.length) return edition.box;
    return [Math.min(...pts.map((p) => p[0])), Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[1]))];
  }, [planFc, edition.box]);
  const me = live.me;
  // each sign-in starts without a drawing: the last user's vertices are not the next one's
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the principal changes
  useEffect(() => {
    resetDrawing();
    // nor the plan the last user had selected, or the point they clicked
    setShown(null);
    setPoint(null);
  }, [me?.id]);
  // the names of the accounts a settlement pays (stations, landing points)
  const accountNames = useMemo(() => Object.fromEntries([...live.stations.map((s) => [s.id, s.name]), ...live.landingPoints.map((p) => [p.id, p.name])]), [live.stations, live.landingPoints]);
  const stationName = useCallback((id: string) => live.stations.find((s) => s.id === id)?.name ?? id, [live.stations]);
  const role = me?.role;
  const home = useMemo(() => jurisdictionBox(districts, me?.station?.districts), [districts, me?.station?.districts]);
  const padding: Padding = { top: 12, bottom: 12, left: 364, right: role && RIGHT_WIDTH[role] ? RIGHT_WIDTH[role] + 68 : 56 };
  const centreOn = (at: [number, number]) => setCentre((c) => ({ at, seq: (c?.seq ?? 0) + 1 }));
  // workplaces open once the server's clock is known: their defaults (a departure, a restriction's start) come from it
  const signedIn = !!(live.api && me && sample);
  // a planner works on the rollout's layers: live traffic starts hidden (the layer toggle brings it back)
  useEffect(() => {
    if (role === 'planner') setVisible((v) => ({ ...v, aircraft: false }));
  }, [role]);

  return (
    <div style={{ fontFamily: 'system-ui, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif', position: 'fixed', inset: 0 }}>
      <MapView
        lang={lang}
        drawing={drawing}
        styleUrl={health?.mapStyleUrl}
        onPick={(lng, lat, metresPerPx) => (drawing ? click([lng, lat], metresPerPx, role !== 'pilot' || pilotShape === 'area') : setPoint([lng, lat]))}
        onFeature={drawing ? undefined : setPicked}
        onBounds={live.subscribe}
        visible={visible}
        jurisdictions={jurisdictions}
        focus={focus}
        padding={padding}
        home={home}
        homeFor={me?.id ?? ''}
        centre={centre}
        zones3d={zones3d}
        labels={labels}
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
          editionDiff: edition.diffFc,
        }}
      />
      {signedIn && live.api && role === 'planner' && (
        <WorkPanel lang={lang} width={400} panel={panel}>
          <PlannerPage api={live.api} lang={lang} onMap={onPlannerMap} />
        </WorkPanel>
      )}
      {signedIn && live.api && role === 'company-admin' && me?.companyId && (
        <WorkPanel lang={lang} width={460} panel={panel}>
          <CompanyAdminPage api={live.api} lang={lang} companyId={me.companyId} />
          <StatementView api={live.api} lang={lang} companyId={me.companyId} nowMs={serverNow()} />
        </WorkPanel>
      )}
      {signedIn && live.api && (role === 'operator' || role === 'admin' || role === 'pilot') && (
        <WorkPanel lang={lang} width={360} panel={panel}>
          {role === 'pilot' ? (
            <PilotPortal
              api={live.api}
              lang={lang}
              stationName={stationName}
              waypoints={route.points}
              drawing={route.drawing}
              setDrawing={route.setDrawing}
              clearWaypoints={route.clearPoints}
              revision={live.revision}
              onPreview={(v) => setShown(v ? { volumes: v, conflicting: [] } : null)}
              shape={pilotShape}
              setShape={setPilotShape}
              onPlace={centreOn}
              // a point where the route already is (a district and its centre landing point) adds no leg
              addWaypoint={route.add}
            />
          ) : (
            <OperatorConsole
              api={live.api}
              lang={lang}
              stationName={stationName}
              revision={live.revision}
              alerts={live.alerts}
              onAlertsChanged={() => void live.reloadAlerts()}
              onSelect={(p, c) => setShown(p ? { volumes: p.volumes, conflicting: c } : null)}
              editor={
                <RestrictionEditor
                  api={live.api}
                  lang={lang}
                  {...drawingFor('restriction')}
                  onPublished={() => void live.reloadZones()}
                  zones={live.zones}
                  mayWithdraw={(z) => role === 'admin' || me?.station?.kind === 'A' || (!!z.stationId && z.stationId === me?.station?.id)}
                  stationName={stationName}
                />
              }
              editions={
                <EditionPanel
                  api={live.api}
                  lang={lang}
                  live={live}
                  view={edition}
                  districts={me?.station?.districts}
                  draw={drawingFor('edition')}
                  viewer={me ? { id: me.id } : undefined}
                  onPlan={(p) => setShown({ volumes: p.volumes, conflicting: [] })}
                />
              }
            />
          )}
          {role !== 'pilot' && <SettlementView api={live.api} lang={lang} nowMs={serverNow()} names={accountNames} />}
        </WorkPanel>
      )}
      <aside style={{ position: 'absolute', top: 12, left: 12, width: 340, maxHeight: 'calc(100% - 300px)', overflow: 'auto', ...panel }}>
        <header style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <h1 style={{ fontSize: 16, margin: 0 }}>{t(lang, 'title')}</h1>
          <button type="button" style={{ whiteSpace: 'nowrap', flexShrink: 0 }} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {t(lang, 'language')}
          </button>
        </header>
        {error && (
          <p role="alert">
            {t(lang, 'unavailable')}: {error}
          </p>
        )}
        <ClockLine lang={lang} />
        {health && (
          <div data-testid="health" data-scenario={health.scenario} style={{ fontSize: 12, color: '#455a64' }}>
            {health.status === 'ok' ? t(lang, 'statusOk') : health.status} · {health.scenario === 'chongqing' ? (lang === 'zh' ? '重庆' : 'Chongqing') : health.scenario} · {t(lang, 'stations')} A{' '}
            {health.stations.A} · B {health.stations.B} · X {health.stations.X} · {t(lang, 'landingPoints')} {health.landingPoints}
          </div>
        )}
        {!token || !live.api ? (
          <SignInPanel
            lang={lang}
            error={signInError}
            onToken={(tok) => {
              setSignInError(null);
              setToken(tok);
            }}
          />
        ) : (
          <SignedIn
            lang={lang}
            me={me}
            link={live.link}
            counts={{ airborne: live.airborne, pending: live.pending, alerts: live.alerts.length }}
            onSignOut={() => {
              setToken(null);
              setPicked(null);
            }}
          />
        )}
        {signedIn && <AlertList lang={lang} alerts={live.alerts} onPick={(id) => setPicked({ kind: 'alert', id })} />}
        {signedIn && live.api && picked && <FeatureCard lang={lang} api={live.api} picked={picked} live={live} districtNames={districts.names} onClose={() => setPicked(null)} onCentre={centreOn} />}
        <GridReadoutPanel lang={lang} point={point} zones={live.zones} />
      </aside>
      <aside data-testid="legend" style={{ position: 'absolute', bottom: 12, left: 12, width: 340, ...panel }}>
        <LegendPanel
          lang={lang}
          visible={visible}
          setVisible={setVisible}
          zones3d={zones3d}
          setZones3d={setZones3d}
          altitudeM={altitudeM}
          setAltitudeM={setAltitudeM}
          hourOffset={hourOffset}
          setHourOffset={setHourOffset}
          timeMs={timeMs}
        />
      </aside>
    </div>
  );
}
