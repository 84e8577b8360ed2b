/**
 * Operator console: the station's pending queue (emergencies first, by deadline) with each plan's
 * window, place, band, company and credit; a plan's reasons, the plans it competes or conflicts
 * with (drawn beside it), a warning of what approving does to them and a summary of what it did;
 * approve/reject; alerts with acknowledge.
 */
import type React from 'react';
import { useCallback, useEffect, useState } from 'react';
import type { FlightPlan } from '../../shared/schemas/flight-plan-record.js';
import type { Alert } from '../../shared/schemas/track.js';
import type { Api } from './api.js';
import { CreditBadge, CreditEvents, useCompanyCredit } from './credit-view.js';
import { QuoteView } from './billing-view.js';
import { ReasonList } from './decision-view.js';
import { failureText } from './error-text.js';
import { t } from './i18n.js';
import { fillText, OPERATOR_TEXT as L, PLAN_TEXT } from './i18n-plans.js';
import { approvalEffects, approvalSummary, approvalWarning, bandText, deadlineText, placeText, windowText } from './plan-context.js';
import { PlanRefs } from './plan-refs.js';
import { valueText } from './value-text.js';
import { alertText } from './zone-text.js';

export interface OperatorConsoleProps {
  api: Api;
  lang: 'zh' | 'en';
  /** bumps when a plan event arrives on the stream */
  revision: number;
  /** the selected plan, and the volumes of the plans it competes or conflicts with (drawn beside it) */
  onSelect: (plan: FlightPlan | null, conflicting: FlightPlan['volumes']) => void;
  /** the same plans apart — competing (pending, would be rejected or compete) and conflicting — for a map that draws them in two styles */
  onContext?: (ctx: { competing: FlightPlan[]; conflicting: FlightPlan[] } | null) => void;
  /** the restriction editor (drawing on the map) */
  editor?: React.ReactNode;
  /** the airspace editions panel */
  editions?: React.ReactNode;
  /** the open alerts the principal may see (the live data's list: it follows the stream) */
  alerts: Alert[];
  /** an alert was acknowledged here: the list is read again */
  onAlertsChanged: () => void;
  /** a station's name by its id (the id while the stations are not known) */
  stationName?: (id: string) => string;
}

interface Context {
  competing: FlightPlan[];
  conflicting: FlightPlan[];
}

const small = { fontSize: 11, color: '#555' } as const;

export function OperatorConsole({ api, lang, revision, onSelect, onContext, editor, editions, alerts, onAlertsChanged, stationName }: OperatorConsoleProps) {
  const [queue, setQueue] = useState<FlightPlan[]>([]);
  const [selected, setSelected] = useState<FlightPlan | null>(null);
  const [context, setContext] = useState<Context>({ competing: [], conflicting: [] });
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const credits = useCompanyCredit(
    api,
    queue.map((p) => p.operatorId),
    revision,
  );
  const refresh = useCallback(() => {
    api.get<{ plans: FlightPlan[] }>('/flight-plans?state=pending').then(
      (r) => setQueue(r.plans),
      () => undefined,
    );
  }, [api]);
  useEffect(() => {
    refresh();
  }, [refresh, revision]);
  const fetchPlans = (ids: string[]) =>
    Promise.all(ids.map((id) => api.get<FlightPlan>(`/flight-plans/${encodeURIComponent(id)}`).catch(() => null))).then((xs) => xs.filter((x): x is FlightPlan => !!x));
  const select = async (p: FlightPlan) => {
    setSelected(p);
    setConfirming(false);
    setMessage(null);
    const conflictIds = [...new Set(p.decision.conflicts.filter((c) => c.kind === 'plan').map((c) => c.id))].filter((id) => !p.competing.includes(id));
    const [competing, conflicting] = await Promise.all([fetchPlans(p.competing), fetchPlans(conflictIds)]);
    setContext({ competing, conflicting });
    onContext?.({ competing, conflicting });
    onSelect(
      p,
      [...competing, ...conflicting].flatMap((o) => o.volumes),
    );
  };
  const effects = selected ? approvalEffects(selected, context.competing) : null;
  const warning = effects ? approvalWarning(effects, lang) : null;
  const done = (text: string) => {
    setMessage(text);
    setSelected(null);
    setConfirming(false);
    setReason('');
    setContext({ competing: [], conflicting: [] });
    onSelect(null, []);
    onContext?.(null);
    refresh();
  };
  const act = async (verb: 'approve' | 'reject') => {
    if (!selected) return;
    if (verb === 'reject' && !reason.trim()) {
      setMessage(L.reasonNeeded[lang]);
      return;
    }
    if (verb === 'approve' && warning && !confirming) {
      setConfirming(true);
      return;
    }
    try {
      const r = await api.post<FlightPlan>(`/flight-plans/${selected.id}/${verb}`, reason.trim() ? { reason: reason.trim() } : {});
      if (verb === 'reject') return done(fillText(PLAN_TEXT.rejectedOne[lang], { plan: r.id }));
      // the competitors as they are now: the re-check after the approval has rejected those that conflict
      done(approvalSummary(r, await fetchPlans(context.competing.map((c) => c.id)), lang));
    } catch (e) {
      setConfirming(false);
      setMessage(failureText(e, lang));
    }
  };
  return (
    <div data-testid="operator-console">
      <strong>{L.queue[lang]}</strong>
      {queue.length === 0 && <p>{L.empty[lang]}</p>}
      <ol data-testid="queue" style={{ paddingLeft: 18, margin: '4px 0', maxHeight: 220, overflow: 'auto' }}>
        {queue.map((p) => {
          const credit = p.operatorId ? credits.get(p.operatorId) : undefined;
          return (
            <li key={p.id} data-row={p.id} style={{ marginBottom: 3 }}>
              <button type="button" data-plan={p.id} onClick={() => void select(p)} style={{ fontWeight: selected?.id === p.id ? 700 : 400 }}>
                {p.emergency && <span style={{ color: '#d50000' }}>[{L.emergency[lang]}] </span>}
                {p.id} · {valueText('mission', p.mission, lang)} · <span title={p.station.id}>{stationName?.(p.station.id) ?? p.station.id}</span>
              </button>
              <div style={small} data-testid="queue-context">
                <span data-testid="queue-window">{windowText(p)}</span> ({L.utc8[lang]}) · <span data-testid="queue-place">{placeText(p, lang)}</span> ·{' '}
                <span data-testid="queue-band">{bandText(p, lang)}</span>
              </div>
              <div style={small} data-company={p.operatorId}>
                {p.operatorId && (
                  <>
                    {L.company[lang]} <span title={p.operatorId}>{credit?.companyName ?? p.operatorId}</span>{' '}
                  </>
                )}
                {credit && (
                  <button
                    type="button"
                    data-testid="credit-toggle"
                    style={{ border: 0, background: 'none', padding: 0, cursor: 'pointer' }}
                    title={t(lang, 'creditEvents')}
                    onClick={() => setHistoryOf(historyOf === p.id ? null : p.id)}
                  >
                    <CreditBadge credit={credit} lang={lang} /> {historyOf === p.id ? '▾' : '▸'}
                  </button>
                )}
                {p.deadline && (
                  <span data-testid="queue-deadline">
                    {' '}
                    · {L.deadline[lang]} {deadlineText(p.deadline)}
                  </span>
                )}
                {p.competing.length > 0 && ` · ${L.competing[lang]} ${p.competing.length}`}
              </div>
              {credit && historyOf === p.id && <CreditEvents events={credit.events} lang={lang} limit={10} />}
            </li>
          );
        })}
      </ol>
      {selected && (
        <div data-testid="plan-detail" style={{ borderTop: '1px solid #ddd', paddingTop: 6 }}>
          <div>
            <strong>{selected.id}</strong> {selected.aircraft.registration} ({valueText('category', selected.aircraft.category, lang)}) · {L.priority[lang]} {selected.priority}
          </div>
          <div style={small}>
            {windowText(selected)} ({L.utc8[lang]}) · {placeText(selected, lang)}
          </div>
          <div data-testid="plan-band">
            {L.band[lang]} {bandText(selected, lang)}
          </div>
          <ReasonList reasons={selected.decision.reasons} lang={lang} volumeCount={selected.volumes.length} showCodes />
          {selected.decision.quote && <QuoteView quote={selected.decision.quote} lang={lang} />}
          <PlanRefs testId="competing" label={L.competing[lang]} plans={context.competing} lang={lang} />
          <PlanRefs testId="conflicting" label={L.conflicting[lang]} plans={context.conflicting} lang={lang} />
          {(context.competing.length > 0 || context.conflicting.length > 0) && <div style={small}>{L.onMap[lang]}</div>}
          <input aria-label={L.reason[lang]} placeholder={L.reason[lang]} value={reason} onChange={(e) => setReason(e.target.value)} style={{ width: '100%' }} />
          {confirming && warning && (
            <p role="alert" data-testid="approve-warning" style={{ color: '#b71c1c', margin: '4px 0' }}>
              {warning}
            </p>
          )}
          <div style={{ display: 'flex', gap: 6, marginTop: 4 }}>
            <button type="button" data-testid="approve" onClick={() => void act('approve')}>
              {confirming ? L.confirmApprove[lang] : L.approve[lang]}
            </button>
            {confirming && (
              <button type="button" data-testid="approve-back" onClick={() => setConfirming(false)}>
                {L.back[lang]}
              </button>
            )}
            <button type="button" data-testid="reject" onClick={() => void act('reject')}>
              {L.reject[lang]}
            </button>
          </div>
        </div>
      )}
      {message && (
        <p role="status" data-testid="operator-message">
          {message}
        </p>
      )}
      {editor}
      {editions}
      <strong data-testid="alert-count">
        {L.alerts[lang]} ({fillText(L.toAck[lang], { n: alerts.filter((a) => !a.acknowledgedAt).length })})
      </strong>
      <ul data-testid="alerts" style={{ paddingLeft: 18, margin: '4px 0', maxHeight: 120, overflow: 'auto' }}>
        {alerts.slice(0, 50).map((a) => (
          <li key={a.id} data-kind={a.kind} data-acked={a.acknowledgedAt ? 'yes' : 'no'} style={{ color: a.acknowledgedAt ? '#888' : a.severity === 'critical' ? '#d50000' : undefined }}>
            {alertText(a, lang)}{' '}
            {a.acknowledgedAt ? (
              <span data-testid="acked">✓ {L.acked[lang]}</span>
            ) : (
              <button type="button" data-testid="ack-alert" onClick={() => api.post(`/alerts/${a.id}/ack`).then(onAlertsChanged, () => undefined)}>
                {L.ack[lang]}
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
