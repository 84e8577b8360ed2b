/** The top of the left panel: title, the server's clock in UTC+8 with the simulation badge, who is signed in, the live link and city-wide counters. */
import { t, type Lang } from './i18n.js';
import { formatUtc8 } from './value-text.js';
import { simulationBadge, useServerClock, useServerNow } from './server-clock.js';
import type { LinkState, Me } from './use-live-data.js';

const ROLE_TEXT: Record<string, [string, string]> = {
  operator: ['服务站值班员', 'station operator'],
  pilot: ['驾驶员', 'pilot'],
  'company-admin': ['企业管理员', 'company admin'],
  planner: ['规划人员', 'planner'],
  admin: ['系统管理员', 'administrator'],
  viewer: ['访客', 'viewer'],
};
const LINK_COLOUR: Record<LinkState, string> = { connected: '#2e7d32', reconnecting: '#f9a825', lost: '#c62828', unauthorized: '#c62828', idle: '#9e9e9e' };

export function roleText(role: string, lang: Lang): string {
  return ROLE_TEXT[role]?.[lang === 'zh' ? 0 : 1] ?? role;
}

/** An operator by role and station; anyone else by name and role. */
export function meText(me: Me, lang: Lang): string {
  return me.station && me.role === 'operator' ? `${roleText(me.role, lang)} · ${me.station.name}` : `${me.name} · ${roleText(me.role, lang)}`;
}

export function ClockLine({ lang }: { lang: Lang }) {
  const now = useServerNow(1000);
  const sample = useServerClock();
  const badge = simulationBadge(sample, lang);
  return (
    <div data-testid="server-clock" style={{ display: 'flex', gap: 8, alignItems: 'center', margin: '4px 0' }}>
      <span>
        {t(lang, 'serverTime')} <strong data-testid="server-time">{formatUtc8(now).slice(5)}</strong> (UTC+8)
      </span>
      {badge && (
        <span data-testid="sim-badge" style={{ background: '#6a1b9a', color: '#fff', borderRadius: 4, padding: '0 6px', fontSize: 12, whiteSpace: 'nowrap' }}>
          {badge}
        </span>
      )}
    </div>
  );
}

export interface SignedInProps {
  lang: Lang;
  me: Me | null;
  link: LinkState;
  counts: { airborne: number; pending: number; alerts: number };
  onSignOut: () => void;
}

export function SignedIn({ lang, me, link, counts, onSignOut }: SignedInProps) {
  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <span data-testid="me">{me ? meText(me, lang) : t(lang, 'loading')}</span>
        <button type="button" data-testid="sign-out" onClick={onSignOut} style={{ whiteSpace: 'nowrap', flexShrink: 0 }}>
          {t(lang, 'signOut')}
        </button>
      </div>
      <div data-testid="stream-status" data-state={link} style={{ display: 'flex', alignItems: 'center', gap: 6, margin: '4px 0', fontSize: 12 }}>
        <span style={{ width: 9, height: 9, borderRadius: 5, background: LINK_COLOUR[link], display: 'inline-block' }} />
        {t(lang, `link_${link}`)}
      </div>
      <div data-testid="counters" style={{ display: 'flex', gap: 12, margin: '4px 0 8px', fontWeight: 600 }}>
        <span title={t(lang, 'cityWide')}>
          {t(lang, 'airborne')} <span data-testid="count-airborne">{counts.airborne}</span>
        </span>
        <span>
          {t(lang, 'pending')} <span data-testid="count-pending">{counts.pending}</span>
        </span>
        <span>
          {t(lang, 'alerts')} <span data-testid="count-alerts">{counts.alerts}</span>
        </span>
      </div>
    </>
  );
}
