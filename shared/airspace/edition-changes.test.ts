import { describe, expect, it } from 'vitest';
import type { EditionChange } from '../schemas/edition.js';
import type { LandingPoint } from '../schemas/landing-point.js';
import type { Zone } from '../schemas/zone.js';
import { applyChanges, changeRef, editionDiff, whyNot } from './edition-changes.js';

const zone = (id: string, over: Partial<Zone> = {}): Zone => ({
  id,
  name: id,
  kind: 'controlled',
  outline: { type: 'Circle', center: [106.5, 29.5], radiusM: 500 },
  altitudeLowerM: 0,
  altitudeUpperM: 120,
  applicability: { kind: 'permanent' },
  reason: 'r',
  source: 's',
  ...over,
});
const point: LandingPoint = { id: 'LP-1', name: '一号', location: [106.4, 29.6], districtAdcode: '500109', kind: 'township', capacityPerHour: 6 };
const ch = (index: number, c: Record<string, unknown>, status: EditionChange['status'] = 'accepted') => ({ index, status, addedBy: 'op', ...c }) as EditionChange;

describe('edition changes', () => {
  const zones = new Map([
    ['Z-A', zone('Z-A')],
    ['Z-T', zone('Z-T', { kind: 'temporary' })],
  ]);

  it('apply in order, accepted only; what no longer applies is skipped with the reason', () => {
    const changes = [
      ch(0, { op: 'zone.add', zone: zone('Z-B', { kind: 'prohibited' }) }),
      ch(1, { op: 'zone.change', zone: zone('Z-A', { altitudeUpperM: 300 }) }),
      ch(2, { op: 'zone.withdraw', zoneId: 'Z-B' }, 'declined'),
      ch(3, { op: 'zone.withdraw', zoneId: 'Z-NONE' }),
      ch(4, { op: 'zone.withdraw', zoneId: 'Z-T' }),
      ch(5, { op: 'landing-point.retire', landingPointId: 'LP-1' }),
      ch(6, { op: 'landing-point.change', landingPointId: 'LP-1', patch: { capacityPerHour: 9 } }),
      ch(7, { op: 'zone.add', zone: zone('Z-A') }),
    ];
    const r = applyChanges(zones, new Set(['LP-1']), changes);
    expect([...r.zones.keys()].sort()).toEqual(['Z-A', 'Z-B', 'Z-T']);
    expect(r.zones.get('Z-A')?.altitudeUpperM).toBe(300);
    expect(r.points.has('LP-1')).toBe(false);
    expect(r.applied.map((c) => c.index)).toEqual([0, 1, 5]);
    expect(r.skipped).toEqual([
      { index: 3, why: 'no zone Z-NONE' },
      { index: 4, why: 'temporary restrictions are published and withdrawn on their own, not in an edition' },
      { index: 6, why: 'no landing point LP-1 in service' },
      { index: 7, why: 'zone Z-A already exists' },
    ]);
    expect(zones.get('Z-A')?.altitudeUpperM).toBe(120); // the input is not changed
  });

  it('refs and refusals', () => {
    expect(changeRef({ op: 'landing-point.retire', landingPointId: 'LP-9' })).toBe('LP-9');
    expect(changeRef({ op: 'zone.add', zone: zone('Z-Q') })).toBe('Z-Q');
    expect(whyNot({ op: 'zone.add', zone: zone('Z-N', { kind: 'temporary' }) }, zones, new Map())).toMatch(/temporary/);
    expect(whyNot({ op: 'landing-point.add', landingPoint: { id: 'LP-1', name: 'x', category: 'grass', lng: 1, lat: 1, capacityPerHour: 1 } }, zones, new Map([['LP-1', point]]))).toBe(
      'landing point LP-1 already exists',
    );
    expect(whyNot({ op: 'zone.change', zone: zone('Z-A') }, zones, new Map())).toBeNull();
  });

  it('the difference: before and after each change, circles as points with their radius', () => {
    const fc = editionDiff(
      [
        ch(0, { op: 'zone.change', zone: zone('Z-A', { altitudeUpperM: 300 }) }),
        ch(1, { op: 'zone.withdraw', zoneId: 'Z-A' }, 'proposed'),
        ch(2, { op: 'landing-point.change', landingPointId: 'LP-1', patch: { capacityPerHour: 9, openingHours: null } }),
        ch(3, { op: 'landing-point.add', landingPoint: { id: 'LP-2', name: '二号', category: 'rooftop', lng: 106.41, lat: 29.61, capacityPerHour: 4 } }),
      ],
      (id) => zones.get(id),
      (id) => (id === 'LP-1' ? { ...point, openingHours: { from: '07:00', to: '19:00' } } : undefined),
    );
    const rows = fc.features.map((f) => {
      const p = f.properties as Record<string, unknown> & { change: { index: number; side: string; status: string } };
      return [p.change.index, p.change.side, p.change.status, p.id, p.altitudeUpperM ?? p.capacityPerHour, f.geometry.type];
    });
    expect(rows).toEqual([
      [0, 'before', 'accepted', 'Z-A', 120, 'Point'],
      [0, 'after', 'accepted', 'Z-A', 300, 'Point'],
      [1, 'before', 'proposed', 'Z-A', 120, 'Point'],
      [2, 'before', 'accepted', 'LP-1', 6, 'Point'],
      [2, 'after', 'accepted', 'LP-1', 9, 'Point'],
      [3, 'after', 'accepted', 'LP-2', 4, 'Point'],
    ]);
    expect((fc.features[0].properties as { radiusM: number }).radiusM).toBe(500);
    expect((fc.features[4].properties as { openingHours?: unknown }).openingHours).toBeUndefined();
    expect((fc.features[5].properties as { kind: string }).kind).toBe('rooftop');
  });
});
