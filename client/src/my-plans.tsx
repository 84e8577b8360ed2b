/** The pilot's own plans: each row opens (window, band, reasons, drawn on the map) and offers take-off (approved) and cancel (pending, approved, airborne). */
import { useState } from 'react';
import type { FlightPlan } from '../../shared/schemas/flight-plan-record.js';
import type { Api } from './api.js';
import { QuoteView } from './billing-view.js';
import { ReasonList } from './decision-view.js';
import { failureText } from './error-text.js';
import type { Lang } from './i18n.js';
import { fillText, OPERATOR_TEXT, PILOT_TEXT as L } from './i18n-plans.js';
import { bandText, placeText, windowText } from './plan-context.js';
import { MISSION_TEXT, PLAN_STATE_TEXT } from './value-text.js';
import { stateWhyText } from './state-cause-text.js';

export interface MyPlansProps {
  api: Api;
  lang: Lang;
  plans: FlightPlan[];
  /** a plan changed by an action here (the list shows it at once) */
  onChanged: (p: FlightPlan) => void;
  onPreview: (volumes: FlightPlan['volumes'] | null) => void;
  /** shows earlier plans (absent: all are shown) */
  onMore?: () => void;
  /** a station's name by its id (the id while the stations are not known) */
  stationName?: (id: string) => string;
}

const CAN_CANCEL: ReadonlySet<FlightPlan['state']> = new Set(['pending', 'approved']);

export function MyPlans({ api, lang, plans, onChanged, onPreview, onMore, stationName }: MyPlansProps) {
  const [open, setOpen] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const act = async (p: FlightPlan, verb: 'activate' | 'cancel') => {
    setMessage(null);
    try {
      const r = await api.post<FlightPlan>(`/flight-plans/${encodeURIComponent(p.id)}/${verb}`, {});
      onChanged(r);
      setMessage(fillText(verb === 'activate' ? L.activated[lang] : L.cancelled[lang], { plan: r.id }));
    } catch (e) {
      setMessage(failureText(e, lang));
    }
  };
  return (
    <>
      <ul data-testid="my-plans" style={{ paddingLeft: 18, margin: '4px 0', maxHeight: 220, overflow: 'auto' }}>
        {plans.map((p) => (
          <li key={p.id} data-plan={p.id} style={{ marginBottom: 2 }}>
            <button
              type="button"
              data-testid="open-plan"
              title={open === p.id ? L.close[lang] : L.open[lang]}
              style={{ border: 0, background: 'none', padding: 0, cursor: 'pointer', textDecoration: 'underline' }}
              onClick={() => {
                const next = open === p.id ? null : p.id;
                setOpen(next);
                onPreview(next ? p.volumes : null);
              }}
            >
              {p.id}
            </button>{' '}
            · <span data-state={p.state}>{PLAN_STATE_TEXT[p.state][lang]}</span>
            {p.conformance === 'nonconforming' ? ' ⚠' : ''}{' '}
            {p.state === 'approved' && (
              <button type="button" data-testid="activate-plan" onClick={() => void act(p, 'activate')}>
                {L.activate[lang]}
              </button>
            )}{' '}
            {CAN_CANCEL.has(p.state) && (
              <button type="button" data-testid="cancel-plan" onClick={() => void act(p, 'cancel')}>
                {L.cancelPlan[lang]}
              </button>
            )}
            {open === p.id && (
              <div data-testid="plan-card" style={{ fontSize: 12, color: '#333', borderLeft: '2px solid #ccc', paddingLeft: 6 }}>
                <div>
                  {MISSION_TEXT[p.mission as keyof typeof MISSION_TEXT]?.[lang] ?? p.mission} · {p.aircraft.registration} · {L.station[lang]} {stationName?.(p.station.id) ?? p.station.id}
                </div>
                <div>
                  {windowText(p)} ({OPERATOR_TEXT.utc8[lang]}) · {placeText(p, lang)} · {bandText(p, lang)}
                </div>
                <ReasonList reasons={p.decision.reasons} lang={lang} volumeCount={p.volumes.length} />
                {p.decision.quote && <QuoteView quote={p.decision.quote} lang={lang} />}
                {stateWhyText(p, lang) && <div data-testid="state-why">{stateWhyText(p, lang)}</div>}
              </div>
            )}
          </li>
        ))}
      </ul>
      {onMore && (
        <button type="button" data-testid="more-plans" onClick={onMore}>
          {L.morePlans[lang]}
        </button>
      )}
      {message && (
        <p role="status" data-testid="my-plans-message">
          {message}
        </p>
      )}
    </>
  );
}
