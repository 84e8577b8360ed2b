/**
 * Validation of outlines received from users: coordinate ranges, closed rings, vertex caps,
 * degenerate (zero-area) and self-intersecting rings, and the served extent: nothing reaches
 * beyond latitude ±85° or across the antimeridian (a circle's extent is its centre ± radius), and
 * a footprint may be capped in area. Returns every problem found.
 */
import type { ErrorCode } from '../errors/error-codes.js';
import { METERS_PER_DEGREE_LAT, metersPerDegreeLng } from './earth.js';
import { makeFrame, orient, pointInRings, ringSignedArea, segmentSegmentDist2, type Frame } from './planar.js';
import { prepareRing } from './shape.js';
import type { AnyOutline, LngLat } from './types.js';

export interface OutlineProblem {
  code: Extract<
    ErrorCode,
    | 'COORDINATE_OUT_OF_RANGE'
    | 'RING_NOT_CLOSED'
    | 'RING_TOO_SHORT'
    | 'TOO_MANY_VERTICES'
    | 'DEGENERATE_OUTLINE'
    | 'SELF_INTERSECTING_OUTLINE'
    | 'HOLE_OUTSIDE_OUTER'
    | 'INVALID_RADIUS'
    | 'OUTLINE_TOO_LARGE'
  >;
  message: string;
  path: string;
}

export interface OutlineLimits {
  maxVertices: number;
  maxRadiusM: number;
  minAreaM2: number;
  /** largest footprint area accepted (default: no cap) */
  maxAreaM2?: number;
}
export const DEFAULT_OUTLINE_LIMITS: OutlineLimits = { maxVertices: 1000, maxRadiusM: 100_000, minAreaM2: 1 };

/** No outline reaches beyond this latitude (the local metric frames and circles degrade near the poles). */
export const MAX_ABS_LAT_DEG = 85;

function validCoord(c: unknown): c is LngLat {
  return Array.isArray(c) && c.length >= 2 && Number.isFinite(c[0]) && Number.isFinite(c[1]) && c[0] >= -180 && c[0] <= 180 && c[1] >= -90 && c[1] <= 90;
}
const RANGE_MESSAGE = `coordinates must be [lng, lat] within ±180, ±${MAX_ABS_LAT_DEG} (latitudes nearer the poles are not served)`;
const servedCoord = (c: unknown): c is LngLat => validCoord(c) && Math.abs(c[1]) <= MAX_ABS_LAT_DEG;

/** [west, south, east, north] a circle reaches: centre ± radius (longitude at the latitude farthest from the equator). */
export function circleExtent(center: LngLat, radiusM: number): [number, number, number, number] {
  const dLat = radiusM / METERS_PER_DEGREE_LAT;
  const worstLat = Math.min(89.999, Math.abs(center[1]) + dLat);
  const dLng = radiusM / metersPerDegreeLng(worstLat);
  return [center[0] - dLng, center[1] - dLat, center[0] + dLng, center[1] + dLat];
}

/** Why a circle reaches beyond the served extent, or null. */
export function circleBeyondExtent(center: LngLat, radiusM: number): string | null {
  const [w, s, e, n] = circleExtent(center, radiusM);
  if (s < -MAX_ABS_LAT_DEG || n > MAX_ABS_LAT_DEG) return `reaches latitude ${(n > MAX_ABS_LAT_DEG ? n : s).toFixed(2)}°, beyond ±${MAX_ABS_LAT_DEG}°`;
  if (w < -180 || e > 180) return 'reaches across the antimeridian (±180°); split it in two';
  return null;
}

const km2 = (m2: number) => `${Math.round(m2 / 1e6).toLocaleString('en')} km²`;

export function validateOutline(outline: AnyOutline, path = 'outline', limits = DEFAULT_OUTLINE_LIMITS): OutlineProblem[] {
  const problems: OutlineProblem[] = [];
  if (outline.type === 'Circle') {
    if (!servedCoord(outline.center)) problems.push({ code: 'COORDINATE_OUT_OF_RANGE', message: `circle centre: ${RANGE_MESSAGE}`, path: `${path}.center` });
    if (!(Number.isFinite(outline.radiusM) && outline.radiusM > 0 && outline.radiusM <= limits.maxRadiusM)) {
      problems.push({ code: 'INVALID_RADIUS', message: `radiusM must be > 0 and ≤ ${limits.maxRadiusM}`, path: `${path}.radiusM` });
    }
    if (problems.length) return problems;
    const beyond = circleBeyondExtent(outline.center, outline.radiusM);
    if (beyond) problems.push({ code: 'OUTLINE_TOO_LARGE', message: `the circle ${beyond}`, path });
    const areaM2 = Math.PI * outline.radiusM ** 2;
    if (limits.maxAreaM2 !== undefined && areaM2 > limits.maxAreaM2) {
      problems.push({ code: 'OUTLINE_TOO_LARGE', message: `the footprint covers ${km2(areaM2)}, more than ${km2(limits.maxAreaM2)}`, path });
    }
    return problems;
  }
  const polys = outline.type === 'Polygon' ? [outline.coordinates] : outline.coordinates;
  let total = 0;
  polys.forEach((rings, pi) => {
    const ppath = outline.type === 'Polygon' ? `${path}.coordinates` : `${path}.coordinates[${pi}]`;
    // imported documents reach here without a schema: every level is checked for its shape
    if (!Array.isArray(rings)) {
      problems.push({ code: 'RING_TOO_SHORT', message: 'a polygon is an array of rings', path: ppath });
      return;
    }
    if (rings.length === 0) problems.push({ code: 'RING_TOO_SHORT', message: 'a polygon needs an outer ring', path: ppath });
    for (const [ri, ring] of rings.entries()) {
      const rpath = `${ppath}[${ri}]`;
      if (!Array.isArray(ring)) {
        problems.push({ code: 'RING_TOO_SHORT', message: 'a ring is an array of [lng, lat] positions', path: rpath });
        continue;
      }
      total += ring.length;
      const bad = ring.findIndex((c) => !servedCoord(c));
      if (bad >= 0) {
        problems.push({ code: 'COORDINATE_OUT_OF_RANGE', message: RANGE_MESSAGE, path: `${rpath}[${bad}]` });
        continue;
      }
      if (ring.length < 4) {
        problems.push({ code: 'RING_TOO_SHORT', message: 'a ring needs at least 4 positions (closed)', path: rpath });
        continue;
      }
      const first = ring[0],
        last = ring[ring.length - 1];
      if (first[0] !== last[0] || first[1] !== last[1]) problems.push({ code: 'RING_NOT_CLOSED', message: 'the first and last positions of a ring must be equal', path: rpath });
    }
  });
  if (total > limits.maxVertices) problems.push({ code: 'TOO_MANY_VERTICES', message: `at most ${limits.maxVertices} vertices per outline (got ${total})`, path });
  if (problems.length) return problems;
  let west = Infinity,
    east = -Infinity;
  for (const rings of polys)
    for (const c of rings[0]) {
      if (c[0] < west) west = c[0];
      if (c[0] > east) east = c[0];
    }
  if (east - west > 180) {
    // edges are straight in [lng, lat]: such a ring goes the long way round instead of across ±180°
    problems.push({ code: 'OUTLINE_TOO_LARGE', message: `the outline spans ${(east - west).toFixed(1)}° of longitude: an outline must not cross the antimeridian (split it in two)`, path });
    return problems;
  }
  let areaM2 = 0;
  polys.forEach((rings, pi) => {
    const ppath = outline.type === 'Polygon' ? `${path}.coordinates` : `${path}.coordinates[${pi}]`;
    const prepared = rings.map(prepareRing);
    const f = makeFrame(rings[0][0][0], rings[0][0][1]);
    const degenerate = (ri: number) => problems.push({ code: 'DEGENERATE_OUTLINE', message: 'a ring must enclose a non-zero area', path: `${ppath}[${ri}]` });
    prepared.forEach((r, ri) => {
      if (r.length < 6 || collinear(r, f)) degenerate(ri);
    });
    if (problems.length) return;
    prepared.slice(1).forEach((h, hi) => {
      if (!pointInRings(h[0], h[1], prepared.slice(0, 1))) {
        problems.push({ code: 'HOLE_OUTSIDE_OUTER', message: 'a hole must lie inside the outer ring', path: `${ppath}[${hi + 1}]` });
      }
    });
    const where = selfIntersection(prepared);
    if (where) problems.push({ code: 'SELF_INTERSECTING_OUTLINE', message: `ring edges cross or touch (${where})`, path: ppath });
    else {
      prepared.forEach((r, ri) => {
        if (Math.abs(ringSignedArea(r, f)) < limits.minAreaM2) degenerate(ri);
      });
      if (limits.maxAreaM2 !== undefined) {
        const mid = makeFrame((west + east) / 2, rings[0].reduce((a, c) => a + c[1], 0) / rings[0].length);
        prepared.forEach((r, ri) => {
          areaM2 += (ri === 0 ? 1 : -1) * Math.abs(ringSignedArea(r, mid));
        });
      }
    }
  });
  if (!problems.length && limits.maxAreaM2 !== undefined && areaM2 > limits.maxAreaM2) {
    problems.push({ code: 'OUTLINE_TOO_LARGE', message: `the footprint covers ${km2(areaM2)}, more than ${km2(limits.maxAreaM2)}`, path });
  }
  return problems;
}

/** All vertices on one line (within 1 mm): a ring with no area at all. */
function collinear(r: Float64Array, f: Frame): boolean {
  const x0 = (r[0] - f.lng0) * f.kx,
    y0 = (r[1] - f.lat0) * f.ky;
  let far = 0,
    fx = 0,
    fy = 0;
  for (let i = 2; i < r.length; i += 2) {
    const dx = (r[i] - f.lng0) * f.kx - x0,
      dy = (r[i + 1] - f.lat0) * f.ky - y0;
    const d = Math.hypot(dx, dy);
    if (d > far) {
      far = d;
      fx = dx;
      fy = dy;
    }
  }
  if (far === 0) return true;
  for (let i = 2; i < r.length; i += 2) {
    const dx = (r[i] - f.lng0) * f.kx - x0,
      dy = (r[i + 1] - f.lat0) * f.ky - y0;
    if (Math.abs(fx * dy - fy * dx) / far > 0.001) return false;
  }
  return true;
}

/** Finds the first pair of edges that touch other than adjacent edges at their shared vertex. */
function selfIntersection(rings: Float64Array[]): string | null {
  const edges: [number, number, number, number, number, number][] = []; // ring, index, x1,y1,x2,y2
  rings.forEach((r, ri) => {
    const n = r.length;
    for (let i = 0, j = n - 2; i < n; j = i, i += 2) edges.push([ri, j / 2, r[j], r[j + 1], r[i], r[i + 1]]);
  });
  const f = makeFrame(edges[0][2], edges[0][3]);
  const X = (v: number) => (v - f.lng0) * f.kx,
    Y = (v: number) => (v - f.lat0) * f.ky;
  const order = edges.map((_, i) => i).sort((a, b) => Math.min(edges[a][2], edges[a][4]) - Math.min(edges[b][2], edges[b][4]));
  for (let oi = 0; oi < order.length; oi++) {
    const e = edges[order[oi]];
    const maxX = Math.max(e[2], e[4]);
    for (let oj = oi + 1; oj < order.length; oj++) {
      const g = edges[order[oj]];
      if (Math.min(g[2], g[4]) > maxX) break;
      if (Math.min(e[3], e[5]) > Math.max(g[3], g[5]) || Math.min(g[3], g[5]) > Math.max(e[3], e[5])) continue;
      const sameRing = e[0] === g[0];
      const ringLen = rings[e[0]].length / 2;
      const adjacent = sameRing && ((e[1] + 1) % ringLen === g[1] || (g[1] + 1) % ringLen === e[1]);
      if (adjacent) {
        // adjacent edges share a vertex; they are bad only when they fold back onto each other
        const shared = (e[1] + 1) % ringLen === g[1] ? [e[4], e[5], e[2], e[3], g[4], g[5]] : [g[4], g[5], g[2], g[3], e[4], e[5]];
        const [sx, sy, px, py, qx, qy] = shared;
        const o = orient(X(sx), Y(sy), X(px), Y(py), X(qx), Y(qy));
        const dot = (X(px) - X(sx)) * (X(qx) - X(sx)) + (Y(py) - Y(sy)) * (Y(qy) - Y(sy));
        if (Math.abs(o) < 1e-9 && dot > 0) return `edges ${e[1]} and ${g[1]} overlap`;
        continue;
      }
      if (segmentSegmentDist2(X(e[2]), Y(e[3]), X(e[4]), Y(e[5]), X(g[2]), Y(g[3]), X(g[4]), Y(g[5])) <= 1e-6) {
        return `ring ${e[0]} edge ${e[1]} and ring ${g[0]} edge ${g[1]}`;
      }
    }
  }
  return null;
}
