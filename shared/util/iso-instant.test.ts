import { describe, expect, it } from 'vitest';
import { createPrng } from './prng.js';
import { isoInstant } from './iso-instant.js';

describe('isoInstant', () => {
  it('writes what Date#toISOString writes, on seeded instants over the whole range', () => {
    const rng = createPrng(11);
    const spans = [
      [Date.UTC(2000, 0, 1), Date.UTC(2101, 0, 1)],
      [-62_167_219_200_000, 253_402_300_800_000],
      [Date.UTC(1969, 11, 31), Date.UTC(1970, 0, 2)],
    ];
    let n = 0;
    for (const [lo, hi] of spans)
      for (let i = 0; i < 20_000; i++) {
        const ms = Math.floor(rng.range(lo, hi));
        expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
        n++;
      }
    expect(n).toBe(60_000);
  });

  it('is exact at the edges: leap days, century years, the ends of days and of the range', () => {
    const cases = [
      '2000-02-29T23:59:59.999Z',
      '2100-02-28T23:59:59.999Z',
      '2100-03-01T00:00:00.000Z',
      '2024-12-31T23:59:59.000Z',
      '1970-01-01T00:00:00.000Z',
      '1969-12-31T23:59:59.999Z',
      '1600-02-29T12:00:00.001Z',
      '0000-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
    ];
    for (const c of cases) expect(isoInstant(Date.parse(c))).toBe(c);
  });

  it('leaves instants outside years 0000–9999 and non-integers to the builtin', () => {
    for (const ms of [-62_167_219_200_001, 253_402_300_800_000, 1.5e12 + 0.25]) expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
    expect(() => isoInstant(Number.NaN)).toThrow(RangeError);
  });
});
