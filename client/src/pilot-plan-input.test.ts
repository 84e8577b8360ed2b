import { describe, expect, it } from 'vitest';
import { buildPlanInput, ringSelfIntersects, type PilotForm } from './pilot-plan-input.js';

const base: PilotForm = {
  shape: 'route',
  points: [
    [106.4, 29.83],
    [106.42, 29.835],
  ],
  registration: 'UAS-CQ-000123',
  category: 'light',
  mission: 'survey',
  lowerM: 30,
  upperM: 100,
  departMs: Date.parse('2026-12-01T02:00:00Z'),
  durationMin: 40,
  cruiseSpeedMps: 12,
};
const square: PilotForm['points'] = [
  [106.4, 29.83],
  [106.41, 29.83],
  [106.41, 29.84],
  [106.4, 29.84],
];

describe('pilot form → plan input', () => {
  it('builds a route plan through the waypoints', () => {
    const r = buildPlanInput(base);
    expect('input' in r && r.input.route).toMatchObject({ waypoints: base.points, altitudeLowerM: 30, altitudeUpperM: 100, departAt: '2026-12-01T02:00:00.000Z' });
  });

  it('builds an area plan: a closed polygon held for the duration', () => {
    const r = buildPlanInput({ ...base, shape: 'area', points: square });
    expect('input' in r && r.input.volumes).toEqual([
      { outline: { type: 'Polygon', coordinates: [[...square, square[0]]] }, altitudeLowerM: 30, altitudeUpperM: 100, timeStart: '2026-12-01T02:00:00.000Z', timeEnd: '2026-12-01T02:40:00.000Z' },
    ]);
    expect('input' in r && r.input.route).toBeUndefined();
  });

  it('names every mistake instead of sending it', () => {
    expect(buildPlanInput({ ...base, points: base.points.slice(0, 1) })).toEqual({ problem: 'needTwo' });
    expect(buildPlanInput({ ...base, shape: 'area', points: square.slice(0, 2) })).toEqual({ problem: 'needThree' });
    expect(buildPlanInput({ ...base, shape: 'area', points: [square[0], square[2], square[1], square[3]] })).toEqual({ problem: 'selfIntersecting' });
    expect(buildPlanInput({ ...base, shape: 'area', points: square, durationMin: 0 })).toEqual({ problem: 'badDuration' });
    expect(buildPlanInput({ ...base, lowerM: 100, upperM: 100 })).toEqual({ problem: 'badBand' });
    expect(buildPlanInput({ ...base, lowerM: -5 })).toEqual({ problem: 'badBand' });
    expect(buildPlanInput({ ...base, registration: '  ' })).toEqual({ problem: 'needRegistration' });
    expect(buildPlanInput({ ...base, departMs: NaN })).toEqual({ problem: 'badTime' });
  });

  it('tells a bow-tie from a simple ring', () => {
    expect(ringSelfIntersects(square)).toBe(false);
    expect(ringSelfIntersects([square[0], square[2], square[1], square[3]])).toBe(true);
    expect(
      ringSelfIntersects([
        [0, 0],
        [2, 0],
        [1, 1],
      ]),
    ).toBe(false);
  });
});
