/** A company's credit (行业信用体系): tier and score as a badge, its events as a table, and a per-company cache for lists of plans. */
import { useEffect, useRef, useState } from 'react';
import type { Credit } from '../../shared/schemas/credit.js';
import type { Api } from './api.js';
import { t, type Lang } from './i18n.js';
import { creditEventLine, TIER_COLOUR, tierText } from './registry-view.js';

export function CreditBadge({ credit, lang }: { credit: Pick<Credit, 'tier' | 'score'>; lang: Lang }) {
  return (
    <span
      data-testid="credit-badge"
      data-tier={credit.tier}
      title={tierText(credit.tier, lang)}
      style={{ color: '#fff', background: TIER_COLOUR[credit.tier], borderRadius: 3, padding: '0 4px', fontSize: 11 }}
    >
      {t(lang, 'creditTier')} {credit.tier} · {credit.score}
    </span>
  );
}

/** The events, newest first: time (UTC+8), cause, delta, score after, what it is about. */
export function CreditEvents({ events, lang, limit = 50 }: { events: Credit['events']; lang: Lang; limit?: number }) {
  if (!events.length) return <p style={{ margin: '4px 0' }}>{t(lang, 'creditNoEvents')}</p>;
  const cell = { padding: '1px 4px', borderBottom: '1px solid #eee', verticalAlign: 'top' } as const;
  return (
    <table data-testid="credit-events" style={{ borderCollapse: 'collapse', width: '100%', fontSize: 12 }}>
      <thead>
        <tr style={{ textAlign: 'left' }}>
          <th style={cell}>{t(lang, 'timeUtc8')}</th>
          <th style={cell}>{t(lang, 'creditCause')}</th>
          <th style={cell}>{t(lang, 'creditDelta')}</th>
          <th style={cell}>{t(lang, 'creditScore')}</th>
        </tr>
      </thead>
      <tbody>
        {[...events]
          .reverse()
          .slice(0, limit)
          .map((e) => {
            const l = creditEventLine(e, lang);
            return (
              <tr key={e.seq} data-kind={e.kind}>
                <td style={{ ...cell, whiteSpace: 'nowrap' }}>{l.at}</td>
                <td style={cell} title={l.ref}>
                  {l.cause}
                </td>
                <td style={{ ...cell, color: e.delta < 0 ? '#c62828' : e.delta > 0 ? '#2e7d32' : undefined }}>{l.delta}</td>
                <td style={cell}>{l.after}</td>
              </tr>
            );
          })}
      </tbody>
    </table>
  );
}

/** How long a company's credit is reused before it is asked again. */
const FRESH_MS = 60_000;

/**
 * The credit of each company named, fetched once per company and reused for a minute (a company
 * the registry does not know is not asked again; others again after a minute, on the next plan event).
 * `undefined`: not known yet; `null`: unavailable.
 */
export function useCompanyCredit(api: Api, companyIds: (string | undefined)[], revision = 0): Map<string, Credit | null> {
  const cache = useRef(new Map<string, { atMs: number; credit: Credit | null }>());
  const asked = useRef(new Set<string>());
  const [, setVersion] = useState(0);
  const key = [...new Set(companyIds.filter((x): x is string => !!x))].sort().join('\n');
  // biome-ignore lint/correctness/useExhaustiveDependencies: a plan event (revision) is when a stale entry is asked again
  useEffect(() => {
    for (const id of key ? key.split('\n') : []) {
      const hit = cache.current.get(id);
      if (asked.current.has(id) || (hit && (hit.credit === null || performance.now() - hit.atMs < FRESH_MS))) continue;
      asked.current.add(id);
      api
        .get<Credit>(`/companies/${encodeURIComponent(id)}/credit?limit=20`)
        .then(
          (c) => cache.current.set(id, { atMs: performance.now(), credit: c }),
          () => cache.current.set(id, { atMs: performance.now(), credit: null }),
        )
        .then(() => {
          asked.current.delete(id);
          setVersion((v) => v + 1);
        });
    }
  }, [api, key, revision]);
  return new Map([...cache.current].map(([id, v]) => [id, v.credit]));
}
