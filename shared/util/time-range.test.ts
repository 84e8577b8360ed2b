import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, MAX_INSTANT_MS, MIN_INSTANT_MS, parseInstant, parseWindow, type TimeProblem } from './time-range.js';

const code = (v: unknown) => {
  const r = parseInstant(v);
  return typeof r === 'number' ? r : r.code;
};

describe('parseInstant', () => {
  it('reads RFC 3339 date-times as Date.parse does', () => {
    expect(parseInstant('2026-12-01T02:00:00Z')).toBe(Date.parse('2026-12-01T02:00:00Z'));
    expect(parseInstant('2026-12-01T10:00:00+08:00')).toBe(Date.parse('2026-12-01T02:00:00Z'));
    expect(parseInstant('2026-12-01t02:00:00.5z')).toBe(Date.parse('2026-12-01T02:00:00.500Z'));
    expect(parseInstant('2026-12-01T02:00:00.123456789Z')).toBe(Date.parse('2026-12-01T02:00:00.123Z'));
    expect(parseInstant('2000-01-01T00:00:00Z')).toBe(MIN_INSTANT_MS);
    expect(parseInstant('2100-12-31T23:59:59.999Z')).toBe(MAX_INSTANT_MS);
    expect(parseInstant('2024-02-29T00:00:00Z')).toBe(Date.parse('2024-02-29T00:00:00Z'));
  });
  it('refuses what is not a real instant: INVALID_TIME', () => {
    for (const s of [
      '2026-12-01T23:59:60Z',
      '2026-02-30T00:00:00Z',
      '2026-02-29T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-12-01T24:00:00Z',
      '2026-12-01 02:00:00Z',
      '2026-12-01T02:00:00',
      'tomorrow',
      '',
      '2026-12-01T02:00:00+24:00',
      '+053311-01-01T00:00:00Z',
      1796090400000,
      null,
    ]) {
      expect(code(s), String(s)).toBe('INVALID_TIME');
    }
  });
  it('refuses instants outside 2000–2100: TIME_OUT_OF_RANGE', () => {
    for (const s of ['0001-01-01T00:00:00Z', '1999-12-31T23:59:59Z', '2000-01-01T07:59:59+08:00', '2101-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2100-12-31T23:00:00-02:00']) {
      expect(code(s), s).toBe('TIME_OUT_OF_RANGE');
    }
  });
  it('names the path and shortens a long value in its message', () => {
    const p = parseInstant(`2026-12-01T02:00:00.${'1'.repeat(5000)}x`, 'volumes[0].timeStart') as TimeProblem;
    expect(p).toMatchObject({ code: 'INVALID_TIME', path: 'volumes[0].timeStart' });
    expect(p.message.length).toBeLessThan(200);
  });
  it('agrees with Date.parse on every instant it accepts (property, seeded)', () => {
    const instant = fc.integer({ min: MIN_INSTANT_MS - 3 * 86_400_000, max: MAX_INSTANT_MS + 3 * 86_400_000 });
    const offset = fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 });
    fc.assert(
      fc.property(instant, offset, fc.integer({ min: 0, max: 9 }), (ms, offMin, digits) => {
        const local = new Date(ms + offMin * 60_000).toISOString().slice(0, 19);
        const frac = digits ? `.${String(ms % 1000).padStart(3, '0')}${'7'.repeat(Math.max(0, digits - 3))}`.slice(0, digits + 1) : '';
        const off = offMin === 0 ? 'Z' : `${offMin < 0 ? '-' : '+'}${String(Math.floor(Math.abs(offMin) / 60)).padStart(2, '0')}:${String(Math.abs(offMin) % 60).padStart(2, '0')}`;
        const s = `${local}${frac}${off}`;
        const r = parseInstant(s);
        const inRange = Date.parse(s) >= MIN_INSTANT_MS && Date.parse(s) <= MAX_INSTANT_MS;
        if (inRange) expect(r).toBe(Date.parse(s));
        else expect(r).toMatchObject({ code: 'TIME_OUT_OF_RANGE' });
      }),
      { seed: 20261201, numRuns: 2000 },
    );
  });
  it('never throws and answers a number only when Date.parse agrees (property over arbitrary strings)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,12})?([Zz]|[+-]\d{2}:\d{2})?$/)), (s) => {
        const r = parseInstant(s);
        if (typeof r === 'number') expect(r).toBe(Date.parse(s));
        else expect(['INVALID_TIME', 'TIME_OUT_OF_RANGE']).toContain(r.code);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });
});

describe('parseWindow and formatDuration', () => {
  it('collects both problems, or returns both instants', () => {
    const problems: TimeProblem[] = [];
    expect(parseWindow('2026-12-01T23:59:60Z', '9999-01-01T00:00:00Z', { start: 's', end: 'e' }, problems)).toBeNull();
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['INVALID_TIME', 's'],
      ['TIME_OUT_OF_RANGE', 'e'],
    ]);
    expect(parseWindow('2026-12-01T00:00:00Z', '2026-12-01T01:00:00Z', { start: 's', end: 'e' }, problems)).toEqual([Date.parse('2026-12-01T00:00:00Z'), Date.parse('2026-12-01T01:00:00Z')]);
  });
  it('prints durations', () => {
    expect(formatDuration(30 * 60_000)).toBe('30 min');
    expect(formatDuration(25.5 * 3_600_000)).toBe('25 h 30 min');
    expect(formatDuration(400 * 86_400_000)).toBe('400 days');
  });
});
