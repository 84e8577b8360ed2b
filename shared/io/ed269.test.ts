import { describe, expect, it } from 'vitest';
import { parseEd269 } from './ed269.js';

const feature = (applicability: unknown, horizontalProjection: unknown = { type: 'Circle', center: [106.45, 29.6], radius: 500 }) => ({
  features: [{ identifier: 'CQ-T-1', restriction: 'PROHIBITED', reason: ['OTHER'], applicability, geometry: [{ uomDimensions: 'M', lowerLimit: 0, upperLimit: 120, horizontalProjection }] }],
});
const problems = (doc: unknown) => parseEd269(doc).problems.map((p) => [p.code, p.path]);

describe('ED-269 import: times and extent', () => {
  it('imports a valid window and schedule', () => {
    expect(parseEd269(feature([{ permanent: 'NO', startDateTime: '2026-12-01T02:00:00Z', endDateTime: '2026-12-01T04:00:00Z' }])).zones).toHaveLength(1);
    expect(parseEd269(feature([{ permanent: 'NO', startDateTime: '2020-01-01T00:00:00Z', endDateTime: '2020-02-01T00:00:00Z' }])).zones).toHaveLength(1); // history may be imported
  });
  it('refuses leap seconds, impossible dates and years outside 2000–2100, with their codes and ED-269 paths', () => {
    expect(problems(feature([{ permanent: 'NO', startDateTime: '2026-12-01T23:59:60Z', endDateTime: '2026-12-02T04:00:00Z' }]))).toEqual([['INVALID_TIME', 'features[0].applicability.startDateTime']]);
    expect(problems(feature([{ permanent: 'NO', startDateTime: '2026-02-30T00:00:00Z', endDateTime: '2026-03-04T00:00:00Z' }]))).toEqual([['INVALID_TIME', 'features[0].applicability.startDateTime']]);
    expect(problems(feature([{ permanent: 'NO', startDateTime: '2026-12-01T00:00:00Z', endDateTime: '9999-12-31T23:59:59Z' }]))).toEqual([
      ['TIME_OUT_OF_RANGE', 'features[0].applicability.endDateTime'],
    ]);
    expect(problems(feature([{ permanent: 'NO', startDateTime: 20261201 }]))[0]).toEqual(['INVALID_TIME', 'features[0].applicability.startDateTime']);
  });
  it('refuses an end before the start, for a window and for a schedule', () => {
    expect(problems(feature([{ permanent: 'NO', startDateTime: '2026-12-02T00:00:00Z', endDateTime: '2026-12-01T00:00:00Z' }]))).toEqual([['END_BEFORE_START', 'features[0].applicability']]);
    expect(
      problems(feature([{ permanent: 'NO', startDateTime: '2027-01-01T00:00:00Z', endDateTime: '2026-01-01T00:00:00Z', schedule: [{ day: ['ANY'], startTime: '08:00', endTime: '18:00' }] }])),
    ).toEqual([['END_BEFORE_START', 'features[0].applicability']]);
  });
  it('refuses a circle at the pole or across the antimeridian', () => {
    expect(problems(feature(undefined, { type: 'Circle', center: [0, 90], radius: 100_000 }))[0][0]).toBe('COORDINATE_OUT_OF_RANGE');
    expect(problems(feature(undefined, { type: 'Circle', center: [179.999, 0], radius: 1000 }))[0][0]).toBe('OUTLINE_TOO_LARGE');
  });
});
