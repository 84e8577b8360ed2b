/**
 * A rollout study: candidates → placement → per phase coverage, base stations, connectivity and
 * (optionally) a simulated day of traffic; the random baseline's coverage alongside. The result
 * depends only on the inputs and the seed (timings are reported apart).
 */
import { corridorsAmongSites } from './phase-corridors.js';
import { PointIndex } from '../../shared/airspace/point-index.js';
import type { LngLat } from '../../shared/geo/types.js';
import type { ScenarioBundle } from '../../shared/io/scenario-features.js';
import { coverNetwork, type PlannedStation } from '../../shared/planner/base-station-cover.js';
import { buildCandidates, districtCells, type CandidateSource, type UserSite } from '../../shared/planner/candidate-sites.js';
import { coverageMetrics, nearestDistancesM, type CoverageMetrics } from '../../shared/planner/coverage-metrics.js';
import type { PlannerGeography } from '../../shared/planner/geography.js';
import { connectivity, routeNetwork, type Connectivity } from '../../shared/planner/hop-graph.js';
import { placeSites, type PlacedSite } from '../../shared/planner/place-sites.js';
import type { UsageReport } from '../../shared/planner/evaluate-usage.js';
import type { LandingPoint } from '../../shared/schemas/landing-point.js';
import type { Station } from '../../shared/schemas/station.js';
import { simulateDay, type TrafficFigures } from './traffic-day.js';

export interface RolloutOptions {
  phases: number[];
  seed: number;
  radiusM: number;
  strategy: 'coverage' | 'random';
  keepExisting: boolean;
  sources: CandidateSource[];
  gridResolution: number;
  droneRangeM: number;
  routesPerPoint: number;
  baseStation: { radiusM: number; altitudeM: number; altitudeLowerM: number; altitudeUpperM: number };
  capacity: { hubPerHour: number; townshipPerHour: number };
  traffic: false | { flightsPerPointPerDay: number; stepS: number; startMs: number; durationS: number; h3Resolution: number; capacityPerCellHour: number };
  userSites?: UserSite[];
}

export const DEFAULT_ROLLOUT: RolloutOptions = {
  phases: [200, 500, 1000, 1500],
  seed: 1,
  radiusM: 5000,
  strategy: 'coverage',
  keepExisting: false,
  sources: ['townships', 'centres', 'existing', 'grid', 'user'],
  gridResolution: 6,
  droneRangeM: 20_000,
  routesPerPoint: 3,
  baseStation: { radiusM: 10_000, altitudeM: 120, altitudeLowerM: 0, altitudeUpperM: 300 },
  capacity: { hubPerHour: 30, townshipPerHour: 12 },
  // a working day from local midnight (2026-06-01 00:00 UTC+8)
  traffic: { flightsPerPointPerDay: 4, stepS: 5, startMs: Date.parse('2026-05-31T16:00:00Z'), durationS: 86_400, h3Resolution: 7, capacityPerCellHour: 30 },
};

export interface PhaseResult extends Omit<CoverageMetrics, 'points'> {
  points: number;
  /** points placed by stage up to this phase */
  stages: Record<string, number>;
  baseStations: number;
  newBaseStations: number;
  routes: number;
  connectivity: Omit<Connectivity, 'isolated' | 'unreachable' | 'gaps'> & { isolated: number; unreachable: string[]; gaps: Connectivity['gaps']; relaysToConnect: number };
  baseline: { townshipsWithinRPct: number; districtsCovered: number; meanKm: number };
  traffic?: TrafficFigures;
}

export interface RolloutResult {
  options: Omit<RolloutOptions, 'userSites'> & { userSites: number };
  candidates: {
    total: number;
    bySource: Record<string, number>;
    rejected: { id: string; name: string; why: string }[];
    /** townships with no usable candidate within R (e.g. inside airport protection areas): no placement can cover them */
    uncoverableTownships: { code: string; name: string; nearestCandidateKm: number }[];
  };
  phases: PhaseResult[];
  sites: (PlacedSite & { phase: number })[];
  stations: PlannedStation[];
  /** H3 cells covering the districts with the distance to the nearest point at each phase */
  coverageCells: { cell: string; center: LngLat; adcode: string; distanceKm: number[] }[];
  usage: Record<number, UsageReport>;
}

export type Progress = (e: { step: string; phase?: number; fraction: number }) => void;

/**
 * Where traffic starts: each township's demand goes to its nearest point; every point also gets a
 * floor of a tenth of the mean, so points placed for territory rather than townships still fly.
 */
export function pointDemand(geo: PlannerGeography, sites: { id: string; location: LngLat }[]): Record<string, number> {
  const w: Record<string, number> = Object.fromEntries(sites.map((s) => [s.id, 0]));
  if (!sites.length) return w;
  const idx = new PointIndex(sites);
  let total = 0;
  for (const t of geo.townships) {
    const near = idx.nearest(t.location);
    if (near) {
      w[near.value.id] += t.weight;
      total += t.weight;
    }
  }
  const floor = (0.1 * total) / sites.length || 1;
  for (const id of Object.keys(w)) w[id] = Math.round((w[id] + floor) * 1000) / 1000;
  return w;
}

export function phaseScenario(base: ScenarioBundle, sites: PlacedSite[], stations: PlannedStation[], o: RolloutOptions): ScenarioBundle {
  const landingPoints = sites.map((s): LandingPoint => {
    const hub = s.stage === 'county' || s.source === 'centres';
    return {
      id: s.id,
      name: s.name,
      location: s.location,
      districtAdcode: s.adcode,
      ...(s.townshipCode ? { townshipCode: s.townshipCode } : {}),
      kind: hub ? 'hub' : s.townshipCode ? 'township' : 'site',
      capacityPerHour: hub ? o.capacity.hubPerHour : o.capacity.townshipPerHour,
      phase: sites.length,
    };
  });
  const x = stations.map(
    (s): Station => ({
      id: s.id,
      kind: 'X',
      name: `规划基站 ${s.id}`,
      location: s.location,
      coverageRadiusM: o.baseStation.radiusM,
      altitudeLowerM: o.baseStation.altitudeLowerM,
      altitudeUpperM: o.baseStation.altitudeUpperM,
    }),
  );
  return { ...base, landingPoints, stations: [...base.stations.filter((s) => s.kind !== 'X'), ...x] };
}

export function runRollout(
  geo: PlannerGeography,
  scenario: ScenarioBundle,
  opts: Partial<RolloutOptions> = {},
  onProgress: Progress = () => {},
): { result: RolloutResult; timings: Record<string, number> } {
  const o: RolloutOptions = { ...DEFAULT_ROLLOUT, ...opts };
  const phases = [...new Set(o.phases)].sort((a, b) => a - b);
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (k: string) => {
    timings[k] = Math.round(performance.now() - t);
    t = performance.now();
  };

  onProgress({ step: 'candidates', fraction: 0 });
  const { candidates, rejected } = buildCandidates(geo, { sources: o.sources, gridResolution: o.gridResolution, ...(o.userSites ? { userSites: o.userSites } : {}) });
  lap('candidatesMs');
  const max = phases[phases.length - 1] ?? 0;
  const placed = placeSites(geo, candidates, { count: max, radiusM: o.radiusM, strategy: o.strategy, seed: o.seed, keepExisting: o.keepExisting, gridResolution: o.gridResolution });
  const baseline = o.strategy === 'random' ? placed : placeSites(geo, candidates, { count: max, strategy: 'random', seed: o.seed, keepExisting: o.keepExisting });
  lap('placementMs');

  const cells = districtCells(geo, o.gridResolution);
  const coverageCells = cells.map((c) => ({ cell: c.cell, center: c.location, adcode: c.adcode, distanceKm: [] as number[] }));
  const results: PhaseResult[] = [];
  const usage: Record<number, UsageReport> = {};
  let stations: PlannedStation[] = [];
  const phaseOf = new Map<string, number>();
  for (const [k, n] of phases.entries()) {
    const sites = placed.slice(0, n);
    for (const s of sites) if (!phaseOf.has(s.id)) phaseOf.set(s.id, n);
    onProgress({ step: 'coverage', phase: n, fraction: 0 });
    const m = coverageMetrics(geo, sites, o.radiusM);
    const b = coverageMetrics(geo, baseline.slice(0, n), o.radiusM);
    const routes = routeNetwork(sites, o.droneRangeM, o.routesPerPoint);
    const conn = connectivity(sites, o.droneRangeM);
    const before = stations.length;
    stations = coverNetwork(sites, routes, o.baseStation, stations, n).stations;
    nearestDistancesM(
      cells.map((c) => c.location),
      sites,
    ).forEach((d, i) => {
      coverageCells[i].distanceKm.push(Math.round(d / 100) / 10);
    });
    const stages: Record<string, number> = {};
    for (const s of sites) stages[s.stage] = (stages[s.stage] ?? 0) + 1;
    const { points: actual, ...metrics } = m;
    const phase: PhaseResult = {
      ...metrics,
      points: actual,
      stages,
      baseStations: stations.length,
      newBaseStations: stations.length - before,
      routes: routes.length,
      connectivity: { ...conn, isolated: conn.isolated.length, gaps: conn.gaps.slice(0, 50), relaysToConnect: conn.gaps.reduce((a, g) => a + g.relaysNeeded, 0) },
      baseline: { townshipsWithinRPct: b.townshipsWithinRPct, districtsCovered: b.districtsCovered, meanKm: b.distance.meanKm },
    };
    lap(`phase${n}CoverageMs`);
    if (o.traffic) {
      const tr = o.traffic;
      const day = simulateDay(
        phaseScenario(scenario, sites, stations, o),
        {
          seed: o.seed + k,
          startMs: tr.startMs,
          durationS: tr.durationS,
          flightsPerDay: Math.round(tr.flightsPerPointPerDay * actual),
          departureWeights: pointDemand(geo, sites),
          corridors: corridorsAmongSites(scenario.zones, scenario.landingPoints, sites),
          stepS: tr.stepS,
          h3Resolution: tr.h3Resolution,
          capacityPerCellHour: tr.capacityPerCellHour,
        },
        (f) => onProgress({ step: 'traffic', phase: n, fraction: f }),
      );
      phase.traffic = day.figures;
      usage[n] = day.usage;
      lap(`phase${n}TrafficMs`);
    }
    results.push(phase);
    onProgress({ step: 'phase done', phase: n, fraction: 1 });
  }
  const nearestCand = nearestDistancesM(
    geo.townships.map((t) => t.location),
    candidates,
  );
  const uncoverableTownships = geo.townships.map((t, i) => ({ code: t.code, name: t.name, nearestCandidateKm: Math.round(nearestCand[i] / 100) / 10 })).filter((_, i) => nearestCand[i] > o.radiusM);
  const bySource: Record<string, number> = {};
  for (const c of candidates) bySource[c.source] = (bySource[c.source] ?? 0) + 1;
  const { userSites, ...rest } = o;
  return {
    result: {
      options: { ...rest, phases, userSites: userSites?.length ?? 0 },
      candidates: { total: candidates.length, bySource, rejected: rejected.map(({ id, name, why }) => ({ id, name, why })), uncoverableTownships },
      phases: results,
      sites: placed.map((s) => ({ ...s, phase: phaseOf.get(s.id) ?? max })),
      stations,
      coverageCells,
      usage,
    },
    timings,
  };
}
