/**
 * Adopting what the planner found as a draft airspace edition: a finished study's phase (its new
 * sites as proposed landing points) or the usage evaluation's suggestions (corridors, weekly
 * openings, capacity). Says which draft was created and which proposals were not adopted, and why.
 */
import { useState } from 'react';
import type { Edition } from '../../shared/schemas/edition.js';
import type { Api } from './api.js';
import { editionFailure, notAdoptedText } from './edition-lines.js';
import { EDITION_TEXT as E } from './edition-text.js';
import type { Lang } from './i18n.js';
import { fillText } from './i18n-plans.js';

interface Adopted {
  edition: Edition;
  notAdopted: { kind: string; ref: string; code: string; why: string }[];
}

function AdoptResult({ result, lang }: { result: Adopted | string; lang: Lang }) {
  if (typeof result === 'string')
    return (
      <p role="alert" data-testid="adopt-error" style={{ color: '#b71c1c', margin: '2px 0', fontSize: 12 }}>
        {result}
      </p>
    );
  const { edition, notAdopted } = result;
  return (
    <div data-testid="adopt-result" data-edition={edition.id} style={{ fontSize: 12, margin: '2px 0' }}>
      <div>✓ {fillText(E.adopted[lang], { id: edition.id, n: edition.changes.length })}</div>
      {notAdopted.length > 0 && (
        <details>
          <summary data-testid="not-adopted" data-count={notAdopted.length}>
            {fillText(E.notAdopted[lang], { n: notAdopted.length })}
          </summary>
          <ul style={{ paddingLeft: 16, margin: 0 }}>
            {notAdopted.slice(0, 50).map((n) => (
              <li key={`${n.kind}-${n.ref}`}>{notAdoptedText(n, lang)}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function useAdopt(api: Api, lang: Lang) {
  const [result, setResult] = useState<Adopted | string | null>(null);
  const [busy, setBusy] = useState(false);
  const adopt = async (path: string, body: unknown) => {
    setBusy(true);
    try {
      setResult(await api.post<Adopted>(path, body));
    } catch (err) {
      setResult(editionFailure(err, 'adopt', lang));
    } finally {
      setBusy(false);
    }
  };
  return { result, busy, adopt };
}

/** One button per phase of a finished study. */
export function AdoptPhases({ api, lang, studyId, phases }: { api: Api; lang: Lang; studyId: string; phases: number[] }) {
  const { result, busy, adopt } = useAdopt(api, lang);
  if (!phases.length) return null;
  return (
    <div data-testid="adopt-phases" style={{ fontSize: 11, whiteSpace: 'normal' }}>
      {E.adoptPhase[lang]}
      {lang === 'zh' ? '：' : ': '}
      {phases.map((n) => (
        <button
          key={n}
          type="button"
          data-phase={n}
          disabled={busy}
          style={{ fontSize: 11, marginLeft: 3 }}
          onClick={() => void adopt(`/planner/rollouts/${encodeURIComponent(studyId)}/adopt`, { phase: n })}
        >
          {fillText(E.adoptPhaseN[lang], { n })}
        </button>
      ))}
      {result && <AdoptResult result={result} lang={lang} />}
    </div>
  );
}

/** The usage evaluation's suggestions as a draft (over the same window the evaluation looked at). */
export function AdoptUsage({ api, lang }: { api: Api; lang: Lang }) {
  const { result, busy, adopt } = useAdopt(api, lang);
  return (
    <div style={{ margin: '4px 0' }}>
      <button type="button" data-testid="adopt-usage" disabled={busy} onClick={() => void adopt('/planner/usage/adopt', {})}>
        {E.adoptUsage[lang]}
      </button>
      {result && <AdoptResult result={result} lang={lang} />}
    </div>
  );
}
