/**
 * Regenerates seeds/chongqing/*.geojson from the reference data. Run on purpose only:
 * `npm run seed:build`. The output is committed; a test checks it is up to date.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { districtToFeature, landingPointToFeature, stationToFeature, zoneToFeature, type ScenarioBundle } from '../shared/io/scenario-features.js';
import { buildChongqing, type ChongqingConfig, type RawChongqing } from './chongqing-builder.js';
import { parseCsv } from '../shared/io/csv.js';
import type { LngLat } from '../shared/geo/types.js';

export const SEEDS_DIR = dirname(fileURLToPath(import.meta.url));

export function readRawChongqing(dir = join(SEEDS_DIR, 'data/chongqing'), waterFile = join(SEEDS_DIR, 'basemap/water.geojson')): RawChongqing {
  const water = JSON.parse(readFileSync(waterFile, 'utf8')) as { features: { properties: { kind?: string; name?: string }; geometry: { type: string; coordinates: LngLat[][] | LngLat[] } }[] };
  const rivers: Record<string, LngLat[][]> = {};
  for (const f of water.features) {
    const name = f.properties.name;
    if (f.properties.kind !== 'river' || !name) continue;
    const lines = f.geometry.type === 'MultiLineString' ? (f.geometry.coordinates as LngLat[][]) : f.geometry.type === 'LineString' ? [f.geometry.coordinates as LngLat[]] : [];
    rivers[name] = [...(rivers[name] ?? []), ...lines];
  }
  return {
    districts: JSON.parse(readFileSync(join(dir, 'districts.geojson'), 'utf8')),
    townships: parseCsv(readFileSync(join(dir, 'townships.csv'), 'utf8')),
    airports: parseCsv(readFileSync(join(dir, 'airports.csv'), 'utf8')),
    rivers,
  };
}

export function readChongqingConfig(): ChongqingConfig {
  return JSON.parse(readFileSync(join(SEEDS_DIR, 'config/chongqing.json'), 'utf8'));
}

/** The scenario files as text, keyed by file name. */
export function renderScenario(b: ScenarioBundle): Record<string, string> {
  const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features }) + '\n';
  return {
    'stations.geojson': fc(b.stations.map(stationToFeature)),
    'landing-points.geojson': fc(b.landingPoints.map(landingPointToFeature)),
    'zones.geojson': fc(b.zones.map(zoneToFeature)),
    'districts.geojson': fc(b.districts.map(districtToFeature)),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = join(SEEDS_DIR, 'chongqing');
  mkdirSync(out, { recursive: true });
  const bundle = buildChongqing(readRawChongqing(), readChongqingConfig());
  for (const [name, text] of Object.entries(renderScenario(bundle))) writeFileSync(join(out, name), text);
  const count = (k: string) => bundle.stations.filter((s) => s.kind === k).length;
  const zones = (k: string) => bundle.zones.filter((z) => z.kind === k).length;
  console.log(
    `stations A=${count('A')} B=${count('B')} X=${count('X')}, landing points ${bundle.landingPoints.length}, zones ${bundle.zones.length} (suitable ${zones('suitable')}, corridors ${zones('corridor')}), districts ${bundle.districts.length}`,
  );
}
