/**
 * One tick's tracks bucketed in 0.25° cells, so that each stream client visits only the cells of
 * its box (a full scan when the box covers more cells than are occupied).
 */
import type { TrackUpdate } from '../../shared/monitor/conformance-monitor.js';

export type Bbox = [number, number, number, number];

const CELL = 0.25;
const cellKey = (i: number, j: number) => i * 100_000 + j;

/** A function answering the tracks inside a box [west, south, east, north], bounds included. */
export function trackCells(tracks: readonly TrackUpdate[]): (bbox: Bbox) => TrackUpdate[] {
  const cells = new Map<number, TrackUpdate[]>();
  for (const u of tracks) {
    const k = cellKey(Math.floor(u.lng / CELL), Math.floor(u.lat / CELL));
    const list = cells.get(k);
    if (list) list.push(u);
    else cells.set(k, [u]);
  }
  return ([w, s, e, n]) => {
    const out: TrackUpdate[] = [];
    const i0 = Math.floor(w / CELL),
      i1 = Math.floor(e / CELL),
      j0 = Math.floor(s / CELL),
      j1 = Math.floor(n / CELL);
    if ((i1 - i0 + 1) * (j1 - j0 + 1) > cells.size) {
      for (const u of tracks) if (u.lng >= w && u.lng <= e && u.lat >= s && u.lat <= n) out.push(u);
      return out;
    }
    for (let i = i0; i <= i1; i++)
      for (let j = j0; j <= j1; j++) {
        for (const u of cells.get(cellKey(i, j)) ?? []) if (u.lng >= w && u.lng <= e && u.lat >= s && u.lat <= n) out.push(u);
      }
    return out;
  };
}
