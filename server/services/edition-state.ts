/**
 * The airspace an edition starts from and leads to. Zones of record are the scenario's and the
 * imported ones (the baseline, edition 0) changed by each effective edition in number order;
 * temporary restrictions are a layer of their own and never part of an edition.
 */
import { applyChanges } from '../../shared/airspace/edition-changes.js';
import { putZone } from '../../shared/rules/airspace-state.js';
import type { Edition } from '../../shared/schemas/edition.js';
import type { Zone } from '../../shared/schemas/zone.js';
import { EditionRepo } from '../store/edition-repo.js';
import type { ServiceContext } from './context.js';

interface EditionState {
  repo: EditionRepo;
  /** zones of record before any edition (scenario and imports, as at start) */
  baseline: Map<string, Zone>;
  /** when the next scheduled edition takes effect (Infinity: none) */
  nextDueMs: number;
  /** an edition is being applied (a listener deciding a plan must not start another) */
  applying: boolean;
}
const states = new WeakMap<ServiceContext, EditionState>();

export function editionState(ctx: ServiceContext): EditionState {
  let s = states.get(ctx);
  if (!s) {
    s = { repo: new EditionRepo(ctx.db), baseline: recordZones(ctx), nextDueMs: Infinity, applying: false };
    states.set(ctx, s);
  }
  return s;
}

/** Zones in force now, by id (every kind, temporary restrictions included). */
export function zonesNow(ctx: ServiceContext): Map<string, Zone> {
  const out = new Map<string, Zone>();
  for (const entries of ctx.airspace.zones.entries()) out.set(entries[0].ownerId, entries[0].meta);
  return out;
}

function recordZones(ctx: ServiceContext): Map<string, Zone> {
  const out = zonesNow(ctx);
  for (const [id, z] of out) if (z.kind === 'temporary') out.delete(id);
  return out;
}

/**
 * At start: the zones the effective editions changed are put back in number order (landing points
 * are rows of their own and already hold every edition's changes). Call once, after the scenario's
 * zones and the stored restrictions and imports are in the index.
 */
export function replayEditions(ctx: ServiceContext): void {
  const s = editionState(ctx);
  for (const e of s.repo.published()) if (e.status === 'effective') replayEditionZones(ctx, e);
  refreshNextDue(ctx);
}

/** The zones an effective edition changed, as it recorded them (what it skipped stays skipped). */
export function replayEditionZones(ctx: ServiceContext, e: Edition): void {
  for (const c of e.changes) {
    if (c.status !== 'accepted' || (e.outcome?.skipped ?? []).some((k) => k.index === c.index)) continue;
    if (c.op === 'zone.add' || c.op === 'zone.change') putZone(ctx.airspace, c.zone);
    else if (c.op === 'zone.withdraw') ctx.airspace.zones.remove(c.zoneId);
  }
}

export function refreshNextDue(ctx: ServiceContext): void {
  const s = editionState(ctx);
  s.nextDueMs = Math.min(
    Infinity,
    ...s.repo
      .published()
      .filter((e) => e.status === 'scheduled')
      .map((e) => Date.parse(e.effectiveAt ?? '')),
  );
}

/**
 * Zones of record as of edition `number` (0: the baseline; imports made since start count as
 * baseline), the effective editions up to it applied in order; scheduled ones too when asked.
 */
export function zonesAsOf(ctx: ServiceContext, number: number): Map<string, Zone> {
  const s = editionState(ctx);
  let zones = new Map(s.baseline);
  for (const z of ctx.zones.live()) if (z.kind !== 'temporary' && !zones.has(z.id)) zones.set(z.id, z);
  for (const e of s.repo.published()) {
    if (e.number === null || e.number > number) break;
    zones = applyRecorded(zones, e);
  }
  return zones;
}

/** An effective edition's zone changes, as they were applied (changes it skipped stay skipped). */
function applyRecorded(zones: Map<string, Zone>, e: Edition): Map<string, Zone> {
  const skipped = new Set((e.outcome?.skipped ?? []).map((k) => k.index));
  const ids = new Set<string>(); // landing points do not matter here
  return applyChanges(
    zones,
    ids,
    e.changes.filter((c) => c.op.startsWith('zone.') && !skipped.has(c.index)),
  ).zones;
}

/** Zone ids an edition (scheduled or effective) adds, changes or withdraws: restrictions and imports may not reuse them. */
export function editionZoneIds(ctx: ServiceContext): Set<string> {
  const ids = new Set<string>();
  for (const e of editionState(ctx).repo.published())
    for (const c of e.changes) {
      if (c.op === 'zone.add' || c.op === 'zone.change') ids.add(c.zone.id);
      else if (c.op === 'zone.withdraw') ids.add(c.zoneId);
    }
  return ids;
}
