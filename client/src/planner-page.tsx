/**
 * The planner's workplace: run a rollout study, follow its progress, compare two studies side by
 * side (table and charts), show one study's H3 coverage and sites on the map at a chosen phase,
 * open its report, and evaluate recorded traffic (utilisation, busiest places, adjustments).
 */
import { useCallback, useEffect, useState } from 'react';
import type { PhaseSummary, RolloutRecordMessage } from '../../shared/schemas/planner.js';
import type { Api } from './api.js';
import { AdoptPhases } from './edition-adopt.js';
import { failureText } from './error-text.js';
import { t, type Lang } from './i18n.js';
import { MiniChart } from './mini-chart.js';
import { PLANNER_TEXT as P } from './i18n-planner.js';
import type { FeatureCollection } from './map-data.js';
import { compareRows, coverageCellsCollection, series, studySitesCollection, utilisationCellsCollection, type StudyResult } from './planner-data.js';
import { progressText, studyName } from './planner-format.js';
import { DEFAULT_PLANNER_LAYERS, filterSites, PlannerMapControls } from './planner-map-controls.js';
import { PlannerUsage, type Usage } from './planner-usage.js';

export interface PlannerPageProps {
  api: Api;
  lang: Lang;
  onMap: (cells: FeatureCollection | null, sites: FeatureCollection | null) => void;
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

export function PlannerPage({ api, lang, onMap }: PlannerPageProps) {
  const [form, setForm] = useState({ phases: '200,500,1000,1500', seed: 1, strategy: 'coverage', radiusKm: 5, traffic: true, flightsPerPointPerDay: 4 });
  const [studies, setStudies] = useState<RolloutRecordMessage[]>([]);
  const [pair, setPair] = useState<[string | null, string | null]>([null, null]);
  const [shown, setShown] = useState<{ id: string; result: StudyResult } | null>(null);
  const [phaseIx, setPhaseIx] = useState(0);
  const [usage, setUsage] = useState<Usage | null>(null);
  const [usageOnMap, setUsageOnMap] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [layers, setLayers] = useState(DEFAULT_PLANNER_LAYERS);
  const fail = (e: unknown) => setError(failureText(e, lang));

  const reload = useCallback(() => api.get<RolloutRecordMessage[]>('/planner/rollouts').then(setStudies, fail), [api]);
  useEffect(() => {
    void reload();
  }, [reload]);
  // follow running studies
  useEffect(() => {
    if (!studies.some((s) => s.state === 'queued' || s.state === 'running')) return;
    const id = setInterval(() => {
      void reload();
    }, 1000);
    return () => clearInterval(id);
  }, [studies, reload]);
  // study A (or B, on request) shown on the map
  const [mapSide, setMapSide] = useState<0 | 1>(0);
  useEffect(() => {
    const id = pair[mapSide] ?? pair[0];
    if (!id || studies.find((s) => s.id === id)?.state !== 'done' || shown?.id === id) return;
    api.get<{ result: StudyResult }>(`/planner/rollouts/${id}`).then((r) => {
      setShown({ id, result: r.result });
      setPhaseIx(r.result.phases.length - 1);
    }, fail);
  }, [pair, mapSide, studies, shown, api]);
  useEffect(() => {
    if (usageOnMap && usage) onMap(utilisationCellsCollection(usage.utilisation.topCells), EMPTY);
    else onMap(shown && layers.cells ? coverageCellsCollection(shown.result, phaseIx) : EMPTY, shown ? filterSites(studySitesCollection(shown.result, phaseIx), layers) : EMPTY);
  }, [shown, phaseIx, onMap, usage, usageOnMap, layers]);

  const run = async () => {
    setError(null);
    const phases = form.phases.split(',').map((x) => Number(x.trim()));
    try {
      const r = await api.post<RolloutRecordMessage>('/planner/rollouts', {
        name: studyName(`${form.strategy} ${phases.join('/')} seed ${form.seed}`, lang),
        phases,
        seed: form.seed,
        strategy: form.strategy,
        radiusKm: form.radiusKm,
        traffic: form.traffic,
        flightsPerPointPerDay: form.flightsPerPointPerDay,
      });
      setPair(([a]) => (a ? [a, r.id] : [r.id, null]));
      await reload();
    } catch (e) {
      fail(e);
    }
  };
  // the report has its own address in the client (report-page.tsx), which fetches it with the signed-in token
  const reportHref = (id: string, reportLang: Lang) => `/report/${encodeURIComponent(id)}?lang=${reportLang}`;
  const evaluate = () => api.get<Usage>('/planner/usage?top=300').then(setUsage, fail);
  const nameOfStudy = (s: RolloutRecordMessage) => studyName(s.name, lang);
  const summaryOf = (id: string | null): PhaseSummary[] => (studies.find((s) => s.id === id)?.summary ?? []) as PhaseSummary[];
  const [a, b] = [summaryOf(pair[0]), summaryOf(pair[1])];
  const nameOf = (id: string | null) => {
    const s = studies.find((x) => x.id === id);
    return s ? nameOfStudy(s) : '–';
  };

  return (
    <div data-testid="planner">
      <h2 style={{ fontSize: 15, margin: '0 0 6px' }}>{t(lang, 'plannerTitle')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
        style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '3px 6px' }}
      >
        <label htmlFor="pl-phases">{t(lang, 'phases')}</label>
        <input id="pl-phases" data-testid="planner-phases" value={form.phases} onChange={(e) => setForm({ ...form, phases: e.target.value })} />
        <label htmlFor="pl-seed">{t(lang, 'seed')}</label>
        <input id="pl-seed" type="number" value={form.seed} onChange={(e) => setForm({ ...form, seed: Number(e.target.value) })} />
        <label htmlFor="pl-strategy">{t(lang, 'strategy')}</label>
        <select id="pl-strategy" value={form.strategy} onChange={(e) => setForm({ ...form, strategy: e.target.value })}>
          <option value="coverage">{t(lang, 'strategyCoverage')}</option>
          <option value="random">{t(lang, 'strategyRandom')}</option>
        </select>
        <label htmlFor="pl-r">{t(lang, 'radiusKm')}</label>
        <input id="pl-r" type="number" step={0.5} value={form.radiusKm} onChange={(e) => setForm({ ...form, radiusKm: Number(e.target.value) })} />
        <label htmlFor="pl-fpp">{t(lang, 'flightsPerPoint')}</label>
        <input id="pl-fpp" data-testid="planner-fpp" type="number" value={form.flightsPerPointPerDay} onChange={(e) => setForm({ ...form, flightsPerPointPerDay: Number(e.target.value) })} />
        <label>
          <input type="checkbox" checked={form.traffic} onChange={(e) => setForm({ ...form, traffic: e.target.checked })} /> {t(lang, 'simulateTraffic')}
        </label>
        <button type="submit" data-testid="planner-run">
          {t(lang, 'run')}
        </button>
      </form>
      {error && (
        <p role="alert" style={{ color: '#b71c1c' }}>
          {error}
        </p>
      )}
      <h3 style={{ fontSize: 14, margin: '8px 0 4px' }}>{t(lang, 'studies')}</h3>
      <table data-testid="planner-studies" style={{ width: '100%', fontSize: 12, borderCollapse: 'collapse' }}>
        <tbody>
          {studies.map((s) => (
            <tr key={s.id} data-state={s.state} style={{ borderTop: '1px solid #eee' }}>
              <td>{nameOfStudy(s)}</td>
              <td data-testid="study-progress">
                {s.state === 'running' && s.progress ? progressText(s.progress, lang) : t(lang, `st_${s.state}`)}
                {s.error && lang === 'en' ? ` (${s.error})` : ''}
              </td>
              <td style={{ whiteSpace: 'nowrap' }}>
                <label title="A">
                  <input type="radio" name="study-a" checked={pair[0] === s.id} disabled={s.state !== 'done'} onChange={() => setPair([s.id, pair[1]])} />A
                </label>
                <label title="B">
                  <input type="radio" name="study-b" checked={pair[1] === s.id} disabled={s.state !== 'done'} onChange={() => setPair([pair[0], s.id])} />B
                </label>
                {s.state === 'done' && (
                  <>
                    <a data-testid="planner-report" href={reportHref(s.id, lang)} target="_blank" rel="noreferrer">
                      {t(lang, 'report')}
                    </a>{' '}
                    <a href={reportHref(s.id, lang === 'zh' ? 'en' : 'zh')} target="_blank" rel="noreferrer" style={{ fontSize: 11 }}>
                      {P.reportLang[lang]}
                    </a>
                    <AdoptPhases api={api} lang={lang} studyId={s.id} phases={((s.summary ?? []) as PhaseSummary[]).map((p) => p.points)} />
                  </>
                )}
                {(s.state === 'queued' || s.state === 'running') && (
                  <button type="button" data-testid="planner-cancel" onClick={() => void api.post(`/planner/rollouts/${s.id}/cancel`).then(reload, fail)}>
                    {t(lang, 'cancel')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown && (
        <label style={{ display: 'block', marginTop: 6 }}>
          {pair[1] && (
            <span style={{ marginRight: 8 }}>
              {(['A', 'B'] as const).map((k, i) => (
                <label key={k}>
                  <input type="radio" name="map-side" data-testid={`map-${k}`} checked={mapSide === i} onChange={() => setMapSide(i as 0 | 1)} />
                  {k}{' '}
                </label>
              ))}
            </span>
          )}
          {t(lang, 'showPhase')}{' '}
          <select data-testid="planner-phase" value={phaseIx} onChange={(e) => setPhaseIx(Number(e.target.value))}>
            {shown.result.phases.map((p, i) => (
              <option key={p.points} value={i}>
                {p.points}
              </option>
            ))}
          </select>
        </label>
      )}
      {shown && <PlannerMapControls lang={lang} layers={layers} setLayers={setLayers} />}
      {a.length > 0 && (
        <section data-testid="planner-compare">
          <h3 style={{ fontSize: 14, margin: '8px 0 4px' }}>
            {t(lang, 'compare')}: A = {nameOf(pair[0])}
            {pair[1] ? `, B = ${nameOf(pair[1])}` : ''}
          </h3>
          <MiniChart
            testId="chart-coverage"
            title={t(lang, 'chartCoverage')}
            yMax={100}
            series={[
              { name: 'A', colour: '#1f77b4', points: series(a, (p) => p.townshipsWithinRPct) },
              ...(b.length ? [{ name: 'B', colour: '#d62728', points: series(b, (p) => p.townshipsWithinRPct) }] : []),
              { name: `A ${t(lang, 'randomBaseline')}`, colour: '#aaa', points: series(a, (p) => p.baselineTownshipsWithinRPct) },
            ]}
          />
          <MiniChart
            testId="chart-capacity"
            title={t(lang, 'chartFlown')}
            series={[
              { name: 'A', colour: '#1f77b4', points: series(a, (p) => p.traffic?.flightsFlown ?? null) },
              ...(b.length ? [{ name: 'B', colour: '#d62728', points: series(b, (p) => p.traffic?.flightsFlown ?? null) }] : []),
            ]}
          />
          <table style={{ width: '100%', fontSize: 11, borderCollapse: 'collapse' }}>
            <thead>
              <tr>
                <th>{t(lang, 'points')}</th>
                <th style={{ textAlign: 'left' }}>{t(lang, 'metric')}</th>
                <th>A</th>
                <th>B</th>
              </tr>
            </thead>
            <tbody>
              {compareRows(a, b).map((r) => (
                <tr key={`${r.points}-${r.metric}`} data-metric={r.metric}>
                  <td>{r.points}</td>
                  <td>{t(lang, r.metric)}</td>
                  <td>{r.a ?? '–'}</td>
                  <td>{r.b ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <section style={{ borderTop: '1px solid #ddd', marginTop: 8, paddingTop: 6 }}>
        <button type="button" data-testid="planner-evaluate" onClick={() => void evaluate()}>
          {t(lang, 'evaluate')}
        </button>
        {usage && <PlannerUsage api={api} lang={lang} usage={usage} usageOnMap={usageOnMap} setUsageOnMap={setUsageOnMap} />}
      </section>
    </div>
  );
}
