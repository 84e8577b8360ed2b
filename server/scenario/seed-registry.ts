/**
 * The scenario's registry (`registry.json` beside its GeoJSON files), loaded into an empty
 * registry at start, checked like any registration (schemas, USCC check character), in one
 * audited transaction. A registry that already holds companies is never touched.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Value } from '@sinclair/typebox/value';
import { usccProblem } from '../../shared/registry/uscc.js';
import { AircraftInputSchema, CompanyInputSchema, InsuranceInputSchema, LicenceSchema, type RegistryDocument } from '../../shared/schemas/registry.js';
import '../../shared/schemas/formats.js';
import { iso, type ServiceContext } from '../services/context.js';

export const SEED_ACTOR = 'system:seed';

export function readRegistryFile(dir: string): RegistryDocument | null {
  const p = join(dir, 'registry.json');
  return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as RegistryDocument) : null;
}

/** Problems with a registry document, by path; empty means it may be loaded. */
export function registryProblems(doc: RegistryDocument): string[] {
  const out: string[] = [];
  doc.companies.forEach((c, i) => {
    const { credentials: _c, ...input } = c;
    if (!Value.Check(CompanyInputSchema, input)) out.push(`companies[${i}]: not a company`);
    if (usccProblem(c.uscc)) out.push(`companies[${i}].uscc: ${usccProblem(c.uscc)}`);
  });
  const companies = new Set(doc.companies.map((c) => c.id));
  doc.aircraft.forEach((a, i) => {
    if (!Value.Check(AircraftInputSchema, a)) out.push(`aircraft[${i}]: not an aircraft`);
    if (!companies.has(a.companyId)) out.push(`aircraft[${i}].companyId: unknown ${a.companyId}`);
  });
  doc.pilots.forEach((p, i) => {
    if (!companies.has(p.companyId)) out.push(`pilots[${i}].companyId: unknown ${p.companyId}`);
    if (p.licence && !Value.Check(LicenceSchema, p.licence)) out.push(`pilots[${i}].licence: not a licence`);
  });
  doc.insurance.forEach((p, i) => {
    if (!Value.Check(InsuranceInputSchema, p)) out.push(`insurance[${i}]: not a policy`);
  });
  return out;
}

/** Loads the document into an empty registry; answers how many companies were loaded (0 when it was not empty). */
export function seedRegistry(ctx: ServiceContext, doc: RegistryDocument): number {
  if (ctx.registry.companies().length) return 0;
  const problems = registryProblems(doc);
  if (problems.length) throw new Error(`the scenario's registry.json is invalid: ${problems.slice(0, 5).join('; ')}`);
  const at = iso(ctx.clock());
  ctx.db.transaction(() => {
    for (const c of doc.companies) ctx.registry.insertCompany({ ...c, credentials: [...c.credentials].sort(), suspended: false, createdAt: at });
    for (const a of doc.aircraft) ctx.registry.insertAircraft({ ...a, registeredAt: at });
    for (const p of doc.pilots) ctx.registry.insertPilot({ id: p.id, name: p.name, companyId: p.companyId, ...(p.licence ? { licence: p.licence } : {}), createdAt: at });
    for (const [i, p] of doc.insurance.entries()) ctx.registry.insertInsurance({ ...p, id: `INS-SEED-${i + 1}`, createdAt: at });
    ctx.audit.append({
      at,
      actor: SEED_ACTOR,
      subjectKind: 'company',
      subjectId: '*',
      action: 'seed',
      details: { companies: doc.companies.length, aircraft: doc.aircraft.length, pilots: doc.pilots.length, insurance: doc.insurance.length },
    });
  })();
  return doc.companies.length;
}
