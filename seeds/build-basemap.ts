/**
 * Builds the offline basemap's water layer, `seeds/basemap/water.geojson`, from Natural
 * Earth 1:10m (public domain): the river and lake centrelines and the lakes, clipped to
 * Chongqing's box, coordinates rounded to 1e-4° (≈ 10 m), Chinese names added.
 *
 *   npx tsx seeds/build-basemap.ts <dir with ne_10m_rivers_lake_centerlines.json and ne_10m_lakes.json>
 *
 * The source files are the GeoJSON conversion of Natural Earth v4.1 (see
 * `seeds/basemap/SOURCES.md`); they are large and not kept here, only the result.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

type Pt = [number, number];
interface Geo {
  type: string;
  coordinates: unknown;
}
interface Feat {
  properties: Record<string, unknown>;
  geometry: Geo | null;
}

/** Chongqing and a margin, [west, south, east, north]. */
export const BASEMAP_BBOX: [number, number, number, number] = [105.2, 28.1, 110.2, 32.3];

/** Natural Earth's names → the names a Chongqing reader knows. */
export const WATER_NAMES_ZH: Record<string, string> = {
  'Chang Jiang': '长江',
  Jialing: '嘉陵江',
  Wu: '乌江',
  Tuo: '沱江',
  Yuan: '沅江',
  Fu: '涪江',
  Qu: '渠江',
};

const inside = (p: Pt, b = BASEMAP_BBOX) => p[0] >= b[0] && p[0] <= b[2] && p[1] >= b[1] && p[1] <= b[3];
const round = (p: Pt): Pt => [Math.round(p[0] * 1e4) / 1e4, Math.round(p[1] * 1e4) / 1e4];

/** The parts of a line inside the box, each run kept with one vertex beyond either end so it reaches the edge. */
export function clipLine(line: Pt[], b = BASEMAP_BBOX): Pt[][] {
  const out: Pt[][] = [];
  let run: Pt[] = [];
  for (let i = 0; i < line.length; i++) {
    if (inside(line[i], b)) {
      if (!run.length && i > 0) run.push(line[i - 1]);
      run.push(line[i]);
    } else if (run.length) {
      run.push(line[i]);
      out.push(run);
      run = [];
    }
  }
  if (run.length >= 2) out.push(run);
  return out.map((r) => r.map(round)).filter((r) => r.length >= 2);
}

function lines(g: Geo): Pt[][] {
  if (g.type === 'LineString') return [g.coordinates as Pt[]];
  if (g.type === 'MultiLineString') return g.coordinates as Pt[][];
  if (g.type === 'Polygon') return g.coordinates as Pt[][];
  if (g.type === 'MultiPolygon') return (g.coordinates as Pt[][][]).flat();
  return [];
}

/** River centrelines and lake shores in the box, as (Multi)LineStrings with `kind`, `name` and `nameZh`. */
export function waterFeatures(rivers: Feat[], lakes: Feat[]) {
  const out: { type: 'Feature'; properties: Record<string, unknown>; geometry: { type: 'MultiLineString'; coordinates: Pt[][] } }[] = [];
  const add = (f: Feat, kind: string) => {
    if (!f.geometry) return;
    const parts = lines(f.geometry).flatMap((l) => clipLine(l));
    if (!parts.length) return;
    const name = String(f.properties.name ?? '');
    out.push({
      type: 'Feature',
      properties: { kind, name, nameZh: WATER_NAMES_ZH[name] ?? name, scalerank: Number(f.properties.scalerank ?? 9) },
      geometry: { type: 'MultiLineString', coordinates: parts },
    });
  };
  for (const f of rivers) add(f, 'river');
  for (const f of lakes) add(f, 'lake');
  return { type: 'FeatureCollection' as const, features: out.sort((a, b) => Number(a.properties.scalerank) - Number(b.properties.scalerank)) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: tsx seeds/build-basemap.ts <dir with ne_10m_rivers_lake_centerlines.json and ne_10m_lakes.json>');
  const read = (f: string): Feat[] => JSON.parse(readFileSync(join(dir, f), 'utf8')).features;
  const fc = waterFeatures(read('ne_10m_rivers_lake_centerlines.json'), read('ne_10m_lakes.json'));
  const target = join(dirname(fileURLToPath(import.meta.url)), 'basemap', 'water.geojson');
  writeFileSync(target, `${JSON.stringify(fc)}\n`);
  console.log(`${target}: ${fc.features.length} features, ${fc.features.map((f) => f.properties.nameZh).join(' ')}`);
}
