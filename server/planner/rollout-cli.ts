/**
 * npm run rollout -- --points 200,500,1000,1500 --seed 1 --out <dir>
 * Runs a rollout study on the built-in Chongqing data (or a scenario directory) and writes the
 * summary, CSV/GeoJSON layers and report.html into <dir>. Progress goes to stderr.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CANDIDATE_SOURCES, type CandidateSource } from '../../shared/planner/candidate-sites.js';
import { InputError, loadGeography, parseSites } from './load-geography.js';
import { writeRollout } from './rollout-outputs.js';
import { DEFAULT_ROLLOUT, runRollout, type RolloutOptions } from './run-rollout.js';
import { progressBar } from './progress-bar.js';

const HELP = `usage: npm run rollout -- [options]
  --points 200,500,1000,1500   phases (landing points at each)
  --seed 1                     seed of the random baseline and the traffic
  --out rollout-out            output directory
  --strategy coverage|random   placement strategy (default coverage)
  --radius-km 5                township coverage radius R
  --range-km 20                drone range for the hop graph
  --station-radius-km 10       X base-station radius
  --flights-per-point 4        simulated demand per landing point per day
  --step-s 5                   simulation step
  --no-traffic                 skip the simulated day of traffic
  --keep-existing              keep the scenario's existing landing points first
  --sources townships,centres,existing,grid,user
  --sites <csv|geojson>        extra candidate sites (id,name,lng,lat or GeoJSON points)
  --weights <csv>              township demand weights (code + weight|population|demand)
  --townships <csv>            township table (default: seeds/data/chongqing/townships.csv)
  --scenario chongqing|<dir>   districts, zones and existing points`;

export function parseRolloutArgs(argv: string[]): { opts: Partial<RolloutOptions>; out: string; files: { sites?: string; weights?: string; townships?: string; scenario?: string } } {
  const { values: v } = parseArgs({
    args: argv,
    strict: true,
    options: {
      points: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      strategy: { type: 'string' },
      'radius-km': { type: 'string' },
      'range-km': { type: 'string' },
      'station-radius-km': { type: 'string' },
      'flights-per-point': { type: 'string' },
      'step-s': { type: 'string' },
      'no-traffic': { type: 'boolean' },
      'keep-existing': { type: 'boolean' },
      sources: { type: 'string' },
      sites: { type: 'string' },
      weights: { type: 'string' },
      townships: { type: 'string' },
      scenario: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (v.help) {
    console.log(HELP);
    process.exit(0);
  }
  const num = (name: string, s: string | undefined, min: number, max: number): number | undefined => {
    if (s === undefined) return undefined;
    const n = Number(s);
    if (!Number.isFinite(n) || n < min || n > max) throw new InputError(`--${name} must be a number in ${min}…${max}, not "${s}"`);
    return n;
  };
  const phases = v.points?.split(',').map((p) => num('points', p.trim(), 1, 20_000) as number);
  if (phases && phases.some((p) => !Number.isInteger(p))) throw new InputError('--points must be whole numbers');
  if (v.strategy && v.strategy !== 'coverage' && v.strategy !== 'random') throw new InputError('--strategy must be coverage or random');
  const sources = v.sources?.split(',').map((s) => s.trim());
  if (sources?.some((s) => !CANDIDATE_SOURCES.includes(s as CandidateSource))) throw new InputError(`--sources: use ${CANDIDATE_SOURCES.join(', ')}`);
  const d = DEFAULT_ROLLOUT;
  const radiusKm = num('radius-km', v['radius-km'], 0.1, 100),
    rangeKm = num('range-km', v['range-km'], 1, 500),
    stationKm = num('station-radius-km', v['station-radius-km'], 0.5, 100);
  const fpp = num('flights-per-point', v['flights-per-point'], 0, 200),
    stepS = num('step-s', v['step-s'], 1, 30),
    seed = num('seed', v.seed, 0, 2 ** 31);
  const opts: Partial<RolloutOptions> = {
    ...(phases ? { phases } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(v.strategy ? { strategy: v.strategy as 'coverage' | 'random' } : {}),
    ...(radiusKm ? { radiusM: radiusKm * 1000 } : {}),
    ...(rangeKm ? { droneRangeM: rangeKm * 1000 } : {}),
    ...(stationKm ? { baseStation: { ...d.baseStation, radiusM: stationKm * 1000 } } : {}),
    ...(v['keep-existing'] ? { keepExisting: true } : {}),
    ...(sources ? { sources: sources as CandidateSource[] } : {}),
    traffic: v['no-traffic'] || !d.traffic ? false : { ...d.traffic, ...(fpp !== undefined ? { flightsPerPointPerDay: fpp } : {}), ...(stepS ? { stepS } : {}) },
  };
  return { opts, out: v.out ?? 'rollout-out', files: { sites: v.sites, weights: v.weights, townships: v.townships, scenario: v.scenario } };
}

function main(): void {
  let parsed: ReturnType<typeof parseRolloutArgs>;
  try {
    parsed = parseRolloutArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`rollout: ${(e as Error).message}\n\n${HELP}`);
    process.exit(2);
  }
  const { opts, out, files } = parsed;
  const read = (f?: string) => (f ? readFileSync(f, 'utf8') : undefined);
  try {
    const { geo, scenario } = loadGeography({ scenario: files.scenario, townshipsCsv: read(files.townships), weightsCsv: read(files.weights) });
    if (files.sites) opts.userSites = parseSites(read(files.sites) as string);
    const bar = progressBar(
      process.stderr,
      [...new Set(opts.phases ?? DEFAULT_ROLLOUT.phases)].sort((a, b) => a - b),
      !!opts.traffic,
    );
    const t0 = performance.now();
    const { result, timings } = runRollout(geo, scenario, opts, bar.update);
    bar.done();
    const written = writeRollout(resolve(out), result, scenario, `渝空 Yukong — landing-point rollout (${result.options.strategy}, seed ${result.options.seed})`);
    for (const p of result.phases) {
      const t = p.traffic;
      console.log(
        `${String(p.points).padStart(5)} points: ${p.districtsCovered}/${p.districtsTotal} districts, ${p.townshipsWithinRPct}% townships ≤ ${p.radiusM / 1000} km (random ${p.baseline.townshipsWithinRPct}%), ` +
          `${p.baseStations} X stations, ${p.connectivity.components} network component(s)` +
          (t ? `; ${t.requested} flights requested, ${t.flown} flown, ${t.rejected} rejected, peak cell-hour ${t.peakCellHour?.flights ?? 0}, ${t.surveillancePct}% of positions seen by X` : ''),
      );
    }
    console.log(
      `wrote ${written.length} files to ${resolve(out)} in ${((performance.now() - t0) / 1000).toFixed(1)} s (${Object.entries(timings)
        .map(([k, ms]) => `${k} ${ms}`)
        .join(', ')})`,
    );
  } catch (e) {
    if (e instanceof InputError || (e as Error).name === 'ScenarioError') {
      console.error(`rollout: ${(e as Error).message}`);
      process.exit(2);
    }
    throw e;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('rollout-cli.ts')) main();
