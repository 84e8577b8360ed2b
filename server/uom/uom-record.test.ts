import { Value } from '@sinclair/typebox/value';
import '../../shared/schemas/formats.js';
import { describe, expect, it } from 'vitest';
import { encode2D } from '../../shared/grid/beidou-code.js';
import type { FlightPlan } from '../../shared/schemas/flight-plan-record.js';
import { UomAlertRecordSchema, UomPlanRecordSchema, UomTrackRecordSchema } from '../../shared/schemas/uom.js';
import { beidouCodeOf, footprintSummary, uomAlertRecord, uomPlanEvent, uomPlanRecord, uomPositionJson, uomPositionPrefix, uomTrackRecordJsons } from './uom-record.js';

const square = (x: number, y: number, d: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [x - d, y - d],
      [x + d, y - d],
      [x + d, y + d],
      [x - d, y + d],
      [x - d, y - d],
    ] as [number, number][],
  ],
});

const plan = (over: Partial<FlightPlan> = {}): FlightPlan =>
  ({
    id: 'FP-000001',
    state: 'approved',
    priority: 40,
    emergency: false,
    station: { id: 'B-500109', kind: 'B' },
    districts: [{ adcode: '500109', name: '北碚区' }],
    operatorId: 'ACME',
    submittedBy: 'pilot-1',
    aircraft: { registration: 'UAS-CQ-000123', category: 'light' },
    mission: 'logistics',
    volumes: [
      { outline: square(106.4, 29.83, 0.004), altitudeLowerM: 30, altitudeUpperM: 100, timeStart: '2026-12-01T02:00:00Z', timeEnd: '2026-12-01T02:30:00Z' },
      { outline: { type: 'Circle', center: [106.41, 29.84], radiusM: 200 }, altitudeLowerM: 0, altitudeUpperM: 60, timeStart: '2026-12-01T02:20:00Z', timeEnd: '2026-12-01T02:45:00Z' },
    ],
    decision: {} as FlightPlan['decision'],
    competing: [],
    input: { remarks: 'call 138-0000-0000 before landing' } as FlightPlan['input'],
    createdAt: '2026-12-01T00:00:00.000Z',
    updatedAt: '2026-12-01T00:00:00.000Z',
    version: 1,
    ...over,
  }) as FlightPlan;

describe('which changes are reported', () => {
  const never = () => {
    throw new Error('not asked');
  };
  it('approvals, take-offs and landings always', () => {
    expect(uomPlanEvent(null, 'approved', never)).toBe('approved');
    expect(uomPlanEvent('pending', 'approved', never)).toBe('approved');
    expect(uomPlanEvent('approved', 'active', never)).toBe('activated');
    expect(uomPlanEvent('active', 'completed', never)).toBe('completed');
  });
  it('later changes of a plan UOM saw approved or active', () => {
    expect(uomPlanEvent('approved', 'cancelled', never)).toBe('cancelled');
    expect(uomPlanEvent('active', 'cancelled', never)).toBe('cancelled');
    expect(uomPlanEvent('approved', 'revoked', never)).toBe('revoked');
    expect(uomPlanEvent('approved', 'pending', never)).toBe('suspended');
  });
  it('a plan that was only ever pending is reported only when it has a record (it was suspended after an approval)', () => {
    expect(uomPlanEvent(null, 'pending', never)).toBeNull();
    expect(uomPlanEvent(null, 'rejected', never)).toBeNull();
    expect(uomPlanEvent('pending', 'rejected', () => false)).toBeNull();
    expect(uomPlanEvent('pending', 'cancelled', () => false)).toBeNull();
    expect(uomPlanEvent('pending', 'revoked', () => false)).toBeNull();
    expect(uomPlanEvent('pending', 'rejected', () => true)).toBe('rejected');
    expect(uomPlanEvent('pending', 'cancelled', () => true)).toBe('cancelled');
  });
  it('no change of state (conformance, a pending plan suspended again) is no record', () => {
    expect(uomPlanEvent('active', 'active', never)).toBeNull();
    expect(uomPlanEvent('pending', 'pending', never)).toBeNull();
  });
});

describe('the record', () => {
  it('summarises the 4D volumes: bbox over every outline, centre with its BeiDou code, altitude band, time window', () => {
    const f = footprintSummary(plan().volumes);
    expect(f.bbox[0]).toBeCloseTo(106.396, 9);
    expect(f.bbox[1]).toBeCloseTo(29.826, 9);
    expect(f.bbox[2]).toBeGreaterThan(106.41); // the circle reaches east of its centre
    expect(f.bbox[3]).toBeGreaterThan(29.84);
    expect(f.centre).toEqual([(f.bbox[0] + f.bbox[2]) / 2, (f.bbox[1] + f.bbox[3]) / 2]);
    expect(f.beidouCode).toBe(encode2D(f.centre[0], f.centre[1], 7));
    expect(f).toMatchObject({
      beidouLevel: 7,
      altitudeLowerM: 0,
      altitudeUpperM: 100,
      altitudeReference: 'AGL',
      timeStart: '2026-12-01T02:00:00.000Z',
      timeEnd: '2026-12-01T02:45:00.000Z',
      volumes: 2,
    });
  });

  it('has a stable id, the fields UOM needs, and no personal data or remarks', () => {
    const r = uomPlanRecord({ plan: plan(), fromState: null, seq: 42, at: '2026-12-01T00:00:00.000Z', actor: 'system:auto-approval@B-500109' }, 'approved');
    expect(Value.Check(UomPlanRecordSchema, r)).toBe(true);
    expect(r).toMatchObject({
      id: 'FP-000001:42',
      kind: 'plan.approved',
      seq: 42,
      planId: 'FP-000001',
      state: 'approved',
      previousState: null,
      operatorId: 'ACME',
      aircraft: { registration: 'UAS-CQ-000123', category: 'light' },
      mission: 'logistics',
      station: { id: 'B-500109', kind: 'B' },
      districts: ['500109'],
      approval: 'automatic',
    });
    const text = JSON.stringify(r);
    expect(text).not.toContain('pilot-1');
    expect(text).not.toContain('138-0000');
    expect(text).not.toContain('北碚');
    expect(uomPlanRecord({ plan: plan(), fromState: 'pending', seq: 43, at: '2026-12-01T00:00:00.000Z', actor: 'operator-7' }, 'approved').approval).toBe('operator');
  });

  it('says what took the airspace away, and how a flight that ended conformed', () => {
    const revoked = uomPlanRecord({ plan: plan({ state: 'revoked' }), fromState: 'approved', seq: 7, at: '2026-12-01T00:00:00.000Z', payload: { state: 'revoked', by: 'FP-000009' } }, 'revoked');
    expect(revoked).toMatchObject({ kind: 'plan.revoked', previousState: 'approved', cause: { byPlanId: 'FP-000009' } });
    const suspended = uomPlanRecord({ plan: plan({ state: 'pending' }), fromState: 'approved', seq: 8, at: '2026-12-01T00:00:00.000Z', payload: { zoneId: 'TR-1' } }, 'suspended');
    expect(suspended.cause).toEqual({ zoneId: 'TR-1' });
    const done = uomPlanRecord({ plan: plan({ state: 'completed', conformance: 'nonconforming' }), fromState: 'active', seq: 9, at: '2026-12-01T00:00:00.000Z' }, 'completed');
    expect(done.conformance).toBe('nonconforming');
    for (const r of [revoked, suspended, done]) expect(Value.Check(UomPlanRecordSchema, r)).toBe(true);
  });

  it('alerts: loss of separation and zone incursion only', () => {
    const base = {
      id: 'AL-0000001',
      severity: 'critical' as const,
      stationId: 'B-500109',
      lng: 106.4,
      lat: 29.83,
      altitudeM: 80,
      message: 'two aircraft 20 m apart',
      raisedAt: '2026-12-01T02:10:00.000Z',
    };
    const r = uomAlertRecord({ ...base, kind: 'loss-of-separation', planId: 'FP-000001' }, 'ACME');
    expect(r).toMatchObject({ id: 'alert:AL-0000001', kind: 'alert.loss-of-separation', planId: 'FP-000001', operatorId: 'ACME', position: { beidouCode: encode2D(106.4, 29.83, 7) } });
    expect(Value.Check(UomAlertRecordSchema, r)).toBe(true);
    expect(uomAlertRecord({ ...base, kind: 'zone-incursion', zoneId: 'Z-1' }, null)).toMatchObject({ zoneId: 'Z-1', planId: null });
    expect(uomAlertRecord({ ...base, kind: 'lost-link' }, null)).toBeNull();
    expect(uomAlertRecord({ ...base, kind: 'off-plan-lateral' }, null)).toBeNull();
  });

  it('never throws where the grid has no cell (a record must not fail its transaction)', () => {
    expect(beidouCodeOf(10, 89)).toBeNull();
    expect(beidouCodeOf(Number.NaN, 0)).toBeNull();
    expect(beidouCodeOf(106.4, 29.83)).toBe(encode2D(106.4, 29.83, 7));
  });
});

describe('track position records', () => {
  const prefix = (i: number) => uomPositionPrefix({ planId: `FP-${i}`, registration: `UAS-CQ-${String(i).padStart(6, '0')}`, serial: `SN-"${i}"`, operatorId: i % 2 ? 'ACME' : null });
  const sample = { lng: 106.123456789, lat: 29.98765432101, altitudeM: 80.04, speedMps: 12.345, headingDeg: 359.96, source: ['network', 'X-500109'] };
  it('a position is the JSON of a UomPosition, rounded to 1e-7 degrees and 0.1 m, m/s and degrees', () => {
    const json = uomPositionJson(prefix(3), '2026-12-01T02:00:00.000Z', sample) as string;
    expect(JSON.parse(json)).toEqual({
      planId: 'FP-3',
      registration: 'UAS-CQ-000003',
      serial: 'SN-"3"',
      operatorId: 'ACME',
      at: '2026-12-01T02:00:00.000Z',
      lng: 106.1234568,
      lat: 29.9876543,
      heightM: 80,
      speedMps: 12.3,
      headingDeg: 360,
      source: ['network', 'X-500109'],
    });
    expect(uomPositionJson(prefix(3), '2026-12-01T02:00:00.000Z', { ...sample, altitudeM: Number.NaN })).toBeNull();
    expect(uomPositionJson(prefix(3), '2026-12-01T02:00:00.000Z', { ...sample, lng: Number.POSITIVE_INFINITY })).toBeNull();
  });
  it('chunks positions in order, ids from the prefix and chunk number, every record valid', () => {
    const all = Array.from({ length: 201 }, (_, i) => uomPositionJson(prefix(i), '2026-12-01T02:00:00.000Z', sample) as string);
    const recs = uomTrackRecordJsons('track:run:7', '2026-12-01T02:00:01.000Z', all).map((r) => ({ id: r.id, body: JSON.parse(r.json) }));
    expect(recs.map((r) => [r.id, r.body.id, r.body.positions.length])).toEqual([
      ['track:run:7:0', 'track:run:7:0', 100],
      ['track:run:7:1', 'track:run:7:1', 100],
      ['track:run:7:2', 'track:run:7:2', 1],
    ]);
    expect(recs.flatMap((r) => r.body.positions)).toEqual(all.map((j) => JSON.parse(j)));
    for (const r of recs) expect(Value.Check(UomTrackRecordSchema, r.body), JSON.stringify(Value.Errors(UomTrackRecordSchema, r.body).First())).toBe(true);
    expect(uomTrackRecordJsons('track:run:8', '2026-12-01T02:00:01.000Z', [])).toEqual([]);
  });
});
