/** Operator console: the station's pending queue (emergencies first, by deadline), a plan's reasons and conflicts, approve/reject, alerts with acknowledge. */
import type React from 'react';
import { useCallback, useEffect, useState } from 'react';
import type { FlightPlan } from '../../shared/schemas/flight-plan-record.js';
import type { Alert } from '../../shared/schemas/track.js';
import type { Api } from './api.js';
import { CreditBadge, CreditEvents, useCompanyCredit } from './credit-view.js';
import { ReasonList } from './decision-view.js';
import { failureText } from './error-text.js';
import { t } from './i18n.js';
import { valueText } from './value-text.js';

export interface OperatorConsoleProps {
  api: Api;
  lang: 'zh' | 'en';
  /** bumps when a plan event arrives on the stream */
  revision: number;
  onSelect: (plan: FlightPlan | null, conflicting: FlightPlan['volumes']) => void;
  /** the restriction editor (drawing on the map) */
  editor?: React.ReactNode;
}

const L = {
  queue: { zh: '待审批队列', en: 'Pending queue' },
  empty: { zh: '暂无待审批计划', en: 'No pending plans' },
  approve: { zh: '批准', en: 'Approve' },
  reject: { zh: '拒绝', en: 'Reject' },
  reason: { zh: '理由', en: 'Reason' },
  reasonNeeded: { zh: '拒绝需填写理由', en: 'A rejection needs a reason' },
  emergency: { zh: '紧急', en: 'Emergency' },
  deadline: { zh: '时限', en: 'Deadline' },
  competing: { zh: '竞争', en: 'Competing' },
  alerts: { zh: '告警', en: 'Alerts' },
  ack: { zh: '确认', en: 'Acknowledge' },
} as const;

export function OperatorConsole({ api, lang, revision, onSelect, editor }: OperatorConsoleProps) {
  const [queue, setQueue] = useState<FlightPlan[]>([]);
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [selected, setSelected] = useState<FlightPlan | null>(null);
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
    api.get<{ alerts: Alert[] }>('/alerts?open=true').then(
      (r) => setAlerts(r.alerts),
      () => undefined,
    );
  }, [api]);
  useEffect(() => {
    refresh();
  }, [refresh, revision]);
  const select = async (p: FlightPlan) => {
    setSelected(p);
    setMessage(null);
    const others = await Promise.all(p.decision.conflicts.filter((c) => c.kind === 'plan').map((c) => api.get<FlightPlan>(`/flight-plans/${c.id}`).catch(() => null)));
    onSelect(
      p,
      others.flatMap((o) => o?.volumes ?? []),
    );
  };
  const act = async (verb: 'approve' | 'reject') => {
    if (!selected) return;
    if (verb === 'reject' && !reason.trim()) {
      setMessage(L.reasonNeeded[lang]);
      return;
    }
    try {
      const r = await api.post<FlightPlan>(`/flight-plans/${selected.id}/${verb}`, reason.trim() ? { reason: reason.trim() } : {});
      setMessage(`${r.id}: ${r.state}`);
      setSelected(null);
      setReason('');
      onSelect(null, []);
      refresh();
    } catch (e) {
      setMessage(failureText(e, lang));
    }
  };
  return (
    <div data-testid="operator-console">
      <strong>{L.queue[lang]}</strong>
      {queue.length === 0 && <p>{L.empty[lang]}</p>}
      <ol data-testid="queue" style={{ paddingLeft: 18, margin: '4px 0', maxHeight: 180, overflow: 'auto' }}>
        {queue.map((p) => {
          const credit = p.operatorId ? credits.get(p.operatorId) : undefined;
          return (
            <li key={p.id}>
              <button type="button" data-plan={p.id} onClick={() => void select(p)} style={{ fontWeight: selected?.id === p.id ? 700 : 400 }}>
                {p.emergency && <span style={{ color: '#d50000' }}>[{L.emergency[lang]}] </span>}
                {p.id} · {valueText('mission', p.mission, lang)} · {p.station.id}
              </button>
              <div style={{ fontSize: 11, color: '#555' }} data-company={p.operatorId}>
                {L.deadline[lang]} {p.deadline?.slice(5, 16).replace('T', ' ')}Z{p.competing.length ? ` · ${L.competing[lang]} ${p.competing.join(', ')}` : ''}
                {p.operatorId && ` · ${p.operatorId} `}
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
              </div>
              {credit && historyOf === p.id && <CreditEvents events={credit.events} lang={lang} limit={10} />}
            </li>
          );
        })}
      </ol>
      {selected && (
        <div data-testid="plan-detail" style={{ borderTop: '1px solid #ddd', paddingTop: 6 }}>
          <div>
            <strong>{selected.id}</strong> {selected.aircraft.registration} ({valueText('category', selected.aircraft.category, lang)}) · {selected.volumes[0]?.altitudeLowerM}–
            {Math.max(...selected.volumes.map((v) => v.altitudeUpperM))} m
          </div>
          <ReasonList reasons={selected.decision.reasons} lang={lang} volumeCount={selected.volumes.length} />
          <input aria-label={L.reason[lang]} placeholder={L.reason[lang]} value={reason} onChange={(e) => setReason(e.target.value)} style={{ width: '100%' }} />
          <div style={{ display: 'flex', gap: 6, marginTop: 4 }}>
            <button type="button" data-testid="approve" onClick={() => void act('approve')}>
              {L.approve[lang]}
            </button>
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
      <strong>
        {L.alerts[lang]} ({alerts.length})
      </strong>
      <ul data-testid="alerts" style={{ paddingLeft: 18, margin: '4px 0', maxHeight: 120, overflow: 'auto' }}>
        {alerts.slice(0, 50).map((a) => (
          <li key={a.id} style={{ color: a.severity === 'critical' ? '#d50000' : undefined }}>
            {a.kind}: {a.message}{' '}
            {!a.acknowledgedAt && (
              <button type="button" onClick={() => api.post(`/alerts/${a.id}/ack`).then(refresh, () => undefined)}>
                {L.ack[lang]}
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
