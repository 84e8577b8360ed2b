/**
 * The keys a decision locks so that decisions on overlapping airspace are serialised across
 * servers: one per (H3 cell, hour) the plan's volumes may touch. Two volumes that intersect in
 * space and time always share a key: each volume covers every resolution-6 cell its bounding box
 * meets plus the ring around them (points closer than a cell's width lie in the same or adjacent
 * cells), and every hour it spans widened by a margin (landing-point capacity counts by the hour).
 * Keys are sorted so that servers take them in one order (no deadlock between two decisions).
 */
import { gridDisk, latLngToCell } from 'h3-js';
import type { PreparedVolume } from '../../shared/airspace/prepared-volume.js';

export const LOCK_RESOLUTION = 6;
const SAMPLE_STEP_DEG = 0.008; // ≈ 0.9 km, well under a resolution-6 cell (edge ≈ 3.7 km)
const HOUR_MS = 3_600_000;
export const LOCK_MARGIN_MS = HOUR_MS;

/** The cells a bounding box meets, with the ring around them. */
export function cellsCovering(bbox: readonly [number, number, number, number]): Set<string> {
  const [minLng, minLat, maxLng, maxLat] = bbox;
  const nx = Math.max(1, Math.ceil((maxLng - minLng) / SAMPLE_STEP_DEG));
  const ny = Math.max(1, Math.ceil((maxLat - minLat) / SAMPLE_STEP_DEG));
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

/** Sorted, distinct (int4, int4) pairs; a collision only serialises two unrelated decisions. */
export function lockKeys(volumes: readonly PreparedVolume[], marginMs = LOCK_MARGIN_MS): [number, number][] {
  const names = new Set<string>();
  for (const v of volumes) {
    const first = Math.floor((v.startMs - marginMs) / HOUR_MS);
    const last = Math.floor((v.endMs + marginMs) / HOUR_MS);
    for (const cell of cellsCovering(v.bbox as [number, number, number, number])) for (let h = first; h <= last; h++) names.add(`${cell}:${h}`);
  }
  const keys = [...names].map((n) => [fnv(n, 2166136261), fnv(n, 374761393)] as [number, number]);
  keys.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return keys.filter((k, i) => i === 0 || k[0] !== keys[i - 1][0] || k[1] !== keys[i - 1][1]);
}
