/** The real-name registry: companies (with credentials), aircraft, pilots' licences, insurance policies. */
import { noteChange } from '../cluster/change-notes.js';
import type { Aircraft, Company, Credential, Insurance, Licence, Pilot } from '../../shared/schemas/registry.js';
import type { Db, Statement } from './sql-db.js';

export const REGISTRY_MIGRATION_SQL = `
  CREATE TABLE companies (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    uscc TEXT NOT NULL UNIQUE,
    kind TEXT,
    credentials TEXT NOT NULL DEFAULT '[]',
    suspended INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
  );
  CREATE TABLE aircraft (
    registration TEXT PRIMARY KEY,
    serial TEXT NOT NULL,
    model TEXT NOT NULL,
    category TEXT NOT NULL,
    mtow_kg REAL NOT NULL,
    company_id TEXT NOT NULL REFERENCES companies(id),
    registered_at TEXT NOT NULL
  );
  CREATE INDEX aircraft_company ON aircraft (company_id);
  CREATE TABLE pilots (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    company_id TEXT NOT NULL REFERENCES companies(id),
    licence TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX pilots_company ON pilots (company_id);
  CREATE TABLE insurance (
    id TEXT PRIMARY KEY,
    company_id TEXT NOT NULL REFERENCES companies(id),
    registration TEXT,
    insurer TEXT NOT NULL,
    policy_no TEXT NOT NULL,
    third_party_cny INTEGER NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT NOT NULL,
    valid_from_ms INTEGER NOT NULL,
    valid_to_ms INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (company_id, insurer, policy_no)
  );
  CREATE INDEX insurance_company ON insurance (company_id);
  -- principals gain the company-admin role (SQLite cannot alter a CHECK: the table is rebuilt)
  CREATE TABLE principals_v6 (
    id TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('admin','operator','pilot','planner','viewer','company-admin')),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    operator_id TEXT,
    station_id TEXT,
    created_at TEXT NOT NULL,
    expires_at TEXT,
    revoked_at TEXT
  );
  INSERT INTO principals_v6 (id, role, name, token_hash, operator_id, station_id, created_at, expires_at, revoked_at)
    SELECT id, role, name, token_hash, operator_id, station_id, created_at, expires_at, revoked_at FROM principals;
  DROP TABLE principals;
  ALTER TABLE principals_v6 RENAME TO principals;
`;

type Row = Record<string, string | number | null>;
const company = (r: Row): Company => ({
  id: r.id as string,
  name: r.name as string,
  uscc: r.uscc as string,
  ...(r.kind ? { kind: r.kind as string } : {}),
  credentials: JSON.parse(r.credentials as string),
  suspended: r.suspended === 1,
  createdAt: r.created_at as string,
});
const aircraft = (r: Row): Aircraft => ({
  registration: r.registration as string,
  serial: r.serial as string,
  model: r.model as string,
  category: r.category as Aircraft['category'],
  mtowKg: r.mtow_kg as number,
  companyId: r.company_id as string,
  registeredAt: r.registered_at as string,
});
const insurance = (r: Row): Insurance => ({
  id: r.id as string,
  companyId: r.company_id as string,
  registration: (r.registration as string | null) ?? null,
  insurer: r.insurer as string,
  policyNo: r.policy_no as string,
  thirdPartyCny: r.third_party_cny as number,
  validFrom: r.valid_from as string,
  validTo: r.valid_to as string,
  createdAt: r.created_at as string,
});

export class RegistryRepo {
  /** statements are prepared once: a filing looks the registry up several times */
  private readonly statements = new Map<string, Statement<unknown[]>>();
  constructor(private readonly db: Db) {}
  /** Forgets everything cached (the registry changed on another server sharing the database). */
  forgetAll(): void {
    this.companyCache.clear();
    this.aircraftCache.clear();
    this.licenceCache.clear();
    this.coverCache.clear();
  }
  private st(sql: string): Statement<unknown[]> {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  insertCompany(c: Company): void {
    this.companyCache.delete(c.id);
    noteChange(this.db, { k: 'registry', id: '*' });
    this.st('INSERT INTO companies (id, name, uscc, kind, credentials, suspended, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      c.id,
      c.name,
      c.uscc,
      c.kind ?? null,
      JSON.stringify(c.credentials),
      c.suspended ? 1 : 0,
      c.createdAt,
    );
  }
  /** companies are few and change rarely: every filing reads its company from memory (undefined = known to be absent) */
  private readonly companyCache = new Map<string, Company | null>();
  /** aircraft and licences, read on every filing; forgotten when written */
  private readonly aircraftCache = new Map<string, Aircraft | null>();
  private readonly licenceCache = new Map<string, Licence | null>();
  company(id: string): Company | undefined {
    const cached = this.companyCache.get(id);
    if (cached !== undefined) return cached ?? undefined;
    const r = this.st('SELECT * FROM companies WHERE id = ?').get(id) as Row | undefined;
    const c = r ? company(r) : null;
    if (this.companyCache.size > 10_000) this.companyCache.clear();
    this.companyCache.set(id, c);
    return c ?? undefined;
  }
  companyByUscc(uscc: string): Company | undefined {
    const r = this.st('SELECT * FROM companies WHERE uscc = ?').get(uscc) as Row | undefined;
    return r ? company(r) : undefined;
  }
  companies(): Company[] {
    return (this.st('SELECT * FROM companies ORDER BY id').all() as Row[]).map(company);
  }
  setCredentials(id: string, credentials: Credential[]): void {
    this.companyCache.delete(id);
    noteChange(this.db, { k: 'registry', id: '*' });
    this.st('UPDATE companies SET credentials = ? WHERE id = ?').run(JSON.stringify([...new Set(credentials)].sort()), id);
  }
  setSuspended(id: string, suspended: boolean): void {
    this.companyCache.delete(id);
    noteChange(this.db, { k: 'registry', id: '*' });
    this.st('UPDATE companies SET suspended = ? WHERE id = ?').run(suspended ? 1 : 0, id);
  }

  insertAircraft(a: Aircraft): void {
    this.aircraftCache.delete(a.registration);
    noteChange(this.db, { k: 'registry', id: '*' });
    this.st('INSERT INTO aircraft (registration, serial, model, category, mtow_kg, company_id, registered_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      a.registration,
      a.serial,
      a.model,
      a.category,
      a.mtowKg,
      a.companyId,
      a.registeredAt,
    );
  }
  aircraft(registration: string): Aircraft | undefined {
    const cached = this.aircraftCache.get(registration);
    if (cached !== undefined) return cached ?? undefined;
    const r = this.st('SELECT * FROM aircraft WHERE registration = ?').get(registration) as Row | undefined;
    const a = r ? aircraft(r) : null;
    if (this.aircraftCache.size > 100_000) this.aircraftCache.clear();
    this.aircraftCache.set(registration, a);
    return a ?? undefined;
  }
  fleet(companyId?: string): Aircraft[] {
    const rows = companyId === undefined ? this.st('SELECT * FROM aircraft ORDER BY registration').all() : this.st('SELECT * FROM aircraft WHERE company_id = ? ORDER BY registration').all(companyId);
    return (rows as Row[]).map(aircraft);
  }

  insertPilot(p: { id: string; name: string; companyId: string; licence?: Licence; createdAt: string }): void {
    this.licenceCache.delete(p.id);
    noteChange(this.db, { k: 'registry', id: '*' });
    this.st('INSERT INTO pilots (id, name, company_id, licence, created_at) VALUES (?, ?, ?, ?, ?)').run(p.id, p.name, p.companyId, p.licence ? JSON.stringify(p.licence) : null, p.createdAt);
  }
  /** How many pilots a company has registered (revoked ones included; demo sign-ins, `demo-…`, not). */
  pilotCount(companyId: string): number {
    return (this.st("SELECT COUNT(*) AS n FROM pilots WHERE company_id = ? AND id NOT LIKE 'demo-%'").get(companyId) as { n: number }).n;
  }
  /** The registered pilots (a demo sign-in's pilot, `demo-…`, is a copy for one session: not listed). */
  pilots(companyId?: string): Pilot[] {
    const sql = `SELECT p.*, pr.revoked_at FROM pilots p LEFT JOIN principals pr ON pr.id = p.id WHERE p.id NOT LIKE 'demo-%' ${companyId === undefined ? '' : 'AND p.company_id = ?'} ORDER BY p.id`;
    const rows = (companyId === undefined ? this.st(sql).all() : this.st(sql).all(companyId)) as Row[];
    return rows.map((r) => ({
      id: r.id as string,
      name: r.name as string,
      companyId: r.company_id as string,
      ...(r.licence ? { licence: JSON.parse(r.licence as string) } : {}),
      revoked: !!r.revoked_at,
      createdAt: r.created_at as string,
    }));
  }
  licence(pilotId: string): Licence | undefined {
    const cached = this.licenceCache.get(pilotId);
    if (cached !== undefined) return cached ?? undefined;
    const r = this.st('SELECT licence FROM pilots WHERE id = ?').get(pilotId) as { licence: string | null } | undefined;
    const l: Licence | null = r?.licence ? JSON.parse(r.licence) : null;
    if (this.licenceCache.size > 100_000) this.licenceCache.clear();
    this.licenceCache.set(pilotId, l);
    return l ?? undefined;
  }
  pilotCompany(pilotId: string): string | undefined {
    return (this.st('SELECT company_id FROM pilots WHERE id = ?').get(pilotId) as { company_id: string } | undefined)?.company_id;
  }

  insertInsurance(i: Insurance): void {
    this.coverCache.delete(i.companyId);
    noteChange(this.db, { k: 'registry', id: '*' });
    this.st(`INSERT INTO insurance (id, company_id, registration, insurer, policy_no, third_party_cny, valid_from, valid_to, valid_from_ms, valid_to_ms, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      i.id,
      i.companyId,
      i.registration,
      i.insurer,
      i.policyNo,
      i.thirdPartyCny,
      i.validFrom,
      i.validTo,
      Date.parse(i.validFrom),
      Date.parse(i.validTo),
      i.createdAt,
    );
  }
  policies(companyId?: string): Insurance[] {
    const rows = companyId === undefined ? this.st('SELECT * FROM insurance ORDER BY id').all() : this.st('SELECT * FROM insurance WHERE company_id = ? ORDER BY id').all(companyId);
    return (rows as Row[]).map(insurance);
  }
  /** each company's policies as [registration or null for the fleet, valid from, valid to] (ms), read on every filing; forgotten when written */
  private readonly coverCache = new Map<string, readonly (readonly [string | null, number, number])[]>();

  /** A single policy of the company covers the aircraft (or the fleet) for all of [fromMs, toMs]. */
  insured(companyId: string, registration: string, fromMs: number, toMs: number): boolean {
    let cover = this.coverCache.get(companyId);
    if (!cover) {
      const rows = this.st('SELECT registration, valid_from_ms AS f, valid_to_ms AS t FROM insurance WHERE company_id = ?').all(companyId) as { registration: string | null; f: number; t: number }[];
      cover = rows.map((r) => [r.registration, r.f, r.t] as const);
      if (this.coverCache.size > 10_000) this.coverCache.clear();
      this.coverCache.set(companyId, cover);
    }
    for (const [reg, f, t] of cover) if ((reg === null || reg === registration) && f <= fromMs && t >= toMs) return true;
    return false;
  }
}
