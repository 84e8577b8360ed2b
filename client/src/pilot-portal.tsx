/** Pilot portal: draw a route or an area on the map, fill the plan, check it (conflicts, reasons, suggestions), submit, and follow the decision. */
import { useEffect, useState } from 'react';
import type { LngLat } from '../../shared/geo/types.js';
import type { Decision, Suggestion } from '../../shared/schemas/decision.js';
import type { FlightPlanInput } from '../../shared/schemas/flight-plan.js';
import type { FlightPlan } from '../../shared/schemas/flight-plan-record.js';
import { AircraftPicker } from './aircraft-picker.js';
import type { Api } from './api.js';
import { ReasonList } from './decision-view.js';
import { failureText } from './error-text.js';
import { fromLocalInput, toLocalInput } from './local-time.js';
import { buildPlanInput, type FormProblem, type PlanShape } from './pilot-plan-input.js';
import { suggestionText } from './reason-text.js';
import { MISSION_TEXT, PLAN_STATE_TEXT } from './value-text.js';

export interface PilotPortalProps {
  api: Api;
  lang: 'zh' | 'en';
  waypoints: LngLat[];
  drawing: boolean;
  setDrawing: (on: boolean) => void;
  clearWaypoints: () => void;
  revision: number;
  onPreview: (volumes: FlightPlan['volumes'] | null) => void;
  shape: PlanShape;
  setShape: (s: PlanShape) => void;
}

const L = {
  route: { zh: '航线', en: 'Route' },
  draw: { zh: '在地图上点选航点', en: 'Click waypoints on the map' },
  done: { zh: '完成', en: 'Done' },
  clear: { zh: '清除', en: 'Clear' },
  mission: { zh: '任务', en: 'Mission' },
  lower: { zh: '下限 (米)', en: 'Lower (m)' },
  upper: { zh: '上限 (米)', en: 'Upper (m)' },
  depart: { zh: '起飞时间', en: 'Departure' },
  check: { zh: '检查', en: 'Check' },
  submit: { zh: '提交', en: 'Submit' },
  apply: { zh: '采用', en: 'Apply' },
  mine: { zh: '我的计划', en: 'My plans' },
  area: { zh: '作业区域', en: 'Area' },
  drawArea: { zh: '在地图上点选区域顶点', en: "Click the area's corners on the map" },
  duration: { zh: '时长 (分钟)', en: 'Duration (min)' },
  start: { zh: '开始时间', en: 'Start' },
} as const;

const PROBLEMS: Record<FormProblem, { zh: string; en: string }> = {
  needTwo: { zh: '航线至少需要两个航点', en: 'A route needs at least two waypoints' },
  needThree: { zh: '区域至少需要三个顶点', en: 'An area needs at least three corners' },
  selfIntersecting: { zh: '区域边界自相交，请按顺序点选顶点', en: "The area's edges cross each other: click the corners in order" },
  badDuration: { zh: '时长应为 1–1440 分钟', en: 'The duration must be 1–1440 minutes' },
  badBand: { zh: '高度下限应不小于 0 且低于上限', en: 'The lower altitude must be at least 0 and below the upper' },
  needRegistration: { zh: '请选择航空器或填写其登记号', en: 'Choose the aircraft or enter its registration' },
  badTime: { zh: '请填写有效的时间', en: 'Enter a valid time' },
};

export function PilotPortal({ api, lang, waypoints, drawing, setDrawing, clearWaypoints, revision, onPreview, shape, setShape }: PilotPortalProps) {
  const [durationMin, setDurationMin] = useState(40);
  const [registration, setRegistration] = useState('');
  const [category, setCategory] = useState<FlightPlanInput['aircraft']['category']>('light');
  const [mission, setMission] = useState<FlightPlanInput['mission']>('logistics');
  const [lower, setLower] = useState(30);
  const [upper, setUpper] = useState(100);
  const [departLocal, setDepartLocal] = useState(() => toLocalInput(Date.now() + 3_600_000));
  const [decision, setDecision] = useState<Decision | null>(null);
  const [volumeCount, setVolumeCount] = useState<number | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [mine, setMine] = useState<FlightPlan[]>([]);
  useEffect(() => {
    api.get<{ plans: FlightPlan[] }>('/flight-plans?limit=20').then(
      (r) => setMine(r.plans.slice(-10).reverse()),
      () => undefined,
    );
  }, [api, revision]);

  const run = async (what: 'check' | 'submit') => {
    setError(null);
    const built = buildPlanInput({ shape, points: waypoints, registration, category, mission, lowerM: lower, upperM: upper, departMs: fromLocalInput(departLocal), durationMin, cruiseSpeedMps: 12 });
    if ('problem' in built) {
      setError(PROBLEMS[built.problem][lang]);
      return;
    }
    const input = () => built.input;
    try {
      if (what === 'check') {
        const r = await api.post<{ decision: Decision; volumes: FlightPlan['volumes'] }>('/flight-plans/check', input());
        setDecision(r.decision);
        setVolumeCount(r.volumes.length);
        onPreview(r.volumes);
      } else {
        const r = await api.post<FlightPlan>('/flight-plans', input());
        setDecision(r.decision);
        setVolumeCount(r.volumes.length);
        onPreview(r.volumes);
        setMine((m) => [r, ...m.filter((x) => x.id !== r.id)]);
      }
    } catch (e) {
      setError(failureText(e, lang));
    }
  };
  const apply = (s: Suggestion) => {
    if (s.kind === 'time-shift') setDepartLocal(toLocalInput(fromLocalInput(departLocal) + (s.shiftS ?? 0) * 1000));
    else {
      setLower(lower + (s.shiftM ?? 0));
      setUpper(upper + (s.shiftM ?? 0));
    }
    setDecision(null);
  };
  const field = { display: 'grid', gridTemplateColumns: '90px minmax(0, 1fr)', gap: 4, alignItems: 'center' } as const;
  return (
    <div data-testid="pilot-portal">
      <div role="radiogroup" style={{ display: 'flex', gap: 10 }}>
        {(['route', 'area'] as const).map((k) => (
          <label key={k}>
            <input
              type="radio"
              name="plan-shape"
              data-testid={`shape-${k}`}
              checked={shape === k}
              onChange={() => {
                setShape(k);
                clearWaypoints();
                onPreview(null);
                setDecision(null);
              }}
            />{' '}
            {L[k][lang]}
          </label>
        ))}
        <span>({waypoints.length})</span>
      </div>
      <div style={{ display: 'flex', gap: 6, margin: '4px 0' }}>
        <button type="button" data-testid="draw" onClick={() => setDrawing(!drawing)}>
          {drawing ? L.done[lang] : shape === 'area' ? L.drawArea[lang] : L.draw[lang]}
        </button>
        <button
          type="button"
          onClick={() => {
            clearWaypoints();
            onPreview(null);
            setDecision(null);
          }}
        >
          {L.clear[lang]}
        </button>
      </div>
      <div style={field}>
        <AircraftPicker
          api={api}
          lang={lang}
          registration={registration}
          category={category}
          onChange={(r, c) => {
            setRegistration(r);
            setCategory(c);
            setDecision(null);
          }}
        />
        <label htmlFor="mission">{L.mission[lang]}</label>
        <select id="mission" value={mission} onChange={(e) => setMission(e.target.value as typeof mission)}>
          {(Object.keys(MISSION_TEXT) as (keyof typeof MISSION_TEXT)[]).map((m) => (
            <option key={m} value={m}>
              {MISSION_TEXT[m][lang]}
            </option>
          ))}
        </select>
        <label htmlFor="lower">{L.lower[lang]}</label>
        <input id="lower" type="number" value={lower} onChange={(e) => setLower(Number(e.target.value))} />
        <label htmlFor="upper">{L.upper[lang]}</label>
        <input id="upper" type="number" value={upper} onChange={(e) => setUpper(Number(e.target.value))} />
        <label htmlFor="depart">{shape === 'area' ? L.start[lang] : L.depart[lang]}</label>
        <input id="depart" type="datetime-local" value={departLocal} onChange={(e) => setDepartLocal(e.target.value)} />
        {shape === 'area' && (
          <>
            <label htmlFor="duration">{L.duration[lang]}</label>
            <input id="duration" type="number" min={1} max={1440} value={durationMin} onChange={(e) => setDurationMin(Number(e.target.value))} />
          </>
        )}
      </div>
      <div style={{ display: 'flex', gap: 6, marginTop: 6 }}>
        <button type="button" data-testid="check" onClick={() => void run('check')}>
          {L.check[lang]}
        </button>
        <button type="button" data-testid="submit" onClick={() => void run('submit')}>
          {L.submit[lang]}
        </button>
      </div>
      {error && (
        <p role="alert" data-testid="pilot-error">
          {error}
        </p>
      )}
      {decision && (
        <div data-testid="decision">
          <div>
            <strong data-testid="outcome" data-outcome={decision.outcome}>
              {PLAN_STATE_TEXT[decision.outcome][lang]}
            </strong>{' '}
            · {decision.routing.stationId}
          </div>
          <ReasonList reasons={decision.reasons} lang={lang} {...(volumeCount !== undefined ? { volumeCount } : {})} />
          {decision.suggestions.map((s) => (
            <div key={`${s.kind}-${s.shiftS ?? s.shiftM}`}>
              {suggestionText(s, lang)}{' '}
              <button type="button" data-testid="apply-suggestion" onClick={() => apply(s)}>
                {L.apply[lang]}
              </button>
            </div>
          ))}
        </div>
      )}
      <strong>{L.mine[lang]}</strong>
      <ul data-testid="my-plans" style={{ paddingLeft: 18, margin: '4px 0', maxHeight: 120, overflow: 'auto' }}>
        {mine.map((p) => (
          <li key={p.id} data-plan={p.id}>
            {p.id} · <span data-state={p.state}>{PLAN_STATE_TEXT[p.state][lang]}</span>
            {p.conformance === 'nonconforming' ? ' ⚠' : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}
