import { describe, expect, it } from 'vitest';
import { beijingHhmm, isOpenAt } from './opening-hours.js';

const at = (beijing: string) => Date.parse(`2026-12-01T${beijing}:00+08:00`);

describe('opening hours (Beijing time)', () => {
  it('a day window: from inclusive, to exclusive', () => {
    const h = { from: '07:00', to: '22:00' };
    expect([at('06:59'), at('07:00'), at('21:59'), at('22:00')].map((t) => isOpenAt(h, t))).toEqual([false, true, true, false]);
  });
  it('a night window spans midnight; equal ends or none mean always open', () => {
    const h = { from: '22:00', to: '06:00' };
    expect([at('21:00'), at('23:30'), at('02:00'), at('06:00')].map((t) => isOpenAt(h, t))).toEqual([false, true, true, false]);
    expect(isOpenAt({ from: '08:00', to: '08:00' }, at('03:00'))).toBe(true);
    expect(isOpenAt(undefined, at('03:00'))).toBe(true);
  });
  it('reads the time in Beijing whatever the instant’s offset', () => {
    expect(beijingHhmm(Date.parse('2026-12-01T23:30:00Z'))).toBe('07:30');
    expect(isOpenAt({ from: '07:00', to: '22:00' }, Date.parse('2026-12-01T23:30:00Z'))).toBe(true);
  });
});
