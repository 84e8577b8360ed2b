import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registryProblems } from '../server/scenario/seed-registry.js';
import { usccProblem } from '../shared/registry/uscc.js';
import { buildRegistry } from './chongqing-registry.js';

describe('Chongqing registry seed', () => {
  const committed = JSON.parse(readFileSync(new URL('./chongqing/registry.json', import.meta.url), 'utf8'));

  it('is what the builder makes (regenerate on purpose) and passes the same checks as any registration', () => {
    expect(committed).toEqual(buildRegistry());
    expect(registryProblems(committed)).toEqual([]);
    for (const c of committed.companies) expect(usccProblem(c.uscc)).toBeNull();
  });

  it('holds what the simulation needs, including the lapses it must catch', () => {
    const byCompany = (id: string) => committed.aircraft.filter((a: { companyId: string }) => a.companyId === id).length;
    for (const id of ['CQ-LOGI', 'CQ-GRID', 'CQ-TOUR', 'CQ-SURV', 'CQ-EMS']) expect(byCompany(id)).toBeGreaterThan(3);
    expect(committed.companies.find((c: { id: string }) => c.id === 'CQ-EMS').credentials).toContain('emergency');
    expect(committed.pilots.filter((p: { licence?: { expires: string } }) => p.licence && p.licence.expires < '2026-11-01')).toHaveLength(1);
    expect(committed.insurance.filter((p: { validTo: string }) => p.validTo < '2026-11-01')).toHaveLength(1);
  });
});
