/**
 * A shortcut for station routing that gives exactly the answer of the full test. The region is cut
 * into cells of CELL_DEG degrees; a cell is "pure" for district D when it lies wholly inside D
 * (no tolerance) and inside the municipality, and no other district comes within the tolerance
 * of it. A footprint whose bounding box is covered by cells pure for one D therefore meets D and
 * no other district and lies inside the municipality — what the polygon tests would find, without
 * running them against outlines of thousands of vertices. A footprint across districts whose cells
 * all lie inside the municipality is inside it too (the border test is spared). Cells are
 * classified the first time a footprint needs them (with the same exact tests) and remembered;
 * anything else takes the full test.
 */
import { shapeContains } from '../geo/contains.js';
import { DEFAULT_TOLERANCE_M, shapesIntersect } from '../geo/intersect.js';
import { padBBox, prepareOutline, type Shape } from '../geo/shape.js';
import type RBush from 'rbush';

export const CELL_DEG = 0.005;
/** footprints spanning more cells than this take the full test (classifying them would cost more) */
const MAX_CELLS = 96;

interface District {
  adcode: string;
  shape: Shape;
}

export interface Cell<D> {
  /** the district it is pure for, or null (near a boundary, or outside) */
  pure: D | null;
  /** wholly inside the municipality */
  inside: boolean;
}

export interface RoutingCells<D extends District> {
  /** cell key → what the cell is */
  memo: Map<number, Cell<D>>;
}

type DistrictTree<D> = RBush<{ minX: number; minY: number; maxX: number; maxY: number; d: D }>;

export const createRoutingCells = <D extends District>(): RoutingCells<D> => ({ memo: new Map() });

const cellKey = (ix: number, iy: number) => (ix + 100_000) * 200_000 + (iy + 100_000);

function classify<D extends District>(ix: number, iy: number, districts: DistrictTree<D>, municipality: Shape | null): Cell<D> {
  const x0 = ix * CELL_DEG,
    y0 = iy * CELL_DEG,
    x1 = x0 + CELL_DEG,
    y1 = y0 + CELL_DEG;
  const cell = prepareOutline({
    type: 'Polygon',
    coordinates: [
      [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
        [x0, y0],
      ],
    ],
  });
  const inside = !municipality || shapeContains(municipality, cell, 0);
  if (!inside) return { pure: null, inside };
  const b = padBBox(cell.bbox, DEFAULT_TOLERANCE_M * 10);
  let pure: D | null = null;
  for (const it of districts.search({ minX: b[0], minY: b[1], maxX: b[2], maxY: b[3] })) {
    if (!shapesIntersect(cell, it.d.shape)) continue;
    if (pure || !shapeContains(it.d.shape, cell, 0)) return { pure: null, inside }; // two districts near it, or D's boundary crosses it
    pure = it.d;
  }
  return { pure, inside };
}

/** Calls `f` with every cell a footprint's box covers; false as soon as `f` does, or when there are too many. */
function everyCell<D extends District>(cells: RoutingCells<D>, districts: DistrictTree<D>, municipality: Shape | null, shapes: readonly Shape[], f: (c: Cell<D>) => boolean): boolean {
  for (const s of shapes) {
    const ix0 = Math.floor(s.bbox[0] / CELL_DEG),
      iy0 = Math.floor(s.bbox[1] / CELL_DEG),
      ix1 = Math.floor(s.bbox[2] / CELL_DEG),
      iy1 = Math.floor(s.bbox[3] / CELL_DEG);
    if ((ix1 - ix0 + 1) * (iy1 - iy0 + 1) > MAX_CELLS) return false;
    for (let ix = ix0; ix <= ix1; ix++) {
      for (let iy = iy0; iy <= iy1; iy++) {
        const key = cellKey(ix, iy);
        let c = cells.memo.get(key);
        if (c === undefined) {
          c = classify(ix, iy, districts, municipality);
          cells.memo.set(key, c);
        }
        if (!f(c)) return false;
      }
    }
  }
  return true;
}

/**
 * The one district that every footprint lies wholly inside, far from every other district and
 * inside the municipality, as the cells show; undefined when the cells cannot tell.
 */
export function pureDistrict<D extends District>(cells: RoutingCells<D>, districts: DistrictTree<D>, municipality: Shape | null, shapes: readonly Shape[]): D | undefined {
  let found: D | undefined;
  const all = everyCell(cells, districts, municipality, shapes, (c) => {
    if (c.pure === null || (found && c.pure !== found)) return false;
    found = c.pure;
    return true;
  });
  return all ? found : undefined;
}

/** Every footprint lies inside the municipality, as the cells show; false when they cannot tell. */
export function insideByCells<D extends District>(cells: RoutingCells<D>, districts: DistrictTree<D>, municipality: Shape | null, shapes: readonly Shape[]): boolean {
  return shapes.length > 0 && everyCell(cells, districts, municipality, shapes, (c) => c.inside);
}
