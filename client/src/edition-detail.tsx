/**
 * One airspace edition: its changes one line each (accept or decline the proposed ones), and the
 * actions its status allows — add a change (a draft or reviewed edition), review (approve, or return with a comment), publish with an
 * effective time in Beijing time (default the next full hour) or at once, withdraw — with the
 * preview of what it does to plans and, once effective, what it did.
 */
import { useState } from 'react';
import type { ChangeInput, Edition, EditionPreview } from '../../shared/schemas/edition.js';
import type { LandingPoint } from '../../shared/schemas/landing-point.js';
import type { Zone } from '../../shared/schemas/zone.js';
import type { ZoneListItem } from '../../shared/schemas/responses.js';
import type { MapDrawing } from './map-drawing.js';
import { type Api, ApiFailure } from './api.js';
import { type EditionAction, changeLine, changeStatusText, editionFailure, evidenceText, type LineContext, nextFullHour, withdrawnName } from './edition-lines.js';
import { OutcomeView, PreviewView } from './edition-outcome.js';
import { EditionChangeForm } from './edition-change-form.js';
import { EDITION_TEXT as E } from './edition-text.js';
import type { Lang } from './i18n.js';
import { fillText } from './i18n-plans.js';
import { fromLocalInput, toLocalInput } from './local-time.js';
import { fetchHealthAndSync, serverNow } from './server-clock.js';
import { formatUtc8 } from './value-text.js';

export interface EditionDetailProps {
  api: Api;
  lang: Lang;
  edition: Edition;
  ctx: LineContext;
  zones: ReadonlyMap<string, Pick<Zone, 'id' | 'name' | 'kind'>>;
  /** the zones and landing points in force, for the changes a draft may get */
  zoneList: readonly ZoneListItem[];
  landingPoints: readonly LandingPoint[];
  /** the districts of the operator's station ('all' or absent: the A station's whole city) */
  districts?: readonly string[] | 'all';
  /** the map's drawing, for a zone's polygon */
  draw?: MapDrawing;
  /** who looks: an operator who edited a draft is told why someone else reviews it */
  viewer?: EditionViewer;
  /** what the server's policy says this principal may do with it now (absent: offered, the server decides) */
  may?: EditionActions;
  /** the edition as the server answered after an action, and what to say */
  onChanged: (e: Edition, message: string) => void;
  onError: (message: string) => void;
  onPlan?: (id: string) => void;
}

export interface EditionActions {
  review: boolean;
  publish: boolean;
  withdraw: boolean;
}

export interface EditionViewer {
  id: string;
}

const small = { fontSize: 11, color: '#555' } as const;
const STATUS_COLOUR: Record<string, string> = { proposed: '#e65100', accepted: '#2e7d32', declined: '#9e9e9e' };

export function EditionDetail({ api, lang, edition: e, ctx, zones, zoneList, landingPoints, districts, draw, viewer, may, onChanged, onError, onPlan }: EditionDetailProps) {
  const edited = !!viewer && e.editors.includes(viewer.id);
  const reviewer = !edited && may?.review !== false;
  // what the server's policy says (absent for a moment after an action, until the list is read again: offered, and the server decides)
  const publisher = may?.publish !== false;
  const [comment, setComment] = useState('');
  const [at, setAt] = useState(() => toLocalInput(nextFullHour(serverNow())));
  const [preview, setPreview] = useState<EditionPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const base = `/airspace/editions/${encodeURIComponent(e.id)}`;
  /** one request; true once it has been done */
  const run = async (action: EditionAction, call: () => Promise<Edition>, said: (x: Edition) => string): Promise<boolean> => {
    setBusy(true);
    try {
      const x = await call();
      setPreview(null);
      onChanged(x, said(x));
      return true;
    } catch (err) {
      onError(editionFailure(err, action, lang));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const decide = (index: number, status: 'accepted' | 'declined') =>
    run(
      'decide',
      () => api.patch<Edition>(`${base}/changes/${index}`, { status }),
      () => fillText(E[`done_${status}`][lang], { i: index }),
    );
  /** every proposed change at once, in one request (all or none) */
  const proposed = e.changes.filter((c) => c.status === 'proposed').map((c) => c.index);
  const decideAll = (status: 'accepted' | 'declined') =>
    run(
      'decide',
      () => api.patch<Edition>(`${base}/changes`, { status, indexes: proposed }),
      () => fillText(E[status === 'accepted' ? 'done_allaccepted' : 'done_alldeclined'][lang], { n: proposed.length }),
    );
  const addChange = (change: ChangeInput) =>
    run(
      'add',
      () => api.post<Edition>(`${base}/changes`, { changes: [change] }),
      (x) => fillText(E.done_add[lang], { i: x.changes.length - 1 }),
    );
  const accepted = e.changes.some((c) => c.status === 'accepted');
  const review = (verdict: 'approve' | 'return') =>
    run(
      'review',
      () => api.post<Edition>(`${base}/review`, comment.trim() ? { verdict, comment: comment.trim() } : { verdict }),
      () => fillText(E[`done_${verdict}`][lang], { id: e.id }),
    );
  const publishAt = (ms: number) => api.post<Edition>(`${base}/publish`, { effectiveAt: new Date(ms).toISOString() });
  /**
   * "now" by the server's clock, taken afresh (the stream's hello may have arrived late and left the
   * client's copy behind); should it still lag, once more a second after the server's own now
   */
  const publishNow = async () => {
    await fetchHealthAndSync().catch(() => undefined);
    try {
      return await publishAt(serverNow());
    } catch (err) {
      const now = err instanceof ApiFailure && err.code === 'TIME_OUT_OF_RANGE' ? Date.parse(String((err.details as { now?: string } | undefined)?.now)) : Number.NaN;
      if (!Number.isFinite(now)) throw err;
      return publishAt(now + 1000);
    }
  };
  const publish = (ms: number | 'now') =>
    run(
      'publish',
      () => (ms === 'now' ? publishNow() : publishAt(ms)),
      (x) => fillText(E.done_publish[lang], { id: x.id, n: x.number ?? '–', at: `${formatUtc8(x.effectiveAt ?? serverNow())} (UTC+8)` }),
    );
  const withdraw = () =>
    run(
      'withdraw',
      () => api.post<Edition>(`${base}/withdraw`),
      () => fillText(E.done_withdraw[lang], { id: e.id }),
    );
  const loadPreview = async () => {
    try {
      setPreview(await api.get<EditionPreview>(`${base}/preview`));
    } catch (err) {
      onError(editionFailure(err, 'preview', lang));
    }
  };
  const editable = e.status === 'draft' || e.status === 'reviewed';
  const open = e.status !== 'effective' && e.status !== 'withdrawn';
  return (
    <div data-testid="edition-detail" data-edition={e.id} data-status={e.status} style={{ borderTop: '1px solid #ddd', paddingTop: 4, marginTop: 4 }}>
      <div>
        <strong>{e.title}</strong> <span style={small}>{e.id}</span>
      </div>
      {/* who: principal ids (the API names no one), on hover */}
      <div style={small} title={[e.createdBy, e.reviewedBy, e.publishedBy].filter(Boolean).join(' → ')}>
        {fillText(E.createdAt[lang], { at: formatUtc8(e.createdAt) })}
        {e.reviewedAt && ` · ${fillText(E.reviewedAt[lang], { at: formatUtc8(e.reviewedAt) })}`}
        {e.publishedAt && ` · ${fillText(E.publishedAt[lang], { at: formatUtc8(e.publishedAt) })}`} (UTC+8)
      </div>
      {/* a draft with a comment was returned; past review, the comment is the reviewer's approval */}
      {e.reviewComment && <div style={small}>{fillText((e.status === 'draft' ? E.returned : E.reviewComment)[lang], { c: e.reviewComment })}</div>}
      <ol data-testid="edition-changes" start={0} style={{ paddingLeft: 22, margin: '4px 0', maxHeight: 200, overflow: 'auto' }}>
        {e.changes.map((c) => {
          const evidence = evidenceText(c.origin, lang);
          return (
            <li key={c.index} data-index={c.index} data-op={c.op} data-status={c.status} style={{ fontSize: 12, marginBottom: 2, color: c.status === 'declined' ? '#9e9e9e' : undefined }}>
              {withdrawnName(c, zones, lang) ?? changeLine(c, lang, e.status === 'effective' ? { ...ctx, applied: true, pointBefore: (id) => e.pointsBefore?.find((x) => x.id === id) } : ctx)}{' '}
              <span style={{ color: STATUS_COLOUR[c.status], fontSize: 11 }}>[{changeStatusText(c.status, lang)}]</span>
              {evidence && <div style={small}>{evidence}</div>}
              {c.note && <div style={small}>{c.note}</div>}
              {editable && c.status === 'proposed' && (
                <span style={{ display: 'inline-flex', gap: 4, marginLeft: 4 }}>
                  <button type="button" data-testid="change-accept" disabled={busy} onClick={() => void decide(c.index, 'accepted')}>
                    {E.accept[lang]}
                  </button>
                  <button type="button" data-testid="change-decline" disabled={busy} onClick={() => void decide(c.index, 'declined')}>
                    {E.decline[lang]}
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ol>
      {editable && proposed.length > 1 && (
        <div style={{ display: 'flex', gap: 4, marginBottom: 4 }}>
          <button type="button" data-testid="accept-all" disabled={busy} onClick={() => void decideAll('accepted')}>
            {fillText(E.acceptAll[lang], { n: proposed.length })}
          </button>
          <button type="button" data-testid="decline-all" disabled={busy} onClick={() => void decideAll('declined')}>
            {fillText(E.declineAll[lang], { n: proposed.length })}
          </button>
        </div>
      )}
      {editable && (
        <>
          {e.status === 'reviewed' && <p style={small}>{E.reviewedNote[lang]}</p>}
          <EditionChangeForm lang={lang} landingPoints={landingPoints} zones={zoneList} districts={districts} draw={draw} busy={busy} onAdd={addChange} />
        </>
      )}
      {e.status === 'draft' && !accepted && (
        <p data-testid="edition-empty" style={small}>
          {E.noAccepted[lang]}
        </p>
      )}
      {e.status === 'draft' && (
        <div style={{ display: 'flex', gap: 4, flexWrap: 'wrap', alignItems: 'center' }}>
          {reviewer && (
            <input aria-label={E.comment[lang]} placeholder={E.comment[lang]} data-testid="edition-comment" value={comment} onChange={(x) => setComment(x.target.value)} style={{ flex: '1 1 100%' }} />
          )}
          {accepted && reviewer && (
            <button type="button" data-testid="edition-approve" disabled={busy} onClick={() => void review('approve')}>
              {E.approve[lang]}
            </button>
          )}
          {reviewer && (
            <button type="button" data-testid="edition-return" disabled={busy} onClick={() => void review('return')}>
              {E.giveBack[lang]}
            </button>
          )}
          <span data-testid="edition-four-eyes" style={small}>
            {(edited ? E.fourEyesYou : reviewer ? E.fourEyes : E.reviewedByA)[lang]}
          </span>
        </div>
      )}
      {e.status === 'reviewed' && !publisher && (
        <p data-testid="edition-publisher" style={small}>
          {E.publishedByA[lang]}
        </p>
      )}
      {e.status === 'reviewed' && publisher && (
        <div style={{ display: 'flex', gap: 4, flexWrap: 'wrap', alignItems: 'center' }}>
          <label htmlFor="edition-at" style={{ fontSize: 12 }}>
            {E.publishAt[lang]}
          </label>
          <input id="edition-at" data-testid="edition-at" type="datetime-local" value={at} onChange={(x) => setAt(x.target.value)} />
          <button type="button" data-testid="edition-publish" disabled={busy} onClick={() => void publish(fromLocalInput(at))}>
            {E.publish[lang]}
          </button>
          <button type="button" data-testid="edition-publish-now" disabled={busy} onClick={() => void publish('now')}>
            {E.publishNow[lang]}
          </button>
        </div>
      )}
      <div style={{ display: 'flex', gap: 4, marginTop: 4 }}>
        {open && (
          <button type="button" data-testid="edition-preview-button" onClick={() => void loadPreview()}>
            {E.preview[lang]}
          </button>
        )}
        {open && may?.withdraw !== false && (
          <button type="button" data-testid="edition-withdraw" disabled={busy} onClick={() => void withdraw()}>
            {E.withdraw[lang]}
          </button>
        )}
      </div>
      {preview && open && <PreviewView preview={preview} lang={lang} onPlan={onPlan} />}
      {e.outcome && <OutcomeView outcome={e.outcome} lang={lang} onPlan={onPlan} />}
    </div>
  );
}
