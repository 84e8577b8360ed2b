/** Seeded scenarios with known answers for conformance monitoring. */
import { describe, expect, it } from 'vitest';
import { prepareVolume } from '../airspace/prepared-volume.js';
import { routeToVolumes } from '../airspace/route-volumes.js';
import { VolumeIndex } from '../airspace/volume-index.js';
import { destination } from '../geo/earth.js';
import type { LngLat } from '../geo/types.js';
import type { Station } from '../schemas/station.js';
import type { Zone } from '../schemas/zone.js';
import { observe, type SimAircraft } from '../sim/sim-aircraft.js';
import { Surveillance } from '../sim/surveillance.js';
import { ConformanceMonitor, type AlertEvent } from './conformance-monitor.js';

const T0 = Date.parse('2026-12-01T02:00:00Z');
const A: LngLat = [106.5, 29.5];
const B = destination(A, 3000, 90);
const noStations = new Surveillance([]);

function run(aircraft: SimAircraft[], plans: Record<string, ReturnType<typeof planOf>>, fromS: number, toS: number, surveillance = noStations, zones = new VolumeIndex<Zone>()) {
  const monitor = new ConformanceMonitor(zones);
  const events: (AlertEvent & { s: number })[] = [];
  for (let s = fromS; s <= toS; s++) {
    const t = T0 + s * 1000;
    for (const a of aircraft) {
      const u = observe(a, t, surveillance);
      if (u) for (const e of monitor.update(u, a.planId ? plans[a.planId] : undefined)) events.push({ ...e, s });
    }
    for (const e of monitor.separation(t)) events.push({ ...e, s });
    for (const e of monitor.lostLinks(t)) events.push({ ...e, s });
  }
  return events;
}

function planOf(id: string, waypoints: LngLat[], lower = 40, upper = 80) {
  const volumes = routeToVolumes({ waypoints, corridorHalfWidthM: 20, cruiseSpeedMps: 10, altitudeLowerM: lower, altitudeUpperM: upper, departAt: new Date(T0).toISOString() });
  return { id, volumes: volumes.map(prepareVolume), category: 'light', approvedZoneIds: new Set<string>() };
}

describe('conformance monitoring scenarios', () => {
  it('a flight that keeps to its plan raises nothing', () => {
    const plan = planOf('P1', [A, B]);
    const a: SimAircraft = { id: 'T1', planId: 'P1', cooperative: true, profile: { waypoints: [A, B], cruiseAltM: 60, speedMps: 10, departMs: T0 }, noiseHM: 3, noiseVM: 1 };
    expect(run([a], { P1: plan }, 0, 320)).toEqual([]);
  });

  it('a drifting flight raises exactly one off-plan alert when it crosses the corridor edge', () => {
    const plan = planOf('P1', [A, B]);
    // corridor half-width 20 m + 30 m buffer, drawn circumscribed: sides at 50 / cos(11.25°) = 50.98 m
    const a: SimAircraft = {
      id: 'T1',
      planId: 'P1',
      cooperative: true,
      profile: { waypoints: [A, B], cruiseAltM: 60, speedMps: 10, departMs: T0 },
      deviation: { driftFromMs: T0 + 60_000, driftMps: 2 },
    };
    const events = run([a], { P1: plan }, 0, 400);
    const raised = events.filter((e) => e.action === 'raise');
    expect(raised.map((e) => [e.kind, e.s])).toEqual([['off-plan-lateral', 60 + Math.ceil(50.98 / 2)]]);
    expect(events.filter((e) => e.action === 'clear').map((e) => e.kind)).toEqual(['off-plan-lateral']); // cleared on landing
    expect(raised[0].planId).toBe('P1');
  });

  it('two converging flights raise loss of separation when they close within 50 m', () => {
    const pa = planOf('PA', [A, B]),
      pb = planOf('PB', [B, A]);
    const mk = (id: string, planId: string, w: LngLat[], alt: number): SimAircraft => ({ id, planId, cooperative: true, profile: { waypoints: w, cruiseAltM: alt, speedMps: 10, departMs: T0 } });
    const events = run([mk('TA', 'PA', [A, B], 60), mk('TB', 'PB', [B, A], 66)], { PA: pa, PB: pb }, 0, 200);
    const los = events.filter((e) => e.kind === 'loss-of-separation' && e.action === 'raise');
    // TA climbs 20 s to 60 m, TB 22 s to 66 m; then 3,000 m apart closing at 20 m/s:
    // distance 3420 - 20 t ≤ 50 from t = 168.5 s → first report at 169 s; apart again after 173.5 s
    expect(los.map((e) => [e.trackId, e.otherTrackId, e.s])).toEqual([['TA', 'TB', 169]]);
    const cleared = events.filter((e) => e.kind === 'loss-of-separation' && e.action === 'clear');
    expect(cleared.map((e) => e.s)).toEqual([174]);
  });

  it('a rogue aircraft is invisible outside coverage and an unidentified-aircraft alert inside it', () => {
    const station: Station = { id: 'X-1', kind: 'X', name: 'x', location: destination(A, 6000, 90), coverageRadiusM: 2000, altitudeLowerM: 0, altitudeUpperM: 300 };
    const surv = new Surveillance([station]);
    const far = destination(A, 3000, 270);
    const rogue: SimAircraft = { id: 'R1', cooperative: false, profile: { waypoints: [far, destination(station.location, 500, 0)], cruiseAltM: 80, speedMps: 20, departMs: T0 } };
    const events = run([rogue], {}, 0, 600, surv);
    const monitorSeen = events.filter((e) => e.kind === 'unidentified-aircraft' && e.action === 'raise');
    // enters coverage 2 km from the station: 6 km + 3 km - 2 km... the route runs 9 km to a point 500 m north of the station
    expect(monitorSeen).toHaveLength(1);
    expect(monitorSeen[0].trackId).toBe('R1');
    // before entering coverage nothing is reported at all
    const firstSeen = monitorSeen[0].s;
    expect(observe(rogue, T0 + (firstSeen - 1) * 1000, surv)).toBeNull();
    expect(observe(rogue, T0 + firstSeen * 1000, surv)?.source).toEqual(['X-1']);
  });

  it('a lost link is raised after the configured silence and cleared when reports resume', () => {
    const plan = planOf('P1', [A, B]);
    const a: SimAircraft = { id: 'T1', planId: 'P1', cooperative: true, profile: { waypoints: [A, B], cruiseAltM: 60, speedMps: 10, departMs: T0 }, lostLinkAtMs: T0 + 100_000 };
    const events = run([a], { P1: plan }, 0, 150);
    // last network report at 99 s; silence longer than 10 s from 110 s
    expect(events.filter((e) => e.action === 'raise').map((e) => [e.kind, e.s])).toEqual([['lost-link', 110]]);
  });

  it('entering a prohibited zone raises a zone incursion', () => {
    const zones = new VolumeIndex<Zone>();
    const z: Zone = {
      id: 'NFZ',
      name: 'nfz',
      kind: 'prohibited',
      outline: { type: 'Circle', center: destination(A, 2000, 90), radiusM: 105 },
      altitudeLowerM: 0,
      altitudeUpperM: 500,
      applicability: { kind: 'permanent' },
      reason: 't',
      source: 't',
    };
    zones.insert('NFZ', [{ ...prepareVolume({ ...z, timeStart: '2000-01-01T00:00:00Z', timeEnd: '2100-01-01T00:00:00Z' }), startMs: -Infinity, endMs: Infinity }], z);
    const plan = planOf('P1', [A, B]);
    const a: SimAircraft = { id: 'T1', planId: 'P1', cooperative: true, profile: { waypoints: [A, B], cruiseAltM: 60, speedMps: 10, departMs: T0 } };
    const events = run([a], { P1: plan }, 0, 320, noStations, zones);
    // 20 s climb, then the zone spans 1,895–2,105 m along the route: inside from 209.5 s, out after 230.5 s
    expect(events.map((e) => [e.kind, e.action, e.s])).toEqual([
      ['zone-incursion', 'raise', 210],
      ['zone-incursion', 'clear', 231],
    ]);
  });
});
