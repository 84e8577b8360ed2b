/** What an edition does to plans: the preview (per change, the plans it touches; what re-checking would do) and, once effective, what it did. */
import type { EditionOutcome, EditionPreview } from '../../shared/schemas/edition.js';
import { opText } from './edition-lines.js';
import { EDITION_TEXT as E } from './edition-text.js';
import type { Lang } from './i18n.js';
import { fillText } from './i18n-plans.js';

const small = { fontSize: 11, color: '#555' } as const;
const GROUPS = ['revoked', 'suspended', 'rejected', 'unchanged'] as const;
const COLOUR: Record<(typeof GROUPS)[number], string> = { revoked: '#b71c1c', suspended: '#e65100', rejected: '#b71c1c', unchanged: '#2e7d32' };

/** Plan ids, each a button when the console can show a plan; apart in the text too (read aloud, copied). */
function PlanIds({ ids, onPlan }: { ids: string[]; onPlan?: (id: string) => void }) {
  return (
    <>
      {ids.map((id, i) => [
        i > 0 ? ' ' : null,
        onPlan ? (
          <button
            key={id}
            type="button"
            data-plan={id}
            onClick={() => onPlan(id)}
            style={{ border: 0, background: 'none', padding: '0 3px', color: '#0d47a1', textDecoration: 'underline', cursor: 'pointer', fontSize: 11 }}
          >
            {id}
          </button>
        ) : (
          <span key={id} data-plan={id} style={{ padding: '0 3px' }}>
            {id}
          </span>
        ),
      ])}
    </>
  );
}

/** The four groups of an outcome: revoked, back to an operator, rejected, unchanged (empty ones left out). */
export function OutcomeLists({ outcome, lang, past, onPlan }: { outcome: EditionOutcome; lang: Lang; past: boolean; onPlan?: (id: string) => void }) {
  const shown = GROUPS.filter((g) => outcome[g].length > 0);
  if (!shown.length) return <div style={small}>{E.noPlans[lang]}</div>;
  return (
    <ul style={{ paddingLeft: 16, margin: '2px 0' }}>
      {shown.map((g) => (
        <li key={g} data-outcome={g} style={{ fontSize: 12 }}>
          <span style={{ color: COLOUR[g] }}>{E[`${past ? 'oc' : 'pv'}_${g}`][lang]}</span> ({outcome[g].length}){lang === 'zh' ? '：' : ': '}
          <PlanIds ids={outcome[g]} onPlan={onPlan} />
        </li>
      ))}
    </ul>
  );
}

export function PreviewView({ preview, lang, onPlan }: { preview: EditionPreview; lang: Lang; onPlan?: (id: string) => void }) {
  return (
    <div data-testid="edition-preview" style={{ background: '#f5f7fa', padding: 4, margin: '4px 0', borderRadius: 4 }}>
      <ul style={{ paddingLeft: 16, margin: '2px 0' }}>
        {preview.changes.map((c) => (
          <li key={c.index} data-index={c.index} data-plans={c.plans.length + (c.hiddenPlans ?? 0)} style={{ fontSize: 12 }}>
            #{c.index} {opText(c.op, lang)} {c.ref}
            {lang === 'zh' ? '：' : ': '}
            {fillText(E.touches[lang], { n: c.plans.length + (c.hiddenPlans ?? 0) })}
          </li>
        ))}
      </ul>
      <OutcomeLists outcome={preview.outcome} lang={lang} past={false} onPlan={onPlan} />
      {onPlan && preview.outcome.rechecked > 0 && <div style={small}>{E.planOnMap[lang]}</div>}
    </div>
  );
}

/** What taking effect did, with the changes that no longer applied. */
export function OutcomeView({ outcome, lang, onPlan }: { outcome: EditionOutcome; lang: Lang; onPlan?: (id: string) => void }) {
  return (
    <div data-testid="edition-outcome" style={{ margin: '4px 0' }}>
      <div style={{ fontSize: 12 }}>{fillText(E.outcome[lang], { n: outcome.rechecked })}</div>
      <OutcomeLists outcome={outcome} lang={lang} past onPlan={onPlan} />
      {outcome.skipped.map((s) => (
        <div key={s.index} style={{ ...small, color: '#b71c1c' }} title={lang === 'en' ? s.why : undefined}>
          {fillText(E.skipped[lang], { i: s.index })}
        </div>
      ))}
    </div>
  );
}
