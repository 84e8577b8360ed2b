/**
 * The planner's workplace: run a rollout study, follow its progress, compare two studies side by
 * side (table and charts), show one study's H3 coverage and sites on the map at a chosen phase,
 * open its report, and evaluate recorded traffic (utilisation, busiest places, adjustments).
 */
import { useCallback, useEffect, useState } from 'react';
import type { PhaseSummary, RolloutRecordMessage } from '../../shared/schemas/planner.js';
import { ApiFailure, type Api } from './api.js';
import { t, type Lang } from './i18n.js';
import { MiniChart } from './mini-chart.js';
import { compareRows, coverageCellsCollection, DISTANCE_BINS, series, studySitesCollection, utilisationCellsCollection, type StudyResult } from './planner-data.js';
import type { FeatureCollection } from './map-data.js';

interface Usage {
  plans: { total: number; flown: number; rejected: number };
  utilisation: { topCells: { cell: string; flights: number; peakHourFlights: number; peakUtilisationPct: number }[] };
  busiestLandingPoints: { id: string; name: string; movements: number; peakHourMovements: number; capacityPerHour: number }[];
  zonesRejecting: { id: string; name: string; rejected: number; referredForApproval: number }[];
  adjustments: { kind: string; text: string }[];
}

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
  const fail = (e: unknown) => setError(e instanceof ApiFailure ? `${e.code}: ${e.message}` : String(e));

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
    else onMap(shown ? coverageCellsCollection(shown.result, phaseIx) : EMPTY, shown ? studySitesCollection(shown.result, phaseIx) : EMPTY);
  }, [shown, phaseIx, onMap, usage, usageOnMap]);

  const run = async () => {
    setError(null);
    const phases = form.phases.split(',').map((x) => Number(x.trim()));
    try {
      const r = await api.post<RolloutRecordMessage>('/planner/rollouts', {
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
  const openReport = async (id: string) => {
    try {
      window.open(URL.createObjectURL(new Blob([await api.getText(`/planner/rollouts/${id}/report.html`)], { type: 'text/html' })), '_blank');
    } catch (e) {
      fail(e);
    }
  };
  const evaluate = () => api.get<Usage>('/planner/usage?top=300').then(setUsage, fail);
  const summaryOf = (id: string | null): PhaseSummary[] => (studies.find((s) => s.id === id)?.summary ?? []) as PhaseSummary[];
  const [a, b] = [summaryOf(pair[0]), summaryOf(pair[1])];
  const nameOf = (id: string | null) => studies.find((s) => s.id === id)?.name ?? '–';

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
              <td>{s.name}</td>
              <td>
                {s.state === 'running' && s.progress ? `${s.progress.step} ${s.progress.phase ?? ''} ${Math.round(s.progress.fraction * 100)}%` : t(lang, `st_${s.state}`)}
                {s.error ? ` (${s.error})` : ''}
              </td>
              <td style={{ whiteSpace: 'nowrap' }}>
                <label title="A">
                  <input type="radio" name="study-a" checked={pair[0] === s.id} disabled={s.state !== 'done'} onChange={() => setPair([s.id, pair[1]])} />A
                </label>
                <label title="B">
                  <input type="radio" name="study-b" checked={pair[1] === s.id} disabled={s.state !== 'done'} onChange={() => setPair([pair[0], s.id])} />B
                </label>
                {s.state === 'done' && (
                  <button type="button" onClick={() => void openReport(s.id)}>
                    {t(lang, 'report')}
                  </button>
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
          </select>{' '}
          {DISTANCE_BINS.map((d) => (
            <span key={d.upToKm} style={{ marginRight: 4 }}>
              <span style={{ display: 'inline-block', width: 9, height: 9, background: d.colour }} /> ≤{Number.isFinite(d.upToKm) ? d.upToKm : '∞'}
            </span>
          ))}{' '}
          km
        </label>
      )}
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
        {usage && (
          <div data-testid="planner-usage" style={{ fontSize: 12 }}>
            <p>
              {t(lang, 'plansSummary').replace('{n}', String(usage.plans.total)).replace('{f}', String(usage.plans.flown)).replace('{r}', String(usage.plans.rejected))}{' '}
              <label>
                <input type="checkbox" data-testid="usage-on-map" checked={usageOnMap} onChange={(e) => setUsageOnMap(e.target.checked)} /> {t(lang, 'usageOnMap')}
              </label>
            </p>
            <strong>{t(lang, 'busiestCells')}</strong>
            <ol>
              {usage.utilisation.topCells.slice(0, 5).map((c) => (
                <li key={c.cell}>
                  <code>{c.cell}</code> {c.peakHourFlights}/h ({c.peakUtilisationPct}%), {c.flights} flights
                </li>
              ))}
            </ol>
            <strong>{t(lang, 'busiestPoints')}</strong>
            <ol>
              {usage.busiestLandingPoints.slice(0, 5).map((l) => (
                <li key={l.id}>
                  {l.name}: {l.peakHourMovements}/{l.capacityPerHour} per hour, {l.movements} movements
                </li>
              ))}
            </ol>
            <strong>{t(lang, 'zonesRejecting')}</strong>
            <ol>
              {usage.zonesRejecting.slice(0, 5).map((z) => (
                <li key={z.id}>
                  {z.name}: {z.rejected} rejected, {z.referredForApproval} referred
                </li>
              ))}
            </ol>
            <strong>{t(lang, 'adjustments')}</strong>
            <ul>
              {usage.adjustments.slice(0, 8).map((x, i) => (
                <li key={i}>
                  <b>{x.kind}</b>: {x.text}
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>
    </div>
  );
}
