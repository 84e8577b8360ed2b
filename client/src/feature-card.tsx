/** The card of what was clicked: an aircraft, a landing point or an alert, with "centre on it". */
import { useEffect, useState } from 'react';
import type { FlightPlan } from '../../shared/schemas/flight-plan-record.js';
import type { Alert } from '../../shared/schemas/track.js';
import type { Api } from './api.js';
import { aircraftCard, alertCard, landingPointCard, type Card } from './card-text.js';
import { t, type Lang } from './i18n.js';
import type { LiveData } from './use-live-data.js';

export type Picked = { kind: 'aircraft'; id: string } | { kind: 'landing-point'; id: string } | { kind: 'alert'; id: string };

export interface FeatureCardProps {
  lang: Lang;
  api: Api;
  picked: Picked;
  live: Pick<LiveData, 'tracks' | 'silent' | 'silentFor' | 'alerts' | 'landingPoints' | 'stations'>;
  districtNames: Record<string, string>;
  onClose: () => void;
  onCentre: (at: [number, number]) => void;
}

const companyNames = new Map<string, Promise<string | null>>();
function companyName(api: Api, id: string): Promise<string | null> {
  let p = companyNames.get(id);
  if (!p) {
    p = api.get<{ name?: string }>(`/companies/${encodeURIComponent(id)}`).then(
      (c) => c.name ?? null,
      () => null,
    );
    companyNames.set(id, p);
  }
  return p;
}

export function FeatureCard({ lang, api, picked, live, districtNames, onClose, onCentre }: FeatureCardProps) {
  const [plan, setPlan] = useState<FlightPlan | null>(null);
  const [company, setCompany] = useState<string | null>(null);
  const track = picked.kind === 'aircraft' ? live.tracks.get(picked.id) : undefined;
  const planId = track?.planId;
  useEffect(() => {
    setPlan(null);
    setCompany(null);
    if (!planId) return;
    let gone = false;
    api.get<FlightPlan>(`/flight-plans/${encodeURIComponent(planId)}`).then(
      (p) => {
        if (gone) return;
        setPlan(p);
        if (p.operatorId) void companyName(api, p.operatorId).then((n) => !gone && setCompany(n));
      },
      () => undefined,
    );
    return () => {
      gone = true;
    };
  }, [api, planId]);
  let card: Card | null = null;
  if (picked.kind === 'aircraft' && track) {
    card = aircraftCard(track, { plan, company, alerts: live.alerts, ...(live.silent.has(track.id) ? { silentS: live.silentFor(track.id) } : {}) }, lang);
  } else if (picked.kind === 'landing-point') {
    const lp = live.landingPoints.find((p) => p.id === picked.id);
    if (lp) card = landingPointCard(lp, { districtName: districtNames[lp.districtAdcode], ...(lp.usedThisHour !== undefined ? { usedThisHour: lp.usedThisHour } : {}) }, lang);
  } else if (picked.kind === 'alert') {
    const a: Alert | undefined = live.alerts.find((x) => x.id === picked.id);
    if (a) card = alertCard(a, lang, live.stations.find((s) => s.id === a.stationId)?.name);
  }
  return (
    <section data-testid="feature-card" data-kind={picked.kind} style={{ borderTop: '1px solid #ddd', paddingTop: 8, marginTop: 8 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <strong data-testid="card-title">{card?.title ?? picked.id}</strong>
        <button type="button" aria-label={t(lang, 'close')} onClick={onClose}>
          ×
        </button>
      </div>
      {card ? (
        <dl style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '2px 8px', margin: '6px 0' }}>
          {card.rows.map(([k, v]) => (
            <div key={k} style={{ display: 'contents' }}>
              <dt style={{ color: '#555' }}>{k}</dt>
              <dd style={{ margin: 0 }}>{v}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p>{t(lang, 'loading')}</p>
      )}
      {card?.at && (
        <button type="button" data-testid="card-centre" onClick={() => card?.at && onCentre(card.at)}>
          {t(lang, 'centreOn')}
        </button>
      )}
    </section>
  );
}

/** Open alerts (the same list as the console's), each opening its card. */
export function AlertList({ lang, alerts, onPick }: { lang: Lang; alerts: Alert[]; onPick: (id: string) => void }) {
  if (!alerts.length) return null;
  return (
    <ul data-testid="alert-list" style={{ paddingLeft: 16, margin: '0 0 6px', maxHeight: 90, overflow: 'auto', fontSize: 12 }}>
      {alerts.slice(0, 30).map((a) => (
        <li key={a.id}>
          <button type="button" onClick={() => onPick(a.id)} style={{ border: 0, background: 'none', padding: 0, color: '#b71c1c', cursor: 'pointer', textAlign: 'left' }}>
            {alertCard(a, lang).rows[0][1]}
          </button>
        </li>
      ))}
    </ul>
  );
}
