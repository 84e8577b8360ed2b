/** Draw a temporary restriction (polygon, altitude band, time window), see which plans it affects, publish it. */
import { useEffect, useMemo, useState } from 'react';
import type { Zone } from '../../shared/schemas/zone.js';
import type { LngLat } from '../../shared/geo/types.js';
import type { Api } from './api.js';
import { failureText } from './error-text.js';
import { fillText, RESTRICTION_TEXT as L } from './i18n-plans.js';
import { fromLocalInput, toLocalInput } from './local-time.js';
import { serverNow } from './server-clock.js';
import { PLAN_STATE_TEXT } from './value-text.js';
import { distinctVertices } from './map-drawing.js';
import { VertexEntry } from './vertex-entry.js';

export interface RestrictionEditorProps {
  api: Api;
  lang: 'zh' | 'en';
  points: readonly LngLat[];
  drawing: boolean;
  setDrawing: (on: boolean) => void;
  clearPoints: () => void;
  /** a vertex typed in (no mouse) */
  add?: (p: LngLat) => void;
  onPublished: () => void;
  /** the published zones (the live data's: they follow the stream) */
  zones: readonly Zone[];
  /** whether this operator may withdraw a restriction (its own station's, or any for the A station); the server decides in the end */
  mayWithdraw: (z: Zone) => boolean;
  /** a station's name by its id */
  stationName: (id: string) => string;
}

export function RestrictionEditor({ api, lang, points: clicked, drawing, setDrawing, clearPoints, add, onPublished, zones, mayWithdraw, stationName }: RestrictionEditorProps) {
  // the vertices as drawn (a double click or a click on the first vertex adds none)
  const points = useMemo(() => distinctVertices(clicked), [clicked]);
  const [name, setName] = useState('');
  const [reason, setReason] = useState('');
  const [lower, setLower] = useState(0);
  const [upper, setUpper] = useState(300);
  const [start, setStart] = useState(() => toLocalInput(serverNow()));
  const [end, setEnd] = useState(() => toLocalInput(serverNow() + 4 * 3_600_000));
  const [rule, setRule] = useState<'prohibited' | 'approval'>('prohibited');
  const [affected, setAffected] = useState<{ planId: string; state: string; becomes: string }[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  /** temporary restrictions whose window has not ended: each may be withdrawn (by whoever may publish it) */
  const inForce = useMemo(() => zones.filter((z) => z.kind === 'temporary' && (z.applicability.kind !== 'window' || Date.parse(z.applicability.end) > serverNow())), [zones]);
  // a word about too few vertices no longer holds once there are enough
  useEffect(() => {
    if (points.length >= 3) setMessage((m) => (m === L.needThree.zh || m === L.needThree.en ? null : m));
  }, [points.length]);
  const withdraw = async (z: Zone) => {
    setMessage(null);
    try {
      await api.del(`/zones/${encodeURIComponent(z.id)}`);
      setMessage(`✓ ${fillText(L.withdrawn[lang], { zone: `${z.name} (${z.id})` })}`);
      onPublished();
    } catch (e) {
      setMessage(failureText(e, lang));
    }
  };
  const body = () => ({
    name: name || L.defaultName[lang],
    reason: reason || L.defaultReason[lang],
    outline: { type: 'Polygon', coordinates: [[...points, points[0]]] },
    altitudeLowerM: lower,
    altitudeUpperM: upper,
    restriction: rule,
    applicability: { kind: 'window', start: new Date(fromLocalInput(start)).toISOString(), end: new Date(fromLocalInput(end)).toISOString() },
  });
  const send = async (what: 'preview' | 'publish') => {
    setMessage(null);
    if (points.length < 3) {
      setMessage(L.needThree[lang]);
      return;
    }
    try {
      if (what === 'preview') setAffected((await api.post<{ affected: { planId: string; state: string; becomes: string }[] }>('/zones/preview', body())).affected);
      else {
        const r = await api.post<{ zone: { id: string }; affected: unknown[] }>('/zones', body());
        setMessage(`✓ ${fillText(L.published[lang], { zone: r.zone.id, n: r.affected.length })}`);
        setAffected(null);
        clearPoints();
        onPublished();
      }
    } catch (e) {
      setMessage(failureText(e, lang));
    }
  };
  const field = { display: 'grid', gridTemplateColumns: '80px 1fr', gap: 4, alignItems: 'center' } as const;
  return (
    <div data-testid="restriction-editor" style={{ borderTop: '1px solid #ddd', paddingTop: 6, marginTop: 6 }}>
      <strong>{L.title[lang]}</strong>{' '}
      <span data-testid="vertex-count" aria-live="polite">
        {points.length ? fillText(L.vertices[lang], { n: points.length }) : ''}
      </span>
      <div style={{ display: 'flex', gap: 6, margin: '4px 0' }}>
        <button type="button" data-testid="draw-area" aria-pressed={drawing} onClick={() => setDrawing(!drawing)}>
          {drawing ? L.done[lang] : L.draw[lang]}
        </button>
      </div>
      {add && <VertexEntry lang={lang} onAdd={add} testId="restriction-vertex-entry" />}
      <div style={field}>
        <label htmlFor="r-name">{L.name[lang]}</label>
        <input id="r-name" value={name} onChange={(e) => setName(e.target.value)} />
        <label htmlFor="r-reason">{L.reason[lang]}</label>
        <input id="r-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        <label htmlFor="r-lower">{L.lower[lang]}</label>
        <input id="r-lower" type="number" value={lower} onChange={(e) => setLower(Number(e.target.value))} />
        <label htmlFor="r-upper">{L.upper[lang]}</label>
        <input id="r-upper" type="number" value={upper} onChange={(e) => setUpper(Number(e.target.value))} />
        <label htmlFor="r-start">{L.start[lang]}</label>
        <input id="r-start" type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} />
        <label htmlFor="r-end">{L.end[lang]}</label>
        <input id="r-end" type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} />
        <label htmlFor="r-rule">{L.rule[lang]}</label>
        <select id="r-rule" value={rule} onChange={(e) => setRule(e.target.value as typeof rule)}>
          <option value="prohibited">{L.prohibited[lang]}</option>
          <option value="approval">{L.approval[lang]}</option>
        </select>
      </div>
      <div style={{ display: 'flex', gap: 6, marginTop: 4 }}>
        <button type="button" data-testid="preview-restriction" onClick={() => void send('preview')}>
          {L.preview[lang]}
        </button>
        <button type="button" data-testid="publish-restriction" onClick={() => void send('publish')}>
          {L.publish[lang]}
        </button>
      </div>
      {affected && (
        <ul data-testid="affected" style={{ paddingLeft: 18, margin: '4px 0' }}>
          {affected.length === 0 ? (
            <li>{L.none[lang]}</li>
          ) : (
            affected.map((a) => (
              <li key={a.planId} data-plan={a.planId} data-state={a.state} data-becomes={a.becomes}>
                {a.planId}: {stateWord(a.state, lang)} → {stateWord(a.becomes, lang)}
              </li>
            ))
          )}
        </ul>
      )}
      {message && (
        <p role="status" data-testid="restriction-message">
          {message}
        </p>
      )}
      <div style={{ marginTop: 6 }}>
        <strong style={{ fontSize: 12 }}>{L.inForce[lang]}</strong>
        <ul data-testid="restrictions-in-force" style={{ paddingLeft: 18, margin: '4px 0', fontSize: 12 }}>
          {inForce.length === 0 ? (
            <li>{L.noneInForce[lang]}</li>
          ) : (
            inForce.map((z) => (
              <li key={z.id} data-zone={z.id}>
                {z.name} ({z.id}) {z.altitudeLowerM}–{z.altitudeUpperM} m{' '}
                {mayWithdraw(z) ? (
                  <button type="button" data-testid="withdraw-restriction" onClick={() => void withdraw(z)}>
                    {L.withdraw[lang]}
                  </button>
                ) : (
                  z.stationId && <span style={{ color: '#757575' }}>{fillText(L.publishedBy[lang], { station: stationName(z.stationId) })}</span>
                )}
              </li>
            ))
          )}
        </ul>
      </div>
    </div>
  );
}

const stateWord = (s: string, lang: 'zh' | 'en') => (PLAN_STATE_TEXT as Record<string, { zh: string; en: string } | undefined>)[s]?.[lang] ?? s;
