/**
 * The routing cells give exactly the answer of the full polygon tests: seeded random footprints
 * over the real Chongqing districts (inside, across borders, along the municipal border, outside),
 * routed with the cells and with the full tests only.
 */
import { describe, expect, it } from 'vitest';
import { destination } from '../shared/geo/earth.js';
import { prepareOutline, type Shape } from '../shared/geo/shape.js';
import type { LngLat } from '../shared/geo/types.js';
import { CELL_DEG, createRoutingCells, insideByCells, MAX_GRID_CELLS, pureDistrict } from '../shared/rules/routing-cells.js';
import { shapeContains } from '../shared/geo/contains.js';
import { shapesIntersect } from '../shared/geo/intersect.js';
import { districtsTouched, routePlan, type DistrictArea } from '../shared/rules/station-routing.js';
import { createPrng } from '../shared/util/prng.js';
import { buildAirspace } from '../server/scenario/build-airspace.js';
import { loadScenario } from '../server/scenario/load-scenario.js';

const routing = buildAirspace(loadScenario('chongqing')).routing;
/** station routing as the polygon tests alone decide it (no cells): the reference */
function referenceRoute(shapes: Shape[]) {
  const hit = new Map<string, DistrictArea>();
  for (const s of shapes) {
    const b = s.bbox;
    for (const it of routing.districts.search({ minX: b[0], minY: b[1], maxX: b[2], maxY: b[3] })) if (shapesIntersect(s, it.d.shape)) hit.set(it.d.adcode, it.d);
  }
  const touched = [...hit.values()].sort((a, b) => a.adcode.localeCompare(b.adcode));
  const districts = touched.map((d) => ({ adcode: d.adcode, name: d.name }));
  const m = routing.municipality;
  const stations = [...new Set(touched.map((d) => d.stationId))];
  if (m && !shapes.every((s) => shapeContains(m, s))) return { stationId: routing.aStationId, districts, why: 'border' };
  if (stations.length !== 1) return { stationId: routing.aStationId, districts, why: stations.length ? 'across' : 'outside' };
  return { stationId: stations[0], districts, why: 'inside' };
}

/** what a routing's reason says, in the reference's words */
function gist(why: string) {
  if (why.startsWith('crosses the municipal border')) return 'border';
  if (why.startsWith('crosses B station jurisdictions')) return 'across';
  if (why.startsWith('outside every B station')) return 'outside';
  if (why.startsWith('inside the jurisdiction')) return 'inside';
  return why;
}

function footprint(rng: ReturnType<typeof createPrng>): Shape {
  const m = routing.municipality?.bbox ?? [105, 28, 110.5, 32.5];
  // centres over the municipality's box and a little beyond it; sizes from 20 m to 4 km
  const c: LngLat = [rng.range(m[0] - 0.1, m[2] + 0.1), rng.range(m[1] - 0.1, m[3] + 0.1)];
  const r = 20 * 200 ** rng.next();
  if (rng.next() < 0.3) return prepareOutline({ type: 'Circle', center: c, radiusM: r });
  const n = 3 + Math.floor(rng.next() * 6);
  const ring = Array.from({ length: n }, (_, k) => destination(c, r * rng.range(0.4, 1), (360 * k) / n));
  return prepareOutline({ type: 'Polygon', coordinates: [[...ring, ring[0]]] });
}

describe('routing cells', () => {
  it('route seeded random footprints exactly as the full polygon tests do', () => {
    const rng = createPrng(2027);
    let fast = 0;
    let across = 0;
    const N = 3000;
    for (let k = 0; k < N; k++) {
      const shapes = [footprint(rng)];
      if (rng.next() < 0.2) shapes.push(footprint(rng)); // plans of several volumes
      if (pureDistrict(routing.cells, routing.districts, routing.municipality, shapes)) fast++;
      else if (insideByCells(routing.cells, routing.districts, routing.municipality, shapes)) across++;
      const ctx = { emergency: false, specialZones: [] };
      const got = routePlan(routing, shapes, ctx);
      const want = referenceRoute(shapes);
      expect({ stationId: got.stationId, districts: got.districts, why: gist(got.why) }, `footprint ${k}`).toEqual(want);
      expect(districtsTouched(routing, shapes).map((d) => d.adcode)).toEqual(want.districts.map((d) => d.adcode));
    }
    // the shortcut answered a good share (about half the centres fall outside the municipality; others sit on borders or are too large)
    expect(fast).toBeGreaterThan(N * 0.15);
    // and footprints across districts, inside the municipality, were spared the border test
    expect(across).toBeGreaterThan(N * 0.01);
    // cells over the region were remembered in the dense grid, cells beyond it in the map
    expect(routing.cells.columns * routing.cells.rows).toBeGreaterThan(0);
    expect(routing.cells.known.length).toBeGreaterThan(100);
    expect(routing.cells.memo.size).toBeGreaterThan(10);
  });

  it('keeps a dense grid only over a region of bounded size', () => {
    const m = routing.municipality?.bbox ?? [105, 28, 110.5, 32.5];
    const grid = createRoutingCells(m);
    // the region and one cell around it
    expect(grid.ix0 * CELL_DEG).toBeLessThan(m[0]);
    expect((grid.ix0 + grid.columns) * CELL_DEG).toBeGreaterThan(m[2]);
    expect(grid.iy0 * CELL_DEG).toBeLessThan(m[1]);
    expect((grid.iy0 + grid.rows) * CELL_DEG).toBeGreaterThan(m[3]);
    expect(grid.grid.length).toBe(grid.columns * grid.rows);
    expect(grid.columns * grid.rows).toBeLessThanOrEqual(MAX_GRID_CELLS);
    // no region, or a region too large: cells in the map only
    expect(createRoutingCells(null).grid.length).toBe(0);
    expect(createRoutingCells([-180, -80, 180, 80]).grid.length).toBe(0);
  });

  it('never takes a footprint on a district border or the municipal border for one inside a district', () => {
    const rng = createPrng(7);
    const all = routing.districts.all();
    for (let k = 0; k < 300; k++) {
      const d = all[Math.floor(rng.next() * all.length)].d;
      if (d.shape.kind !== 'polygons') continue;
      const ring = d.shape.polygons[0].rings[0];
      const v = 2 * Math.floor((rng.next() * ring.length) / 2);
      const s = prepareOutline({ type: 'Circle', center: [ring[v], ring[v + 1]], radiusM: 50 });
      expect(pureDistrict(routing.cells, routing.districts, routing.municipality, [s])).toBeUndefined();
      expect(districtsTouched(routing, [s]).map((t) => t.adcode)).toEqual(referenceRoute([s]).districts.map((t) => t.adcode));
    }
  });
});
