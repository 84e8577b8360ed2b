/**
 * BeiDou grid height code and 3D code (GB/T 39409-2020 Appendix C). The height layer number is
 * n = floor((θ0/θ)·log_(1+θ0)((H + r0)/r0)), θ0 = π/180, θ = 1/2048″, r0 = 6,378,137 m; its
 * magnitude is written in the mixed radix 64, 8, 2, 15, 15, 2, 8, 8, 8, 8 (one digit per level),
 * after a sign digit (0 above the reference surface, 1 below).
 */
import { digitsOf, LEVELS } from './beidou-levels.js';
import { decode2DParts, encode2D, GridCodeError, type GridCell } from './beidou-code.js';

export const R0_M = 6_378_137;
const THETA0 = Math.PI / 180;
const RATIO = 3600 * 2048; // θ0 / θ
const LN_BASE = Math.log1p(THETA0);

/** Height layer number (signed) of a height in metres. */
export function heightLayer(heightM: number): number {
  if (!Number.isFinite(heightM) || heightM <= -R0_M) throw new GridCodeError('height must be a finite number of metres above -r0', 'INVALID_HEIGHT');
  return Math.floor((RATIO * Math.log1p(heightM / R0_M)) / LN_BASE);
}

/** Lowest height (m) of layer n. */
export function layerBottomM(n: number): number {
  return R0_M * Math.expm1((n * LN_BASE) / RATIO);
}

/** Units of level-10 layers in one layer of each level. */
const LAYER_UNITS = LEVELS.map((_, i) => LEVELS.slice(i + 1).reduce((a, s) => a * s.heightRadix, 1));

/** Height digits for levels 1..level: [two-digit level-1 string, then one character per level]. */
export function heightDigits(heightM: number, level: number): { sign: '0' | '1'; digits: string[] } {
  const n = heightLayer(heightM);
  let m = Math.abs(n);
  const out: string[] = [];
  for (let i = 0; i < level; i++) {
    const d = Math.floor(m / LAYER_UNITS[i]);
    m -= d * LAYER_UNITS[i];
    if (i === 0) {
      if (d >= 64) throw new GridCodeError('height beyond the range of the height code', 'INVALID_HEIGHT');
      out.push(String(d).padStart(2, '0'));
    } else out.push(d.toString(16).toUpperCase());
  }
  return { sign: n < 0 ? '1' : '0', digits: out };
}

/** 3D code: hemisphere, sign, level-1 2D code, level-1 height, then per level its 2D digits and height digit. */
export function encode3D(lng: number, lat: number, heightM: number, level: number): string {
  const c2 = encode2D(lng, lat, level);
  const { sign, digits } = heightDigits(heightM, level);
  let code = c2[0] + sign + c2.slice(1, 4) + digits[0];
  let p = 4;
  for (let l = 2; l <= level; l++) {
    const w = digitsOf(LEVELS[l - 1].form);
    code += c2.slice(p, p + w) + digits[l - 1];
    p += w;
  }
  return code;
}

export const CODE3D_LENGTHS = (() => {
  const out = [0, 7];
  for (let l = 2; l <= 10; l++) out[l] = out[l - 1] + digitsOf(LEVELS[l - 1].form) + 1;
  return out;
})();

export interface Decoded3D {
  level: number;
  code2d: string;
  cell: GridCell;
  heightLowerM: number;
  heightUpperM: number;
}

export function decode3D(code: string): Decoded3D {
  if (typeof code !== 'string') throw new GridCodeError('a code is a string');
  const level = CODE3D_LENGTHS.indexOf(code.length);
  if (level < 1) throw new GridCodeError(`a 3D code has ${CODE3D_LENGTHS.slice(1).join(', ')} characters (got ${code.length})`);
  const sign = code[1];
  if (sign !== '0' && sign !== '1') throw new GridCodeError('the height sign digit must be 0 or 1');
  // rebuild the 2D code and read the height digits
  let code2d = code[0] + code.slice(2, 5);
  if (!/^\d\d$/.test(code.slice(5, 7))) throw new GridCodeError('level 1 height must be two decimal digits');
  let n = Number(code.slice(5, 7)) * LAYER_UNITS[0];
  if (n / LAYER_UNITS[0] >= 64) throw new GridCodeError('level 1 height must be below 64');
  let p = 7;
  for (let l = 2; l <= level; l++) {
    const spec = LEVELS[l - 1];
    const w = digitsOf(spec.form);
    code2d += code.slice(p, p + w);
    const ch = code[p + w];
    const d = parseInt(ch, 16);
    if (!/^[0-9A-Fa-f]$/.test(ch) || d >= spec.heightRadix) throw new GridCodeError(`level ${l}: height digit "${ch}" is out of range (radix ${spec.heightRadix})`);
    n += d * LAYER_UNITS[l - 1];
    p += w + 1;
  }
  const starts: number[] = [0, 0, 4];
  for (let l = 2; l <= 10; l++) starts[l + 1] = starts[l] + digitsOf(LEVELS[l - 1].form);
  const d2 = decode2DParts(code2d, level, (l) => starts[l]);
  const span = LAYER_UNITS[level - 1];
  // above: layers n .. n+span-1; below: |n| counts downward
  const [lo, hi] = sign === '0' ? [n, n + span] : [-(n + span) + 1, -n + 1];
  return { level, code2d, cell: d2.cell, heightLowerM: layerBottomM(lo), heightUpperM: layerBottomM(hi) };
}
