/**
 * What an edition's changes do to the airspace, as pure functions: the zones after applying them,
 * the changes that no longer apply (and why), and the difference as GeoJSON (before and after
 * each change). Only accepted changes are applied.
 */
import { landingPointToFeature, zoneToFeature } from '../io/scenario-features.js';
import { patchLandingPoint } from '../rules/patch-landing-point.js';
import type { ChangeInput, EditionChange } from '../schemas/edition.js';
import type { LandingPoint } from '../schemas/landing-point.js';
import type { Zone } from '../schemas/zone.js';

/** The zone or landing point a change is about. */
export function changeRef(c: ChangeInput): string {
  switch (c.op) {
    case 'zone.add':
    case 'zone.change':
      return c.zone.id;
    case 'zone.withdraw':
      return c.zoneId;
    case 'landing-point.add':
      return c.landingPoint.id ?? '';
    case 'landing-point.change':
    case 'landing-point.retire':
      return c.landingPointId;
  }
}

export const isZoneChange = (c: ChangeInput) => c.op.startsWith('zone.');

export interface Skipped {
  index: number;
  why: string;
}

/**
 * Why a change cannot apply to these zones and points (null when it can). Temporary restrictions
 * are not airspace of record: they are published and withdrawn on their own.
 */
export function whyNot(c: ChangeInput, zones: ReadonlyMap<string, Zone>, points: ReadonlyMap<string, unknown>): string | null {
  switch (c.op) {
    case 'zone.add':
      return zones.has(c.zone.id) ? `zone ${c.zone.id} already exists` : c.zone.kind === 'temporary' ? 'temporary restrictions are published on their own, not in an edition' : null;
    case 'zone.change':
    case 'zone.withdraw': {
      const id = c.op === 'zone.change' ? c.zone.id : c.zoneId;
      const z = zones.get(id);
      if (!z) return `no zone ${id}`;
      if (z.kind === 'temporary' || (c.op === 'zone.change' && c.zone.kind === 'temporary')) return 'temporary restrictions are published and withdrawn on their own, not in an edition';
      return null;
    }
    case 'landing-point.add':
      return c.landingPoint.id && points.has(c.landingPoint.id) ? `landing point ${c.landingPoint.id} already exists` : null;
    case 'landing-point.change':
    case 'landing-point.retire':
      return points.has(c.landingPointId) ? null : `no landing point ${c.landingPointId} in service`;
  }
}

/**
 * Applies the accepted zone changes in order to a copy of `zones`; landing-point changes are only
 * checked against `points` (ids in service, updated as the changes add and retire them).
 */
export function applyChanges(
  zones: ReadonlyMap<string, Zone>,
  points: ReadonlySet<string>,
  changes: readonly EditionChange[],
): { zones: Map<string, Zone>; points: Set<string>; applied: EditionChange[]; skipped: Skipped[] } {
  const out = new Map(zones);
  const lps = new Set(points);
  const asMap = { has: (id: string) => lps.has(id) } as ReadonlyMap<string, unknown>;
  const applied: EditionChange[] = [];
  const skipped: Skipped[] = [];
  for (const c of changes) {
    if (c.status !== 'accepted') continue;
    const why = whyNot(c, out, asMap);
    if (why) {
      skipped.push({ index: c.index, why });
      continue;
    }
    applied.push(c);
    if (c.op === 'zone.add' || c.op === 'zone.change') out.set(c.zone.id, c.zone);
    else if (c.op === 'zone.withdraw') out.delete(c.zoneId);
    else if (c.op === 'landing-point.add') lps.add(c.landingPoint.id ?? '');
    else if (c.op === 'landing-point.retire') lps.delete(c.landingPointId);
  }
  return { zones: out, points: lps, applied, skipped };
}

type Feature = ReturnType<typeof zoneToFeature>;

/**
 * The edition as GeoJSON: per change, the zone or point as it was (`side: before`) and as it will
 * be (`side: after`); `zoneBefore`/`pointBefore` give the state the edition starts from.
 */
export function editionDiff(
  changes: readonly EditionChange[],
  zoneBefore: (id: string) => Zone | undefined,
  pointBefore: (id: string) => LandingPoint | undefined,
): { type: 'FeatureCollection'; features: Feature[] } {
  const features: Feature[] = [];
  const tag = (f: Feature, c: EditionChange, side: 'before' | 'after'): Feature => ({
    ...f,
    properties: { ...f.properties, change: { index: c.index, op: c.op, status: c.status, side, ref: changeRef(c) } },
  });
  for (const c of changes) {
    if (c.op === 'zone.add' || c.op === 'zone.change') {
      const before = c.op === 'zone.change' ? zoneBefore(c.zone.id) : undefined;
      if (before) features.push(tag(zoneToFeature(before), c, 'before'));
      features.push(tag(zoneToFeature(c.zone), c, 'after'));
    } else if (c.op === 'zone.withdraw') {
      const before = zoneBefore(c.zoneId);
      if (before) features.push(tag(zoneToFeature(before), c, 'before'));
    } else if (c.op === 'landing-point.add') {
      const { lng, lat, category, ...rest } = c.landingPoint;
      features.push(tag({ type: 'Feature', geometry: { type: 'Point', coordinates: [lng, lat] }, properties: { ...rest, kind: category } } as Feature, c, 'after'));
    } else {
      const before = pointBefore(c.landingPointId);
      if (!before) continue;
      features.push(tag(landingPointToFeature(before), c, 'before'));
      if (c.op === 'landing-point.change') {
        features.push(tag(landingPointToFeature(patchLandingPoint(before, c.patch)), c, 'after'));
      }
    }
  }
  return { type: 'FeatureCollection', features };
}
