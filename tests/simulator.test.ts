/** The traffic simulation files through the service, flies what is approved, and replays exactly. */
import { describe, expect, it } from 'vitest';
import { buildApp } from '../server/app.js';
import { configFromEnv } from '../server/config.js';
import { countRefusal } from '../server/live/simulator.js';

async function runSim(seed: string, hours: number) {
  const app = await buildApp({
    config: configFromEnv({ YUKONG_DB: ':memory:', YUKONG_SIM: 'on', YUKONG_SIM_SEED: seed, YUKONG_SIM_WARMUP_MIN: '0', YUKONG_SIM_DEMAND: '120', YUKONG_ADMIN_TOKEN: 'a' }),
    simStartMs: Date.parse('2026-12-01T00:00:00Z'),
  });
  const sim = app.yukong.simulator;
  if (!sim) throw new Error('simulation expected');
  const tracksSeen = new Set<string>();
  let maxAirborne = 0;
  app.yukong.live.listeners.add((b) => {
    for (const t of b.tracks) tracksSeen.add(t.id);
  });
  for (let i = 0; i < hours * 60; i++) {
    sim.runFor(60_000, 10_000);
    maxAirborne = Math.max(maxAirborne, sim.stats.airborne);
  }
  const db = app.yukong.services.db;
  const plans = db.prepare('SELECT id, state, station_id AS station FROM plans ORDER BY seq').all() as { id: string; state: string; station: string }[];
  const alerts = db.prepare('SELECT kind, track_id AS track, raised_at AS at FROM alerts ORDER BY seq').all();
  const submitters = db.prepare("SELECT DISTINCT actor FROM audit WHERE action = 'submit'").all() as { actor: string }[];
  const deciders = db.prepare("SELECT DISTINCT actor FROM audit WHERE action = 'approve'").all() as { actor: string }[];
  const stats = { ...sim.stats };
  await app.close();
  return { plans, alerts, stats, tracksSeen, maxAirborne, submitters, deciders };
}

describe('traffic simulation', () => {
  it('files through the same workflow, decides, flies, monitors, and replays exactly from its seed', async () => {
    const a = await runSim('7', 3);
    expect(a.stats.requested).toBeGreaterThan(200);
    // every plan went through the service as a simulated pilot; pending ones through the operator desk
    expect(a.submitters.every((s) => s.actor.startsWith('sim-pilot-'))).toBe(true);
    expect(a.deciders.map((d) => d.actor)).toEqual(['system:operator-desk']);
    expect(a.plans.length).toBeGreaterThanOrEqual(a.stats.requested); // every request is recorded (re-filings too)
    expect(a.plans.some((p) => p.state === 'completed')).toBe(true);
    expect(a.plans.some((p) => p.station === 'A-CQ')).toBe(true);
    expect(a.stats.flown).toBeGreaterThan(50);
    expect(a.maxAirborne).toBeGreaterThan(5);
    expect([...a.tracksSeen].some((t) => t.startsWith('ROGUE-'))).toBe(true);
    expect(a.alerts.length).toBeGreaterThan(0);
    if (process.env.SIM_DEBUG) console.log(a.stats, a.maxAirborne, a.alerts.length);
    const b = await runSim('7', 3);
    expect(b.plans).toEqual(a.plans);
    expect(b.alerts).toEqual(a.alerts);
    expect(b.stats).toEqual(a.stats);
    const c = await runSim('8', 1);
    expect(c.plans.slice(0, 20)).not.toEqual(a.plans.slice(0, 20));
  }, 120_000);
});

describe('a city alive from the first minute', () => {
  it('the simulation starts in steady state: dozens airborne at start, filed and decided through the workflow, the clock at the start time', async () => {
    const start = Date.parse('2026-12-01T02:00:00Z');
    const app = await buildApp({ config: configFromEnv({ YUKONG_DB: ':memory:', YUKONG_SIM: 'on', YUKONG_ADMIN_TOKEN: 'a', YUKONG_SIM_START: '2026-12-01T02:00:00Z' }) });
    try {
      const sim = app.yukong.simulator;
      if (!sim) throw new Error('simulation expected');
      expect(app.yukong.clock()).toBe(start);
      expect(sim.stats.airborne).toBeGreaterThanOrEqual(30);
      const tracks = app.yukong.live.tracks().filter((t) => t.planId && t.altitudeM > 0);
      expect(tracks.length).toBeGreaterThanOrEqual(30);
      // the central city has traffic too
      const central = tracks.filter((t) => t.lng > 106.3 && t.lng < 106.8 && t.lat > 29.35 && t.lat < 29.85);
      expect(central.length).toBeGreaterThanOrEqual(5);
      const db = app.yukong.services.db;
      const airborne = new Set(tracks.map((t) => t.planId));
      const states = db.prepare("SELECT id, state FROM plans WHERE state = 'active'").all() as { id: string }[];
      expect(states.filter((p) => airborne.has(p.id)).length).toBeGreaterThanOrEqual(30);
      // every plan flying went through submit (and approve) in the audit
      const submitted = new Set((db.prepare("SELECT subject_id AS id FROM audit WHERE action = 'submit'").all() as { id: string }[]).map((r) => r.id));
      expect([...airborne].every((id) => submitted.has(id as string))).toBe(true);
    } finally {
      await app.close();
    }
  });
});

describe('traffic that follows the airspace as it changes', () => {
  it('departs from landing points created at runtime and flies the corridors in their lanes', async () => {
    const app = await buildApp({
      config: configFromEnv({ YUKONG_DB: ':memory:', YUKONG_SIM: 'on', YUKONG_SIM_SEED: '3', YUKONG_SIM_WARMUP_MIN: '0', YUKONG_SIM_DEMAND: '300', YUKONG_ADMIN_TOKEN: 'a' }),
      simStartMs: Date.parse('2026-12-01T00:00:00Z'),
    });
    try {
      const sim = app.yukong.simulator;
      if (!sim) throw new Error('simulation expected');
      // a new hub (not in the weights computed at start) in 万州, far from the others
      app.yukong.airspace.landingPoints.insert({ id: 'LP-NEW-HUB', name: '新起降点', location: [108.25, 30.95], districtAdcode: '500101', kind: 'hub', capacityPerHour: 30 });
      sim.runFor(3 * 3_600_000, 10_000);
      const plans = app.yukong.services.plans.list({});
      expect(plans.some((p) => p.input.departure === 'LP-NEW-HUB')).toBe(true);
      // flights between the ends of a corridor, in its lanes: wholly designated, so approved at once even above 120 m
      const ends = ['LP-500104-HUB', 'LP-500107-HUB', 'LP-500108-HUB', 'LP-500113-HUB'];
      const between = plans.filter((p) => p.input.mission === 'logistics' && ends.includes(p.input.departure ?? '') && ends.includes(p.input.arrival ?? ''));
      const lanes = new Set(between.map((p) => `${p.input.route?.altitudeLowerM}-${p.input.route?.altitudeUpperM}`));
      expect(between.length).toBeGreaterThan(0);
      expect([...lanes].every((l) => l === '10-100' || l === '140-230')).toBe(true);
      const designated = between.filter((p) => p.decision.reasons.filter((r) => r.code === 'DESIGNATED_AIRSPACE' && r.params?.zoneKind === 'corridor').length === p.volumes.length);
      expect(designated.length).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  }, 120_000);
});

describe('refusals by reason', () => {
  it('a request refused by three prohibited zones and a capacity limit counts once under each reason', () => {
    const byReason: Record<string, number> = { ZONE_PROHIBITED: 1 };
    const zone = (ref: string) => ({ code: 'ZONE_PROHIBITED', effect: 'reject', ref });
    countRefusal(byReason, [zone('Z-1'), zone('Z-2'), zone('Z-3'), { code: 'LANDING_POINT_FULL', effect: 'reject' }, { code: 'ROUTED_TO_STATION', effect: 'info' }]);
    expect(byReason).toEqual({ ZONE_PROHIBITED: 2, LANDING_POINT_FULL: 1 });
  });
});
