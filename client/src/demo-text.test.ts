import { describe, expect, it } from 'vitest';
import type { DemoIdentity } from '../../shared/schemas/demo.js';
import { demoLabel, featuredDemo } from './demo-text.js';

const ids: DemoIdentity[] = [
  { id: 'operator:A-CQ', role: 'operator', stationId: 'A-CQ', stationKind: 'A', name: '重庆市低空飞行服务中心' },
  { id: 'operator:B-500101', role: 'operator', stationId: 'B-500101', stationKind: 'B', name: '万州区服务站' },
  { id: 'operator:B-500103', role: 'operator', stationId: 'B-500103', stationKind: 'B', name: '渝中区服务站' },
  { id: 'operator:B-500109', role: 'operator', stationId: 'B-500109', stationKind: 'B', name: '北碚区服务站' },
  { id: 'pilot:CQ-LOGI', role: 'pilot', companyId: 'CQ-LOGI', name: '重庆物流' },
  { id: 'company-admin:CQ-LOGI', role: 'company-admin', companyId: 'CQ-LOGI', name: '重庆物流' },
  { id: 'planner', role: 'planner', name: 'planner' },
  { id: 'viewer', role: 'viewer', name: 'viewer' },
];

describe('demo sign-in', () => {
  it('words each identity from its role and its station or company', () => {
    expect(demoLabel(ids[0], 'zh')).toBe('A 类站值班员 · 重庆市低空飞行服务中心');
    expect(demoLabel(ids[2], 'zh')).toBe('B 类站值班员 · 渝中区服务站');
    expect(demoLabel(ids[4], 'zh')).toBe('驾驶员 · 重庆物流');
    expect(demoLabel(ids[5], 'zh')).toBe('企业管理员 · 重庆物流');
    expect(demoLabel(ids[6], 'zh')).toBe('规划人员');
    expect(demoLabel(ids[2], 'en')).toBe('B-station operator · 渝中区服务站');
  });

  it('buttons for A, 渝中 and 北碚, a pilot, a company admin and a planner; the rest listed', () => {
    const { featured, others } = featuredDemo(ids);
    expect(featured.map((d) => d.id)).toEqual(['operator:A-CQ', 'operator:B-500103', 'operator:B-500109', 'pilot:CQ-LOGI', 'company-admin:CQ-LOGI', 'planner']);
    expect(others.map((d) => d.id)).toEqual(['operator:B-500101', 'viewer']);
  });
});
