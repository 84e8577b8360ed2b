/** Seeded PRNG (mulberry32): every simulation and benchmark replays exactly from its seed. */
export interface Prng {
  /** uniform in [0, 1) */
  next(): number;
  /** uniform in [lo, hi) */
  range(lo: number, hi: number): number;
  /** integer in [lo, hi] */
  int(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
}

/** One step of mulberry32: the state after `state`. */
export const mulberry32Step = (state: number): number => (state + 0x6d2b79f5) >>> 0;

/** The draw in [0, 1) of a mulberry32 state. */
export function mulberry32Draw(state: number): number {
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

export function createPrng(seed: number): Prng {
  let a = seed >>> 0;
  const next = () => {
    a = mulberry32Step(a);
    return mulberry32Draw(a);
  };
  return {
    next,
    range: (lo, hi) => lo + (hi - lo) * next(),
    int: (lo, hi) => lo + Math.floor((hi - lo + 1) * next()),
    pick: (items) => items[Math.floor(items.length * next())],
  };
}

/** FNV-1a of `s`, going on from hash `h` (`hashString` is `fnv1a(0x811c9dc5, s) >>> 0`). */
export function fnv1a(h: number, s: string): number {
  let x = h;
  for (let i = 0; i < s.length; i++) {
    x ^= s.charCodeAt(i);
    x = Math.imul(x, 0x01000193);
  }
  return x;
}

export function hashString(s: string): number {
  return fnv1a(0x811c9dc5, s) >>> 0;
}
