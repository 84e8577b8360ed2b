/**
 * What the services share: the store, the in-memory indexes rebuilt from it, the clock.
 * Writes happen in one SQLite transaction; in-memory indexes change only after it commits.
 */
import { preparedVolumes } from '../../shared/airspace/prepared-cache.js';
import { afterCommit } from '../cluster/change-notes.js';
import { DEFAULT_ROUTE_BUFFERS, type RouteBuffers } from '../../shared/airspace/route-volumes.js';
import { VolumeIndex } from '../../shared/airspace/volume-index.js';
import type { ScenarioBundle } from '../../shared/io/scenario-features.js';
import { bookPlan, putZone, type AirspaceClaim, type AirspaceState, type CandidatePlan } from '../../shared/rules/airspace-state.js';
import { BOOKED_STATES } from '../../shared/rules/plan-state-machine.js';
import type { FlightPlan } from '../../shared/schemas/flight-plan-record.js';
import type { Station } from '../../shared/schemas/station.js';
import type { Category, Mission } from '../../shared/domain/categories.js';
import { AuditRepo } from '../store/audit-repo.js';
import type { Db } from '../store/database.js';
import { IdempotencyRepo, PrincipalRepo, ZoneRepo, type PlanEvent } from '../store/misc-repos.js';
import { PlanRepo } from '../store/plan-repo.js';
import { RegistryRepo } from '../store/registry-repo.js';
import type { CreditService } from './credit-service.js';
import type { Pricing } from './pricing-service.js';
import type { Jurisdiction } from '../policy/access-policy.js';

export interface PendingMeta {
  id: string;
  priority: number;
}

export interface ServiceContext {
  db: Db;
  plans: PlanRepo;
  audit: AuditRepo;
  zones: ZoneRepo;
  principals: PrincipalRepo;
  registry: RegistryRepo;
  idempotency: IdempotencyRepo;
  airspace: AirspaceState;
  /** pending plans, to show competing requests */
  pending: VolumeIndex<PendingMeta>;
  stations: Map<string, Station>;
  aStationId: string;
  /** the real-name registry: `enforce` rejects what it finds, `off` reports it as information */
  registryMode: 'enforce' | 'off';
  /** pricing: tariff versions and X coverage, for quotes (server/services/pricing-service.ts) */
  pricing?: Pricing;
  /** pilots a company may register (0 or absent: no limit) */
  pilotsPerCompany?: number;
  /** credit (行业信用体系): the tier's effect on a company's plans, once wired */
  credit?: Pick<CreditService, 'effectFor'>;
  /** what access decisions are made against (the A station, stations, districts) */
  jurisdiction: Jurisdiction;
  clock: () => number;
  /**
   * Several servers on one database (server/cluster/cluster.ts): a decision that may claim a
   * plan's airspace (its volumes, the landing points it books) runs serialised with overlapping
   * ones on every server; a change of the airspace itself runs alone. Absent on the embedded
   * store (one server: nothing to serialise).
   */
  serialise?: <T>(claim: AirspaceClaim, fn: () => T) => T;
  exclusive?: <T>(fn: () => T) => T;
  /** a registry write that checks before it writes runs alone among registry writes on every server */
  registryAlone?: <T>(fn: () => T) => T;
  /** brings the airspace up to date before a decision (airspace editions whose time has come) */
  beforeDecision?: () => void;
  /** listeners for committed plan events (the stream subscribes here) */
  listeners: Set<(e: PlanEvent) => void>;
  /** listeners for committed changes of the published airspace (the stream tells every client) */
  airspaceListeners: Set<(part: 'zones' | 'landing-points') => void>;
}

/** The published airspace changed: once committed, every stream client is told to read it again. */
export function airspaceChanged(ctx: ServiceContext, part: 'zones' | 'landing-points'): void {
  afterCommit(ctx.db, () => {
    for (const l of ctx.airspaceListeners) l(part);
  });
}

/**
 * A stored plan as the engine decides it: its recorded volumes, and (a route plan) its route, so
 * that a suggestion shifts it as the pilot would file it again (with `buffers`, the airspace's).
 */
export function candidateFromPlan(p: FlightPlan, buffers: RouteBuffers = DEFAULT_ROUTE_BUFFERS): CandidatePlan & { id: string } {
  return {
    id: p.id,
    category: p.aircraft.category as Category,
    mission: p.mission as Mission,
    priority: p.priority,
    volumes: p.volumes,
    prepared: preparedVolumes(p.volumes),
    departure: p.input.departure,
    arrival: p.input.arrival,
    ...(p.input.route && !p.input.volumes ? { route: { route: p.input.route, buffers } } : {}),
  };
}

export function createContext(db: Db, airspace: AirspaceState, scenario: ScenarioBundle, clock: () => number, opts: { registryMode?: 'enforce' | 'off' } = {}): ServiceContext {
  const a = scenario.stations.find((s) => s.kind === 'A');
  if (!a) throw new Error('a scenario needs an A station');
  const stations = new Map(scenario.stations.map((s) => [s.id, s]));
  const ctx: ServiceContext = {
    db,
    plans: new PlanRepo(db),
    audit: new AuditRepo(db),
    zones: new ZoneRepo(db),
    principals: new PrincipalRepo(db),
    registry: new RegistryRepo(db),
    registryMode: opts.registryMode ?? 'off',
    idempotency: new IdempotencyRepo(db),
    airspace,
    pending: new VolumeIndex<PendingMeta>(),
    stations,
    aStationId: a.id,
    jurisdiction: { aStationId: a.id, stations, routing: airspace.routing },
    clock,
    listeners: new Set(),
    airspaceListeners: new Set(),
  };
  // rebuild the indexes from the store: temporary restrictions, booked and pending plans
  for (const z of ctx.zones.live()) putZone(airspace, z);
  for (const p of ctx.plans.live()) {
    const c = candidateFromPlan(p);
    if (BOOKED_STATES.includes(p.state)) bookPlan(airspace, c, p.state);
    else ctx.pending.insert(p.id, c.prepared, { id: p.id, priority: p.priority });
  }
  return ctx;
}

/** Runs a decision that may claim a plan's airspace (serialised across servers where there are several). */
export const serialised = <T>(ctx: ServiceContext, claim: AirspaceClaim, fn: () => T): T => (ctx.serialise ? ctx.serialise(claim, fn) : fn());

/** Runs a change of the airspace itself (alone across servers where there are several). */
export const alone = <T>(ctx: ServiceContext, fn: () => T): T => (ctx.exclusive ? ctx.exclusive(fn) : fn());

/** Runs a registry write that checks before it writes (alone among registry writes across servers where there are several). */
export const registryAlone = <T>(ctx: ServiceContext, fn: () => T): T => (ctx.registryAlone ? ctx.registryAlone(fn) : fn());

export const iso = (ms: number) => new Date(ms).toISOString();
