/** The company admin's forms: register an aircraft by real name; a pilot with a licence (its access token is answered once, shown once); an insurance policy. */
import { useState } from 'react';
import { CATEGORIES, type Category } from '../../shared/domain/categories.js';
import type { Aircraft, InsuranceInput, PilotInput } from '../../shared/schemas/registry.js';
import type { Api } from './api.js';
import { failureText } from './error-text.js';
import { t, type Lang } from './i18n.js';
import { CATEGORY_TEXT } from './value-text.js';

interface FormProps {
  api: Api;
  lang: Lang;
  companyId: string;
  onDone: () => void;
}

const grid = { display: 'grid', gridTemplateColumns: '110px minmax(0, 1fr)', gap: 4, alignItems: 'center', margin: '4px 0' } as const;
const box = { borderTop: '1px solid #ddd', marginTop: 8, paddingTop: 4 } as const;

export function AircraftForm({ api, lang, companyId, onDone }: FormProps) {
  const [f, setF] = useState({ registration: '', serial: '', model: '', category: 'light' as Category, mtowKg: '' });
  const [message, setMessage] = useState<string | null>(null);
  const submit = async () => {
    try {
      const a = await api.post<Aircraft>('/aircraft', {
        registration: f.registration.trim(),
        serial: f.serial.trim(),
        model: f.model.trim(),
        category: f.category,
        mtowKg: Number(f.mtowKg),
        companyId,
      });
      setMessage(`${t(lang, 'registered')} ${a.registration} ✓`);
      setF({ ...f, registration: '', serial: '' });
      onDone();
    } catch (e) {
      setMessage(failureText(e, lang));
    }
  };
  return (
    <details style={box} data-testid="aircraft-form">
      <summary>{t(lang, 'registerAircraft')}</summary>
      <form
        style={grid}
        // what was said of the last attempt no longer holds once an entry changes (the browser's own checks send nothing)
        onInput={() => setMessage(null)}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label htmlFor="ac-reg">{t(lang, 'registration')}</label>
        <input id="ac-reg" required value={f.registration} placeholder={t(lang, 'registrationHint')} onChange={(e) => setF({ ...f, registration: e.target.value })} />
        <label htmlFor="ac-serial">{t(lang, 'serial')}</label>
        <input id="ac-serial" required value={f.serial} onChange={(e) => setF({ ...f, serial: e.target.value })} />
        <label htmlFor="ac-model">{t(lang, 'model')}</label>
        <input id="ac-model" required value={f.model} onChange={(e) => setF({ ...f, model: e.target.value })} />
        <label htmlFor="ac-cat">{t(lang, 'category')}</label>
        <select id="ac-cat" value={f.category} onChange={(e) => setF({ ...f, category: e.target.value as Category })}>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {CATEGORY_TEXT[c][lang]}
            </option>
          ))}
        </select>
        <label htmlFor="ac-mtow">{t(lang, 'mtowKg')}</label>
        <input id="ac-mtow" required type="number" min={0.01} step="any" value={f.mtowKg} onChange={(e) => setF({ ...f, mtowKg: e.target.value })} />
        <span />
        <button type="submit" data-testid="register-aircraft">
          {t(lang, 'register')}
        </button>
      </form>
      {message && <p role="status">{message}</p>}
    </details>
  );
}

export function PilotForm({ api, lang, companyId, onDone }: FormProps) {
  const [f, setF] = useState({ name: '', number: '', class: 'VLOS' as 'VLOS' | 'BVLOS', categories: ['light'] as Category[], expires: '' });
  const [message, setMessage] = useState<string | null>(null);
  const [token, setToken] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const submit = async () => {
    setToken(null);
    setCopied(false);
    const licence = f.number.trim() ? { licence: { number: f.number.trim(), class: f.class, categories: f.categories, expires: f.expires } } : {};
    try {
      const p = await api.post<{ id: string; token: string }>('/pilots', { name: f.name.trim(), companyId, ...licence } satisfies PilotInput);
      setMessage(`${t(lang, 'registered')} ${f.name.trim()} (${p.id}) ✓`);
      setToken(p.token);
      setF({ ...f, name: '', number: '' });
      onDone();
    } catch (e) {
      setMessage(failureText(e, lang));
    }
  };
  const toggle = (c: Category) => setF({ ...f, categories: f.categories.includes(c) ? f.categories.filter((x) => x !== c) : [...f.categories, c] });
  return (
    <details style={box} data-testid="pilot-form">
      <summary>{t(lang, 'registerPilot')}</summary>
      <form
        style={grid}
        // what was said of the last attempt no longer holds once an entry changes (the browser's own checks send nothing)
        onInput={() => setMessage(null)}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label htmlFor="pi-name">{t(lang, 'name')}</label>
        <input id="pi-name" required value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} />
        <label htmlFor="pi-number">{t(lang, 'licenceNumber')}</label>
        <input id="pi-number" value={f.number} onChange={(e) => setF({ ...f, number: e.target.value })} />
        <label htmlFor="pi-class">{t(lang, 'licenceClass')}</label>
        <select id="pi-class" value={f.class} onChange={(e) => setF({ ...f, class: e.target.value as 'VLOS' | 'BVLOS' })}>
          <option value="VLOS">VLOS {lang === 'zh' ? '视距内' : 'within sight'}</option>
          <option value="BVLOS">BVLOS {lang === 'zh' ? '超视距' : 'beyond sight'}</option>
        </select>
        <span id="pi-categories">{t(lang, 'category')}</span>
        <fieldset aria-labelledby="pi-categories" style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          {CATEGORIES.map((c) => (
            <label key={c} style={{ marginRight: 6 }}>
              <input type="checkbox" checked={f.categories.includes(c)} onChange={() => toggle(c)} />
              {CATEGORY_TEXT[c][lang]}
            </label>
          ))}
        </fieldset>
        <label htmlFor="pi-expires">{t(lang, 'expires')}</label>
        <input id="pi-expires" type="date" required={!!f.number.trim()} value={f.expires} onChange={(e) => setF({ ...f, expires: e.target.value })} />
        <span />
        <button type="submit" data-testid="register-pilot">
          {t(lang, 'register')}
        </button>
      </form>
      {message && <p role="status">{message}</p>}
      {token && (
        <div data-testid="pilot-token" style={{ background: '#fff8e1', padding: 6, borderRadius: 4 }}>
          <p id="pilot-token-words" style={{ margin: '0 0 4px' }}>
            {t(lang, 'pilotToken')}
          </p>
          <div style={{ display: 'flex', gap: 4 }}>
            <input readOnly aria-labelledby="pilot-token-words" value={token} style={{ flex: 1, fontFamily: 'monospace' }} onFocus={(e) => e.target.select()} />
            <button
              type="button"
              onClick={() =>
                navigator.clipboard?.writeText(token).then(
                  () => setCopied(true),
                  () => setCopied(false),
                )
              }
            >
              {copied ? t(lang, 'copied') : t(lang, 'copy')}
            </button>
          </div>
        </div>
      )}
    </details>
  );
}

/** A third-party liability policy for one aircraft or the whole fleet, valid from the start of its first day to the end of its last (Beijing time). */
export function InsuranceForm({ api, lang, companyId, onDone, fleet }: FormProps & { fleet: Aircraft[] }) {
  const [f, setF] = useState({ registration: '', insurer: '', policyNo: '', thirdPartyCny: '', from: '', to: '' });
  const [message, setMessage] = useState<string | null>(null);
  const submit = async () => {
    const body: InsuranceInput = {
      companyId,
      registration: f.registration || null,
      insurer: f.insurer.trim(),
      policyNo: f.policyNo.trim(),
      thirdPartyCny: Math.round(Number(f.thirdPartyCny)),
      validFrom: `${f.from}T00:00:00+08:00`,
      validTo: `${f.to}T23:59:59+08:00`,
    };
    try {
      await api.post('/insurance', body);
      setMessage(`${t(lang, 'registered')} ${body.insurer} ${body.policyNo} ✓`);
      setF({ ...f, policyNo: '' });
      onDone();
    } catch (e) {
      setMessage(failureText(e, lang));
    }
  };
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  return (
    <details style={box} data-testid="insurance-form">
      <summary>{t(lang, 'registerInsurance')}</summary>
      <form
        style={grid}
        // what was said of the last attempt no longer holds once an entry changes (the browser's own checks send nothing)
        onInput={() => setMessage(null)}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label htmlFor="in-covers">{t(lang, 'covers')}</label>
        <select id="in-covers" value={f.registration} onChange={set('registration')}>
          <option value="">{t(lang, 'wholeFleet')}</option>
          {fleet.map((a) => (
            <option key={a.registration} value={a.registration}>
              {a.registration}
            </option>
          ))}
        </select>
        <label htmlFor="in-insurer">{t(lang, 'insurer')}</label>
        <input id="in-insurer" required value={f.insurer} onChange={set('insurer')} />
        <label htmlFor="in-policy">{t(lang, 'policyNo')}</label>
        <input id="in-policy" required value={f.policyNo} onChange={set('policyNo')} />
        <label htmlFor="in-cny">{t(lang, 'thirdPartyCny')}</label>
        <input id="in-cny" required type="number" min={1} step={1} value={f.thirdPartyCny} onChange={set('thirdPartyCny')} />
        <label htmlFor="in-from">{t(lang, 'validFrom')}</label>
        <input id="in-from" required type="date" value={f.from} onChange={set('from')} />
        <label htmlFor="in-to">{t(lang, 'validTo')}</label>
        <input id="in-to" required type="date" value={f.to} onChange={set('to')} />
        <span />
        <button type="submit" data-testid="register-insurance">
          {t(lang, 'register')}
        </button>
      </form>
      {message && <p role="status">{message}</p>}
    </details>
  );
}
