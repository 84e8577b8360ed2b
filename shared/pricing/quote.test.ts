import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { prepareVolume } from '../airspace/prepared-volume.js';
import type { Reason } from '../schemas/decision.js';
import { areaKm2, minutesInWindows, quotePlan, type QuoteContext } from './quote.js';
import { DEFAULT_TARIFF, tariffAt, tariffProblems, type Tariff } from './tariff.js';

/** A circle of exactly 1 km² at Beibei. */
const R1KM2 = Math.sqrt(1e6 / Math.PI);
const vol = (lower: number, upper: number, start: string, end: string) =>
  prepareVolume({ outline: { type: 'Circle', center: [106.4, 29.83], radiusM: R1KM2 }, altitudeLowerM: lower, altitudeUpperM: upper, timeStart: start, timeEnd: end });
const nowhere: QuoteContext = { landingPointKind: () => undefined, covered: () => false };
const none = { reasons: [] as Reason[] };
const at = (hhmm: string) => `2026-12-01T${hhmm}:00Z`; // 10:00Z is 18:00 in Beijing

describe('quote: known answers (default tariff)', () => {
  it('1 km² for 1 h in 0–50 m of suitable airspace off-peak is the layer rate: 200 fen', () => {
    const q = quotePlan(DEFAULT_TARIFF, { prepared: [vol(0, 50, at('02:00'), at('03:00'))], mission: 'logistics' }, none, nowhere);
    expect(q).toEqual({ tariffVersion: 'CQ-ILLUSTRATIVE-1', totalFen: 200, lines: [{ element: 'airspace', ref: '0-50m:suitable', quantity: 1, unit: 'km2h', rateFen: 200, amountFen: 200 }] });
  });

  it('a band across layers is charged by the metres in each: 30–100 m → 0.4 × 200 + 50/70 × 400 = 80 + 286', () => {
    const q = quotePlan(DEFAULT_TARIFF, { prepared: [vol(30, 100, at('02:00'), at('03:00'))], mission: 'logistics' }, none, nowhere);
    expect(q.lines.map((l) => [l.ref, l.quantity, l.amountFen])).toEqual([
      ['0-50m:suitable', 0.4, 80],
      ['50-120m:suitable', 0.7143, 286],
    ]);
    expect(q.totalFen).toBe(366);
  });

  it('controlled airspace doubles the rate; above the top layer the top rate continues', () => {
    const controlled = { reasons: [{ code: 'ABOVE_120M_CONTROLLED', effect: 'approval', volumeIndex: 0, message: '' }] as Reason[] };
    const q = quotePlan(DEFAULT_TARIFF, { prepared: [vol(900, 1100, at('02:00'), at('02:30'))], mission: 'survey' }, controlled, nowhere);
    // 100 m in 300–1000 (of 700) and 100 m above it, half an hour, at 1600 × 200 %
    expect(q.lines).toEqual([{ element: 'airspace', ref: '300-1000m:controlled', quantity: r(0.5 * (200 / 700)), unit: 'km2h', rateFen: 3200, amountFen: Math.round(0.5 * (200 / 700) * 3200) }]);
  });

  it('each volume its class: a corridor, a corridor that also needed an operator (controlled wins), none (suitable); lines in layer then class order', () => {
    const corridor = (i: number) => ({ code: 'DESIGNATED_AIRSPACE', effect: 'info', volumeIndex: i, message: '', params: { zoneKind: 'corridor' } });
    const reasons = [
      corridor(0),
      corridor(1),
      { code: 'ZONE_CONTROLLED', effect: 'approval', volumeIndex: 1, message: '' },
      { code: 'ZONE_CONTROLLED', effect: 'info', volumeIndex: 2, message: '' },
    ] as Reason[];
    const one = vol(0, 50, at('02:00'), at('03:00'));
    const q = quotePlan(DEFAULT_TARIFF, { prepared: [one, one, one], mission: 'logistics' }, { reasons }, nowhere);
    const pct = DEFAULT_TARIFF.airspace.zoneClassPct;
    expect(q.lines.map((l) => [l.ref, l.quantity, l.rateFen])).toEqual([
      ['0-50m:suitable', 1, (200 * pct.suitable) / 100], // volume 2: an info reason does not make it controlled
      ['0-50m:corridor', 1, (200 * pct.corridor) / 100],
      ['0-50m:controlled', 1, (200 * pct.controlled) / 100],
    ]);
  });

  it('peak hours (Beijing 17:00–19:30) add 50 % to the airspace flown in them', () => {
    // 08:30–09:30Z is 16:30–17:30 Beijing: half the hour in the peak
    const q = quotePlan(DEFAULT_TARIFF, { prepared: [vol(0, 50, at('08:30'), at('09:30'))], mission: 'logistics' }, none, nowhere);
    expect(q.lines.find((l) => l.element === 'peak')).toEqual({ element: 'peak', ref: 'peak-hours', quantity: 100, unit: 'fen', rateFen: 50, amountFen: 50 });
    expect(q.totalFen).toBe(250);
  });

  it('movements by landing-point category and surveillance minutes', () => {
    const ctx: QuoteContext = { landingPointKind: (id) => ({ 'LP-HUB': 'hub', 'LP-TOWN': 'township' })[id], covered: () => true };
    const q = quotePlan(DEFAULT_TARIFF, { prepared: [vol(0, 50, at('02:00'), at('03:00'))], mission: 'logistics', departure: 'LP-HUB', arrival: 'LP-TOWN' }, none, ctx);
    expect(q.lines.filter((l) => l.element !== 'airspace').map((l) => [l.element, l.ref, l.amountFen])).toEqual([
      ['movement', 'LP-HUB', 500],
      ['movement', 'LP-TOWN', 200],
      ['surveillance', 'x-coverage', 300],
    ]);
    expect(q.totalFen).toBe(200 + 500 + 200 + 300);
  });

  it('emergency and public-service missions are free, the lines still shown', () => {
    const q = quotePlan(DEFAULT_TARIFF, { prepared: [vol(0, 50, at('02:00'), at('03:00'))], mission: 'rescue' }, none, nowhere);
    expect(q.totalFen).toBe(0);
    expect(q.lines.map((l) => [l.element, l.amountFen])).toEqual([
      ['airspace', 200],
      ['exemption', -200],
    ]);
  });
});

const r = (x: number) => Math.round(x * 1e4) / 1e4;

describe('quote: its parts', () => {
  it('polygon areas agree with turf within 0.2 %', () => {
    const ring: [number, number][] = [
      [106.3, 29.7],
      [106.36, 29.7],
      [106.38, 29.75],
      [106.31, 29.77],
      [106.3, 29.7],
    ];
    const v = prepareVolume({ outline: { type: 'Polygon', coordinates: [ring] }, altitudeLowerM: 0, altitudeUpperM: 50, timeStart: at('02:00'), timeEnd: at('03:00') });
    const ref = turf.area(turf.polygon([ring])) / 1e6;
    expect(Math.abs(areaKm2(v.shape) - ref) / ref).toBeLessThan(0.002);
  });
  it('minutes inside daily windows, across midnight and days', () => {
    const w = [{ from: '07:30', to: '09:30' }];
    // 2026-12-01T23:00Z → 12-02T03:00Z is 07:00–11:00 Beijing: 120 min in the window
    expect(minutesInWindows(Date.parse('2026-12-01T23:00:00Z'), Date.parse('2026-12-02T03:00:00Z'), w)).toBe(120);
    // two days
    expect(minutesInWindows(Date.parse('2026-12-01T00:00:00Z'), Date.parse('2026-12-03T00:00:00Z'), w)).toBe(240);
  });
  it('the version in force at a moment; layer rules', () => {
    const v2: Tariff = { ...DEFAULT_TARIFF, version: 'v2', effectiveFrom: '2026-12-15T00:00:00+08:00' };
    expect(tariffAt([v2, DEFAULT_TARIFF], Date.parse('2026-12-14T15:59:59Z'))?.version).toBe('CQ-ILLUSTRATIVE-1');
    expect(tariffAt([v2, DEFAULT_TARIFF], Date.parse('2026-12-14T16:00:00Z'))?.version).toBe('v2');
    expect(tariffAt([v2], Date.parse('2026-01-01T00:00:00Z'))).toBeUndefined();
    expect(tariffProblems(DEFAULT_TARIFF)).toEqual([]);
    expect(tariffProblems({ ...DEFAULT_TARIFF, airspace: { ...DEFAULT_TARIFF.airspace, layers: [{ fromM: 10, toM: 50, fenPerKm2Hour: 1 }] } })).toHaveLength(1);
  });
});

describe('charges use the zone class of the volume flown', () => {
  it('a volume not flown costs nothing and the next keeps its class (reasons name volumes by index)', async () => {
    const { flownVolumes } = await import('./charge.js');
    const v0 = vol(0, 50, at('02:00'), at('02:30'));
    const v1 = vol(0, 50, at('02:30'), at('03:00'));
    const controlledV1 = { reasons: [{ code: 'ZONE_CONTROLLED', effect: 'approval', volumeIndex: 1, message: '' }] as Reason[] };
    // activated at 02:35: only v1 flown, 25 minutes, at the controlled rate (200 × 200 %)
    const q = quotePlan(DEFAULT_TARIFF, { prepared: flownVolumes([v0, v1], Date.parse(at('02:35')), Date.parse(at('03:00'))), mission: 'logistics' }, controlledV1, nowhere);
    expect(q.lines).toEqual([{ element: 'airspace', ref: '0-50m:controlled', quantity: r(25 / 60), unit: 'km2h', rateFen: 400, amountFen: Math.round((25 / 60) * 400) }]);
  });
});
