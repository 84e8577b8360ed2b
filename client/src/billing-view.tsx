/**
 * Prices and money in the client: a quote under a decision, a company's monthly statement (its
 * admin; the A station for any company), and the month's settlement (the A station: every
 * recipient; a B station: its own income). Amounts come in fen and are shown in yuan.
 */
import { failureText } from './error-text.js';
import { useEffect, useState } from 'react';
import { beijingMonth } from '../../shared/util/beijing-time.js';
import type { Api } from './api.js';
import { accountLabel, bt, quoteLineLabel, txnKind, yuan } from './billing-text.js';
import type { Lang } from './i18n.js';
import { fillText } from './i18n-plans.js';

interface QuoteLike {
  totalFen: number;
  tariffVersion: string;
  lines: { element: string; ref: string; amountFen: number }[];
}
interface Statement {
  companyId: string;
  month: string;
  totalFen: number;
  charges: { txn: string; planId: string | null; at: string; tariffVersion: string; totalFen: number }[];
}
interface Settlement {
  month: string;
  debitsFen?: number;
  creditsFen?: number;
  recipients: { account: string; creditFen: number; postings: number }[];
}

const cell = { padding: '1px 4px', borderBottom: '1px solid #eee' } as const;
/** a cell kept to one line, and a sum (right-aligned, one line) */
const line = { ...cell, whiteSpace: 'nowrap' } as const;
const sum = { ...line, textAlign: 'right' } as const;
const local = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** A decision's quote: total and one line per element. */
export function QuoteView({ quote, lang }: { quote: QuoteLike; lang: Lang }) {
  return (
    <div data-testid="quote" data-total-fen={quote.totalFen} style={{ fontSize: 12, marginTop: 4 }}>
      <strong>
        {bt(lang, 'quote')} {quote.totalFen === 0 ? bt(lang, 'free') : yuan(quote.totalFen)}
      </strong>{' '}
      <span style={{ color: '#666' }}>
        ({bt(lang, 'tariff')} {quote.tariffVersion})
      </span>
      <ul style={{ margin: '2px 0', paddingLeft: 16 }}>
        {quote.lines.map((l) => (
          <li key={`${l.element}:${l.ref}`}>
            {quoteLineLabel(l.element, l.ref, lang)}: {yuan(l.amountFen)}
          </li>
        ))}
      </ul>
    </div>
  );
}

function useMonthly<T>(api: Api, path: string | null): { data: T | null; error: unknown } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!path) return;
    let live = true;
    setError(null);
    api.get<T>(path).then(
      (d) => live && setData(d),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api, path]);
  return { data, error };
}

async function downloadCsv(api: Api, path: string, name: string): Promise<void> {
  const text = await api.getText(`${path}&format=csv`);
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function MonthPicker({ month, onChange, lang }: { month: string; onChange: (m: string) => void; lang: Lang }) {
  return (
    <label style={{ fontSize: 12 }}>
      {bt(lang, 'month')} <input type="month" value={month} onChange={(e) => e.target.value && onChange(e.target.value)} />
    </label>
  );
}

/** A company's statement for a month. */
export function StatementView({ api, lang, companyId, nowMs }: { api: Api; lang: Lang; companyId: string; nowMs: number }) {
  const [month, setMonth] = useState(() => beijingMonth(nowMs));
  const path = `/statements?companyId=${encodeURIComponent(companyId)}&month=${month}`;
  const { data, error } = useMonthly<Statement>(api, path);
  return (
    <section data-testid="statement">
      <h4 style={{ margin: '6px 0' }}>
        {bt(lang, 'statement')} <MonthPicker month={month} onChange={setMonth} lang={lang} />{' '}
        <button type="button" onClick={() => downloadCsv(api, path, `statement-${companyId}-${month}.csv`)}>
          {bt(lang, 'downloadCsv')}
        </button>
      </h4>
      {error != null && <p style={{ color: '#c62828' }}>{failureText(error, lang)}</p>}
      {data && !data.charges.length && <p>{bt(lang, 'none')}</p>}
      {data && data.charges.length > 0 && (
        <>
          <div style={{ maxHeight: 320, overflow: 'auto' }}>
            <table style={{ borderCollapse: 'collapse', fontSize: 12, width: '100%' }}>
              <thead>
                <tr style={{ textAlign: 'left' }}>
                  <th style={cell}>{bt(lang, 'time')}</th>
                  <th style={cell}>{bt(lang, 'kind')}</th>
                  <th style={cell}>{bt(lang, 'plan')}</th>
                  <th style={{ ...cell, textAlign: 'right' }}>{bt(lang, 'amount')}</th>
                </tr>
              </thead>
              <tbody>
                {data.charges.map((c) => (
                  <tr key={c.txn}>
                    <td style={line}>{local(c.at)}</td>
                    <td style={line}>{txnKind(c.txn, lang)}</td>
                    <td style={line}>{c.planId}</td>
                    <td style={sum}>{yuan(c.totalFen)}</td>
                  </tr>
                ))}
                <tr>
                  <td style={cell} colSpan={3}>
                    <strong>{bt(lang, 'total')}</strong>
                  </td>
                  <td data-testid="statement-total" style={sum}>
                    <strong>{yuan(data.totalFen)}</strong>
                  </td>
                </tr>
              </tbody>
            </table>
          </div>
          {/* the tariff versions charged, once (not on every row) */}
          <p data-testid="statement-tariffs" style={{ fontSize: 11, color: '#555', margin: '2px 0' }}>
            {bt(lang, 'tariff')}
            {lang === 'zh' ? '：' : ': '}
            {[...new Set(data.charges.map((c) => c.tariffVersion))].join(lang === 'zh' ? '、' : ', ')}
          </p>
        </>
      )}
    </section>
  );
}

/** The month's settlement: every recipient for the A station, its own income for a B station. */
export function SettlementView({ api, lang, nowMs, names }: { api: Api; lang: Lang; nowMs: number; names?: Record<string, string> }) {
  const [month, setMonth] = useState(() => beijingMonth(nowMs));
  const path = `/settlements?month=${month}`;
  const { data, error } = useMonthly<Settlement>(api, path);
  return (
    <section data-testid="settlement">
      <h4 style={{ margin: '6px 0' }}>
        {bt(lang, 'settlement')} <MonthPicker month={month} onChange={setMonth} lang={lang} />{' '}
        <button type="button" onClick={() => downloadCsv(api, path, `settlement-${month}.csv`)}>
          {bt(lang, 'downloadCsv')}
        </button>
      </h4>
      {error != null && <p style={{ color: '#c62828' }}>{failureText(error, lang)}</p>}
      {data && !data.recipients.length && <p>{bt(lang, 'none')}</p>}
      {data && data.recipients.length > 0 && (
        <div style={{ maxHeight: 260, overflow: 'auto' }}>
          <table style={{ borderCollapse: 'collapse', fontSize: 12, width: '100%' }}>
            <thead>
              <tr style={{ textAlign: 'left' }}>
                <th style={cell}>{bt(lang, 'recipient')}</th>
                <th style={cell}>{bt(lang, 'postings')}</th>
                <th style={{ ...cell, textAlign: 'right' }}>{bt(lang, 'amount')}</th>
              </tr>
            </thead>
            <tbody>
              {data.recipients.map((r) => (
                <tr key={r.account} title={r.account}>
                  <td style={line}>{accountLabel(r.account, lang, names)}</td>
                  <td style={cell}>{r.postings}</td>
                  <td style={sum}>{yuan(r.creditFen)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              {/* the total stays in sight at the foot of the box while the rows scroll */}
              <tr data-testid="settlement-total" style={{ fontWeight: 600, position: 'sticky', bottom: 0, background: '#fff' }}>
                <td style={cell}>{fillText(bt(lang, 'recipientsTotal'), { n: data.recipients.length })}</td>
                <td style={cell}>{data.recipients.reduce((n, r) => n + r.postings, 0)}</td>
                <td style={{ ...cell, textAlign: 'right' }}>{yuan(data.recipients.reduce((n, r) => n + r.creditFen, 0))}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      {data?.debitsFen !== undefined && (
        <p data-testid="settlement-balance" style={{ fontSize: 12 }}>
          {bt(lang, 'debits')} {yuan(data.debitsFen)} · {bt(lang, 'credits')} {yuan(data.creditsFen ?? 0)}
        </p>
      )}
    </section>
  );
}
