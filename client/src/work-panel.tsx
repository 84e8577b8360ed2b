/**
 * The workplace on the right of the map (the operator's console, the pilot's portal, the company's
 * registry, the planner), which may be folded away to a tab: on a narrow screen it and the panel
 * on the left would otherwise leave little of the map.
 */
import { type CSSProperties, type ReactNode, useState } from 'react';
import { type Lang, t } from './i18n.js';

export function WorkPanel({ lang, width, panel, children }: { lang: Lang; width: number; panel: CSSProperties; children: ReactNode }) {
  const [open, setOpen] = useState(true);
  // folded, the workplace stays mounted (hidden): what was typed or selected in it is there again
  return (
    <aside
      data-testid="work-panel"
      data-open={String(open)}
      style={{ position: 'absolute', top: 12, right: 56, boxSizing: 'border-box', ...panel, ...(open ? { width, maxHeight: 'calc(100% - 24px)', overflow: 'auto' } : { padding: 4 }) }}
    >
      <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: open ? -4 : 0 }}>
        <button
          type="button"
          data-testid="work-panel-toggle"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
          style={open ? { border: 0, background: 'none', cursor: 'pointer', color: '#546e7a', fontSize: 12, padding: 0 } : undefined}
        >
          {open ? `${t(lang, 'foldWork')} ▸` : `◂ ${t(lang, 'unfoldWork')}`}
        </button>
      </div>
      <div style={open ? undefined : { display: 'none' }}>{children}</div>
    </aside>
  );
}
