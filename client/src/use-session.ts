/**
 * Who is signed in, and what every screen needs before that: the server's health (and its clock,
 * re-synced every 30 s), the district names and boxes, the token (kept in the browser, taken once
 * from the page's address), and a refused token turned into a clear error with nothing signed in.
 */
import { failureText } from './error-text.js';
import { useEffect, useRef, useState } from 'react';
import { districtsUrl } from './basemap-style.js';
import { districtIndex, type DistrictFeature, type DistrictIndex } from './districts.js';
import { t, type Lang } from './i18n.js';
import { fetchHealthAndSync } from './server-clock.js';
import { useLiveData } from './use-live-data.js';

export interface Health {
  status: string;
  now?: string;
  simulation?: { enabled: boolean; speed: number; running: boolean };
  scenario: string;
  stations: Record<string, number>;
  landingPoints: number;
  zones: number;
  mapStyleUrl?: string;
}

const TOKEN_KEY = 'yukong.token';
/** Error codes that mean "this token is no good" (anything else is the network or the server). */
const REFUSED = new Set(['UNAUTHORIZED', 'FORBIDDEN', 'TOKEN_EXPIRED', 'TOKEN_REVOKED', 'HTTP_401', 'HTTP_403']);

export function useSession(lang: Lang) {
  const [health, setHealth] = useState<Health | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [token, setToken] = useState<string | null>(() => new URLSearchParams(location.search).get('token') ?? localStorage.getItem(TOKEN_KEY));
  const [signInError, setSignInError] = useState<string | null>(null);
  const [districts, setDistricts] = useState<DistrictIndex>({ names: {}, boxes: {} });
  const live = useLiveData(token);
  // (a failure is worded in the language chosen when it happens)
  const langNow = useRef(lang);
  langNow.current = lang;
  // the server's clock: at start, then every 30 s (its speed may change); the stream's hello re-syncs too
  useEffect(() => {
    const load = () => fetchHealthAndSync<Health>().then(setHealth, (e: unknown) => setError(failureText(e, langNow.current)));
    load();
    const id = setInterval(load, 30_000);
    fetch(districtsUrl)
      .then((r) => r.json())
      .then(
        (fc: { features: DistrictFeature[] }) => setDistricts(districtIndex(fc.features)),
        () => undefined,
      );
    return () => clearInterval(id);
  }, []);
  useEffect(() => {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  }, [token]);
  // a token handed over in the page's address is kept, then removed from the address bar and history
  useEffect(() => {
    const params = new URLSearchParams(location.search);
    if (!params.has('token')) return;
    params.delete('token');
    history.replaceState(history.state, '', `${location.pathname}${params.size ? `?${params}` : ''}${location.hash}`);
  }, []);
  // a refused token: say so on the first screen, and nothing stays signed in
  useEffect(() => {
    if (!live.error && live.link !== 'unauthorized') return;
    const refused = live.link === 'unauthorized' || (live.error && REFUSED.has(live.error.code));
    setSignInError(refused ? t(lang, 'badToken') : `${t(lang, 'signInFailed')}: ${live.error ? failureText(live.error, lang) : ''}`);
    setToken(null);
  }, [live.error, live.link, lang]);
  return { health, error, token, setToken, signInError, setSignInError, districts, live };
}
