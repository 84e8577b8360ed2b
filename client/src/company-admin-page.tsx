/**
 * The company admin's page: the company as registered (name, unified social credit code,
 * credentials, standing), its fleet, pilots and licences, insurance policies — licences and
 * policies expired or ending within 30 days flagged — and its credit with the events that explain
 * it; forms to register an aircraft, a pilot and an insurance policy. "Now" is the server's clock.
 */
import type React from 'react';
import { useCallback, useEffect, useState } from 'react';
import { DEFAULT_CREDIT_RULES } from '../../shared/rules/credit-tier.js';
import type { Credit } from '../../shared/schemas/credit.js';
import type { Aircraft, Company, Insurance, Pilot } from '../../shared/schemas/registry.js';
import type { Api } from './api.js';
import { AircraftForm, InsuranceForm, PilotForm } from './company-admin-forms.js';
import { CreditBadge, CreditEvents } from './credit-view.js';
import { failureText } from './error-text.js';
import { t, type Lang, type StringKey } from './i18n.js';
import { reasonText } from './reason-text.js';
import { licenceValidity, policyValidity, tierText, VALIDITY_COLOUR, validityText, type Validity } from './registry-view.js';
import { CATEGORY_TEXT, formatUtc8 } from './value-text.js';
import { serverNow } from './server-clock.js';

export interface CompanyAdminPageProps {
  api: Api;
  lang: Lang;
  companyId: string;
}

interface Records {
  company: Company;
  aircraft: Aircraft[];
  pilots: Pilot[];
  insurance: Insurance[];
  credit: Credit | null;
  nowMs: number;
}

const cell = { padding: '1px 4px', borderBottom: '1px solid #eee', verticalAlign: 'top', textAlign: 'left' } as const;
const h3 = { fontSize: 14, margin: '10px 0 4px' } as const;

function Table({ testId, head, rows, lang }: { testId: string; head: StringKey[]; rows: React.ReactNode[]; lang: Lang }) {
  if (!rows.length) return <p style={{ margin: '2px 0', color: '#777' }}>{t(lang, 'nothingYet')}</p>;
  return (
    <table data-testid={testId} style={{ borderCollapse: 'collapse', width: '100%', fontSize: 12 }}>
      <thead>
        <tr>
          {head.map((k) => (
            <th key={k} style={cell}>
              {t(lang, k)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{rows}</tbody>
    </table>
  );
}

function Flag({ v, lang }: { v: Validity; lang: Lang }) {
  return (
    <span data-validity={v.state} style={{ color: VALIDITY_COLOUR[v.state], fontWeight: v.state === 'valid' ? 400 : 600 }}>
      {v.state === 'expired' || v.state === 'expiring' ? '⚠ ' : ''}
      {validityText(v, lang)}
    </span>
  );
}

const categories = (cs: readonly (keyof typeof CATEGORY_TEXT)[], lang: Lang) => cs.map((c) => CATEGORY_TEXT[c][lang]).join(lang === 'zh' ? '、' : ', ');

export function CompanyAdminPage({ api, lang, companyId }: CompanyAdminPageProps) {
  const [records, setRecords] = useState<Records | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const id = encodeURIComponent(companyId);
      const [company, aircraft, pilots, insurance, credit, health] = await Promise.all([
        api.get<Company>(`/companies/${id}`),
        api.get<{ aircraft: Aircraft[] }>('/aircraft'),
        api.get<{ pilots: Pilot[] }>('/pilots'),
        api.get<{ insurance: Insurance[] }>('/insurance'),
        api.get<Credit>(`/companies/${id}/credit?limit=50`).catch(() => null),
        api.get<{ now?: string }>('/health'),
      ]);
      setRecords({ company, aircraft: aircraft.aircraft, pilots: pilots.pilots, insurance: insurance.insurance, credit, nowMs: serverNow() });
      setError(null);
    } catch (e) {
      setError(failureText(e, lang));
    }
  }, [api, companyId, lang]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!records) return <div data-testid="company-admin">{error ? <p role="alert">{error}</p> : '…'}</div>;
  const { company, aircraft, pilots, insurance, credit, nowMs } = records;
  return (
    <div data-testid="company-admin">
      <h2 style={{ fontSize: 15, margin: '0 0 4px' }}>
        {company.name} <span style={{ fontWeight: 400, color: '#777' }}>({company.id})</span>
      </h2>
      {error && <p role="alert">{error}</p>}
      <dl data-testid="company-info" style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '2px 8px', margin: 0 }}>
        <dt>{t(lang, 'uscc')}</dt>
        <dd style={{ margin: 0 }}>
          <code>{company.uscc}</code>
        </dd>
        <dt>{t(lang, 'credentials')}</dt>
        <dd style={{ margin: 0 }}>{company.credentials.length ? company.credentials.map((c) => t(lang, `cred_${c}`)).join(lang === 'zh' ? '、' : ', ') : t(lang, 'none')}</dd>
        <dt>{t(lang, 'standing')}</dt>
        <dd style={{ margin: 0, color: company.suspended ? '#c62828' : '#2e7d32' }} data-suspended={company.suspended}>
          {company.suspended ? `⚠ ${t(lang, 'suspended')}` : t(lang, 'inGoodStanding')}
        </dd>
      </dl>

      <h3 style={h3}>{t(lang, 'fleet')}</h3>
      <Table
        testId="fleet"
        lang={lang}
        head={['registration', 'model', 'category', 'mtowKg']}
        rows={aircraft.map((a) => (
          <tr key={a.registration} data-registration={a.registration}>
            <td style={cell}>{a.registration}</td>
            <td style={cell}>{a.model}</td>
            <td style={cell}>{CATEGORY_TEXT[a.category][lang]}</td>
            <td style={cell}>{a.mtowKg}</td>
          </tr>
        ))}
      />

      <h3 style={h3}>{t(lang, 'pilots')}</h3>
      <Table
        testId="pilots"
        lang={lang}
        head={['name', 'licence', 'category', 'expires']}
        rows={pilots.map((p) => (
          <tr key={p.id} data-pilot={p.id} style={{ color: p.revoked ? '#999' : undefined }}>
            <td style={cell}>
              {p.name}
              {p.revoked ? ` (${t(lang, 'revoked')})` : ''}
            </td>
            <td style={cell}>{p.licence ? `${p.licence.number} · ${p.licence.class}` : t(lang, 'noLicence')}</td>
            <td style={cell}>{p.licence ? categories(p.licence.categories, lang) : ''}</td>
            <td style={cell}>
              {p.licence && (
                <>
                  {p.licence.expires} <Flag v={licenceValidity(p.licence.expires, nowMs)} lang={lang} />
                </>
              )}
            </td>
          </tr>
        ))}
      />

      <h3 style={h3}>{t(lang, 'insurance')}</h3>
      <Table
        testId="insurance"
        lang={lang}
        head={['insurer', 'covers', 'thirdPartyCny', 'validity']}
        rows={insurance.map((p) => (
          <tr key={p.id} data-policy={p.policyNo}>
            <td style={cell}>
              {p.insurer} {p.policyNo}
            </td>
            <td style={cell}>{p.registration ?? t(lang, 'wholeFleet')}</td>
            <td style={cell}>{p.thirdPartyCny.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB')}</td>
            <td style={cell}>
              {formatUtc8(p.validFrom).slice(0, 10)} – {formatUtc8(p.validTo).slice(0, 10)} <Flag v={policyValidity(p, nowMs)} lang={lang} />
            </td>
          </tr>
        ))}
      />

      <h3 style={h3}>{t(lang, 'creditEvents')}</h3>
      {credit && (
        <div data-testid="company-credit">
          <div style={{ marginBottom: 4 }}>
            <CreditBadge credit={credit} lang={lang} /> {tierText(credit.tier, lang)}
          </div>
          {credit.effect && (
            <p style={{ margin: '2px 0', color: '#e65100' }}>
              {reasonText({ code: credit.effect.code, message: credit.effect.message, params: { tier: credit.tier, score: credit.score, floor: DEFAULT_CREDIT_RULES.floors.C } }, lang)}
            </p>
          )}
          <CreditEvents events={credit.events} lang={lang} />
        </div>
      )}

      <AircraftForm api={api} lang={lang} companyId={companyId} onDone={() => void load()} />
      <PilotForm api={api} lang={lang} companyId={companyId} onDone={() => void load()} />
      <InsuranceForm api={api} lang={lang} companyId={companyId} fleet={aircraft} onDone={() => void load()} />
    </div>
  );
}
