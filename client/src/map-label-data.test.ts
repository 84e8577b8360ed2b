import { describe, expect, it } from 'vitest';
import type { Zone } from '../../shared/schemas/zone.js';
import { aircraftLabels, zoneBandText, zoneLabelPoint, zoneLabels } from './map-label-data.js';

const zone = (id: string, kind: Zone['kind'], outline: Zone['outline']): Zone =>
  ({ id, name: id, kind, outline, altitudeLowerM: 0, altitudeUpperM: 3000, applicability: { kind: 'permanent' } }) as unknown as Zone;

describe('map labels', () => {
  it("a zone's band in words, at its centre", () => {
    expect(zoneBandText({ kind: 'controlled', altitudeLowerM: 0, altitudeUpperM: 3000 }, 'zh')).toBe('管制空域 0–3000 m');
    expect(zoneLabelPoint(zone('C', 'prohibited', { type: 'Circle', center: [106.36, 29.5], radiusM: 5000 }))).toEqual([106.36, 29.5]);
    const square = zone('P', 'controlled', {
      type: 'Polygon',
      coordinates: [
        [
          [106, 29],
          [107, 29],
          [107, 30],
          [106, 30],
          [106, 29],
        ],
      ],
    });
    expect(zoneLabelPoint(square)).toEqual([106.5, 29.5]);
  });

  it('only zones that apply, temporary and prohibited first; airport names in Chinese', () => {
    const zones = [
      zone('ZONE-ZUCK', 'controlled', { type: 'Circle', center: [106.6, 29.7], radiusM: 1000 }),
      zone('TMP-1', 'temporary', { type: 'Circle', center: [106.9, 29.9], radiusM: 1000 }),
      zone('OFF', 'prohibited', { type: 'Circle', center: [107, 30], radiusM: 1000 }),
    ];
    const labels = zoneLabels(zones, new Set(['ZONE-ZUCK', 'TMP-1']), 'zh');
    expect(labels.map((l) => l.key)).toEqual(['TMP-1', 'ZONE-ZUCK']);
    expect(labels[1].text).toBe('重庆江北国际机场净空保护区\n管制空域 0–3000 m');
  });

  it('an aircraft by id and height', () => {
    expect(aircraftLabels([{ id: 'UAS-1', lng: 1, lat: 2, altitudeM: 87.6, speedMps: 1, headingDeg: 0, source: [] }])).toEqual([{ key: 'UAS-1', at: [1, 2], text: 'UAS-1 · 88 m' }]);
  });
});
