import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { haversineM } from '../shared/geo/earth.js';
import { shapesIntersect } from '../shared/geo/intersect.js';
import { pointInRings } from '../shared/geo/planar.js';
import { prepareOutline, type PolygonsShape } from '../shared/geo/shape.js';
import { parseScenario } from '../shared/io/scenario-features.js';
import { validateZoneInput } from '../shared/rules/validate-zone.js';
import { readChongqingConfig, readRawChongqing, renderScenario, SEEDS_DIR } from './build-chongqing.js';
import { buildChongqing } from './chongqing-builder.js';

const raw = readRawChongqing();
const cfg = readChongqingConfig();
const bundle = buildChongqing(raw, cfg);

describe('Chongqing scenario', () => {
  it('is deterministic and the committed files are up to date (npm run seed:build)', () => {
    const again = renderScenario(buildChongqing(readRawChongqing(), readChongqingConfig()));
    for (const [name, text] of Object.entries(renderScenario(bundle))) {
      expect(again[name]).toBe(text);
      expect(readFileSync(join(SEEDS_DIR, 'chongqing', name), 'utf8')).toBe(text);
    }
  });

  it('loads through the user import path without problems', () => {
    const files = renderScenario(bundle);
    const { problems, bundle: parsed } = parseScenario({
      stations: JSON.parse(files['stations.geojson']),
      landingPoints: JSON.parse(files['landing-points.geojson']),
      zones: JSON.parse(files['zones.geojson']),
      districts: JSON.parse(files['districts.geojson']),
    });
    expect(problems).toEqual([]);
    expect(parsed.landingPoints).toEqual(bundle.landingPoints);
  });

  it('has 38 districts, each with one B station, and one A station', () => {
    expect(bundle.districts).toHaveLength(38);
    const b = bundle.stations.filter((s) => s.kind === 'B');
    expect(b).toHaveLength(38);
    expect(b.flatMap((s) => s.districts).sort()).toEqual(bundle.districts.map((d) => d.adcode).sort());
    expect(bundle.stations.filter((s) => s.kind === 'A')).toHaveLength(1);
  });

  it('rolls out 200 landing points, at least one per district, inside their district and outside prohibited zones', () => {
    const lps = bundle.landingPoints;
    expect(lps).toHaveLength(200);
    expect(new Set(lps.map((p) => p.id)).size).toBe(200);
    expect(new Set(lps.map((p) => p.districtAdcode)).size).toBe(38);
    const shapes = new Map(bundle.districts.map((d) => [d.adcode, prepareOutline(d.outline) as PolygonsShape]));
    const inside = lps.filter((p) => (shapes.get(p.districtAdcode) as PolygonsShape).polygons.some((q) => pointInRings(p.location[0], p.location[1], q.rings)));
    // three township seats of the source lie just outside their county polygon (SOURCES.md)
    expect(inside.length).toBeGreaterThanOrEqual(197);
    for (const p of lps.filter((x) => x.kind === 'hub')) expect(inside).toContain(p);
    for (const z of bundle.zones.filter((x) => x.kind === 'prohibited')) {
      if (z.outline.type !== 'Circle') throw new Error('military zones are circles');
      const c = z.outline;
      for (const p of lps) expect(haversineM(c.center[0], c.center[1], p.location[0], p.location[1])).toBeGreaterThan(c.radiusM);
    }
    // every township without a source point that was chosen got a point inside its district
    const liangping = lps.filter((p) => p.districtAdcode === '500155');
    expect(liangping.length).toBeGreaterThan(1);
  });

  it('covers every landing point with an X base station', () => {
    const xs = bundle.stations.filter((s) => s.kind === 'X');
    expect(xs.length).toBeGreaterThan(0);
    expect(xs.length).toBeLessThan(200);
    for (const p of bundle.landingPoints) {
      expect(xs.some((x) => haversineM(x.location[0], x.location[1], p.location[0], p.location[1]) <= x.coverageRadiusM)).toBe(true);
    }
  });

  it('protects the 9 airports: air bases prohibited, civil airports controlled, all special', () => {
    const airports = bundle.zones.filter((z) => z.special);
    expect(airports).toHaveLength(9);
    expect(bundle.zones.slice(0, 9)).toEqual(airports);
    expect(
      airports
        .filter((z) => z.kind === 'prohibited')
        .map((z) => z.id)
        .sort(),
    ).toEqual(['ZONE-CN-0030', 'ZONE-ZUDZ', 'ZONE-ZULP']);
    expect(airports.filter((z) => z.kind === 'controlled')).toHaveLength(6);
    expect(bundle.zones.find((z) => z.id === 'ZONE-ZUCK')?.outline.type).toBe('Polygon'); // runway-aligned
  });

  it('derives illustrative suitable airspace per district, clear of every prohibited and controlled zone', () => {
    const suitable = bundle.zones.filter((z) => z.kind === 'suitable');
    expect(suitable).toHaveLength(45);
    expect(new Set(suitable.map((z) => z.id.split('-')[1])).size).toBe(38); // every district keeps a piece
    const obstacles = bundle.zones.filter((z) => z.kind === 'prohibited' || z.kind === 'controlled').map((z) => prepareOutline(z.outline));
    for (const z of suitable) {
      expect(validateZoneInput(z)).toEqual([]);
      expect(z).toMatchObject({ altitudeLowerM: 0, altitudeUpperM: 120, allowedCategories: ['light', 'small'] });
      expect(z.source).toMatch(/illustrative/);
      const shape = prepareOutline(z.outline);
      expect(obstacles.some((o) => shapesIntersect(o, shape))).toBe(false);
    }
  });

  it('joins hubs across the Yangtze and the Jialing with illustrative corridors between existing hubs', () => {
    const corridors = bundle.zones.filter((z) => z.kind === 'corridor');
    expect(corridors.map((z) => z.id)).toEqual(['CORRIDOR-500104-500108', 'CORRIDOR-500104-500113', 'CORRIDOR-500107-500108']);
    const hubs = new Map(bundle.landingPoints.filter((p) => p.kind === 'hub').map((p) => [p.id, p]));
    for (const z of corridors) {
      expect(validateZoneInput(z)).toEqual([]);
      const [a, b] = z.corridorEnds ?? ['', ''];
      expect(hubs.has(a) && hubs.has(b)).toBe(true);
      expect(z.id).toBe(`CORRIDOR-${hubs.get(a)?.districtAdcode}-${hubs.get(b)?.districtAdcode}`);
    }
  });

  it('groups districts into B stations as configured', () => {
    const grouped = buildChongqing(raw, { ...cfg, bStationGroups: { 'B-CENTRAL': ['500103', '500105', '500108'] } });
    const b = grouped.stations.filter((s) => s.kind === 'B');
    expect(b).toHaveLength(36);
    expect(b.find((s) => s.id === 'B-CENTRAL')?.districts).toEqual(['500103', '500105', '500108']);
  });
});
