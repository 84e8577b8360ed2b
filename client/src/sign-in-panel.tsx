/**
 * The first screen: what the system is, how to get in (an access token), a clear error for a
 * wrong one, and on a local demo install one-click sign-in as a demo operator, pilot, company
 * admin or planner (`GET /api/v1/demo`, `POST /api/v1/demo/sign-in`).
 */
import { failureText } from './error-text.js';
import { useEffect, useState } from 'react';
import type { DemoIdentity } from '../../shared/schemas/demo.js';
import { demoLabel, featuredDemo } from './demo-text.js';
import { t, type Lang } from './i18n.js';

export interface SignInPanelProps {
  lang: Lang;
  onToken: (token: string) => void;
  /** why the last token was refused */
  error: string | null;
}

export function SignInPanel({ lang, onToken, error }: SignInPanelProps) {
  const [draft, setDraft] = useState('');
  const [demo, setDemo] = useState<DemoIdentity[]>([]);
  const [demoError, setDemoError] = useState<string | null>(null);
  useEffect(() => {
    let gone = false;
    fetch('/api/v1/demo')
      .then((r) => (r.ok ? r.json() : { enabled: false, identities: [] }))
      .then(
        (d: { enabled: boolean; identities: DemoIdentity[] }) => !gone && setDemo(d.enabled ? d.identities : []),
        () => undefined,
      );
    return () => {
      gone = true;
    };
  }, []);
  const signInAs = async (id: string) => {
    setDemoError(null);
    try {
      const r = await fetch('/api/v1/demo/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identity: id }) });
      const j = await r.json();
      if (!r.ok || typeof j.token !== 'string') throw new Error(j?.error?.code ?? `HTTP ${r.status}`);
      onToken(j.token);
    } catch (e) {
      setDemoError(`${t(lang, 'signInFailed')}: ${failureText(e, lang)}`);
    }
  };
  const { featured, others } = featuredDemo(demo);
  return (
    <section data-testid="first-screen">
      <p style={{ margin: '6px 0' }}>{t(lang, 'intro')}</p>
      <p style={{ margin: '6px 0', color: '#455a64' }}>{t(lang, 'howToSignIn')}</p>
      <form
        data-testid="sign-in"
        onSubmit={(e) => {
          e.preventDefault();
          if (draft.trim()) onToken(draft.trim());
        }}
        style={{ display: 'flex', gap: 6 }}
      >
        <input aria-label={t(lang, 'token')} placeholder={t(lang, 'token')} value={draft} onChange={(e) => setDraft(e.target.value)} style={{ flex: 1 }} />
        <button type="submit">{t(lang, 'signIn')}</button>
      </form>
      {error && (
        <p role="alert" data-testid="sign-in-error" style={{ color: '#b71c1c', margin: '6px 0' }}>
          {error}
        </p>
      )}
      {featured.length > 0 && (
        <div data-testid="demo-sign-in" style={{ marginTop: 8 }}>
          <strong>{t(lang, 'demoSignIn')}</strong>
          <div style={{ display: 'flex', flexDirection: 'column', gap: 4, marginTop: 4 }}>
            {featured.map((d) => (
              <button key={d.id} type="button" data-demo={d.id} onClick={() => void signInAs(d.id)} style={{ textAlign: 'left' }}>
                {demoLabel(d, lang)}
              </button>
            ))}
            {others.length > 0 && (
              <select aria-label={t(lang, 'moreDemo')} value="" onChange={(e) => e.target.value && void signInAs(e.target.value)}>
                <option value="">{t(lang, 'moreDemo')}</option>
                {others.map((d) => (
                  <option key={d.id} value={d.id}>
                    {demoLabel(d, lang)}
                  </option>
                ))}
              </select>
            )}
          </div>
          {demoError && <p role="alert">{demoError}</p>}
        </div>
      )}
    </section>
  );
}
