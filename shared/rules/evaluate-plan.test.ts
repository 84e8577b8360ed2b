import { describe, expect, it } from 'vitest';
import { destination } from '../geo/earth.js';
import { prepareOutline } from '../geo/shape.js';
import type { LngLat, Outline } from '../geo/types.js';
import type { FlightPlanInput } from '../schemas/flight-plan.js';
import type { Zone } from '../schemas/zone.js';
import { bookPlan, candidateFromInput, createAirspaceState, putZone, type AirspaceState, type CandidatePlan } from './airspace-state.js';
import { evaluatePlan } from './evaluate-plan.js';
import { buildRoutingState } from './station-routing.js';

const O: LngLat = [106.5, 29.5];
const at = (x: number, y: number): LngLat => destination(destination(O, x, 90), y, 0);
const rect = (x0: number, y0: number, x1: number, y1: number): Outline => ({ type: 'Polygon', coordinates: [[at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1), at(x0, y0)]] });
const NOW = Date.parse('2026-12-01T00:00:00Z');
const opts = { nowMs: NOW };

function plan(over: Partial<FlightPlanInput> & { outline?: Outline; lower?: number; upper?: number; start?: string; end?: string } = {}): FlightPlanInput {
  const { outline, lower, upper, start, end, ...rest } = over;
  return {
    aircraft: { registration: 'UAS-CQ-1', category: 'light' },
    mission: 'logistics',
    volumes: [
      { outline: outline ?? rect(0, 0, 100, 100), altitudeLowerM: lower ?? 30, altitudeUpperM: upper ?? 100, timeStart: start ?? '2026-12-01T02:10:00Z', timeEnd: end ?? '2026-12-01T02:40:00Z' },
    ],
    ...rest,
  };
}
const zone = (z: Partial<Zone> & Pick<Zone, 'id' | 'kind'>): Zone => ({
  name: z.id,
  outline: rect(-500, -500, 500, 500),
  altitudeLowerM: 0,
  altitudeUpperM: 1000,
  applicability: { kind: 'permanent' },
  reason: 'test',
  source: 'test',
  ...z,
});
const decide = (s: AirspaceState, p: FlightPlanInput, id?: string) => evaluatePlan(s, candidateFromInput(p, undefined, id), opts);
const codes = (d: ReturnType<typeof decide>) => d.reasons.map((r) => r.code);

describe('national rules by category and height', () => {
  const s = createAirspaceState();
  it('approves a light drone at ≤ 120 m in suitable airspace', () => {
    const d = decide(s, plan());
    expect(d.outcome).toBe('approved');
    expect(codes(d)).toContain('SUITABLE_AIRSPACE');
  });
  it('needs approval above 120 m, above a micro drone 50 m, and always for medium/large', () => {
    expect(codes(decide(s, plan({ upper: 121 })))).toContain('ABOVE_120M_CONTROLLED');
    expect(decide(s, plan({ upper: 120 })).outcome).toBe('approved');
    const micro = decide(s, plan({ aircraft: { registration: 'm', category: 'micro' }, lower: 10, upper: 60 }));
    expect(micro.outcome).toBe('pending');
    expect(codes(micro)).toContain('ABOVE_CATEGORY_LIMIT');
    expect(decide(s, plan({ aircraft: { registration: 'm', category: 'micro' }, lower: 10, upper: 50 })).outcome).toBe('approved');
    const medium = decide(s, plan({ aircraft: { registration: 'x', category: 'medium' }, upper: 60 }));
    expect([medium.outcome, codes(medium)]).toEqual(['pending', expect.arrayContaining(['CATEGORY_ALWAYS_CONTROLLED'])]);
  });
});

describe('zones', () => {
  it('rejects in prohibited zones, but only while they apply', () => {
    const s = createAirspaceState();
    putZone(s, zone({ id: 'Z-P', kind: 'prohibited', applicability: { kind: 'weekly', periods: [{ days: [1, 2, 3, 4, 5], startTime: '08:00', endTime: '12:00' }] } }));
    const d = decide(s, plan()); // 10:10–10:40 local Tuesday
    expect(d.outcome).toBe('rejected');
    expect(d.conflicts).toEqual([expect.objectContaining({ kind: 'zone', id: 'Z-P', altitudeLowerM: 30, altitudeUpperM: 100 })]);
    // the zone closes at 12:00 local = 04:00Z; the nearest later start is 04:00:01 → rounded to 04:01
    const later = d.suggestions.find((x) => x.kind === 'time-shift' && (x.shiftS ?? 0) > 0);
    expect(later).toMatchObject({ timeStart: '2026-12-01T04:01:00.000Z', outcome: 'approved' });
    expect(decide(s, plan({ start: '2026-12-01T05:00:00Z', end: '2026-12-01T05:30:00Z' })).outcome).toBe('approved');
  });
  it('controlled zones need approval; restricted zones admit only their categories', () => {
    const s = createAirspaceState();
    putZone(s, zone({ id: 'Z-C', kind: 'controlled', outline: rect(50, 50, 500, 500) }));
    putZone(s, zone({ id: 'Z-R', kind: 'restricted', outline: rect(-500, -500, 10, 10), allowedCategories: ['small'] }));
    const light = decide(s, plan());
    expect(light.outcome).toBe('rejected');
    expect(codes(light)).toEqual(expect.arrayContaining(['ZONE_CONTROLLED', 'ZONE_CATEGORY_NOT_ALLOWED']));
    const small = decide(s, plan({ aircraft: { registration: 's', category: 'small' } }));
    expect(small.outcome).toBe('pending');
    expect(codes(small)).toEqual(expect.arrayContaining(['ZONE_CONTROLLED', 'ZONE_RESTRICTED']));
  });
  it('a designated corridor admits its categories only wholly inside it', () => {
    const s = createAirspaceState();
    putZone(s, zone({ id: 'COR', kind: 'corridor', outline: rect(-10, -10, 110, 110), altitudeUpperM: 150, allowedCategories: ['medium'] }));
    const inside = decide(s, plan({ aircraft: { registration: 'x', category: 'medium' }, upper: 150 }));
    expect([inside.outcome, codes(inside)]).toEqual(['approved', expect.arrayContaining(['DESIGNATED_AIRSPACE'])]);
    expect(decide(s, plan({ aircraft: { registration: 'x', category: 'medium' }, outline: rect(0, 0, 120, 100) })).outcome).toBe('pending');
    expect(decide(s, plan({ aircraft: { registration: 'x', category: 'medium' }, upper: 151 })).outcome).toBe('pending');
  });
  it('temporary restrictions prohibit or need approval by their rule', () => {
    const s = createAirspaceState();
    putZone(s, zone({ id: 'T1', kind: 'temporary', restriction: 'approval', applicability: { kind: 'window', start: '2026-12-01T02:00:00Z', end: '2026-12-01T03:00:00Z' } }));
    expect(decide(s, plan()).outcome).toBe('pending');
    putZone(s, zone({ id: 'T1', kind: 'temporary', applicability: { kind: 'window', start: '2026-12-01T02:00:00Z', end: '2026-12-01T03:00:00Z' } }));
    expect(codes(decide(s, plan()))).toContain('ZONE_PROHIBITED');
  });
});

describe('plan conflicts and priority', () => {
  const s = createAirspaceState();
  bookPlan(s, { ...candidateFromInput(plan({ start: '2026-12-01T02:00:00Z', end: '2026-12-01T02:30:00Z' })), id: 'P1' });

  it('rejects a conflict with an equal-priority plan, reporting the overlap, and suggests verified shifts', () => {
    const d = decide(s, plan({ lower: 50, upper: 80 }));
    expect(d.outcome).toBe('rejected');
    expect(d.conflicts).toEqual([
      {
        kind: 'plan',
        id: 'P1',
        volumeIndex: 0,
        otherVolumeIndex: 0,
        priority: 40,
        blocking: true,
        altitudeLowerM: 50,
        altitudeUpperM: 80,
        timeStart: '2026-12-01T02:10:00.000Z',
        timeEnd: '2026-12-01T02:30:00.000Z',
      },
    ]);
    // forbidden shifts are [-40 min, +20 min] inclusive → -41 min and +21 min on the minute grid;
    // altitude: forbidden [-50.01, +50.01] m → +51 m (101–131 m, above 120 m → pending); -51 m is below ground.
    expect(d.suggestions.map((x) => [x.kind, x.shiftS ?? x.shiftM, x.outcome])).toEqual([
      ['time-shift', 21 * 60, 'approved'],
      ['time-shift', -41 * 60, 'approved'],
      ['altitude-shift', 51, 'pending'],
    ]);
    for (const sug of d.suggestions.filter((x) => x.kind === 'time-shift')) {
      expect(decide(s, plan({ lower: 50, upper: 80, start: sug.timeStart, end: sug.timeEnd })).outcome).toBe('approved');
    }
  });
  it('verifies each suggestion with the filer judged again for the shifted flight (a licence ending before a later one would)', () => {
    const licenceEndsMs = Date.parse('2026-12-01T02:50:00Z');
    const whoFor = (p: CandidatePlan) => ({
      reasons: Math.max(...p.prepared.map((v) => v.endMs)) > licenceEndsMs ? [{ code: 'LICENCE_EXPIRED' as const, effect: 'reject' as const, message: 'the licence ends first' }] : [],
    });
    const d = evaluatePlan(s, candidateFromInput(plan({ lower: 50, upper: 80 })), { ...opts, whoFor });
    // the later departure (+21 min, ending 03:01) is not offered: filed, it would be refused for the licence
    expect(d.suggestions.map((x) => [x.kind, x.shiftS ?? x.shiftM, x.outcome])).toEqual([
      ['time-shift', -41 * 60, 'approved'],
      ['altitude-shift', 51, 'pending'],
    ]);
  });
  it('approves a higher-priority plan over it and reports the preempted plan', () => {
    const d = decide(s, plan({ mission: 'rescue', lower: 50, upper: 80 }));
    expect(d.outcome).toBe('approved');
    expect(d.preempted).toEqual(['P1']);
    expect(d.conflicts[0].blocking).toBe(false);
    expect(codes(d)).toEqual(expect.arrayContaining(['PREEMPTS_LOWER_PRIORITY', 'EMERGENCY_FAST_LANE']));
    expect(d.routing.stationKind).toBe('A');
  });
  it('a lower-priority plan is rejected; a plan never conflicts with itself', () => {
    expect(decide(s, plan({ priority: 10 })).outcome).toBe('rejected');
    expect(decide(s, plan({ start: '2026-12-01T02:00:00Z', end: '2026-12-01T02:30:00Z' }), 'P1').outcome).toBe('approved');
  });
});

describe('landing-point capacity', () => {
  it('rejects when the departure slot is full and suggests the next hour', () => {
    const s = createAirspaceState();
    s.landingPoints.insert({ id: 'LP-1', name: 'Pad 1', location: O, districtAdcode: '500000', kind: 'site', capacityPerHour: 2 });
    const far = (i: number) => rect(1000 * i, 5000, 1000 * i + 100, 5100);
    bookPlan(s, { ...candidateFromInput(plan({ departure: 'LP-1', outline: far(1), start: '2026-12-01T02:05:00Z' })), id: 'A' });
    bookPlan(s, { ...candidateFromInput(plan({ departure: 'LP-1', outline: far(2), start: '2026-12-01T02:50:00Z' })), id: 'B' });
    const d = decide(s, plan({ departure: 'LP-1' }));
    expect(codes(d)).toContain('LANDING_POINT_CAPACITY');
    const later = d.suggestions.find((x) => x.kind === 'time-shift' && (x.shiftS ?? 0) > 0);
    expect(later?.timeStart).toBe('2026-12-01T03:00:00.000Z');
    expect(codes(decide(s, plan({ departure: 'LP-404' })))).toContain('LANDING_POINT_UNKNOWN');
  });
});

describe('station routing', () => {
  const d1 = prepareOutline(rect(0, 0, 1000, 1000));
  const d2 = prepareOutline(rect(1000, 0, 2000, 1000));
  const d3 = prepareOutline(rect(0, 1000, 2000, 2000));
  const city = prepareOutline(rect(0, 0, 2000, 2000));
  const s = createAirspaceState({
    routing: buildRoutingState(
      'A-CQ',
      [
        { adcode: '1', name: 'One', stationId: 'B-1', shape: d1 },
        { adcode: '2', name: 'Two', stationId: 'B-2', shape: d2 },
        { adcode: '3', name: 'Three', stationId: 'B-2', shape: d3 },
      ],
      city,
    ),
  });
  putZone(s, zone({ id: 'AIRPORT', kind: 'controlled', special: 'airport', outline: rect(1500, 1500, 1900, 1900) }));
  const route = (outline: Outline, mission: FlightPlanInput['mission'] = 'logistics') => decide(s, plan({ outline, mission })).routing;

  it('inside one jurisdiction → its B station', () => {
    expect(route(rect(100, 100, 200, 200))).toMatchObject({ stationId: 'B-1', stationKind: 'B', districts: [{ adcode: '1', name: 'One' }] });
    expect(route(rect(1100, 900, 1200, 1100))).toMatchObject({ stationId: 'B-2', districts: [{ adcode: '2' }, { adcode: '3' }] });
  });
  it('across jurisdictions, across the border, special airspace or emergency → A', () => {
    expect(route(rect(900, 100, 1100, 200))).toMatchObject({ stationId: 'A-CQ', stationKind: 'A' });
    expect(route(rect(1900, 100, 2100, 200))).toMatchObject({ stationId: 'A-CQ', why: 'crosses the municipal border' });
    expect(route(rect(1600, 1600, 1700, 1700))).toMatchObject({ stationId: 'A-CQ', why: expect.stringContaining('AIRPORT') });
    expect(route(rect(100, 100, 200, 200), 'medical')).toMatchObject({ stationId: 'A-CQ', districts: [{ adcode: '1', name: 'One' }] });
  });
});

describe('the served region', () => {
  const district = prepareOutline(rect(0, 0, 1000, 1000));
  // the municipality is a little larger than its one district: a sliver no district covers
  const city = prepareOutline(rect(0, 0, 1100, 1000));
  const s = createAirspaceState({ routing: buildRoutingState('A-CQ', [{ adcode: '1', name: 'One', stationId: 'B-1', shape: district }], city) });
  const reason = (d: ReturnType<typeof decide>) => d.reasons.find((r) => r.code === 'OUTSIDE_SERVICE_AREA');

  it('rejects a plan wholly outside the municipality, at the A station, without suggestions', () => {
    for (const outline of [rect(5000, 5000, 5100, 5100), { type: 'Circle' as const, center: at(-3000, 500), radiusM: 500 }]) {
      const d = decide(s, plan({ outline }));
      expect(d.outcome).toBe('rejected');
      expect(reason(d)).toMatchObject({ effect: 'reject', ref: 'A-CQ' });
      expect(d.routing.stationId).toBe('A-CQ');
      expect(d.suggestions).toEqual([]);
    }
    expect(decide(s, plan({ outline: rect(5000, 5000, 5100, 5100), mission: 'rescue' })).outcome).toBe('rejected');
  });
  it('keeps a plan that crosses the border, or lies in a sliver of the municipality no district covers', () => {
    const crossing = decide(s, plan({ outline: rect(1050, 100, 1200, 200) }));
    expect(reason(crossing)).toBeUndefined();
    expect(crossing.routing).toMatchObject({ stationId: 'A-CQ', why: 'crosses the municipal border' });
    expect(reason(decide(s, plan({ outline: rect(1020, 100, 1080, 200) })))).toBeUndefined();
    expect(decide(s, plan({ outline: rect(100, 100, 200, 200) })).outcome).toBe('approved');
  });
  it('a scenario without a municipality (empty) serves everywhere', () => {
    const empty = createAirspaceState();
    const d = decide(empty, plan({ outline: { type: 'Circle', center: [2.35, 48.85], radiusM: 500 } }));
    expect(d.outcome).toBe('approved');
    expect(reason(d)).toBeUndefined();
  });
});

describe('suggested bands stay within reach', () => {
  it('never further than 300 m, above low-altitude airspace or above what the category can fly', () => {
    const s = createAirspaceState();
    // a restriction from the ground to 900 m over the plan: the nearest free band (901 m up) is out of reach
    putZone(s, zone({ id: 'TALL', kind: 'prohibited', altitudeLowerM: 0, altitudeUpperM: 900 }));
    const d = decide(s, plan({ lower: 30, upper: 100 }));
    expect(d.outcome).toBe('rejected');
    expect(d.suggestions.filter((x) => x.kind === 'altitude-shift')).toEqual([]);
    // 250 m up is within reach for a light aircraft (it then needs approval above 120 m)
    const low = createAirspaceState();
    putZone(low, zone({ id: 'LOW', kind: 'prohibited', altitudeLowerM: 0, altitudeUpperM: 300 }));
    const up = decide(low, plan({ lower: 60, upper: 100 }));
    expect(up.suggestions.filter((x) => x.kind === 'altitude-shift').map((x) => [x.shiftM, x.outcome])).toEqual([[241, 'pending']]);
    // a micro aircraft is one that stays at or below 50 m: no band above it is offered
    const micro = decide(low, plan({ aircraft: { registration: 'm', category: 'micro' }, lower: 10, upper: 40 }));
    expect(micro.suggestions.filter((x) => x.kind === 'altitude-shift')).toEqual([]);
  });
});
