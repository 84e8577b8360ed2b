/**
 * BeiDou grid location code, 2D (GB/T 39409-2020 §5, Appendix B). From level 2 on, indices count
 * outward from the equator and the prime meridian in every quadrant (mirrored numbering), which
 * falls out of working on |lng| and |lat|.
 */
import { CODE_LENGTHS, digitsOf, LEVELS, UNITS_PER_DEGREE, type LevelSpec } from './beidou-levels.js';

export class GridCodeError extends Error {
  constructor(
    message: string,
    readonly code = 'INVALID_GRID_CODE',
  ) {
    super(message);
  }
}

export interface GridCell {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** Integer position of a point: hemisphere signs and absolute offsets in 1/2048″ units. */
function toUnits(lng: number, lat: number): { east: boolean; north: boolean; x: number; y: number } {
  if (!(Number.isFinite(lng) && Number.isFinite(lat)) || lng < -180 || lng > 180 || lat < -90 || lat > 90) {
    throw new GridCodeError('coordinates must be within ±180, ±90', 'COORDINATE_OUT_OF_RANGE');
  }
  if (Math.abs(lat) >= 88) throw new GridCodeError('polar regions (|lat| ≥ 88°) are not covered by the level-1 bands', 'COORDINATE_OUT_OF_RANGE');
  const x = Math.min(Math.floor(Math.abs(lng) * UNITS_PER_DEGREE + 1e-6), 180 * UNITS_PER_DEGREE - 1);
  const y = Math.floor(Math.abs(lat) * UNITS_PER_DEGREE + 1e-6);
  return { east: lng >= 0, north: lat >= 0, x, y };
}

function writeLevel(spec: LevelSpec, col: number, row: number): string {
  switch (spec.form) {
    case 'hex2':
      return col.toString(16).toUpperCase() + row.toString(16).toUpperCase();
    case 'combined1':
      return String(row * 2 + col);
    case 'octal2':
      return String(col) + String(row);
    default:
      throw new Error('level 1 is written separately');
  }
}

/** Per-level (column, row) indices of a point, levels 1..level. */
function indices(x: number, y: number, level: number): [number, number][] {
  const out: [number, number][] = [];
  let rx = x,
    ry = y;
  for (const spec of LEVELS.slice(0, level)) {
    const col = Math.floor(rx / spec.lngUnits),
      row = Math.floor(ry / spec.latUnits);
    out.push([col, row]);
    rx -= col * spec.lngUnits;
    ry -= row * spec.latUnits;
  }
  return out;
}

export function encode2D(lng: number, lat: number, level: number): string {
  if (!Number.isInteger(level) || level < 1 || level > 10) throw new GridCodeError('level must be an integer 1..10', 'INVALID_LEVEL');
  const u = toUnits(lng, lat);
  const idx = indices(u.x, u.y, level);
  const [k, band] = idx[0];
  const zone = u.east ? k + 31 : 30 - k;
  let code = (u.north ? 'N' : 'S') + String(zone).padStart(2, '0') + String.fromCharCode(65 + band);
  for (let i = 1; i < level; i++) code += writeLevel(LEVELS[i], idx[i][0], idx[i][1]);
  return code;
}

export interface Decoded2D {
  level: number;
  north: boolean;
  east: boolean;
  /** absolute offsets of the cell's corner nearest the origin, in units */
  x: number;
  y: number;
  cell: GridCell;
}

function readDigit(ch: string, radix: number, what: string): number {
  const v = parseInt(ch, radix);
  if (!/^[0-9A-Fa-f]$/.test(ch) || Number.isNaN(v)) throw new GridCodeError(`${what}: "${ch}" is not a base-${radix} digit`);
  return v;
}

/** Reads the 2D digits of levels 2..n starting at `pos`; `onLevel` may consume extra characters. */
export function decode2DParts(code: string, level: number, digitsAt: (level: number) => number): Decoded2D {
  const hemi = code[0];
  if (hemi !== 'N' && hemi !== 'S') throw new GridCodeError('a code starts with N or S');
  const zone = Number(code.slice(1, 3));
  const bandCh = code[3];
  if (!/^\d\d$/.test(code.slice(1, 3)) || zone < 1 || zone > 60) throw new GridCodeError('level 1 zone must be 01..60');
  const band = bandCh ? bandCh.charCodeAt(0) - 65 : -1;
  if (band < 0 || band > 21) throw new GridCodeError('level 1 band must be a letter A..V');
  const east = zone >= 31;
  const k = east ? zone - 31 : 30 - zone;
  let x = k * LEVELS[0].lngUnits,
    y = band * LEVELS[0].latUnits;
  for (let l = 2; l <= level; l++) {
    const spec = LEVELS[l - 1];
    const p = digitsAt(l);
    let col: number, row: number;
    if (spec.form === 'combined1') {
      const d = readDigit(code[p], 10, `level ${l}`);
      if (d >= spec.cols * spec.rows) throw new GridCodeError(`level ${l}: digit ${d} is out of range`);
      col = d % 2;
      row = Math.floor(d / 2);
    } else {
      col = readDigit(code[p], spec.form === 'octal2' ? 8 : 16, `level ${l}`);
      row = readDigit(code[p + 1], spec.form === 'octal2' ? 8 : 16, `level ${l}`);
      if (col >= spec.cols || row >= spec.rows) throw new GridCodeError(`level ${l}: index out of range (${col}, ${row})`);
    }
    x += col * spec.lngUnits;
    y += row * spec.latUnits;
  }
  const spec = LEVELS[level - 1];
  const a0 = x / UNITS_PER_DEGREE,
    a1 = (x + spec.lngUnits) / UNITS_PER_DEGREE;
  const b0 = y / UNITS_PER_DEGREE,
    b1 = (y + spec.latUnits) / UNITS_PER_DEGREE;
  const cell: GridCell = {
    west: east ? a0 : -a1,
    east: east ? a1 : -a0,
    south: hemi === 'N' ? b0 : -b1,
    north: hemi === 'N' ? b1 : -b0,
  };
  return { level, north: hemi === 'N', east, x, y, cell };
}

export function decode2D(code: string): Decoded2D {
  if (typeof code !== 'string') throw new GridCodeError('a code is a string');
  const level = CODE_LENGTHS.indexOf(code.length);
  if (level < 1) throw new GridCodeError(`a 2D code has ${CODE_LENGTHS.slice(1).join(', ')} characters (got ${code.length})`);
  const starts: number[] = [0, 0, 4];
  for (let l = 2; l <= 10; l++) starts[l + 1] = starts[l] + digitsOf(LEVELS[l - 1].form);
  return decode2DParts(code, level, (l) => starts[l]);
}
