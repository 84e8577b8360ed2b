/**
 * The exact 4D conflict test. Two volumes conflict when their time windows, altitude bands and
 * footprints all overlap, every bound inclusive; footprints and altitudes to `toleranceM` (1 cm).
 */
import { DEFAULT_TOLERANCE_M, shapesIntersect } from '../geo/intersect.js';
import { prepareOutline, type Shape } from '../geo/shape.js';
import type { AnyOutline, BBox } from '../geo/types.js';

export interface PreparedVolume {
  shape: Shape;
  bbox: BBox;
  altLowerM: number;
  altUpperM: number;
  startMs: number;
  endMs: number;
}

export interface VolumeLike {
  outline: AnyOutline;
  altitudeLowerM: number;
  altitudeUpperM: number;
  timeStart: string;
  timeEnd: string;
}

export function prepareVolume(v: VolumeLike): PreparedVolume {
  return preparedVolume(v.outline, v.altitudeLowerM, v.altitudeUpperM, Date.parse(v.timeStart), Date.parse(v.timeEnd));
}

/** A volume prepared from its parts (its window already in milliseconds). */
export function preparedVolume(outline: AnyOutline, altLowerM: number, altUpperM: number, startMs: number, endMs: number): PreparedVolume {
  const shape = prepareOutline(outline);
  return { shape, bbox: shape.bbox, altLowerM, altUpperM, startMs, endMs };
}

export function intervalsOverlap(a0: number, a1: number, b0: number, b1: number, tol = 0): boolean {
  return a0 <= b1 + tol && b0 <= a1 + tol;
}

/** Time and altitude overlap only (cheap pre-filter). */
export function bandsOverlap(a: PreparedVolume, b: PreparedVolume, toleranceM = DEFAULT_TOLERANCE_M): boolean {
  return intervalsOverlap(a.startMs, a.endMs, b.startMs, b.endMs) && intervalsOverlap(a.altLowerM, a.altUpperM, b.altLowerM, b.altUpperM, toleranceM);
}

export function volumesConflict(a: PreparedVolume, b: PreparedVolume, toleranceM = DEFAULT_TOLERANCE_M): boolean {
  return bandsOverlap(a, b, toleranceM) && shapesIntersect(a.shape, b.shape, toleranceM);
}

/** The overlapping altitude band and time window of two volumes known to overlap. */
export function overlapWindow(a: PreparedVolume, b: PreparedVolume): { altitudeLowerM: number; altitudeUpperM: number; timeStart: string; timeEnd: string } {
  const lo = Math.max(a.altLowerM, b.altLowerM);
  const hi = Math.min(a.altUpperM, b.altUpperM);
  const s = Math.max(a.startMs, b.startMs);
  const e = Math.min(a.endMs, b.endMs);
  return { altitudeLowerM: Math.min(lo, hi), altitudeUpperM: Math.max(lo, hi), timeStart: new Date(s).toISOString(), timeEnd: new Date(Math.max(s, e)).toISOString() };
}
