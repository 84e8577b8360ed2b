/**
 * Pairs of aircraft closer than a separation minimum: both within `horizontalM` (great-circle)
 * and `verticalM`. Tracks are put into cells at least 1.5 × `horizontalM` wide wherever they are
 * (degreePadding over their latitudes), and each cell is compared with itself and with four of its
 * eight neighbours (the other four compare with it), so every pair is looked at once. Whenever the
 * occupied cells span less than 2^30 of them, as a city's do, a cell's key is its column × rows +
 * its row: tracks sorted by key (one numeric sort of key and index packed in a double) lie cell by
 * cell, a cell's neighbour above is the next key, and the three to its right are found by a
 * pointer that only moves forward — no hashing. Otherwise cells are hashed.
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
  const found: string[] = [];
  const test = (a: Positioned, b: Positioned) => {
    if (Math.abs(a.altitudeM - b.altitudeM) <= verticalM && haversineM(a.lng, a.lat, b.lng, b.lat) <= horizontalM) found.push(a.id < b.id ? `${a.id}|${b.id}` : `${b.id}|${a.id}`);
  };
  if ((x1 - x0 + 3) * rows < 2 ** 30 && n < 2 ** 23) sortedCells(tracks, cx, cy, x0, y0, rows, test);
  else hashedCells(tracks, cx, cy, test);
  return new Set(found.sort());
}

/** Cells as runs of tracks sorted by key (see above); `test` gets every pair of the same or neighbouring cells once. */
function sortedCells(tracks: readonly Positioned[], cx: Float64Array, cy: Float64Array, x0: number, y0: number, rows: number, test: (a: Positioned, b: Positioned) => void): void {
  const n = tracks.length;
  let shift = 1;
  while (shift <= n) shift *= 2;
  // key × shift + index < 2^30 × 2^23: exact in a double
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) packed[i] = ((cx[i] - x0 + 1) * rows + (cy[i] - y0 + 1)) * shift + i;
  packed.sort();
  const order = new Int32Array(n);
  const cellKey: number[] = [];
  const cellStart: number[] = [];
  for (let r = 0; r < n; r++) {
    const v = packed[r];
    const k = Math.floor(v / shift);
    order[r] = v - k * shift;
    if (!cellKey.length || cellKey[cellKey.length - 1] !== k) {
      cellKey.push(k);
      cellStart.push(r);
    }
  }
  const m = cellKey.length;
  cellStart.push(n);
  const across = (c: number, d: number) => {
    for (let i = cellStart[c]; i < cellStart[c + 1]; i++) for (let j = cellStart[d]; j < cellStart[d + 1]; j++) test(tracks[order[i]], tracks[order[j]]);
  };
  let right = 0;
  for (let c = 0; c < m; c++) {
    const k = cellKey[c];
    for (let i = cellStart[c]; i < cellStart[c + 1]; i++) for (let j = i + 1; j < cellStart[c + 1]; j++) test(tracks[order[i]], tracks[order[j]]);
    // above: (x, y + 1)
    if (c + 1 < m && cellKey[c + 1] === k + 1) across(c, c + 1);
    // to the right: (x + 1, y - 1 … y + 1)
    while (right < m && cellKey[right] < k + rows - 1) right++;
    for (let d = right; d < m && cellKey[d] <= k + rows + 1; d++) across(c, d);
  }
}

/** Cells hashed by a key of their column and row (tracks spread over more cells than sortedCells keys). */
function hashedCells(tracks: readonly Positioned[], cx: Float64Array, cy: Float64Array, test: (a: Positioned, b: Positioned) => void): void {
  const n = tracks.length;
  const key = (x: number, y: number) => x * 4_194_304 + y;
  const grid = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const k = key(cx[i], cy[i]);
    const list = grid.get(k);
    if (list) list.push(i);
    else grid.set(k, [i]);
  }
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
}
