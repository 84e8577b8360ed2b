/**
 * Reads the planner's geography: the scenario's districts, zones and landing points plus the
 * township table, and optionally a user's demand weights (CSV: code + weight|population|demand)
 * and candidate sites (CSV: id,name,lng,lat or a GeoJSON FeatureCollection of Points).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LngLat } from '../../shared/geo/types.js';
import { parseCsv } from '../../shared/io/csv.js';
import type { ScenarioBundle } from '../../shared/io/scenario-features.js';
import type { UserSite } from '../../shared/planner/candidate-sites.js';
import { buildGeography, type PlannerGeography } from '../../shared/planner/geography.js';
import { loadScenario } from '../scenario/load-scenario.js';

export const DEFAULT_TOWNSHIPS = resolve(dirname(fileURLToPath(import.meta.url)), '../../seeds/data/chongqing/townships.csv');

export class InputError extends Error {}

/** Demand weights from CSV text: a `code` column and one of `weight`, `population`, `demand`. */
export function parseWeights(text: string): Map<string, number> {
  const rows = parseCsv(text);
  const col = ['weight', 'population', 'demand'].find((c) => rows.length && c in rows[0]);
  if (!rows.length || !('code' in rows[0]) || !col) throw new InputError('weights CSV needs a "code" column and one of "weight", "population", "demand"');
  const out = new Map<string, number>();
  rows.forEach((r, i) => {
    const w = Number(r[col]);
    if (!Number.isFinite(w) || w < 0) throw new InputError(`weights CSV row ${i + 2}: "${r[col]}" is not a non-negative number`);
    out.set(r.code, w);
  });
  return out;
}

/** Candidate sites from CSV (id,name,lng,lat) or GeoJSON Points. */
export function parseSites(text: string): UserSite[] {
  const t = text.trimStart();
  const check = (id: string, name: string, c: unknown, where: string): UserSite => {
    const ok = Array.isArray(c) && c.length >= 2 && c.every((x) => typeof x === 'number' && Number.isFinite(x)) && Math.abs(c[0]) <= 180 && Math.abs(c[1]) <= 90;
    if (!ok) throw new InputError(`${where}: coordinates must be [lng, lat] in degrees`);
    return { id, name, location: [c[0], c[1]] as LngLat };
  };
  if (t.startsWith('{')) {
    let fc: { features?: { geometry?: { type?: string; coordinates?: unknown }; properties?: Record<string, unknown> }[] };
    try {
      fc = JSON.parse(t);
    } catch {
      throw new InputError('sites file is neither valid GeoJSON nor CSV');
    }
    if (!Array.isArray(fc.features)) throw new InputError('sites GeoJSON must be a FeatureCollection');
    return fc.features.map((f, i) => {
      if (f.geometry?.type !== 'Point') throw new InputError(`sites feature ${i}: only Point geometries are candidate sites`);
      const id = String(f.properties?.id ?? `S${i + 1}`);
      return check(id, String(f.properties?.name ?? id), f.geometry.coordinates, `sites feature ${i}`);
    });
  }
  const rows = parseCsv(text);
  if (!rows.length || !('lng' in rows[0]) || !('lat' in rows[0])) throw new InputError('sites CSV needs "lng" and "lat" columns (and optionally "id", "name")');
  return rows.map((r, i) => {
    const id = r.id || `S${i + 1}`;
    return check(id, r.name || id, [Number(r.lng), Number(r.lat)], `sites CSV row ${i + 2}`);
  });
}

export interface GeographySource {
  scenario?: ScenarioBundle | string;
  townshipsCsv?: string;
  weightsCsv?: string;
  weights?: Record<string, number>;
}

export function loadGeography(src: GeographySource = {}): { geo: PlannerGeography; scenario: ScenarioBundle } {
  const scenario = typeof src.scenario === 'object' ? src.scenario : loadScenario(src.scenario ?? 'chongqing');
  const townships = parseCsv(src.townshipsCsv ?? readFileSync(DEFAULT_TOWNSHIPS, 'utf8'));
  const weights = src.weightsCsv ? parseWeights(src.weightsCsv) : src.weights ? new Map(Object.entries(src.weights)) : undefined;
  return { geo: buildGeography({ districts: scenario.districts, townships, zones: scenario.zones, existing: scenario.landingPoints, ...(weights ? { weights } : {}) }), scenario };
}
