/** Other plans beside the selected one (competing, conflicting): id, state, priority, window and band. */
import type { FlightPlan } from '../../shared/schemas/flight-plan-record.js';
import type { Lang } from './i18n.js';
import { OPERATOR_TEXT } from './i18n-plans.js';
import { bandText, windowText } from './plan-context.js';
import { PLAN_STATE_TEXT } from './value-text.js';

export function PlanRefs({ label, plans, lang, testId }: { label: string; plans: FlightPlan[]; lang: Lang; testId: string }) {
  if (!plans.length) return null;
  return (
    <div data-testid={testId} style={{ fontSize: 12, margin: '4px 0' }}>
      <strong>{label}</strong>
      <ul style={{ paddingLeft: 18, margin: 0 }}>
        {plans.map((p) => (
          <li key={p.id} data-plan={p.id} data-state={p.state}>
            {p.id} · {PLAN_STATE_TEXT[p.state][lang]} · {OPERATOR_TEXT.priority[lang]} {p.priority} · {windowText(p)} · {bandText(p, lang)}
          </li>
        ))}
      </ul>
    </div>
  );
}
