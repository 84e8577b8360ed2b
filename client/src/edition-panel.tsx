/**
 * The operator's airspace editions (空域版本): every edition, newest first, with its number,
 * status, effective time (UTC+8) and changes by status; the selected one in detail with its
 * difference drawn on the map; the airspace as of any edition instead of the current zones.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Edition } from '../../shared/schemas/edition.js';
import type { FlightPlan } from '../../shared/schemas/flight-plan-record.js';
import type { LandingPoint } from '../../shared/schemas/landing-point.js';
import type { Zone } from '../../shared/schemas/zone.js';
import type { ZoneListItem } from '../../shared/schemas/responses.js';
import type { MapDrawing } from './map-drawing.js';
import type { Api } from './api.js';
import { type EditionActions, EditionDetail, type EditionViewer } from './edition-detail.js';
import { changeCounts, editionFailure, editionHeadline } from './edition-lines.js';
import { collectionBox, diffCollection, type GeoCollection, zonesFromGeoJson } from './edition-map.js';
import { EditionDraftForm } from './edition-draft-form.js';
import { EDITION_TEXT as E } from './edition-text.js';
import type { Lang } from './i18n.js';
import { fillText } from './i18n-plans.js';
import type { AsOf, EditionDiff } from './use-edition-view.js';

export interface EditionPanelProps {
  api: Api;
  lang: Lang;
  /** the zones and landing points in force (to name what a change is about), and reloading them when an edition takes effect */
  live: { zones: ZoneListItem[]; landingPoints: LandingPoint[]; reloadAirspace: () => void };
  /** where the selected edition's difference and the zones as of an edition go (the map) */
  view: { onDiff: (diff: EditionDiff) => void; onAsOf: (as: AsOf) => void };
  /** show a plan (from a preview or an outcome) on the map */
  onPlan?: (plan: FlightPlan) => void;
  /** the districts of the operator's station ('all' or absent: the whole city) */
  districts?: readonly string[] | 'all';
  /** the map's drawing, for a zone's polygon */
  draw?: MapDrawing;
  /** who looks (what the detail offers them) */
  viewer?: EditionViewer;
}

const small = { fontSize: 11, color: '#555' } as const;

/** How the map draws a difference: after solid, before dashed grey, withdrawn or retired red. */
function DiffLegend({ lang }: { lang: Lang }) {
  const line = (colour: string, dashed: boolean) => ({ display: 'inline-block', width: 16, marginRight: 3, verticalAlign: 'middle', borderTop: `3px ${dashed ? 'dashed' : 'solid'} ${colour}` });
  return (
    <div data-testid="diff-legend" style={{ ...small, display: 'flex', gap: 10 }}>
      <span>
        <span style={line('#0d47a1', false)} />
        {E.diffAfter[lang]}
      </span>
      <span>
        <span style={line('#757575', true)} />
        {E.diffBefore[lang]}
      </span>
      <span>
        <span style={line('#d50000', true)} />
        {E.diffRemoved[lang]}
      </span>
    </div>
  );
}

/** how long a message that an action worked stays */
const DONE_MESSAGE_MS = 15_000;

export function EditionPanel({ api, lang, live: { zones, landingPoints, reloadAirspace }, view: { onDiff, onAsOf }, onPlan, districts, draw, viewer }: EditionPanelProps) {
  const [editions, setEditions] = useState<Edition[]>([]);
  /** what this principal may do with each edition, as the server's policy answers */
  const [may, setMay] = useState<Record<string, EditionActions & { status: Edition['status'] }>>({});
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [asOf, setAsOf] = useState<number | null>(null);
  // a message is brought into view where it appears (below a long edition); one that says it worked goes after a while, an error stays until the next action
  const messageAt = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (!message) return;
    messageAt.current?.scrollIntoView?.({ block: 'nearest' });
    if (message.error) return;
    const t = setTimeout(() => setMessage((m) => (m === message ? null : m)), DONE_MESSAGE_MS);
    return () => clearTimeout(t);
  }, [message]);
  const [diffZones, setDiffZones] = useState<Pick<Zone, 'id' | 'name' | 'kind'>[]>([]);
  const effective = useRef<string | null>(null);
  const handlers = useRef({ onDiff, onAsOf, reloadAirspace });
  handlers.current = { onDiff, onAsOf, reloadAirspace };
  const refresh = useCallback(
    () =>
      api.get<{ editions: Edition[]; may?: Record<string, EditionActions> }>('/airspace/editions').then(
        (r) => {
          setEditions(r.editions);
          // each edition's flags with the status they were given for: after an action, until the list is read again, none hold
          setMay(Object.fromEntries(r.editions.flatMap((x) => (r.may?.[x.id] ? [[x.id, { ...r.may[x.id], status: x.status }]] : []))));
          // an edition took effect since the last look: the map's zones and points follow
          const key = r.editions
            .filter((x) => x.status === 'effective')
            .map((x) => x.id)
            .join(',');
          if (effective.current !== null && effective.current !== key) handlers.current.reloadAirspace();
          effective.current = key;
        },
        (err) => {
          // the same failure again (a look every few seconds while the network is down) is not news: it neither scrolls nor flickers
          const text = editionFailure(err, 'preview', lang);
          setMessage((m) => (m?.error && m.text === text ? m : { text, error: true }));
        },
      ),
    [api, lang],
  );
  useEffect(() => {
    void refresh();
  }, [refresh]);
  // a scheduled edition takes effect at its time: look again every few seconds while one waits
  const waiting = editions.some((x) => x.status === 'scheduled');
  useEffect(() => {
    if (!waiting) return;
    const id = setInterval(() => void refresh(), 5000);
    return () => clearInterval(id);
  }, [waiting, refresh]);
  const selected = editions.find((x) => x.id === selectedId) ?? null;
  // the difference of the selected edition on the map, refetched when its status or changes move
  const diffKey = selected ? `${selected.id}:${selected.status}:${selected.changes.map((c) => c.status).join('')}` : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by the selected edition's state
  useEffect(() => {
    if (!selected) {
      handlers.current.onDiff(null);
      return;
    }
    let live = true;
    api.get<GeoCollection>(`/airspace/editions/${encodeURIComponent(selected.id)}/diff`).then(
      (g) => {
        if (!live) return;
        const fc = diffCollection(g);
        handlers.current.onDiff({ fc, box: collectionBox(fc) });
        // the zones as the difference has them: a withdrawn zone is named though no longer in force
        setDiffZones(fc.features.filter((f) => f.properties.shape === 'area').map((f) => f.properties as Pick<Zone, 'id' | 'name' | 'kind'>));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, diffKey]);
  useEffect(() => () => handlers.current.onDiff(null), []);
  // the airspace as of an edition number
  useEffect(() => {
    if (asOf === null) {
      handlers.current.onAsOf(null);
      return;
    }
    let live = true;
    api.get<GeoCollection>(`/airspace/as-of/${asOf}`).then(
      (g) => live && handlers.current.onAsOf({ number: asOf, zones: zonesFromGeoJson(g) }),
      (err) => live && setMessage({ text: editionFailure(err, 'preview', lang), error: true }),
    );
    return () => {
      live = false;
    };
  }, [api, asOf, lang]);
  useEffect(() => () => handlers.current.onAsOf(null), []);
  const latest = Math.max(0, ...editions.filter((x) => x.status === 'effective').map((x) => x.number ?? 0));
  const lps = useMemo(() => new Map(landingPoints.map((p) => [p.id, p])), [landingPoints]);
  const zoneMap = useMemo(() => new Map<string, Pick<Zone, 'id' | 'name' | 'kind'>>([...diffZones, ...zones].map((z) => [z.id, z])), [zones, diffZones]);
  const ctx = useMemo(() => ({ lp: (id: string) => lps.get(id) }), [lps]);
  const showPlan = (id: string) =>
    void api.get<FlightPlan>(`/flight-plans/${encodeURIComponent(id)}`).then(
      (p) => onPlan?.(p),
      (err) => setMessage({ text: editionFailure(err, 'preview', lang), error: true }),
    );
  const changed = (e: Edition, text: string) => {
    setEditions((xs) => xs.map((x) => (x.id === e.id ? e : x)));
    setMessage({ text, error: false });
    void refresh();
  };
  return (
    <section data-testid="edition-panel" style={{ borderTop: '1px solid #ddd', paddingTop: 6, marginTop: 6 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <strong>{E.title[lang]}</strong>
        <button type="button" data-testid="editions-refresh" onClick={() => void refresh()}>
          {E.refresh[lang]}
        </button>
      </div>
      <label style={{ display: 'block', fontSize: 12, margin: '4px 0' }}>
        {E.asOf[lang]}{' '}
        <select data-testid="as-of" value={asOf === null ? 'current' : String(asOf)} onChange={(x) => setAsOf(x.target.value === 'current' ? null : Number(x.target.value))}>
          <option value="current">{E.current[lang]}</option>
          {Array.from({ length: latest + 1 }, (_, i) => i).map((n) => (
            <option key={n} value={n}>
              {n === 0 ? E.beforeAny[lang] : fillText(E.numbered[lang], { n })}
            </option>
          ))}
        </select>
      </label>
      {asOf !== null && (
        <div data-testid="as-of-shown" style={{ ...small, color: '#4a148c' }}>
          {fillText(E.asOfShown[lang], { n: asOf })}
        </div>
      )}
      {editions.length === 0 && <p style={small}>{E.none[lang]}</p>}
      <ol data-testid="editions" style={{ paddingLeft: 18, margin: '4px 0', maxHeight: 180, overflow: 'auto' }}>
        {editions.map((x) => {
          const n = changeCounts(x);
          return (
            <li key={x.id} data-edition={x.id} data-status={x.status} data-number={x.number ?? ''} style={{ marginBottom: 3 }}>
              <button
                type="button"
                data-testid="edition-select"
                onClick={() => {
                  setSelectedId(selectedId === x.id ? null : x.id);
                  setMessage(null); // what was said of another edition
                }}
                style={{ fontWeight: selectedId === x.id ? 700 : 400, textAlign: 'left' }}
              >
                {x.title}
              </button>
              <div style={small} data-testid="edition-headline">
                {editionHeadline(x, lang)}
              </div>
              <div style={small}>{fillText(E.counts[lang], n)}</div>
            </li>
          );
        })}
      </ol>
      {selected && (
        <EditionDetail
          key={selected.id}
          api={api}
          lang={lang}
          edition={selected}
          ctx={ctx}
          zones={zoneMap}
          zoneList={zones}
          landingPoints={landingPoints}
          districts={districts}
          draw={draw}
          viewer={viewer}
          may={may[selected.id]?.status === selected.status ? may[selected.id] : undefined}
          onChanged={changed}
          onError={(text) => setMessage({ text, error: true })}
          onPlan={onPlan && showPlan}
        />
      )}
      {selected && <DiffLegend lang={lang} />}
      {message && (
        <p ref={messageAt} role="status" data-testid="edition-message" style={{ color: message.error ? '#b71c1c' : undefined, margin: '4px 0' }}>
          {message.text}
        </p>
      )}
      <EditionDraftForm
        api={api}
        lang={lang}
        onCreated={(e, text) => {
          setMessage({ text, error: false });
          setSelectedId(e.id);
          void refresh();
        }}
        onError={(text) => setMessage({ text, error: true })}
      />
    </section>
  );
}
