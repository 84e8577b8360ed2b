/**
 * Which X base stations observe a position: inside the coverage radius and altitude band. The
 * stations are bucketed in 0.1° cells by the reach of their coverage, so a query visits only the
 * few stations that could cover its cell (every position of every aircraft asks, every tick).
 */
import { degreePadding, haversineM, METERS_PER_DEGREE_LAT } from '../geo/earth.js';
import type { Station } from '../schemas/station.js';

const CELL_DEG = 0.1;
const cellKey = (i: number, j: number) => i * 10_000 + j;
/** the key of the cell a point lies in */
const cellOf = (lng: number, lat: number) => cellKey(Math.floor(lng / CELL_DEG), Math.floor(lat / CELL_DEG));

const NONE: readonly Station[] = [];

/** A station sees a point: inside its altitude band and its radius. */
function sees(s: Station, lng: number, lat: number, altitudeM: number): boolean {
  return seesFrom(s.location[0], s.location[1], s.coverageRadiusM, s.altitudeLowerM, s.altitudeUpperM, lng, lat, altitudeM);
}

/** The same, of a station given by its numbers. */
function seesFrom(sLng: number, sLat: number, radiusM: number, lowerM: number, upperM: number, lng: number, lat: number, altitudeM: number): boolean {
  if (altitudeM < lowerM || altitudeM > upperM) return false;
  // farther north or south than the radius (the great circle is never shorter than the latitudes' arc; a margin for rounding): no need for it
  if (Math.abs(lat - sLat) * METERS_PER_DEGREE_LAT * 0.999 > radiusM) return false;
  return haversineM(lng, lat, sLng, sLat) <= radiusM;
}

/** numbers a station is packed as, for `covers`: longitude, latitude, radius, altitude band */
const PACKED = 5;

export class Surveillance {
  /** per cell, the stations whose coverage may reach it, in id order */
  private readonly cells = new Map<number, Station[]>();
  /** the same stations as numbers side by side (`PACKED` each): what `covers` reads, a few cache lines a cell */
  private readonly packed = new Map<number, Float64Array>();
  private readonly maxRadiusM: number;
  constructor(stations: Station[]) {
    const xs = stations.filter((s) => s.kind === 'X' && s.coverageRadiusM > 0).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.maxRadiusM = Math.max(0, ...xs.map((s) => s.coverageRadiusM));
    for (const s of xs) {
      const [lng, lat] = s.location;
      const [dLng, dLat] = degreePadding(s.coverageRadiusM, lat - 1, lat + 1);
      // one cell more on every side: a position on a cell's edge is found from either cell
      const i0 = Math.floor((lng - dLng) / CELL_DEG) - 1,
        i1 = Math.floor((lng + dLng) / CELL_DEG) + 1;
      const j0 = Math.floor((lat - dLat) / CELL_DEG) - 1,
        j1 = Math.floor((lat + dLat) / CELL_DEG) + 1;
      for (let i = i0; i <= i1; i++)
        for (let j = j0; j <= j1; j++) {
          const k = cellKey(i, j);
          const list = this.cells.get(k);
          if (list) list.push(s);
          else this.cells.set(k, [s]);
        }
    }
    for (const [k, list] of this.cells) {
      const p = new Float64Array(list.length * PACKED);
      list.forEach((s, n) => {
        p.set([s.location[0], s.location[1], s.coverageRadiusM, s.altitudeLowerM, s.altitudeUpperM], n * PACKED);
      });
      this.packed.set(k, p);
    }
  }
  /** Whether some station sees a point at this height (what `observers` finds, without listing them). */
  covers(lng: number, lat: number, altitudeM: number): boolean {
    const p = this.maxRadiusM === 0 ? undefined : this.packed.get(cellOf(lng, lat));
    if (!p) return false;
    for (let o = 0; o < p.length; o += PACKED) if (seesFrom(p[o], p[o + 1], p[o + 2], p[o + 3], p[o + 4], lng, lat, altitudeM)) return true;
    return false;
  }

  /** Ids of the stations that see a point at this height, sorted (every position of every aircraft asks, every tick: plain loops). */
  observers(lng: number, lat: number, altitudeM: number): string[] {
    const out: string[] = [];
    for (const s of this.near(lng, lat)) if (sees(s, lng, lat, altitudeM)) out.push(s.id);
    return out;
  }

  /** the stations whose coverage may reach the point's cell (in id order) */
  private near(lng: number, lat: number): readonly Station[] {
    if (this.maxRadiusM === 0) return NONE;
    return this.cells.get(cellOf(lng, lat)) ?? NONE;
  }
}
