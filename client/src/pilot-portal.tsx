/**
 * Pilot portal: find a place, draw a route or an area on the map, fill the plan, check it
 * (conflicts, reasons, suggestions), submit, and follow the plan's state as it changes (plan
 * events over the stream); the pilot's plans open, take off and cancel.
 */
import { useEffect, useState } from 'react';
import type { LngLat } from '../../shared/geo/types.js';
import type { Decision, Suggestion } from '../../shared/schemas/decision.js';
import type { FlightPlanInput } from '../../shared/schemas/flight-plan.js';
import type { FlightPlan } from '../../shared/schemas/flight-plan-record.js';
import { AircraftPicker } from './aircraft-picker.js';
import type { Api } from './api.js';
import { ReasonList } from './decision-view.js';
import { QuoteView } from './billing-view.js';
import { bt, yuan } from './billing-text.js';
import { failureText } from './error-text.js';
import { fromLocalInput, toLocalInput } from './local-time.js';
import { buildPlanInput, type PlanShape } from './pilot-plan-input.js';
import { suggestionText } from './reason-text.js';
import { PILOT_PROBLEMS as PROBLEMS, PILOT_TEXT as L } from './i18n-plans.js';
import { MyPlans } from './my-plans.js';
import { PlaceSearch } from './place-search.js';
import { serverNow } from './server-clock.js';
import { MISSION_TEXT, PLAN_STATE_TEXT } from './value-text.js';

/** my plans: the newest ten, twenty more at each request, up to what one listing answers */
const MY_PLANS_PAGE = 10;
const MY_PLANS_MAX = 500;

export interface PilotPortalProps {
  api: Api;
  lang: 'zh' | 'en';
  /** a station's name by its id (the id while the stations are not known) */
  stationName?: (id: string) => string;
  waypoints: readonly LngLat[];
  drawing: boolean;
  setDrawing: (on: boolean) => void;
  clearWaypoints: () => void;
  revision: number;
  onPreview: (volumes: FlightPlan['volumes'] | null) => void;
  shape: PlanShape;
  setShape: (s: PlanShape) => void;
  /** centre the map on a found place (without it, the place is shown as a small circle the map fits to) */
  onPlace?: (p: LngLat) => void;
  /** add a found place as the next waypoint */
  addWaypoint?: (p: LngLat) => void;
}

/** a number field's value; empty is no number (the form then says what is missing), never 0 */
const numberOrNaN = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));

export function PilotPortal({ api, lang, waypoints, drawing, setDrawing, clearWaypoints, revision, onPreview, shape, setShape, onPlace, addWaypoint, stationName }: PilotPortalProps) {
  const [durationMin, setDurationMin] = useState(40);
  const [registration, setRegistration] = useState('');
  const [category, setCategory] = useState<FlightPlanInput['aircraft']['category']>('light');
  const [mission, setMission] = useState<FlightPlanInput['mission']>('logistics');
  const [lower, setLower] = useState(30);
  const [upper, setUpper] = useState(100);
  const [departLocal, setDepartLocal] = useState(() => toLocalInput(serverNow() + 3_600_000));
  const [decision, setDecision] = useState<Decision | null>(null);
  /** the plan submitted last: its state follows the plan events */
  const [filed, setFiled] = useState<FlightPlan | null>(null);
  const [volumeCount, setVolumeCount] = useState<number | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [mine, setMine] = useState<FlightPlan[]>([]);
  /** how many of the newest plans "my plans" shows (earlier ones on request) */
  const [mineLimit, setMineLimit] = useState(MY_PLANS_PAGE);
  useEffect(() => {
    api.get<{ plans: FlightPlan[] }>(`/flight-plans?order=newest&limit=${mineLimit}`).then(
      (r) => setMine(r.plans),
      () => undefined,
    );
  }, [api, revision, mineLimit]);
  // a plan event (approval, rejection, revocation…) may concern the plan just filed: its card says where it is now
  const filedId = filed?.id;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a plan event (revision) is when the filed plan is asked again
  useEffect(() => {
    if (!filedId) return;
    api.get<FlightPlan>(`/flight-plans/${encodeURIComponent(filedId)}`).then(
      (p) => setFiled((f) => (f?.id === p.id ? p : f)),
      () => undefined,
    );
  }, [api, revision, filedId]);
  const changed = (p: FlightPlan) => {
    setMine((m) => m.map((x) => (x.id === p.id ? p : x)));
    setFiled((f) => (f?.id === p.id ? p : f));
  };
  const showPlace = (p: LngLat) => {
    if (onPlace) onPlace(p);
    else onPreview([{ outline: { type: 'Circle', center: p, radiusM: 300 }, altitudeLowerM: 0, altitudeUpperM: 0, timeStart: new Date(0).toISOString(), timeEnd: new Date(0).toISOString() }]);
  };

  /** a check or submission that failed: its words, and nothing left of the one before (its decision, suggestions, volumes) */
  const failed = (words: string) => {
    setError(words);
    setDecision(null);
    setFiled(null);
    onPreview(null);
  };
  const run = async (what: 'check' | 'submit') => {
    setError(null);
    const built = buildPlanInput({
      shape,
      points: [...waypoints],
      registration,
      category,
      mission,
      lowerM: lower,
      upperM: upper,
      departMs: fromLocalInput(departLocal),
      durationMin,
      cruiseSpeedMps: 12,
    });
    if ('problem' in built) {
      failed(PROBLEMS[built.problem][lang]);
      return;
    }
    const input = () => built.input;
    try {
      if (what === 'check') {
        const r = await api.post<{ decision: Decision; volumes: FlightPlan['volumes'] }>('/flight-plans/check', input());
        setDecision(r.decision);
        setFiled(null);
        setVolumeCount(r.volumes.length);
        onPreview(r.volumes);
      } else {
        const r = await api.post<FlightPlan>('/flight-plans', input());
        setDecision(r.decision);
        setFiled(r);
        setVolumeCount(r.volumes.length);
        onPreview(r.volumes);
        setMine((m) => [r, ...m.filter((x) => x.id !== r.id)]);
      }
    } catch (e) {
      failed(failureText(e, lang));
    }
  };
  const apply = (s: Suggestion) => {
    if (s.kind === 'time-shift') setDepartLocal(toLocalInput(fromLocalInput(departLocal) + (s.shiftS ?? 0) * 1000));
    else {
      setLower(lower + (s.shiftM ?? 0));
      setUpper(upper + (s.shiftM ?? 0));
    }
    setDecision(null);
    setFiled(null);
  };
  const field = { display: 'grid', gridTemplateColumns: '90px minmax(0, 1fr)', gap: 4, alignItems: 'center' } as const;
  // the decision as it stands: the filed plan's (decided again when the airspace changes), else the check's
  const shown = filed?.decision ?? decision;
  // suggestions for a plan checked, or filed and refused at once (applying one moves the form; filed again, it is a new plan)
  const offered = shown && (!filed || filed.state === 'rejected') ? shown.suggestions : [];
  // the price of the plan as asked, which a suggestion's difference is taken from (a rejected plan has no quote of its own)
  const priced = offered.find((s) => s.quoteFen !== undefined && s.priceDeltaFen !== undefined);
  const asked = priced ? (priced.quoteFen as number) - (priced.priceDeltaFen as number) : undefined;
  return (
    <div data-testid="pilot-portal">
      <PlaceSearch api={api} lang={lang} onPlace={showPlace} {...(addWaypoint ? { addWaypoint } : {})} />
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
        <input id="lower" type="number" value={Number.isFinite(lower) ? lower : ''} onChange={(e) => setLower(numberOrNaN(e.target.value))} />
        <label htmlFor="upper">{L.upper[lang]}</label>
        <input id="upper" type="number" value={Number.isFinite(upper) ? upper : ''} onChange={(e) => setUpper(numberOrNaN(e.target.value))} />
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
        <p role="alert" data-testid="pilot-error" style={{ color: '#b00020' }}>
          {error}
        </p>
      )}
      {shown && (
        <div data-testid="decision">
          <div>
            {filed ? L.current[lang] : L.checked[lang]}{' '}
            <strong data-testid="outcome" data-outcome={filed?.state ?? shown.outcome}>
              {PLAN_STATE_TEXT[filed?.state ?? shown.outcome][lang]}
            </strong>{' '}
            {filed && `${filed.id} `}· {L.station[lang]} {stationName?.(shown.routing.stationId) ?? shown.routing.stationId}
          </div>
          <ReasonList reasons={shown.reasons} lang={lang} {...(volumeCount !== undefined ? { volumeCount } : {})} />
          {shown.quote && <QuoteView quote={shown.quote} lang={lang} />}
          {offered.length > 0 && asked !== undefined && (
            <div data-testid="asked-price" style={{ color: '#555' }}>
              {bt(lang, 'askedPrice')} {yuan(asked)}
            </div>
          )}
          {offered.map((s) => (
            <div key={`${s.kind}-${s.shiftS ?? s.shiftM}`}>
              {suggestionText(s, lang)}{' '}
              {s.quoteFen !== undefined && (
                <span data-testid="suggestion-price" style={{ color: '#555' }}>
                  {lang === 'zh' ? '（' : '('}
                  {yuan(s.quoteFen)}
                  {s.priceDeltaFen !== undefined
                    ? `${lang === 'zh' ? '，' : ', '}${bt(lang, 'priceDelta')} ${s.priceDeltaFen > 0 ? '+' : s.priceDeltaFen < 0 ? '−' : '±'}${yuan(Math.abs(s.priceDeltaFen))}`
                    : ''}
                  {lang === 'zh' ? '）' : ')'}
                </span>
              )}{' '}
              <button type="button" data-testid="apply-suggestion" onClick={() => apply(s)}>
                {L.apply[lang]}
              </button>
            </div>
          ))}
        </div>
      )}
      <strong>{L.mine[lang]}</strong>
      <MyPlans
        api={api}
        lang={lang}
        plans={mine}
        onChanged={changed}
        onPreview={onPreview}
        stationName={stationName}
        onMore={mine.length >= mineLimit && mineLimit < MY_PLANS_MAX ? () => setMineLimit((n) => Math.min(MY_PLANS_MAX, n + MY_PLANS_PAGE * 2)) : undefined}
      />
    </div>
  );
}
