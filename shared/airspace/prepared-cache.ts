/**
 * Prepared volumes remembered by the identity of their volumes array: a recorded plan's volumes
 * never change and its successive documents share the array, so they are prepared once.
 */
import { prepareVolume, type PreparedVolume, type VolumeLike } from './prepared-volume.js';

const cache = new WeakMap<readonly VolumeLike[], PreparedVolume[]>();

export function rememberPrepared(volumes: readonly VolumeLike[], prepared: PreparedVolume[]): void {
  cache.set(volumes, prepared);
}

export function preparedVolumes(volumes: readonly VolumeLike[]): PreparedVolume[] {
  let p = cache.get(volumes);
  if (!p) {
    p = volumes.map(prepareVolume);
    cache.set(volumes, p);
  }
  return p;
}
