/**
 * Zones: listing with filters, and temporary restrictions (临时管制). Publishing one re-checks every
 * plan it touches: prohibited → revoked; needs-approval → approved plans go back to pending.
 * Deleting one never silently re-approves anything.
 */
import { appliesDuring } from '../../shared/airspace/applicability.js';
import { prepareOutline } from '../../shared/geo/shape.js';
import type { BBox } from '../../shared/geo/types.js';
import { putZone } from '../../shared/rules/airspace-state.js';
import { validateZoneInput } from '../../shared/rules/validate-zone.js';
import type { Zone } from '../../shared/schemas/zone.js';
import { ApiError } from '../errors.js';
import type { Principal } from '../policy/actor.js';
import { assertAllowed, assertCanImportZones, assertCanPublishZone, assertCanWithdrawZone, mayDraftChange, type ShapeReach, shapeReach } from '../policy/access-policy.js';
import { parseEd269 } from '../../shared/io/ed269.js';
import { airspaceChanged, alone, iso, type ServiceContext } from './context.js';
import { SYSTEM } from './plan-service.js';
import { commit, transition, type PlanChange } from './unit-of-work.js';
import { editionZoneIds } from './edition-state.js';
import { plansTouchingZone } from './edition-recheck.js';

export interface ZoneQuery {
  bbox?: BBox;
  altitudeM?: number;
  timeMs?: number;
  kind?: string;
}

/** where each zone object reaches, by the routing it was measured on (zones are replaced, never edited in place) */
const reached = new WeakMap<object, WeakMap<Zone, ShapeReach>>();

/** Whether `actor` may draft a change of zone `z` (withdraw or replace it) in an airspace edition: for offering it. */
export function mayDraftZone(ctx: ServiceContext, actor: Principal, z: Zone): boolean {
  const byZone = reached.get(ctx.jurisdiction.routing) ?? new WeakMap<Zone, ShapeReach>();
  reached.set(ctx.jurisdiction.routing, byZone);
  let reach = byZone.get(z);
  if (!reach) {
    reach = shapeReach(prepareOutline(z.outline), ctx.jurisdiction);
    byZone.set(z, reach);
  }
  return mayDraftChange(actor, reach, ctx.jurisdiction);
}

export function listZones(ctx: ServiceContext, q: ZoneQuery): Zone[] {
  const out: Zone[] = [];
  for (const entries of ctx.airspace.zones.entries()) {
    const e = entries[0];
    const z = e.meta;
    const b = e.volume.bbox;
    if (q.bbox && (b[0] > q.bbox[2] || b[2] < q.bbox[0] || b[1] > q.bbox[3] || b[3] < q.bbox[1])) continue;
    if (q.altitudeM !== undefined && (q.altitudeM < z.altitudeLowerM || q.altitudeM > z.altitudeUpperM)) continue;
    if (q.timeMs !== undefined && !appliesDuring(z.applicability, q.timeMs, q.timeMs)) continue;
    if (q.kind && z.kind !== q.kind) continue;
    out.push(z);
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

export type RestrictionInput = Omit<Zone, 'id' | 'kind' | 'source'> & { id?: string };

function checkRestriction(ctx: ServiceContext, principal: Principal, input: RestrictionInput): Zone {
  assertAllowed(principal, 'zone.publish');
  const problems = validateZoneInput(input, ctx.clock());
  if (problems.length) throw new ApiError(problems[0].code, problems.map((p) => `${p.path ? `${p.path}: ` : ''}${p.message}`).join('; '), problems);
  const zone: Zone = {
    ...input,
    id: input.id ?? `TR-${ctx.clock().toString(36).toUpperCase()}-${ctx.airspace.zones.size + 1}`,
    kind: 'temporary',
    restriction: input.restriction ?? 'prohibited',
    source: `published by ${principal.id}`,
    ...(principal.stationId ? { stationId: principal.stationId } : {}),
  };
  if (ctx.airspace.zones.has(zone.id) || ctx.zones.get(zone.id) || editionZoneIds(ctx).has(zone.id)) throw new ApiError('CONFLICT', `zone ${zone.id} already exists or is an airspace edition's`);
  assertCanPublishZone(principal, zone.id, prepareOutline(zone.outline), ctx.jurisdiction);
  return zone;
}

/** What publishing the restriction would do to current plans. */
export function affectedBy(ctx: ServiceContext, zone: Zone): { planId: string; state: string; becomes: string }[] {
  const out: { planId: string; state: string; becomes: string }[] = [];
  for (const id of plansTouchingZone(ctx, zone)) {
    const p = ctx.plans.get(id);
    if (!p) continue;
    const becomes = effectOn(zone, p.aircraft.category, p.state);
    if (becomes) out.push({ planId: id, state: p.state, becomes });
  }
  return out;
}

/** What a newly published zone does to a plan it touches: revoke it, send it back to an operator, or nothing. */
export function effectOn(zone: Zone, category: string, state: string): 'revoked' | 'pending' | null {
  const allowed = zone.allowedCategories?.includes(category as never) ?? false;
  const prohibited = zone.kind === 'prohibited' || (zone.kind === 'temporary' && (zone.restriction ?? 'prohibited') === 'prohibited');
  if (prohibited) return allowed ? null : 'revoked';
  if (zone.kind === 'restricted' && !allowed) return 'revoked';
  if (zone.kind === 'restricted' || zone.kind === 'controlled' || zone.kind === 'temporary') return state === 'approved' ? 'pending' : null;
  return null;
}

export function previewRestriction(ctx: ServiceContext, principal: Principal, input: RestrictionInput) {
  const zone = checkRestriction(ctx, principal, input);
  return { zone, affected: affectedBy(ctx, zone) };
}

export function publishRestriction(ctx: ServiceContext, principal: Principal, input: RestrictionInput) {
  const zone = checkRestriction(ctx, principal, input);
  const [result] = publishZones(ctx, principal, [zone], 'publish');
  return result;
}

/** Publish zones (restrictions or imported airspace) and re-check every plan they touch, in one transaction. */
export function publishZones(ctx: ServiceContext, principal: Principal, zones: Zone[], action: 'publish' | 'import') {
  return alone(ctx, () => publishAlone(ctx, principal, zones, action));
}

function publishAlone(ctx: ServiceContext, principal: Principal, zones: Zone[], action: 'publish' | 'import') {
  const results: { zone: Zone; affected: ReturnType<typeof affectedBy> }[] = [];
  const changes: PlanChange[] = [];
  const touched = new Set<string>();
  for (const zone of zones) {
    const affected = affectedBy(ctx, zone);
    results.push({ zone, affected });
    for (const a of affected) {
      if (touched.has(a.planId)) continue;
      const p = ctx.plans.get(a.planId);
      if (!p) continue;
      touched.add(a.planId);
      const ch = transition(
        ctx,
        p,
        a.becomes === 'revoked' ? 'revoke' : 'suspend',
        SYSTEM,
        `${zone.kind === 'temporary' ? 'temporary restriction' : `${zone.kind} zone`} ${zone.id} (${zone.reason})`,
        {},
        { code: 'restriction', params: { zoneId: zone.id, zone: zone.name } },
      );
      ch.event = { kind: a.becomes === 'revoked' ? 'revoked' : 'suspended', payload: { zoneId: zone.id } };
      changes.push(ch);
    }
  }
  commit(ctx, changes, () => {
    for (const { zone, affected } of results) {
      ctx.zones.insert(zone, principal.id, principal.stationId ?? null, iso(ctx.clock()));
      ctx.audit.append({ at: iso(ctx.clock()), actor: principal.id, subjectKind: 'zone', subjectId: zone.id, action, reason: zone.reason, details: { zone, affected } });
    }
  });
  for (const z of zones) putZone(ctx.airspace, z);
  airspaceChanged(ctx, 'zones');
  return results;
}

export function deleteRestriction(ctx: ServiceContext, principal: Principal, id: string): void {
  assertAllowed(principal, 'zone.publish');
  const row = ctx.zones.get(id);
  if (!row || row.deletedAt) {
    if (ctx.airspace.zones.has(id)) throw new ApiError('FORBIDDEN', `zone ${id} is part of the published airspace, not a temporary restriction`);
    throw new ApiError('NOT_FOUND', `no temporary restriction ${id}`);
  }
  assertCanWithdrawZone(principal, { id, stationId: row.stationId }, ctx.jurisdiction);
  if (editionZoneIds(ctx).has(id)) throw new ApiError('CONFLICT', `zone ${id} was changed by an airspace edition: withdraw it in an edition`, { refusal: 'edition-zone', zoneId: id });
  alone(ctx, () => {
    ctx.db.transaction(() => {
      ctx.zones.markDeleted(id, iso(ctx.clock()));
      ctx.audit.append({ at: iso(ctx.clock()), actor: principal.id, subjectKind: 'zone', subjectId: id, action: 'delete', reason: 'withdrawn' });
    })();
    ctx.airspace.zones.remove(id);
  });
  airspaceChanged(ctx, 'zones');
}

/** Imports ED-269 zones (admin or A station): all or nothing; the plans they touch are re-checked. */
export function importEd269(ctx: ServiceContext, principal: Principal, body: unknown) {
  assertCanImportZones(principal, ctx.jurisdiction);
  const { zones, problems, notes } = parseEd269(body);
  const taken = editionZoneIds(ctx);
  const clash = zones
    .filter((z) => ctx.airspace.zones.has(z.id) || ctx.zones.get(z.id) || taken.has(z.id))
    .map((z) => ({ path: z.id, message: `zone ${z.id} already exists or is an airspace edition's` }));
  if (problems.length || clash.length) throw new ApiError('INVALID_ED269', `${problems.length + clash.length} problem(s); nothing was imported`, [...problems, ...clash]);
  const results = publishZones(ctx, principal, zones, 'import');
  return { imported: zones.map((z) => z.id), affected: results.flatMap((r) => r.affected), notes };
}
