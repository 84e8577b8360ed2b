/**
 * The traffic simulation: a seeded generator files plans through the flight-plan service as
 * simulated pilots (taking the first suggestion when rejected), a simulated operator desk decides
 * pending plans through the same workflow, approved plans are flown, rogue aircraft fly with no
 * plan, and what the ground sees goes through the live pipeline. Stepping by a fixed simulated
 * time replays exactly.
 */
import { positionAt } from '../../shared/sim/flight-kinematics.js';
import { observe, type SimAircraft } from '../../shared/sim/sim-aircraft.js';
import type { SimClock } from '../../shared/sim/sim-clock.js';
import { DEFAULT_DEMAND, generateFlights, type DemandConfig, type GeneratedFlight } from '../../shared/sim/traffic-generator.js';
import type { LandingPoint } from '../../shared/schemas/landing-point.js';
import type { Zone } from '../../shared/schemas/zone.js';
import { applySuggestion } from '../../shared/rules/apply-suggestion.js';
import type { Suggestion } from '../../shared/schemas/decision.js';
import { destination } from '../../shared/geo/earth.js';
import { createPrng, type Prng } from '../../shared/util/prng.js';
import { ApiError, expectedRefusal } from '../errors.js';
import type { ServiceContext } from '../services/context.js';
import { actOnPlan } from '../services/plan-actions.js';
import { submitPlan } from '../services/plan-service.js';
import { systemActor, type Principal, type SystemActor } from '../policy/actor.js';
import type { LiveTraffic } from './live-traffic.js';

export interface SimOptions {
  seed: number;
  demand: DemandConfig;
  rogues: number;
  /** simulated seconds an operator takes to decide a routine pending plan */
  operatorDelayS: number;
  noiseHM: number;
  noiseVM: number;
  /**
   * Departure weights derived from the landing points, recomputed whenever points are created or
   * retired (they then replace demand.departureWeights).
   */
  departureWeightsOf?: (points: LandingPoint[]) => Record<string, number>;
  /** corridors the pilots fly; absent: the corridors in the airspace at each generation (published ones at once) */
  corridors?: readonly Zone[];
}
export const DEFAULT_SIM_OPTIONS: SimOptions = { seed: 1, demand: DEFAULT_DEMAND, rogues: 3, operatorDelayS: 120, noiseHM: 3, noiseVM: 1 };

const COMPANIES = ['CQ-LOGI', 'CQ-GRID', 'CQ-TOUR', 'CQ-SURV', 'CQ-EMS'];

export interface SimStats {
  /** first filings whose decision found a blocking conflict with another plan (strategic conflicts) */
  conflicts: number;
  /** of those, route plans with a conflict in their take-off or landing volume (at a landing point) */
  conflictsAtLandingPoints: number;
  /** approved plans revoked or cancelled before take-off, so not flown */
  grounded: number;
  requested: number;
  approved: number;
  pending: number;
  rejected: number;
  suggestionsTaken: number;
  delayS: number;
  flown: number;
  airborne: number;
  rejectedByReason: Record<string, number>;
}

export class Simulator {
  readonly clock: SimClock;
  readonly opts: SimOptions;
  private readonly rng: Prng;
  private lastGenMs: number;
  private readonly flights = new Map<string, { gen: GeneratedFlight; shiftMs: number; altShiftM: number }>();
  private readonly aircraft = new Map<string, SimAircraft>();
  /** plans of ours with a committed event since the last step */
  private readonly changed = new Set<string>();
  private readonly pilots: Principal[];
  private readonly desk: SystemActor;
  /** each company's next aircraft and pilot */
  private readonly turns = new Map<string, number>();
  /** departure weights of the landing points as they were at `weightsVersion` */
  private weights: Record<string, number> | undefined;
  private weightsVersion = -1;
  stats: SimStats = {
    conflicts: 0,
    conflictsAtLandingPoints: 0,
    grounded: 0,
    requested: 0,
    approved: 0,
    pending: 0,
    rejected: 0,
    suggestionsTaken: 0,
    delayS: 0,
    flown: 0,
    airborne: 0,
    rejectedByReason: {},
  };

  constructor(
    private readonly ctx: ServiceContext,
    private readonly live: LiveTraffic,
    clock: SimClock,
    opts: Partial<SimOptions> = {},
  ) {
    this.clock = clock;
    this.opts = { ...DEFAULT_SIM_OPTIONS, ...opts };
    this.rng = createPrng(this.opts.seed);
    this.lastGenMs = clock.now();
    this.pilots = COMPANIES.map((c) => ({ id: `sim-pilot-${c}`, role: 'pilot', name: `simulated pilot ${c}`, operatorId: c }));
    this.desk = systemActor('operator-desk', 'simulated operator desk');
    for (let i = 0; i < this.opts.rogues; i++) this.spawnRogue(i);
    ctx.listeners.add((e) => {
      if (this.flights.has(e.planId)) this.changed.add(e.planId);
    });
  }

  /** The demand now: departure weights follow the landing points when they are derived from them. */
  private demand(): DemandConfig {
    const lps = this.ctx.airspace.landingPoints;
    const of = this.opts.departureWeightsOf;
    if (!of) return this.opts.demand;
    if (this.weightsVersion !== lps.version || !this.weights) {
      this.weights = of(lps.values());
      this.weightsVersion = lps.version;
    }
    return { ...this.opts.demand, departureWeights: this.weights };
  }

  /** The corridors in the airspace now, by id (a corridor published at runtime is flown at once). */
  private corridors(): Zone[] {
    const out: Zone[] = [];
    for (const entries of this.ctx.airspace.zones.entries()) {
      const z = entries[0]?.meta;
      if (z?.kind === 'corridor' && z.corridorEnds) out.push(z);
    }
    return out.sort((a, b) => a.id.localeCompare(b.id));
  }

  get aircraftCount(): number {
    return this.aircraft.size;
  }

  private spawnRogue(i: number): void {
    const lps = this.ctx.airspace.landingPoints.values().sort((a, b) => a.id.localeCompare(b.id));
    if (!lps.length) return;
    const c = this.rng.pick(lps).location;
    const path = [c, ...Array.from({ length: 4 }, (_, k) => destination(c, this.rng.range(500, 3000), k * 90 + this.rng.range(0, 60))), c];
    this.aircraft.set(`ROGUE-${i}-${Math.round(this.clock.now() / 1000)}`, {
      id: `ROGUE-${i}-${Math.round(this.clock.now() / 1000)}`,
      cooperative: false,
      profile: { waypoints: path, cruiseAltM: this.rng.range(40, 150), speedMps: this.rng.range(8, 20), departMs: this.clock.now() + this.rng.range(0, 600_000) },
    });
  }

  /**
   * The company files with one of its registered aircraft and pilots, in turn (deterministic);
   * a company with no fleet in the registry files the generated registration as it is.
   */
  private crew(gen: GeneratedFlight, pilot: Principal): { input: GeneratedFlight['input']; pilot: Principal } {
    const company = pilot.operatorId ?? '';
    const fleet = this.ctx.registry.fleet(company);
    const pilots = this.ctx.registry.pilots(company);
    const turn = this.turns.get(company) ?? 0;
    this.turns.set(company, turn + 1);
    const aircraft = fleet.length ? fleet[turn % fleet.length] : null;
    const who = pilots.length ? pilots[turn % pilots.length] : null;
    return {
      input: aircraft ? { ...gen.input, aircraft: { registration: aircraft.registration, category: aircraft.category } } : gen.input,
      pilot: who ? { id: who.id, role: 'pilot', name: who.name, operatorId: company } : pilot,
    };
  }

  /** File one generated flight; a rejection with suggestions is re-filed once with the first suggestion. */
  private file(gen: GeneratedFlight, companyPilot: Principal): void {
    this.stats.requested++;
    const { input: filed, pilot } = this.crew(gen, companyPilot);
    let input = filed;
    let r = submitPlan(this.ctx, pilot, input).body as {
      id: string;
      state: string;
      volumes?: unknown[];
      decision: { suggestions: Suggestion[]; reasons: { code: string; effect: string }[]; conflicts: { kind: string; blocking: boolean; volumeIndex: number }[] };
    };
    const blocking = r.decision.conflicts.filter((c) => c.kind === 'plan' && c.blocking);
    if (blocking.length) {
      this.stats.conflicts++;
      // a route plan's first and last volumes are its take-off and landing at the landing points
      const n = (r as { volumes?: unknown[] }).volumes?.length ?? 0;
      if (input.route && blocking.some((c) => c.volumeIndex === 0 || c.volumeIndex === n - 1)) this.stats.conflictsAtLandingPoints++;
    }
    let shiftMs = 0,
      altShiftM = 0;
    if (r.state === 'rejected' && r.decision.suggestions.length) {
      const s = r.decision.suggestions[0];
      input = applySuggestion(input, s);
      shiftMs = (s.shiftS ?? 0) * 1000;
      altShiftM = s.shiftM ?? 0;
      r = submitPlan(this.ctx, pilot, input).body as typeof r;
      if (r.state !== 'rejected') {
        this.stats.suggestionsTaken++;
        this.stats.delayS += Math.abs(shiftMs / 1000);
      }
    }
    if (r.state === 'rejected') {
      this.stats.rejected++;
      countRefusal(this.stats.rejectedByReason, r.decision.reasons);
      return;
    }
    this.stats[r.state === 'approved' ? 'approved' : 'pending']++;
    this.flights.set(r.id, { gen, shiftMs, altShiftM });
  }

  /** Advance by a simulated duration in fixed steps (headless, exact replay). */
  runFor(simMs: number, stepMs = 1000): void {
    const end = this.clock.now() + simMs;
    while (this.clock.now() < end) {
      this.clock.step(Math.min(stepMs, end - this.clock.now())); // steps even when the real-time clock is paused
      this.step();
    }
  }

  /** One simulation step at the clock's current time. */
  step(): void {
    this.live.tick(this.advance());
  }

  /**
   * The same step for the real-time loop: the live pipeline's tick leaves this thread free while
   * its worker computes (identical events to `step`).
   */
  async stepAsync(): Promise<void> {
    await this.live.tickAsync(this.advance());
  }

  /** Demand, decisions, departures and what the ground sees at the clock's time, ingested; returns that time. */
  private advance(): number {
    const now = this.clock.now();
    // demand
    for (const gen of generateFlights(this.rng, this.ctx.airspace.landingPoints, this.lastGenMs, now, this.demand(), this.opts.corridors ?? this.corridors())) {
      this.file(
        gen,
        this.pilots[
          COMPANIES.indexOf(
            gen.input.mission === 'rescue' || gen.input.mission === 'medical'
              ? 'CQ-EMS'
              : gen.input.mission === 'logistics'
                ? 'CQ-LOGI'
                : gen.input.mission === 'survey'
                  ? 'CQ-SURV'
                  : gen.input.mission === 'sightseeing'
                    ? 'CQ-TOUR'
                    : 'CQ-GRID',
          )
        ],
      );
    }
    this.lastGenMs = now;
    // the operator desk decides pending plans (emergencies at once)
    // (plans without an aircraft yet, and flying plans whose state changed, e.g. sent back by a restriction)
    // a plan revoked or cancelled before its aircraft took off (e.g. preempted by an emergency) stays on the ground
    const watch = [...this.flights.keys()].filter((id) => !this.aircraft.has(id) || this.changed.has(id));
    for (const id of watch) {
      const p = this.ctx.plans.get(id);
      const a = this.aircraft.get(id);
      if (a && p && ['revoked', 'cancelled', 'rejected'].includes(p.state) && now < a.profile.departMs) {
        this.aircraft.delete(id);
        this.flights.delete(id);
        this.changed.delete(id);
        this.stats.grounded++;
        continue;
      }
      if (p?.state !== 'pending') {
        this.changed.delete(id);
        continue;
      }
      if (!p.emergency && now - Date.parse(p.createdAt) < this.opts.operatorDelayS * 1000) continue;
      this.changed.delete(id);
      try {
        actOnPlan(this.ctx, this.desk, p.id, 'approve', 'simulated operator: approved', { code: 'simulated-operator' });
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        try {
          actOnPlan(this.ctx, this.desk, p.id, 'reject', `simulated operator: ${e.message}`, { code: 'simulated-operator' });
        } catch (e2) {
          expectedRefusal(e2); /* changed meanwhile */
        }
      }
    }
    // approved plans get an aircraft
    for (const [planId, f] of this.flights) {
      if (this.aircraft.has(planId)) continue; // already flying or waiting to depart
      const plan = this.ctx.plans.get(planId);
      if (!plan || ['rejected', 'cancelled', 'revoked', 'completed'].includes(plan.state)) {
        this.flights.delete(planId);
        continue;
      }
      if (plan.state !== 'approved') continue;
      const g = f.gen;
      const departMs = g.input.route ? Date.parse(g.input.route.departAt) + f.shiftMs : Date.parse(g.input.volumes?.[0]?.timeStart ?? '') + 60_000 + f.shiftMs;
      const dev = g.deviation;
      this.aircraft.set(planId, {
        id: planId,
        planId,
        cooperative: true,
        profile: { waypoints: g.path, cruiseAltM: g.cruiseAltM + f.altShiftM, speedMps: g.speedMps, departMs },
        ...(dev ? { deviation: dev, ...(dev.lostLinkAfterS ? { lostLinkAtMs: departMs + dev.lostLinkAfterS * 1000 } : {}) } : {}),
        noiseHM: this.opts.noiseHM,
        noiseVM: this.opts.noiseVM,
      });
    }
    // what the ground sees
    const updates = [];
    let airborne = 0;
    for (const [id, a] of this.aircraft) {
      const s = positionAt(a.profile, now, a.deviation);
      const u = observe(a, now, this.live.surveillance, s);
      if (s.phase !== 'ground' && s.phase !== 'landed') airborne++;
      if (u) updates.push(u);
      if (s.phase === 'landed') {
        this.aircraft.delete(id);
        if (a.planId) {
          this.flights.delete(a.planId);
          this.stats.flown++;
        } else {
          this.live.dropTrack(id, now);
          this.spawnRogue(Number(id.split('-')[1]));
        }
      }
    }
    this.stats.airborne = airborne;
    this.live.ingest(updates);
    return now;
  }
}

/** A refused request, counted once under each reason that refused it (one crossing three prohibited zones is one ZONE_PROHIBITED). */
export function countRefusal(byReason: Record<string, number>, reasons: readonly { code: string; effect: string }[]): void {
  for (const code of new Set(reasons.filter((x) => x.effect === 'reject').map((x) => x.code))) byReason[code] = (byReason[code] ?? 0) + 1;
}
