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
 *
 * Cells over the region (the districts' and the municipality's box) are found by their place in
 * a dense grid of numbers, each naming a remembered cell; cells beyond it in a map. (A map of
 * every cell, keyed by numbers too large for small integers, cost ≈ 100 ns a lookup and a plan
 * looks up dozens.)
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

/** a dense grid is kept for regions of up to this many cells (Chongqing's box: ≈ 0.8 million) */
export const MAX_GRID_CELLS = 4_000_000;

export interface RoutingCells<D extends District> {
  /** the dense grid's first column and row, and its size in cells (0 × 0: no grid) */
  ix0: number;
  iy0: number;
  columns: number;
  rows: number;
  /** (column − ix0) · rows + (row − iy0) → 1 + the cell's place in `known`; 0: not classified yet */
  grid: Int32Array;
  known: Cell<D>[];
  /** cells beyond the grid: cell key → what the cell is */
  memo: Map<number, Cell<D>>;
}

type DistrictTree<D> = RBush<{ minX: number; minY: number; maxX: number; maxY: number; d: D }>;

/** Remembered cells, with a dense grid over `region` (a box in degrees) when it is not too large. */
export function createRoutingCells<D extends District>(region?: readonly [number, number, number, number] | null): RoutingCells<D> {
  const cells: RoutingCells<D> = { ix0: 0, iy0: 0, columns: 0, rows: 0, grid: new Int32Array(0), known: [], memo: new Map() };
  if (!region || !region.every(Number.isFinite)) return cells;
  const ix0 = Math.floor(region[0] / CELL_DEG) - 1;
  const iy0 = Math.floor(region[1] / CELL_DEG) - 1;
  const columns = Math.floor(region[2] / CELL_DEG) + 2 - ix0;
  const rows = Math.floor(region[3] / CELL_DEG) + 2 - iy0;
  if (columns <= 0 || rows <= 0 || columns * rows > MAX_GRID_CELLS) return cells;
  return { ...cells, ix0, iy0, columns, rows, grid: new Int32Array(columns * rows) };
}

/** What the cell is, classified the first time it is asked for and remembered. */
function cellAt<D extends District>(cells: RoutingCells<D>, ix: number, iy: number, districts: DistrictTree<D>, municipality: Shape | null): Cell<D> {
  const col = ix - cells.ix0;
  const row = iy - cells.iy0;
  if (col >= 0 && col < cells.columns && row >= 0 && row < cells.rows) {
    const at = col * cells.rows + row;
    const k = cells.grid[at];
    if (k !== 0) return cells.known[k - 1];
    const c = classify(ix, iy, districts, municipality);
    cells.known.push(c);
    cells.grid[at] = cells.known.length;
    return c;
  }
  const key = cellKey(ix, iy);
  let c = cells.memo.get(key);
  if (c === undefined) {
    c = classify(ix, iy, districts, municipality);
    cells.memo.set(key, c);
  }
  return c;
}

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
        if (!f(cellAt(cells, ix, iy, districts, municipality))) return false;
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
