/** Cover a footprint (and optionally a height band) with BeiDou grid cells at one level. */
import { shapesIntersect } from '../geo/intersect.js';
import { prepareOutline, type Shape } from '../geo/shape.js';
import type { AnyOutline } from '../geo/types.js';
import { decode2D, encode2D, GridCodeError } from './beidou-code.js';
import { LEVELS, UNITS_PER_DEGREE } from './beidou-levels.js';
import { encode3D, heightLayer, layerBottomM } from './beidou-height.js';

export const MAX_COVER_CELLS = 20_000;

/** 2D codes of every cell at `level` that meets the footprint (boundaries inclusive), sorted. */
export function coverOutline(outline: AnyOutline, level: number, maxCells = MAX_COVER_CELLS): string[] {
  const shape: Shape = prepareOutline(outline);
  const spec = LEVELS[level - 1];
  if (!spec) throw new GridCodeError('level must be an integer 1..10', 'INVALID_LEVEL');
  const dLng = spec.lngUnits / UNITS_PER_DEGREE,
    dLat = spec.latUnits / UNITS_PER_DEGREE;
  const [w, s, e, n] = shape.bbox;
  // step through cell centres on a grid aligned to the level's cells (aligned per hemisphere)
  const i0 = Math.floor(w / dLng),
    i1 = Math.floor(e / dLng),
    j0 = Math.floor(s / dLat),
    j1 = Math.floor(n / dLat);
  const count = (i1 - i0 + 1) * (j1 - j0 + 1);
  if (count > maxCells) throw new GridCodeError(`the footprint spans ${count} cells at level ${level}; at most ${maxCells}`, 'TOO_MANY_CELLS');
  const out = new Set<string>();
  for (let i = i0; i <= i1; i++) {
    for (let j = j0; j <= j1; j++) {
      const code = encode2D((i + 0.5) * dLng, (j + 0.5) * dLat, level);
      const c = decode2D(code).cell;
      const cell = prepareOutline({
        type: 'Polygon',
        coordinates: [
          [
            [c.west, c.south],
            [c.east, c.south],
            [c.east, c.north],
            [c.west, c.north],
            [c.west, c.south],
          ],
        ],
      });
      if (shapesIntersect(shape, cell, 0)) out.add(code);
    }
  }
  return [...out].sort();
}

/** 3D codes of the cells that meet the footprint and the height band [lowerM, upperM]. */
export function coverVolume(outline: AnyOutline, lowerM: number, upperM: number, level: number, maxCells = MAX_COVER_CELLS): string[] {
  const cells = coverOutline(outline, level, maxCells);
  const step = layerUnitsAt(level);
  const n0 = Math.floor(heightLayer(lowerM) / step) * step;
  const n1 = Math.floor(heightLayer(upperM) / step) * step;
  const layers = (n1 - n0) / step + 1;
  if (cells.length * layers > maxCells) throw new GridCodeError(`the volume spans ${cells.length * layers} cells at level ${level}; at most ${maxCells}`, 'TOO_MANY_CELLS');
  const out: string[] = [];
  for (const code of cells) {
    const c = decode2D(code).cell;
    const lng = (c.west + c.east) / 2,
      lat = (c.south + c.north) / 2;
    for (let n = n0; n <= n1; n += step) {
      // a height inside layer n (below the surface layers count downward)
      const h = (layerBottomM(n) + layerBottomM(n + 1)) / 2;
      out.push(encode3D(lng, lat, h, level));
    }
  }
  return out.sort();
}

function layerUnitsAt(level: number): number {
  return LEVELS.slice(level).reduce((a, s) => a * s.heightRadix, 1);
}
