import { describe, expect, it } from 'vitest';
import { activeIntervals, appliesDuring, appliesThroughout } from './applicability.js';

const t = (s: string) => Date.parse(s);

describe('zone applicability', () => {
  it('permanent and window zones', () => {
    expect(appliesDuring({ kind: 'permanent' }, t('2026-12-01T00:00:00Z'), t('2026-12-01T01:00:00Z'))).toBe(true);
    const w = { kind: 'window' as const, start: '2026-12-01T02:00:00Z', end: '2026-12-01T04:00:00Z' };
    expect(appliesDuring(w, t('2026-12-01T04:00:00Z'), t('2026-12-01T05:00:00Z'))).toBe(true); // inclusive
    expect(appliesDuring(w, t('2026-12-01T04:00:01Z'), t('2026-12-01T05:00:00Z'))).toBe(false);
    expect(activeIntervals(w, t('2026-12-01T03:00:00Z'), t('2026-12-01T05:00:00Z'))).toEqual([[t('2026-12-01T03:00:00Z'), t('2026-12-01T04:00:00Z')]]);
  });

  it('weekly schedules in Beijing time, including overnight periods', () => {
    // 2026-12-01 is a Tuesday. Weekdays 08:00-18:00 local = 00:00-10:00 UTC.
    const weekly = { kind: 'weekly' as const, periods: [{ days: [1, 2, 3, 4, 5], startTime: '08:00', endTime: '18:00' }] };
    expect(appliesDuring(weekly, t('2026-12-01T09:00:00Z'), t('2026-12-01T09:30:00Z'))).toBe(true);
    expect(appliesDuring(weekly, t('2026-12-01T10:00:01Z'), t('2026-12-01T23:59:00Z'))).toBe(false);
    expect(appliesDuring(weekly, t('2026-12-05T01:00:00Z'), t('2026-12-05T02:00:00Z'))).toBe(false); // Saturday
    expect(appliesThroughout(weekly, t('2026-12-01T01:00:00Z'), t('2026-12-01T02:00:00Z'))).toBe(true);
    expect(appliesThroughout(weekly, t('2026-12-01T09:00:00Z'), t('2026-12-01T11:00:00Z'))).toBe(false);
    // Sunday 22:00 → Monday 06:00 local
    const night = { kind: 'weekly' as const, periods: [{ days: [7], startTime: '22:00', endTime: '06:00' }] };
    // Monday 2026-11-30 03:00 local = Sunday 2026-11-29 19:00 UTC
    expect(appliesDuring(night, t('2026-11-29T19:00:00Z'), t('2026-11-29T19:00:00Z'))).toBe(true);
    expect(appliesDuring(night, t('2026-11-29T22:30:00Z'), t('2026-11-29T23:00:00Z'))).toBe(false); // Monday 06:30 local
    const iv = activeIntervals(weekly, t('2026-11-30T00:00:00Z'), t('2026-12-06T23:59:59Z'));
    expect(iv).toHaveLength(5);
    expect(iv[0]).toEqual([t('2026-11-30T00:00:00Z'), t('2026-11-30T10:00:00Z')]);
  });
});
