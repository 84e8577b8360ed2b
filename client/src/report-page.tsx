/**
 * A study's report at its own address, `/report/<id>?lang=zh|en`: fetched from
 * `GET /api/v1/planner/rollouts/<id>/report.html?lang=…` with the signed-in token (kept by the
 * client, sent in the header — never in the address), then shown as the page itself.
 */
import { useEffect, useState } from 'react';
import { createApi } from './api.js';
import { failureText } from './error-text.js';
import type { Lang } from './i18n.js';

/** The study id of a report address, or null. */
export function reportIdOf(pathname: string): string | null {
  const m = /^\/report\/([^/]+)\/?$/.exec(pathname);
  return m ? decodeURIComponent(m[1]) : null;
}

const TOKEN_KEY = 'yukong.token';
export const REPORT_PAGE_TEXT = {
  loading: { zh: '正在载入报告…', en: 'Loading the report…' },
  signIn: { zh: '请先登录规划人员账号，再打开报告', en: 'Sign in as a planner first, then open the report' },
  home: { zh: '返回登录', en: 'Back to sign-in' },
};

export function ReportPage({ id }: { id: string }) {
  const lang: Lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh';
  const token = localStorage.getItem(TOKEN_KEY);
  const [error, setError] = useState<string | null>(token ? null : REPORT_PAGE_TEXT.signIn[lang]);
  useEffect(() => {
    if (!token) return;
    createApi(token)
      .getText(`/planner/rollouts/${encodeURIComponent(id)}/report.html?lang=${lang}`)
      .then(
        (html) => {
          document.open();
          document.write(html);
          document.close();
        },
        (e) => setError(failureText(e, lang)),
      );
  }, [id, lang, token]);
  return (
    <main style={{ font: '14px system-ui, "Noto Sans CJK SC", sans-serif', margin: 24 }}>
      {error ? (
        <p role="alert">
          {error} <a href="/">{REPORT_PAGE_TEXT.home[lang]}</a>
        </p>
      ) : (
        <p>{REPORT_PAGE_TEXT.loading[lang]}</p>
      )}
    </main>
  );
}
