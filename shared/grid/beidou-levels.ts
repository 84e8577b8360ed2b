/**
 * The ten levels of the BeiDou grid location code (北斗网格位置码, GB/T 39409-2020). All
 * arithmetic is in integer units of 1/2048″ (the level-10 cell), so encoding is exact.
 */

/** Units of 1/2048 arc-second per degree. */
export const UNITS_PER_DEGREE = 3600 * 2048;

export interface LevelSpec {
  level: number;
  /** cell size in units (longitude, latitude) */
  lngUnits: number;
  latUnits: number;
  /** subdivisions of the parent cell (columns, rows); level 1 is special */
  cols: number;
  rows: number;
  /** how the level writes its indices */
  form: 'level1' | 'hex2' | 'combined1' | 'octal2';
  /** height digit radix at this level (height code, Appendix C) */
  heightRadix: number;
}

const S = 2048; // units per arc-second
export const LEVELS: LevelSpec[] = [
  { level: 1, lngUnits: 6 * 3600 * S, latUnits: 4 * 3600 * S, cols: 60, rows: 22, form: 'level1', heightRadix: 64 },
  { level: 2, lngUnits: 30 * 60 * S, latUnits: 30 * 60 * S, cols: 12, rows: 8, form: 'hex2', heightRadix: 8 },
  { level: 3, lngUnits: 15 * 60 * S, latUnits: 10 * 60 * S, cols: 2, rows: 3, form: 'combined1', heightRadix: 2 },
  { level: 4, lngUnits: 60 * S, latUnits: 60 * S, cols: 15, rows: 10, form: 'hex2', heightRadix: 15 },
  { level: 5, lngUnits: 4 * S, latUnits: 4 * S, cols: 15, rows: 15, form: 'hex2', heightRadix: 15 },
  { level: 6, lngUnits: 2 * S, latUnits: 2 * S, cols: 2, rows: 2, form: 'combined1', heightRadix: 2 },
  { level: 7, lngUnits: S / 4, latUnits: S / 4, cols: 8, rows: 8, form: 'octal2', heightRadix: 8 },
  { level: 8, lngUnits: S / 32, latUnits: S / 32, cols: 8, rows: 8, form: 'octal2', heightRadix: 8 },
  { level: 9, lngUnits: S / 256, latUnits: S / 256, cols: 8, rows: 8, form: 'octal2', heightRadix: 8 },
  { level: 10, lngUnits: 1, latUnits: 1, cols: 8, rows: 8, form: 'octal2', heightRadix: 8 },
];

/** 2D code length at each level (index = level). */
export const CODE_LENGTHS = [0, 4, 6, 7, 9, 11, 12, 14, 16, 18, 20];

/** Digits written by a level's 2D part. */
export const digitsOf = (form: LevelSpec['form']) => (form === 'combined1' ? 1 : form === 'level1' ? 3 : 2);
