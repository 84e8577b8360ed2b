/** Airspace editions in words and on the map: changes one line each in Chinese, errors worded for editions, the difference and the airspace as of an edition. */
import { describe, expect, it } from 'vitest';
import type { EditionChange } from '../../shared/schemas/edition.js';
import type { Zone } from '../../shared/schemas/zone.js';
import { ApiFailure } from './api.js';
import { changeCounts, changeLine, editionFailure, editionHeadline, evidenceText, nextFullHour, notAdoptedText } from './edition-lines.js';
import { collectionBox, diffCollection, zonesFromGeoJson } from './edition-map.js';

/** a word with lower-case letters (codes such as HTTP are allowed) */
const ENGLISH = /[a-z]{3,}/;
const zone: Zone = {
  id: 'ED-TEST-P',
  name: '缙云山临时保护区',
  kind: 'prohibited',
  outline: { type: 'Circle', center: [106.4, 29.83], radiusM: 1500 },
  altitudeLowerM: 0,
  altitudeUpperM: 120,
  applicability: { kind: 'permanent' },
  reason: 'nature reserve',
  source: 'test',
};
const ctx = { lp: (id: string) => (id === 'LP-1' ? { name: '歇马起降点', kind: 'grass' as const, capacityPerHour: 10 } : undefined) };
const change = (c: Record<string, unknown>): EditionChange => ({ index: 0, status: 'accepted', addedBy: 'P-1', ...c }) as EditionChange;

describe('edition lines', () => {
  it('words each op in Chinese: zone name, kind and band; landing point name, category and capacity', () => {
    expect(changeLine(change({ op: 'zone.add', zone }), 'zh', ctx)).toBe('新增空域 缙云山临时保护区（禁飞区，0–120 米，圆心 (106.4000, 29.8300) 半径 1500 米）');
    expect(changeLine(change({ op: 'landing-point.add', landingPoint: { name: '澄江起降点', category: 'township', lng: 106.4, lat: 29.8, capacityPerHour: 12 } }), 'zh', ctx)).toBe(
      '新增起降点 澄江起降点（乡镇起降点，容量 12 架次/小时）',
    );
    const open = { name: '澄江起降点', category: 'township' as const, lng: 106.4, lat: 29.8, capacityPerHour: 12, openingHours: { from: '07:00', to: '19:00' } };
    expect(changeLine(change({ op: 'landing-point.add', landingPoint: open }), 'zh', ctx)).toBe('新增起降点 澄江起降点（乡镇起降点，容量 12 架次/小时，开放时间 07:00–19:00）');
    expect(changeLine(change({ op: 'landing-point.change', landingPointId: 'LP-1', patch: { capacityPerHour: 18 } }), 'zh', ctx)).toBe('调整起降点 歇马起降点：容量 10 → 18 架次/小时');
    // once the edition has taken effect the point in service has the new capacity: the before is what the edition recorded, or none
    const inEffect = change({ op: 'landing-point.change', landingPointId: 'LP-1', patch: { capacityPerHour: 10 } });
    expect(changeLine(inEffect, 'zh', { ...ctx, applied: true, pointBefore: (id) => (id === 'LP-1' ? { capacityPerHour: 30 } : undefined) })).toBe('调整起降点 歇马起降点：容量 30 → 10 架次/小时');
    expect(changeLine(inEffect, 'zh', { ...ctx, applied: true })).toBe('调整起降点 歇马起降点：容量改为 10 架次/小时');
    expect(changeLine(change({ op: 'landing-point.retire', landingPointId: 'LP-1' }), 'zh', ctx)).toBe('停用起降点 歇马起降点');
    const corridor = { ...zone, id: 'CORRIDOR-A-B', name: '甲—乙航路走廊', kind: 'corridor' as const, corridorEnds: ['LP-1', 'LP-2'] as [string, string] };
    expect(changeLine(change({ op: 'zone.add', zone: corridor }), 'zh', ctx)).toBe('新增空域 甲—乙航路走廊（航路走廊，0–120 米，连接 歇马起降点 与 LP-2）');
    expect(changeLine(change({ op: 'zone.add', zone }), 'en', ctx)).toBe('add zone 缙云山临时保护区 (prohibited zone, 0–120 m, centre (106.4000, 29.8300) radius 1500 m)');
    // a polygon by its vertices (the closing one repeats the first)
    const ring: [number, number][] = [
      [106.4, 29.8],
      [106.42, 29.8],
      [106.42, 29.82],
      [106.4, 29.82],
      [106.4, 29.8],
    ];
    expect(changeLine(change({ op: 'zone.add', zone: { ...zone, outline: { type: 'Polygon', coordinates: [ring] } } }), 'zh', ctx)).toBe(
      '新增空域 缙云山临时保护区（禁飞区，0–120 米，多边形 4 个顶点）',
    );
  });
  it('words adopted evidence, counts and the headline', () => {
    expect(evidenceText({ kind: 'corridor', ref: 'A|B', evidence: { flights: 8 } }, 'zh')).toBe('依据：两地间 8 架次');
    expect(evidenceText(undefined, 'zh')).toBe('');
    const e = { number: 3, status: 'effective' as const, effectiveAt: '2026-12-01T01:00:00.000Z', changes: [change({}), change({ status: 'proposed' }), change({ status: 'declined' })] };
    expect(changeCounts(e)).toEqual({ n: 3, a: 1, p: 1, d: 1 });
    expect(editionHeadline(e, 'zh')).toBe('第 3 版 · 已生效 · 生效 2026-12-01 09:00 (UTC+8)');
    expect(editionHeadline({ number: null, status: 'draft', effectiveAt: null }, 'zh')).toBe('未编号 · 草稿');
  });
  it('words edition errors from their code and details, never the server English in Chinese', () => {
    const f = (code: string, details?: unknown) => new ApiFailure(403, code, 'server words here', details);
    expect(editionFailure(f('FORBIDDEN', { reviewer: 'P-1' }), 'review', 'zh')).toContain('双人复核');
    expect(editionFailure(f('FORBIDDEN'), 'publish', 'zh')).toBe('空域版本由 A 站发布');
    expect(editionFailure(f('FORBIDDEN'), 'withdraw', 'zh')).toBe('已审核的版本由 A 站撤回；草稿由起草人或 A 站撤回');
    // a change refused while it is added says it was not added, and why (not the id it was given)
    expect(editionFailure(f('FORBIDDEN', { ref: 'ZONE-X1' }), 'add', 'zh')).toBe('这项变更超出本站辖区，未添加：辖区外的变更由 A 站起草');
    expect(editionFailure(f('NOT_FOUND', { ref: 'LP-1' }), 'add', 'zh')).toBe('LP-1 不在服务中，或本版本已有这项变更：未添加');
    expect(editionFailure(f('VALIDATION_FAILED', { proposed: [1] }), 'review', 'zh')).toContain('待定');
    for (const code of ['CONFLICT', 'NOT_FOUND', 'INVALID_TRANSITION', 'TIME_OUT_OF_RANGE', 'SOMETHING_NEW']) expect(editionFailure(f(code), 'publish', 'zh')).not.toMatch(ENGLISH);
    expect(notAdoptedText({ kind: 'landing-point-capacity', ref: 'LP-9', code: 'POINT_NOT_IN_SERVICE' }, 'zh')).toBe('起降点容量 LP-9：起降点已停用');
    expect(notAdoptedText({ kind: 'hot-cell', ref: 'x', code: 'SOMETHING_NEW' }, 'zh').replace(/^.* x：/, '')).not.toMatch(ENGLISH);
  });
  it('publishes by default at the next full hour', () => {
    expect(new Date(nextFullHour(Date.parse('2026-12-01T01:20:00Z'))).toISOString()).toBe('2026-12-01T02:00:00.000Z');
  });
});

describe('editions on the map', () => {
  it('draws the difference (declined left out, withdrawals marked removed) and reads zones back from GeoJSON', () => {
    const tag = (props: Record<string, unknown>, geometry: { type: string; coordinates: unknown }, c: Record<string, unknown>) => ({
      type: 'Feature' as const,
      geometry,
      properties: { ...props, change: { index: 0, status: 'accepted', side: 'after', ref: String(props.id), ...c } },
    });
    const fc = {
      type: 'FeatureCollection' as const,
      features: [
        tag({ id: 'Z1', name: '甲', kind: 'prohibited', radiusM: 500 }, { type: 'Point', coordinates: [106.4, 29.8] }, { op: 'zone.add' }),
        tag(
          { id: 'Z2', name: '乙', kind: 'controlled' },
          {
            type: 'Polygon',
            coordinates: [
              [
                [106, 29],
                [106.1, 29],
                [106.1, 29.1],
                [106, 29],
              ],
            ],
          },
          { op: 'zone.withdraw', side: 'before' },
        ),
        tag({ id: 'LP-1', name: '丙', kind: 'grass' }, { type: 'Point', coordinates: [106.5, 29.9] }, { op: 'landing-point.add' }),
        tag(
          { id: 'Z3', name: '丁', kind: 'prohibited' },
          {
            type: 'Polygon',
            coordinates: [
              [
                [107, 29],
                [107.1, 29],
                [107.1, 29.1],
                [107, 29],
              ],
            ],
          },
          { op: 'zone.add', status: 'declined' },
        ),
      ],
    };
    const d = diffCollection(fc);
    expect(d.features.map((f) => [f.properties.id, f.properties.shape, f.properties.side, f.properties.removed])).toEqual([
      ['Z1', 'area', 'after', false],
      ['Z2', 'area', 'before', true],
      ['LP-1', 'point', 'after', false],
    ]);
    expect(d.features[0].geometry.type).toBe('Polygon');
    const box = collectionBox(d);
    expect(box?.[0]).toBe(106);
    expect(box?.[3]).toBeGreaterThan(29.8);
    const zones = zonesFromGeoJson({ type: 'FeatureCollection', features: fc.features.slice(0, 2) });
    expect(zones[0].outline).toEqual({ type: 'Circle', center: [106.4, 29.8], radiusM: 500 });
    expect(zones[0]).not.toHaveProperty('radiusM');
    expect(zones[1].outline.type).toBe('Polygon');
  });
});
