/**
 * Spatial-temporal index of 4D volumes. Time is cut into slabs (default one hour), each slab an
 * R-tree (rbush) over footprints; a volume is entered in every slab its window touches, and
 * volumes longer than `longMs` (permanent zones, long windows) live in one extra tree. A query
 * visits only the slabs of its window, filters by time and altitude, and only then runs the
 * exact footprint test.
 */
import RBush from 'rbush';
import { DEFAULT_TOLERANCE_M, shapesIntersect } from '../geo/intersect.js';
import { padBBox, type Shape } from '../geo/shape.js';
import type { BBox } from '../geo/types.js';
import { intervalsOverlap, type PreparedVolume } from './prepared-volume.js';

export interface IndexEntry<M> {
  ownerId: string;
  volumeIndex: number;
  volume: PreparedVolume;
  meta: M;
}
interface Item<M> {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  entry: IndexEntry<M>;
}

export interface VolumeIndexOptions {
  slabMs?: number;
  longMs?: number;
}

export class VolumeIndex<M> {
  readonly slabMs: number;
  readonly longMs: number;
  private readonly slabs = new Map<number, RBush<Item<M>>>();
  private readonly long = new RBush<Item<M>>();
  private readonly owners = new Map<string, { entries: IndexEntry<M>[]; items: [RBush<Item<M>>, Item<M>][] }>();
  private volumeCount = 0;

  constructor(options: VolumeIndexOptions = {}) {
    this.slabMs = options.slabMs ?? 3_600_000;
    this.longMs = options.longMs ?? 2 * 86_400_000;
  }

  get size(): number {
    return this.owners.size;
  }
  get volumes(): number {
    return this.volumeCount;
  }
  has(ownerId: string): boolean {
    return this.owners.has(ownerId);
  }
  get(ownerId: string): IndexEntry<M>[] | undefined {
    return this.owners.get(ownerId)?.entries;
  }
  *entries(): IterableIterator<IndexEntry<M>[]> {
    for (const o of this.owners.values()) yield o.entries;
  }

  private isLong(v: PreparedVolume): boolean {
    return !Number.isFinite(v.startMs) || !Number.isFinite(v.endMs) || v.endMs - v.startMs > this.longMs;
  }

  insert(ownerId: string, volumes: PreparedVolume[], meta: M): void {
    if (this.owners.has(ownerId)) this.remove(ownerId);
    const entries: IndexEntry<M>[] = [];
    const items: [RBush<Item<M>>, Item<M>][] = [];
    volumes.forEach((volume, volumeIndex) => {
      const entry = { ownerId, volumeIndex, volume, meta };
      entries.push(entry);
      const b = volume.bbox;
      const trees = this.isLong(volume) ? [this.long] : this.slabRange(volume.startMs, volume.endMs, true);
      for (const tree of trees) {
        const item = { minX: b[0], minY: b[1], maxX: b[2], maxY: b[3], entry };
        tree.insert(item);
        items.push([tree, item]);
      }
    });
    this.owners.set(ownerId, { entries, items });
    this.volumeCount += volumes.length;
  }

  remove(ownerId: string): boolean {
    const o = this.owners.get(ownerId);
    if (!o) return false;
    for (const [tree, item] of o.items) tree.remove(item);
    this.owners.delete(ownerId);
    this.volumeCount -= o.entries.length;
    return true;
  }

  private slabRange(startMs: number, endMs: number, create: boolean): RBush<Item<M>>[] {
    const k0 = Math.floor(startMs / this.slabMs);
    const k1 = Math.floor(endMs / this.slabMs);
    const out: RBush<Item<M>>[] = [];
    if (!create && k1 - k0 > this.slabs.size) {
      for (const [k, t] of this.slabs) if (k >= k0 && k <= k1) out.push(t);
      return out;
    }
    for (let k = k0; k <= k1; k++) {
      let t = this.slabs.get(k);
      if (!t && create) {
        t = new RBush<Item<M>>();
        this.slabs.set(k, t);
      }
      if (t) out.push(t);
    }
    return out;
  }

  /** Entries whose bbox meets `bbox` and whose time window and altitude band meet the query's. */
  search(bbox: BBox, startMs: number, endMs: number, altLowerM = -Infinity, altUpperM = Infinity, toleranceM = DEFAULT_TOLERANCE_M): IndexEntry<M>[] {
    return this.collect(bbox, startMs, endMs, altLowerM, altUpperM, toleranceM, null);
  }

  /** Entries in exact 4D conflict with `v`. */
  conflicts(v: PreparedVolume, toleranceM = DEFAULT_TOLERANCE_M): IndexEntry<M>[] {
    return this.collect(v.bbox, v.startMs, v.endMs, v.altLowerM, v.altUpperM, toleranceM, v.shape);
  }

  /** The search, and with `shape` the exact footprint test too, in one pass over the trees' hits. */
  private collect(bbox: BBox, startMs: number, endMs: number, altLowerM: number, altUpperM: number, toleranceM: number, shape: Shape | null): IndexEntry<M>[] {
    const q = padBBox(bbox, toleranceM);
    const box = { minX: q[0], minY: q[1], maxX: q[2], maxY: q[3] };
    const slabs = Number.isFinite(startMs) && Number.isFinite(endMs) ? this.slabRange(startMs, endMs, false) : [...this.slabs.values()];
    const out: IndexEntry<M>[] = [];
    // a volume sits in the long tree or in slabs, never both: duplicates only across slabs
    const seen = slabs.length > 1 ? new Set<IndexEntry<M>>() : null;
    for (let t = -1; t < slabs.length; t++) {
      const tree = t < 0 ? this.long : slabs[t];
      for (const item of tree.search(box)) {
        const e = item.entry;
        const v = e.volume;
        if (!intervalsOverlap(v.startMs, v.endMs, startMs, endMs) || !intervalsOverlap(v.altLowerM, v.altUpperM, altLowerM, altUpperM, toleranceM)) continue;
        if (t >= 0 && seen) {
          if (seen.has(e)) continue;
          seen.add(e);
        }
        if (shape && !shapesIntersect(shape, v.shape, toleranceM)) continue;
        out.push(e);
      }
    }
    return out;
  }
}
