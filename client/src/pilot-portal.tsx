/** Pilot portal: draw a route on the map, fill the plan, check it (conflicts, reasons, suggestions), submit, and follow the decision. */
import { useEffect, useState } from 'react';
import type { LngLat } from '../../shared/geo/types.js';
import type { Decision, Suggestion } from '../../shared/schemas/decision.js';
import type { FlightPlanInput } from '../../shared/schemas/flight-plan.js';
import type { FlightPlan } from '../../shared/schemas/flight-plan-record.js';
import { ApiFailure, type Api } from './api.js';
import { fromLocalInput, toLocalInput } from './local-time.js';

export interface PilotPortalProps {
  api: Api;
  lang: 'zh' | 'en';
  waypoints: LngLat[];
  drawing: boolean;
  setDrawing: (on: boolean) => void;
  clearWaypoints: () => void;
  revision: number;
  onPreview: (volumes: FlightPlan['volumes'] | null) => void;
}

const L = {
  route: { zh: '航线', en: 'Route' }, draw: { zh: '在地图上点选航点', en: 'Click waypoints on the map' }, done: { zh: '完成', en: 'Done' }, clear: { zh: '清除', en: 'Clear' },
  registration: { zh: '登记号', en: 'Registration' }, category: { zh: '类别', en: 'Category' }, mission: { zh: '任务', en: 'Mission' },
  lower: { zh: '下限 (米)', en: 'Lower (m)' }, upper: { zh: '上限 (米)', en: 'Upper (m)' }, depart: { zh: '起飞时间', en: 'Departure' },
  check: { zh: '检查', en: 'Check' }, submit: { zh: '提交', en: 'Submit' }, apply: { zh: '采用', en: 'Apply' }, mine: { zh: '我的计划', en: 'My plans' },
  needTwo: { zh: '至少需要两个航点', en: 'A route needs at least two waypoints' },
} as const;


export function PilotPortal({ api, lang, waypoints, drawing, setDrawing, clearWaypoints, revision, onPreview }: PilotPortalProps) {
  const [registration, setRegistration] = useState('UAS-CQ-000123');
  const [category, setCategory] = useState<FlightPlanInput['aircraft']['category']>('light');
  const [mission, setMission] = useState<FlightPlanInput['mission']>('logistics');
  const [lower, setLower] = useState(30);
  const [upper, setUpper] = useState(100);
  const [departLocal, setDepartLocal] = useState(() => toLocalInput(Date.now() + 3_600_000));
  const [decision, setDecision] = useState<Decision | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [mine, setMine] = useState<FlightPlan[]>([]);
  useEffect(() => { api.get<{ plans: FlightPlan[] }>('/flight-plans?limit=20').then((r) => setMine(r.plans.slice(-10).reverse()), () => undefined); }, [api, revision]);

  const input = (): FlightPlanInput => ({
    aircraft: { registration, category }, mission,
    route: { waypoints, corridorHalfWidthM: 25, cruiseSpeedMps: 12, altitudeLowerM: lower, altitudeUpperM: upper,
      departAt: new Date(fromLocalInput(departLocal)).toISOString() },
  });
  const run = async (what: 'check' | 'submit') => {
    setError(null);
    if (waypoints.length < 2) { setError(L.needTwo[lang]); return; }
    try {
      if (what === 'check') {
        const r = await api.post<{ decision: Decision; volumes: FlightPlan['volumes'] }>('/flight-plans/check', input());
        setDecision(r.decision);
        onPreview(r.volumes);
      } else {
        const r = await api.post<FlightPlan>('/flight-plans', input());
        setDecision(r.decision);
        onPreview(r.volumes);
        setMine((m) => [r, ...m.filter((x) => x.id !== r.id)]);
      }
    } catch (e) {
      setError(e instanceof ApiFailure ? `${e.code}: ${e.message}` : String(e));
    }
  };
  const apply = (s: Suggestion) => {
    if (s.kind === 'time-shift') setDepartLocal(toLocalInput(fromLocalInput(departLocal) + (s.shiftS ?? 0) * 1000));
    else { setLower(lower + (s.shiftM ?? 0)); setUpper(upper + (s.shiftM ?? 0)); }
    setDecision(null);
  };
  const field = { display: 'grid', gridTemplateColumns: '90px 1fr', gap: 4, alignItems: 'center' } as const;
  return (
    <div data-testid="pilot-portal">
      <strong>{L.route[lang]}</strong> ({waypoints.length})
      <div style={{ display: 'flex', gap: 6, margin: '4px 0' }}>
        <button type="button" data-testid="draw" onClick={() => setDrawing(!drawing)}>{drawing ? L.done[lang] : L.draw[lang]}</button>
        <button type="button" onClick={() => { clearWaypoints(); onPreview(null); setDecision(null); }}>{L.clear[lang]}</button>
      </div>
      <div style={field}>
        <label htmlFor="reg">{L.registration[lang]}</label><input id="reg" value={registration} onChange={(e) => setRegistration(e.target.value)} />
        <label htmlFor="cat">{L.category[lang]}</label>
        <select id="cat" value={category} onChange={(e) => setCategory(e.target.value as typeof category)}>{['micro', 'light', 'small', 'medium', 'large'].map((c) => <option key={c}>{c}</option>)}</select>
        <label htmlFor="mission">{L.mission[lang]}</label>
        <select id="mission" value={mission} onChange={(e) => setMission(e.target.value as typeof mission)}>
          {['logistics', 'inspection', 'survey', 'agriculture', 'sightseeing', 'training', 'uam', 'rescue', 'medical', 'firefighting', 'police', 'other'].map((m) => <option key={m}>{m}</option>)}
        </select>
        <label htmlFor="lower">{L.lower[lang]}</label><input id="lower" type="number" value={lower} onChange={(e) => setLower(Number(e.target.value))} />
        <label htmlFor="upper">{L.upper[lang]}</label><input id="upper" type="number" value={upper} onChange={(e) => setUpper(Number(e.target.value))} />
        <label htmlFor="depart">{L.depart[lang]}</label><input id="depart" type="datetime-local" value={departLocal} onChange={(e) => setDepartLocal(e.target.value)} />
      </div>
      <div style={{ display: 'flex', gap: 6, marginTop: 6 }}>
        <button type="button" data-testid="check" onClick={() => void run('check')}>{L.check[lang]}</button>
        <button type="button" data-testid="submit" onClick={() => void run('submit')}>{L.submit[lang]}</button>
      </div>
      {error && <p role="alert" data-testid="pilot-error">{error}</p>}
      {decision && (
        <div data-testid="decision">
          <div><strong data-testid="outcome">{decision.outcome}</strong> · {decision.routing.stationId}</div>
          <ul style={{ paddingLeft: 18, margin: '4px 0' }}>{decision.reasons.filter((r) => r.effect !== 'info').map((r, i) => <li key={i}><code>{r.code}</code> {r.message}</li>)}</ul>
          {decision.suggestions.map((s, i) => <div key={i}>{s.description} → {s.outcome} <button type="button" data-testid="apply-suggestion" onClick={() => apply(s)}>{L.apply[lang]}</button></div>)}
        </div>
      )}
      <strong>{L.mine[lang]}</strong>
      <ul data-testid="my-plans" style={{ paddingLeft: 18, margin: '4px 0', maxHeight: 120, overflow: 'auto' }}>
        {mine.map((p) => <li key={p.id} data-plan={p.id}>{p.id} · <span data-state={p.state}>{p.state}</span>{p.conformance === 'nonconforming' ? ' ⚠' : ''}</li>)}
      </ul>
    </div>
  );
}
