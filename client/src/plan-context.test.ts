import { describe, expect, it } from 'vitest';
import type { FlightPlan } from '../../shared/schemas/flight-plan-record.js';
import { approvalEffects, approvalSummary, approvalWarning, bandText, deadlineText, placeText, requestedBand, windowText } from './plan-context.js';

const square = {
  type: 'Polygon' as const,
  coordinates: [
    [
      [106.4, 29.8],
      [106.41, 29.8],
      [106.41, 29.81],
      [106.4, 29.8],
    ],
  ] as [number, number][][],
};
const vol = (lo: number, hi: number, from: string, to: string) => ({ outline: square, altitudeLowerM: lo, altitudeUpperM: hi, timeStart: from, timeEnd: to });

function plan(over: Partial<FlightPlan> = {}): FlightPlan {
  return {
    id: 'FP-1',
    state: 'pending',
    priority: 10,
    emergency: false,
    station: { id: 'B-500109', kind: 'B' },
    districts: [{ adcode: '500109', name: '北碚区' }],
    submittedBy: 'p1',
    aircraft: { registration: 'UAS-CQ-000123', category: 'light' },
    mission: 'logistics',
    volumes: [vol(0, 210, '2026-05-01T02:00:00Z', '2026-05-01T02:20:00Z'), vol(0, 210, '2026-05-01T02:20:00Z', '2026-05-01T02:40:00Z')],
    decision: { outcome: 'pending', reasons: [], suggestions: [], conflicts: [], preempted: [], routing: { stationId: 'B-500109', stationKind: 'B' } } as unknown as FlightPlan['decision'],
    competing: [],
    input: {
      aircraft: { registration: 'UAS-CQ-000123', category: 'light' },
      mission: 'logistics',
      route: {
        waypoints: [
          [106.4, 29.8],
          [106.41, 29.81],
        ],
        corridorHalfWidthM: 25,
        cruiseSpeedMps: 12,
        altitudeLowerM: 150,
        altitudeUpperM: 200,
        departAt: '2026-05-01T02:00:00Z',
      },
    },
    createdAt: '2026-05-01T01:00:00Z',
    updatedAt: '2026-05-01T01:00:00Z',
    version: 1,
    ...over,
  };
}

describe('a plan in context', () => {
  it('shows the band asked for apart from the buffered one', () => {
    expect(requestedBand(plan())).toEqual([150, 200]);
    expect(bandText(plan(), 'zh')).toBe('150–200 米（含缓冲 0–210 米）');
    expect(bandText(plan(), 'en')).toBe('150–200 m (buffered 0–210 m)');
    const area = plan({
      input: { ...plan().input, route: undefined, volumes: [vol(30, 80, '2026-05-01T02:00:00Z', '2026-05-01T03:00:00Z')] },
      volumes: [vol(30, 80, '2026-05-01T02:00:00Z', '2026-05-01T03:00:00Z')],
    });
    expect(bandText(area, 'zh')).toBe('30–80 米');
  });
  it('gives the window and the deadline in UTC+8, and the place by district name', () => {
    expect(windowText(plan())).toBe('05-01 10:00–10:40');
    expect(windowText(plan({ volumes: [vol(0, 100, '2026-05-01T15:30:00Z', '2026-05-01T16:30:00Z')] }))).toBe('05-01 23:30–05-02 00:30');
    expect(deadlineText('2026-05-01T02:00:00Z')).toBe('05-01 10:00');
    expect(placeText(plan(), 'zh')).toBe('北碚区');
    expect(placeText(plan({ districts: [] }), 'zh')).toBe('服务区外');
    const many = ['渝中区', '江北区', '南岸区', '沙坪坝区', '九龙坡区'].map((name, i) => ({ adcode: String(i), name }));
    expect(placeText(plan({ districts: many }), 'zh')).toBe('渝中区、江北区、南岸区 等 2 个区县');
  });
  it('warns, before approving, of the competing pending plans it would reject (equal or lower priority), the plans it revokes and the flights asked to yield', () => {
    const p = plan({ decision: { ...plan().decision, preempted: ['FP-9'], reasons: [{ code: 'ACTIVE_FLIGHT_CONFLICT', effect: 'approval', ref: 'FP-7', message: '' }] } as FlightPlan['decision'] });
    const competitors = [
      { id: 'FP-2', state: 'pending' as const, priority: 10 },
      { id: 'FP-3', state: 'pending' as const, priority: 5 },
      { id: 'FP-4', state: 'pending' as const, priority: 50 },
      { id: 'FP-5', state: 'rejected' as const, priority: 1 },
    ];
    const e = approvalEffects(p, competitors);
    expect(e).toEqual({ rejects: ['FP-2', 'FP-3'], revokes: ['FP-9'], yields: ['FP-7'] });
    expect(approvalWarning(e, 'zh')).toBe('将驳回 FP-2、FP-3（竞争的待审批计划）；将撤销 FP-9（优先级较低的已批准计划）；将要求 FP-7 避让（空中飞行）');
    expect(approvalWarning(approvalEffects(plan(), []), 'zh')).toBeNull();
  });
  it('sums up what an approval did from the answer and the competitors afterwards', () => {
    const approved = plan({ state: 'approved', decision: { ...plan().decision, preempted: ['FP-9'] } as FlightPlan['decision'] });
    expect(
      approvalSummary(
        approved,
        [
          { id: 'FP-2', state: 'rejected' },
          { id: 'FP-4', state: 'pending' },
        ],
        'zh',
      ),
    ).toBe('已批准 FP-1；已驳回 FP-2；已撤销 FP-9');
    expect(approvalSummary(plan({ state: 'approved' }), [], 'zh')).toBe('已批准 FP-1；未影响其他计划');
    expect(approvalSummary(plan({ state: 'approved' }), [], 'en')).toBe('Approved FP-1; no other plan affected');
  });
});
