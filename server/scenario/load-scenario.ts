/**
 * Loads a scenario by name (`chongqing`, `empty`) or from a directory of the user's own
 * GeoJSON files, through the one import path (parseScenario) that validates everything.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScenario, type ImportProblem, type ScenarioBundle } from '../../shared/io/scenario-features.js';

export const SCENARIO_FILES = { stations: 'stations.geojson', landingPoints: 'landing-points.geojson', zones: 'zones.geojson', districts: 'districts.geojson' } as const;
const SEEDS = resolve(dirname(fileURLToPath(import.meta.url)), '../../seeds');

export class ScenarioError extends Error {
  constructor(
    message: string,
    readonly problems: ImportProblem[],
  ) {
    super(
      `${message}: ${problems
        .slice(0, 5)
        .map((p) => `${p.collection}[${p.index}]${p.path} ${p.message}`)
        .join('; ')}${problems.length > 5 ? ` (+${problems.length - 5} more)` : ''}`,
    );
  }
}

export const EMPTY_SCENARIO: ScenarioBundle = {
  stations: [{ id: 'A-CQ', kind: 'A', name: '重庆市低空飞行服务中心 (A)', location: [106.5505, 29.563], coverageRadiusM: 0, altitudeLowerM: 0, altitudeUpperM: 0 }],
  landingPoints: [],
  zones: [],
  districts: [],
};

export function readScenarioDir(dir: string): ScenarioBundle {
  const read = (f: string) => {
    const p = join(dir, f);
    return existsSync(p) ? JSON.parse(readFileSync(p, 'utf8')) : { type: 'FeatureCollection', features: [] };
  };
  const { bundle, problems } = parseScenario({
    stations: read(SCENARIO_FILES.stations),
    landingPoints: read(SCENARIO_FILES.landingPoints),
    zones: read(SCENARIO_FILES.zones),
    districts: read(SCENARIO_FILES.districts),
  });
  if (problems.length) throw new ScenarioError(`scenario ${dir} is invalid`, problems);
  return bundle;
}

/** The directory a scenario's files come from (null for `empty`). */
export function scenarioDir(nameOrDir: string): string | null {
  if (nameOrDir === 'empty') return null;
  return nameOrDir === 'chongqing' ? join(SEEDS, 'chongqing') : nameOrDir;
}

export function loadScenario(nameOrDir: string): ScenarioBundle {
  if (nameOrDir === 'empty') return EMPTY_SCENARIO;
  if (nameOrDir === 'chongqing') return readScenarioDir(join(SEEDS, 'chongqing'));
  if (existsSync(nameOrDir)) return readScenarioDir(nameOrDir);
  throw new Error(`unknown scenario "${nameOrDir}": use chongqing, empty or a directory of GeoJSON files`);
}
