/** R-tree index of point features (landing points, base stations) with insert, remove and queries. */
import RBush from 'rbush';
import { haversineM, degreePadding } from '../geo/earth.js';
import type { BBox, LngLat } from '../geo/types.js';

interface Item<T> {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  id: string;
  value: T;
}

export class PointIndex<T extends { id: string; location: LngLat }> {
  private readonly tree = new RBush<Item<T>>();
  private readonly items = new Map<string, Item<T>>();
  private changes = 0;

  constructor(values: T[] = []) {
    const items = values.map((v) => this.item(v));
    for (const it of items) this.items.set(it.id, it);
    this.tree.load(items);
  }

  private item(v: T): Item<T> {
    return { minX: v.location[0], minY: v.location[1], maxX: v.location[0], maxY: v.location[1], id: v.id, value: v };
  }

  get size(): number {
    return this.items.size;
  }
  /** Counts inserts and removals: a cheap signature of the contents for callers that cache what they derive from them. */
  get version(): number {
    return this.changes;
  }
  get(id: string): T | undefined {
    return this.items.get(id)?.value;
  }
  values(): T[] {
    return [...this.items.values()].map((i) => i.value);
  }

  insert(v: T): void {
    this.remove(v.id);
    this.changes++;
    const it = this.item(v);
    this.items.set(v.id, it);
    this.tree.insert(it);
  }

  remove(id: string): boolean {
    const it = this.items.get(id);
    if (!it) return false;
    this.tree.remove(it);
    this.items.delete(id);
    this.changes++;
    return true;
  }

  /** Points inside the box (inclusive). */
  search(b: BBox): T[] {
    return this.tree.search({ minX: b[0], minY: b[1], maxX: b[2], maxY: b[3] }).map((i) => i.value);
  }

  /** Points within `radiusM` great-circle metres of `center`, nearest first. */
  within(center: LngLat, radiusM: number): { value: T; distanceM: number }[] {
    const [dLng, dLat] = degreePadding(radiusM, center[1] - 1, center[1] + 1);
    return this.search([center[0] - dLng, center[1] - dLat, center[0] + dLng, center[1] + dLat])
      .map((value) => ({ value, distanceM: haversineM(center[0], center[1], value.location[0], value.location[1]) }))
      .filter((x) => x.distanceM <= radiusM)
      .sort((a, b) => a.distanceM - b.distanceM || a.value.id.localeCompare(b.value.id));
  }

  /** The nearest point to `center` (searching outwards from `startRadiusM`), or undefined when empty. */
  nearest(center: LngLat, startRadiusM = 2000): { value: T; distanceM: number } | undefined {
    if (!this.items.size) return undefined;
    for (let r = startRadiusM; r < 4e7; r *= 2) {
      const hit = this.within(center, r)[0];
      if (hit) return hit;
    }
    return this.within(center, 4e7)[0];
  }
}
