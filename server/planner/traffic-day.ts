/**
 * One phase's traffic, headless and accelerated: the phase's landing points and base stations
 * become a scenario, an in-memory store and the same services, live pipeline and simulator the
 * server runs, stepped through a day of simulated time. Seeded: the same inputs replay exactly.
 */
import type { ScenarioBundle } from '../../shared/io/scenario-features.js';
import { evaluateUsage, FLOWN_STATES, planMovements, type UsageReport } from '../../shared/planner/evaluate-usage.js';
import type { FlightPlan } from '../../shared/schemas/flight-plan-record.js';
import type { LandingPoint } from '../../shared/schemas/landing-point.js';
import type { Zone } from '../../shared/schemas/zone.js';
import { SimClock } from '../../shared/sim/sim-clock.js';
import { DAY_PROFILE, DEFAULT_DEMAND } from '../../shared/sim/traffic-generator.js';
import { DEFAULT_MONITOR_CONFIG } from '../../shared/monitor/conformance-monitor.js';
import { Simulator } from '../live/simulator.js';
import { LiveTraffic } from '../live/live-traffic.js';
import { buildAirspace } from '../scenario/build-airspace.js';
import { createContext } from '../services/context.js';
import { openDatabase } from '../store/database.js';
import { TrackUsageRecorder } from './track-usage.js';
import { dayRevenue, type DayRevenue } from './traffic-revenue.js';
import { createPricing } from '../services/pricing-service.js';
import { corridorsAmongSites } from './phase-corridors.js';

export interface TrafficOptions {
  seed: number;
  /** simulated start (midnight local time is a good choice) */
  startMs: number;
  durationS: number;
  flightsPerDay: number;
  /** landing point id → share of the demand (uniform when absent) */
  departureWeights?: Record<string, number>;
  /** corridors the traffic flies (ends keyed to the scenario's landing points); absent: the scenario's corridors whose ends are among its landing points */
  corridors?: readonly Zone[];
  stepS: number;
  h3Resolution: number;
  capacityPerCellHour: number;
}

export interface TrafficFigures {
  flightsPerDay: number;
  requested: number;
  /** requests that ended approved (including flown) */
  approved: number;
  /** still pending at the end of the day */
  pending: number;
  /** approved plans revoked by a higher-priority plan (emergencies) or a new restriction */
  preempted: number;
  /** requests refused at filing or by the operator desk */
  rejected: number;
  /** requests refused at filing, by the reasons that refused them (each request once under each of its reasons) */
  rejectedByReason: Record<string, number>;
  suggestionsTaken: number;
  meanDelayS: number;
  flown: number;
  /** strategic conflicts found at filing per 1,000 requests */
  conflictsPer1000: number;
  /** share of those conflicts that involve a landing point (the plan's take-off or landing volume) */
  conflictsAtLandingPointsPct: number;
  /** loss-of-separation alerts in flight per 1,000 flights flown */
  lossOfSeparationPer1000: number;
  /** share of cooperative aircraft positions seen by at least one X base station */
  surveillancePct: number;
  alerts: Record<string, number>;
  slotUtilisation: { meanPct: number; peakPct: number; lpHoursAtCapacity: number };
  peakCellHour: { cell: string; flights: number; utilisationPct: number } | null;
  /** what the day earns under the tariff (charges of flights completed and late cancellations) */
  revenue: DayRevenue;
}

export function simulateDay(scenario: ScenarioBundle, o: TrafficOptions, onProgress?: (fraction: number) => void): { figures: TrafficFigures; usage: UsageReport; wallMs: number } {
  const t0 = performance.now();
  const db = openDatabase(':memory:');
  try {
    const airspace = buildAirspace(scenario);
    const clock = new SimClock(o.startMs, 1);
    const ctx = createContext(db, airspace, scenario, () => clock.now());
    const live = new LiveTraffic(ctx, scenario.stations, { ...DEFAULT_MONITOR_CONFIG, lostLinkS: Math.max(DEFAULT_MONITOR_CONFIG.lostLinkS, 3 * o.stepS) });
    // priced as the server prices: quotes on decisions, charges on completion (the default tariff)
    ctx.pricing = createPricing(ctx, (lng, lat, altitudeM) => live.surveillance.covers(lng, lat, altitudeM));
    const sim = new Simulator(ctx, live, clock, {
      seed: o.seed,
      rogues: 0,
      operatorDelayS: 120,
      demand: { ...DEFAULT_DEMAND, flightsPerHour: o.flightsPerDay / 24, hourlyProfile: DAY_PROFILE, ...(o.departureWeights ? { departureWeights: o.departureWeights } : {}) },
      corridors: o.corridors ?? corridorsAmongSites(scenario.zones, scenario.landingPoints, scenario.landingPoints),
    });
    const observedUse = new TrackUsageRecorder(live, o.h3Resolution);
    // how much of what cooperative aircraft flew the planned X stations saw (positions, not time)
    let positions = 0,
      observed = 0;
    live.listeners.add((b) => {
      for (const t of b.tracks)
        if (t.planId) {
          positions++;
          if (t.source.some((x) => x !== 'network')) observed++;
        }
    });
    const chunkMs = 3_600_000;
    for (let done = 0; done < o.durationS * 1000; done += chunkMs) {
      sim.runFor(Math.min(chunkMs, o.durationS * 1000 - done), o.stepS * 1000);
      onProgress?.(Math.min(1, (done + chunkMs) / (o.durationS * 1000)));
    }
    const plans = ctx.plans.list({});
    const usage = evaluateUsage(
      plans,
      scenario.landingPoints,
      scenario.zones,
      { resolution: o.h3Resolution, capacityPerCellHour: o.capacityPerCellHour },
      observedUse.grid.window(-Infinity, Infinity, o.capacityPerCellHour),
    );
    const alerts: Record<string, number> = {};
    for (const a of live.alerts.list({ limit: 1_000_000 })) alerts[a.kind] = (alerts[a.kind] ?? 0) + 1;
    const s = sim.stats;
    // outcomes as recorded at the end of the day (a request re-filed with a suggestion counts once)
    const approved = plans.filter((p) => FLOWN_STATES.includes(p.state)).length;
    const pending = plans.filter((p) => p.state === 'pending').length;
    const preempted = plans.filter((p) => p.state === 'revoked').length;
    return {
      figures: {
        flightsPerDay: o.flightsPerDay,
        requested: s.requested,
        approved,
        pending,
        preempted,
        rejected: s.requested - approved - pending - preempted,
        rejectedByReason: Object.fromEntries(Object.entries(s.rejectedByReason).sort()),
        suggestionsTaken: s.suggestionsTaken,
        meanDelayS: s.suggestionsTaken ? Math.round(s.delayS / s.suggestionsTaken) : 0,
        flown: s.flown,
        conflictsPer1000: s.requested ? Math.round((10_000 * s.conflicts) / s.requested) / 10 : 0,
        conflictsAtLandingPointsPct: s.conflicts ? Math.round((1000 * s.conflictsAtLandingPoints) / s.conflicts) / 10 : 0,
        lossOfSeparationPer1000: s.flown ? Math.round((10_000 * (alerts['loss-of-separation'] ?? 0)) / s.flown) / 10 : 0,
        surveillancePct: positions ? Math.round((1000 * observed) / positions) / 10 : 0,
        alerts,
        slotUtilisation: slotUtilisation(plans, scenario.landingPoints, o.durationS),
        peakCellHour: usage.utilisation.peak ? { cell: usage.utilisation.peak.cell, flights: usage.utilisation.peak.flights, utilisationPct: usage.utilisation.peak.utilisationPct } : null,
        revenue: dayRevenue(db, ctx.aStationId),
      },
      usage,
      wallMs: Math.round(performance.now() - t0),
    };
  } finally {
    db.close();
  }
}

/** Movements booked against landing-point capacity: mean over all point-hours of the day, the busiest point-hour, and point-hours full. */
export function slotUtilisation(plans: FlightPlan[], lps: LandingPoint[], durationS: number) {
  const cap = new Map(lps.map((l) => [l.id, l.capacityPerHour]));
  const used = new Map<string, number>();
  for (const p of plans) {
    if (!FLOWN_STATES.includes(p.state)) continue;
    for (const m of planMovements(p))
      if (cap.has(m.lp)) {
        const k = `${m.lp}|${Math.floor(m.tMs / 3_600_000)}`;
        used.set(k, (used.get(k) ?? 0) + 1);
      }
  }
  const hours = Math.max(1, Math.round(durationS / 3600));
  const total = [...cap.values()].reduce((a, b) => a + b * hours, 0);
  let peak = 0,
    full = 0,
    sum = 0;
  for (const [k, n] of used) {
    const c = cap.get(k.split('|')[0]) as number;
    sum += n;
    peak = Math.max(peak, n / c);
    if (n >= c) full++;
  }
  return { meanPct: total ? Math.round((1000 * sum) / total) / 10 : 0, peakPct: Math.round(1000 * peak) / 10, lpHoursAtCapacity: full };
}
