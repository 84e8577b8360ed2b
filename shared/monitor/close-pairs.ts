/**
 * Pairs of aircraft closer than a separation minimum: both within `horizontalM` (great-circle)
 * and `verticalM`. Tracks are hashed into cells at least 1.5 × `horizontalM` wide wherever they
 * are (degreePadding over their latitudes), and each cell is compared with itself and with four of
 * its eight neighbours (the other four compare with it), so every pair is looked at once. Cell keys
 * are small integers (no boxed numbers) whenever the occupied cells span less than 2^30 of them, as
 * a city's do.
 */
import { degreePadding, haversineM } from '../geo/earth.js';

export interface Positioned {
  id: string;
  lng: number;
  lat: number;
  altitudeM: number;
}

/** the neighbours a cell compares itself with: the other four compare with it */
const FORWARD: readonly (readonly [number, number])[] = [
  [1, -1],
  [1, 0],
  [1, 1],
  [0, 1],
];

/** "a|b" (a < b) for every pair within both minima, in sorted order. */
export function closePairs(tracks: readonly Positioned[], horizontalM: number, verticalM: number): Set<string> {
  const n = tracks.length;
  if (!n) return new Set();
  // a degree of longitude is shorter away from the equator: cells wide enough at the tracks'
  // highest latitude, so a close pair is never more than one cell apart
  let minLat = Number.POSITIVE_INFINITY,
    maxLat = Number.NEGATIVE_INFINITY;
  for (const u of tracks) {
    if (u.lat < minLat) minLat = u.lat;
    if (u.lat > maxLat) maxLat = u.lat;
  }
  const [cellDegX, cellDeg] = degreePadding(1.5 * horizontalM, minLat, maxLat);
  const cx = new Float64Array(n);
  const cy = new Float64Array(n);
  let x0 = Number.POSITIVE_INFINITY,
    y0 = Number.POSITIVE_INFINITY,
    x1 = Number.NEGATIVE_INFINITY,
    y1 = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const x = Math.floor(tracks[i].lng / cellDegX),
      y = Math.floor(tracks[i].lat / cellDeg);
    cx[i] = x;
    cy[i] = y;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  // one row more on each side, so a neighbour's key never collides with another cell's
  const rows = y1 - y0 + 3;
  const narrow = (x1 - x0 + 3) * rows < 2 ** 30;
  const key = narrow ? (x: number, y: number) => (x - x0 + 1) * rows + (y - y0 + 1) : (x: number, y: number) => x * 4_194_304 + y;
  const grid = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const k = key(cx[i], cy[i]);
    const list = grid.get(k);
    if (list) list.push(i);
    else grid.set(k, [i]);
  }
  const found: string[] = [];
  const test = (a: Positioned, b: Positioned) => {
    if (Math.abs(a.altitudeM - b.altitudeM) <= verticalM && haversineM(a.lng, a.lat, b.lng, b.lat) <= horizontalM) found.push(a.id < b.id ? `${a.id}|${b.id}` : `${b.id}|${a.id}`);
  };
  for (const list of grid.values()) {
    const x = cx[list[0]],
      y = cy[list[0]];
    for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) test(tracks[list[i]], tracks[list[j]]);
    for (const [dx, dy] of FORWARD) {
      const other = grid.get(key(x + dx, y + dy));
      if (!other) continue;
      for (const i of list) for (const j of other) test(tracks[i], tracks[j]);
    }
  }
  return new Set(found.sort());
}
