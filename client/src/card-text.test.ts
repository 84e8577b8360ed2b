import { describe, expect, it } from 'vitest';
import type { LandingPoint } from '../../shared/schemas/landing-point.js';
import type { StreamTrack } from '../../shared/schemas/stream.js';
import type { Alert } from '../../shared/schemas/track.js';
import { aircraftCard, alertCard, conformanceText, landingPointCard } from './card-text.js';

const track: StreamTrack = { id: 'UAS-CQ-000123', planId: 'FP-1', lng: 106.5, lat: 29.5, altitudeM: 118.6, speedMps: 12.34, headingDeg: 90, source: ['network', 'X-0001'] };
const plan = {
  id: 'FP-1',
  state: 'active' as const,
  aircraft: { registration: 'UAS-CQ-000123', category: 'light' },
  operatorId: 'CQ-LOGI',
  mission: 'logistics',
  station: { id: 'B-500103', kind: 'B' as const },
};
const alert: Alert = {
  id: 'AL-1',
  kind: 'off-plan-vertical',
  severity: 'warning',
  trackId: 'UAS-CQ-000123',
  planId: 'FP-1',
  stationId: 'B-500103',
  lng: 106.5,
  lat: 29.5,
  altitudeM: 160,
  message: 'above its band',
  raisedAt: '2026-05-01T08:00:00Z',
};
const value = (rows: [string, string][], label: string) => rows.find((r) => r[0] === label)?.[1];

describe('cards', () => {
  it('an aircraft: registration, company, plan in words, height, speed, conformance', () => {
    const c = aircraftCard(track, { plan, company: '重庆物流无人机公司' }, 'zh');
    expect(c.title).toBe('航空器 UAS-CQ-000123');
    expect(value(c.rows, '登记号')).toBe('UAS-CQ-000123');
    expect(value(c.rows, '企业')).toBe('重庆物流无人机公司');
    expect(value(c.rows, '计划')).toBe('FP-1 · 飞行中');
    expect(value(c.rows, '任务')).toBe('物流配送');
    expect(value(c.rows, '真高')).toBe('119 m');
    expect(value(c.rows, '速度')).toBe('12.3 m/s · 90°');
    expect(value(c.rows, '符合性')).toBe('符合计划');
    expect(value(c.rows, '监视来源')).toBe('网络遥测、X-0001');
    expect(c.at).toEqual([106.5, 29.5]);
  });

  it('conformance: an open alert first, then the plan, then no plan', () => {
    expect(conformanceText(track, { conformance: 'conforming' }, [alert], 'zh')).toBe('偏离计划高度');
    expect(conformanceText(track, { conformance: 'nonconforming' }, [], 'zh')).toBe('偏离计划');
    expect(conformanceText({ id: 'R1' }, null, [], 'zh')).toBe('无计划（非合作目标）');
  });

  it('a silent aircraft says when it was last heard', () => {
    const c = aircraftCard({ ...track, planId: undefined }, { silentS: 12 }, 'zh');
    expect(value(c.rows, '最后报告')).toBe('12 秒前');
    expect(value(c.rows, '登记号')).toBe('未知（无计划）');
  });

  it('a landing point: kind, capacity and use, opening hours', () => {
    const lp = { id: 'LP-1', name: '解放碑', location: [106.57, 29.55], districtAdcode: '500103', kind: 'hub', capacityPerHour: 30 } as LandingPoint;
    const c = landingPointCard(lp, { usedThisHour: 4, districtName: '渝中区' }, 'zh');
    expect(c.title).toBe('解放碑');
    expect(value(c.rows, '类型')).toBe('枢纽起降场');
    expect(value(c.rows, '容量')).toBe('30 架次/小时');
    expect(value(c.rows, '本小时已用')).toBe('4 / 30');
    expect(value(c.rows, '区县')).toBe('渝中区');
    expect(value(c.rows, '开放时间')).toBe('全天');
  });

  it('an alert: what in Chinese, where, when in UTC+8', () => {
    const c = alertCard(alert, 'zh', '渝中区服务站');
    expect(c.title).toBe('告警 · 警告');
    expect(value(c.rows, '内容')).toMatch(/^偏离计划高度：/);
    expect(value(c.rows, '时间')).toBe('2026-05-01 16:00 (UTC+8)');
    expect(value(c.rows, '服务站')).toBe('渝中区服务站');
    expect(c.at).toEqual([106.5, 29.5]);
  });
});
