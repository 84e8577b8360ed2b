/**
 * The keys a decision locks so that decisions on overlapping airspace are serialised across
 * servers: one per (H3 cell, hour) the plan's volumes may touch, and one per (landing point,
 * hour slot) it takes off from or lands at. Two volumes that intersect in space and time always
 * share a key: each volume covers every resolution-6 cell its bounding box meets plus the ring
 * around them (points closer than a cell's width lie in the same or adjacent cells), and every
 * hour it spans widened by a margin. Two plans that book the same landing point in the same
 * hour share that point's key, wherever their volumes are (the point a plan names need not lie
 * under its volumes). Keys are sorted so that servers take them in one order (no deadlock
 * between two decisions).
 *
 * A plan whose keys would be more than `MAX_LOCK_KEYS` (a long thin volume's bounding box, a
 * day-long area) gets none: its decision takes the whole airspace instead (cluster.ts), which is
 * as safe and only slower, where thousands of advisory locks would exhaust PostgreSQL's lock
 * table (`max_locks_per_transaction`) and their cells take long to list.
 */
import { gridDisk, latLngToCell } from 'h3-js';
import type { PreparedVolume } from '../../shared/airspace/prepared-volume.js';
import { type Movement, SLOT_MS } from '../../shared/rules/movement-book.js';

export const LOCK_RESOLUTION = 6;
const SAMPLE_STEP_DEG = 0.008; // ≈ 0.9 km, well under a resolution-6 cell (edge ≈ 3.7 km)
const HOUR_MS = 3_600_000;
export const LOCK_MARGIN_MS = HOUR_MS;
/** the most keys one decision locks one by one (more: the whole airspace) */
export const MAX_LOCK_KEYS = 512;
/** the most points sampled in one volume's bounding box (a box needing more has too many cells) */
const MAX_SAMPLES = 4096;

/** The cells a bounding box meets, with the ring around them; null when it would take more than `MAX_SAMPLES` samples. */
export function cellsCovering(bbox: readonly [number, number, number, number]): Set<string> | null {
  const [minLng, minLat, maxLng, maxLat] = bbox;
  const nx = Math.max(1, Math.ceil((maxLng - minLng) / SAMPLE_STEP_DEG));
  const ny = Math.max(1, Math.ceil((maxLat - minLat) / SAMPLE_STEP_DEG));
  if (!((nx + 1) * (ny + 1) <= MAX_SAMPLES)) return null;
  const core = new Set<string>();
  for (let i = 0; i <= nx; i++) for (let j = 0; j <= ny; j++) core.add(latLngToCell(minLat + ((maxLat - minLat) * j) / ny, minLng + ((maxLng - minLng) * i) / nx, LOCK_RESOLUTION));
  const out = new Set<string>();
  for (const c of core) for (const n of gridDisk(c, 1)) out.add(n);
  return out;
}

/** 32-bit FNV-1a of a string, as a signed int4 (PostgreSQL's two-key advisory locks take int4). */
function fnv(s: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h | 0;
}

/**
 * Sorted, distinct (int4, int4) pairs for the volumes and the landing-point movements of a plan;
 * a collision only serialises two unrelated decisions. Null: more than `MAX_LOCK_KEYS`.
 */
export function lockKeys(volumes: readonly PreparedVolume[], movements: readonly Movement[] = [], marginMs = LOCK_MARGIN_MS): [number, number][] | null {
  const names = new Set<string>();
  for (const m of movements) names.add(`lp:${m.landingPointId}:${Math.floor(m.timeMs / SLOT_MS)}`);
  for (const v of volumes) {
    const first = Math.floor((v.startMs - marginMs) / HOUR_MS);
    const last = Math.floor((v.endMs + marginMs) / HOUR_MS);
    if (!(last - first < MAX_LOCK_KEYS)) return null;
    const cells = cellsCovering(v.bbox as [number, number, number, number]);
    if (!cells || cells.size * (last - first + 1) > MAX_LOCK_KEYS) return null;
    for (const cell of cells) for (let h = first; h <= last; h++) names.add(`${cell}:${h}`);
    if (names.size > MAX_LOCK_KEYS) return null;
  }
  const keys = [...names].map((n) => [fnv(n, 2166136261), fnv(n, 374761393)] as [number, number]);
  keys.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return keys.filter((k, i) => i === 0 || k[0] !== keys[i - 1][0] || k[1] !== keys[i - 1][1]);
}
