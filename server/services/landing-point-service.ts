/**
 * Landing points at runtime (运行使用—效率评估—动态调整): created, changed and retired by the A
 * station anywhere or a B station inside its districts; every change audited and applied to the
 * in-memory index after it commits. A point that approved or active plans use cannot be retired
 * (409 with their ids); pending plans that use a retired point are re-checked (and rejected).
 */
import { randomBytes } from 'node:crypto';
import { prepareOutline } from '../../shared/geo/shape.js';
import { patchLandingPoint } from '../../shared/rules/patch-landing-point.js';
import { districtsTouched } from '../../shared/rules/station-routing.js';
import type { LandingPoint, LandingPointInput, LandingPointPatch } from '../../shared/schemas/landing-point.js';
import { ApiError } from '../errors.js';
import type { Principal } from '../policy/actor.js';
import { assertCanManageLandingPoint } from '../policy/access-policy.js';
import { LandingPointRepo } from '../store/landing-point-repo.js';
import { airspaceChanged, alone, iso, type ServiceContext } from './context.js';
import { recheckPending } from './plan-actions.js';

/** Two points closer than this are one point entered twice. */
export const MIN_SEPARATION_M = 30;
const repos = new WeakMap<ServiceContext, LandingPointRepo>();
/** The landing-point store of this context (one per database). */
export const repoOf = (ctx: ServiceContext) => {
  let r = repos.get(ctx);
  if (!r) {
    r = new LandingPointRepo(ctx.db);
    repos.set(ctx, r);
  }
  return r;
};

/** At start: the scenario's points fill an empty table (once); the index then holds what the database says. */
export function loadLandingPoints(ctx: ServiceContext, scenarioPoints: readonly LandingPoint[]): void {
  const repo = repoOf(ctx);
  if (repo.count() === 0 && scenarioPoints.length) {
    const at = iso(ctx.clock());
    ctx.db.transaction(() => {
      for (const p of scenarioPoints) repo.insert({ ...p, version: p.version ?? 1 }, at);
      ctx.audit.append({ at, actor: 'system:seed', subjectKind: 'landing-point', subjectId: '*', action: 'seed', details: { count: scenarioPoints.length } });
    })();
  }
  const index = ctx.airspace.landingPoints;
  for (const p of index.values()) index.remove(p.id);
  for (const p of repo.live()) index.insert(p);
}

function districtOf(ctx: ServiceContext, lng: number, lat: number): string {
  const d = districtsTouched(ctx.airspace.routing, [prepareOutline({ type: 'Circle', center: [lng, lat], radiusM: 1 })]);
  if (d.length) return d[0].adcode;
  if (!ctx.airspace.routing.municipality) return '000000'; // a scenario without districts serves everywhere
  throw new ApiError('VALIDATION_FAILED', `[${lng}, ${lat}] is outside every district these stations serve`, { lng, lat });
}

/** A new point from its input: its district found, an id given (unless it has one). */
export function newLandingPoint(ctx: ServiceContext, input: LandingPointInput & { id?: string }): LandingPoint {
  const districtAdcode = districtOf(ctx, input.lng, input.lat);
  return {
    id: input.id ?? `LP-${districtAdcode}-${randomBytes(4).toString('hex').toUpperCase()}`,
    name: input.name,
    location: [input.lng, input.lat],
    districtAdcode,
    kind: input.category,
    capacityPerHour: input.capacityPerHour,
    ...(input.ownerId ? { ownerId: input.ownerId } : {}),
    ...(input.openingHours ? { openingHours: input.openingHours } : {}),
    version: 1,
  };
}

// landing points are airspace: a change of one runs alone across servers sharing a database
export function createLandingPoint(ctx: ServiceContext, actor: Principal, input: LandingPointInput): LandingPoint {
  return alone(ctx, () => createPoint(ctx, actor, input));
}

export function updateLandingPoint(ctx: ServiceContext, actor: Principal, id: string, patch: LandingPointPatch): LandingPoint {
  return alone(ctx, () => updatePoint(ctx, actor, id, patch));
}

export function retireLandingPoint(ctx: ServiceContext, actor: Principal, id: string, reason?: string): void {
  alone(ctx, () => retirePoint(ctx, actor, id, reason));
}

function createPoint(ctx: ServiceContext, actor: Principal, input: LandingPointInput): LandingPoint {
  const point = newLandingPoint(ctx, input);
  assertCanManageLandingPoint(actor, point, ctx.jurisdiction);
  const near = ctx.airspace.landingPoints.within(point.location, MIN_SEPARATION_M)[0];
  if (near) throw new ApiError('CONFLICT', `${near.value.name} (${near.value.id}) is ${Math.round(near.distanceM)} m away: change it instead`, { landingPointId: near.value.id });
  const at = iso(ctx.clock());
  ctx.db.transaction(() => {
    repoOf(ctx).insert(point, at);
    ctx.audit.append({ at, actor: actor.id, subjectKind: 'landing-point', subjectId: point.id, action: 'create', details: point });
  })();
  ctx.airspace.landingPoints.insert(point);
  airspaceChanged(ctx, 'landing-points');
  return point;
}

function existing(ctx: ServiceContext, id: string): LandingPoint {
  const found = repoOf(ctx).get(id);
  if (!found) throw new ApiError('NOT_FOUND', `no landing point ${id}`);
  if (found.retiredAt) throw new ApiError('CONFLICT', `landing point ${id} was retired at ${found.retiredAt}`, { retiredAt: found.retiredAt });
  return found.point;
}

function updatePoint(ctx: ServiceContext, actor: Principal, id: string, patch: LandingPointPatch): LandingPoint {
  const before = existing(ctx, id);
  assertCanManageLandingPoint(actor, before, ctx.jurisdiction);
  const after = patchLandingPoint(before, patch);
  const changed = Object.fromEntries(
    (['name', 'kind', 'capacityPerHour', 'ownerId', 'openingHours'] as const)
      .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
      .map((k) => [k, { from: before[k] ?? null, to: after[k] ?? null }]),
  );
  const at = iso(ctx.clock());
  ctx.db.transaction(() => {
    repoOf(ctx).update(after, at);
    ctx.audit.append({ at, actor: actor.id, subjectKind: 'landing-point', subjectId: id, action: 'change', details: changed });
  })();
  ctx.airspace.landingPoints.insert(after);
  airspaceChanged(ctx, 'landing-points');
  // pending plans that use it are decided again under its new capacity and hours
  if (changed.capacityPerHour || changed.openingHours)
    recheckPending(ctx, repoOf(ctx).plansUsing(id, ['pending']), `landing point ${id} was changed`, { code: 'landing-point-changed', params: { landingPointId: id } });
  return after;
}

function retirePoint(ctx: ServiceContext, actor: Principal, id: string, reason?: string): void {
  const point = existing(ctx, id);
  assertCanManageLandingPoint(actor, point, ctx.jurisdiction);
  const repo = repoOf(ctx);
  const inUse = repo.plansUsing(id, ['approved', 'active']);
  if (inUse.length) throw new ApiError('CONFLICT', `${point.name} is used by ${inUse.length} approved or active plan(s): ${inUse.slice(0, 20).join(', ')}`, { plans: inUse });
  const at = iso(ctx.clock());
  ctx.db.transaction(() => {
    repo.retire(id, at);
    ctx.audit.append({ at, actor: actor.id, subjectKind: 'landing-point', subjectId: id, action: 'retire', reason: reason ?? null });
  })();
  ctx.airspace.landingPoints.remove(id);
  airspaceChanged(ctx, 'landing-points');
  recheckPending(ctx, repo.plansUsing(id, ['pending']), `landing point ${id} was retired`, { code: 'landing-point-retired', params: { landingPointId: id } });
}
