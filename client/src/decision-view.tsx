/** A decision's reasons in the reader's language, one line per code and subject (with the volumes it concerns); the code shown beside it for the station's staff (`showCodes`). */
import type { Reason } from '../../shared/schemas/decision.js';
import type { Lang } from './i18n.js';
import { reasonLines } from './reason-text.js';

const EFFECT_COLOUR: Record<Reason['effect'], string> = { reject: '#c62828', approval: '#e65100', info: '#555' };

export function ReasonList({ reasons, lang, volumeCount, showInfo = false, showCodes = false }: { reasons: Reason[]; lang: Lang; volumeCount?: number; showInfo?: boolean; showCodes?: boolean }) {
  const lines = reasonLines(reasons, lang, { ...(volumeCount !== undefined ? { volumeCount } : {}), effects: showInfo ? ['reject', 'approval', 'info'] : ['reject', 'approval'] });
  return (
    <ul data-testid="reasons" style={{ paddingLeft: 18, margin: '4px 0' }}>
      {lines.map((l) => (
        <li key={`${l.code}-${l.text}`} data-code={l.code} data-effect={l.effect} style={{ color: EFFECT_COLOUR[l.effect] }}>
          <span>{l.text}</span>
          {showCodes && (
            <>
              {' '}
              <code style={{ fontSize: 10, color: '#777' }}>{l.code}</code>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
