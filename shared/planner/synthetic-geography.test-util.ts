/** A small synthetic geography with answers that can be worked out by hand (used by the planner tests). */
import { destination } from '../geo/earth.js';
import type { LngLat } from '../geo/types.js';
import type { Zone } from '../schemas/zone.js';
import { buildGeography, type PlannerGeography } from './geography.js';

const square = (w: number, s: number, e: number, n: number): LngLat[][] => [
  [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ],
];

/** Points along the parallel 30°N, `km` kilometres east of 106°E. */
export const east = (km: number): LngLat => destination([106, 30], km * 1000, 90);

/**
 * District 100001 spans 106.0–106.2°E, 100002 spans 106.2–106.4°E (both 30.0–30.1°N).
 * Townships: 001 (106.05), 002 (106.06, 964 m from 001), 003 (106.15, 9.6 km from 001) in the
 * first; 004 (106.30, weight 5) in the second; 005 has no seat (a point inside 100002 stands in).
 */
export function twoDistricts(extra: { zones?: Zone[]; withSeatless?: boolean } = {}): PlannerGeography {
  const rows = [
    { code: '100001001', name: '甲镇', county_adcode: '100001', lng: '106.05', lat: '30.05' },
    { code: '100001002', name: '乙镇', county_adcode: '100001', lng: '106.06', lat: '30.05' },
    { code: '100001003', name: '丙镇', county_adcode: '100001', lng: '106.15', lat: '30.05' },
    { code: '100002004', name: '丁镇', county_adcode: '100002', lng: '106.30', lat: '30.05' },
    ...(extra.withSeatless ? [{ code: '100002005', name: '戊乡', county_adcode: '100002', lng: '', lat: '' }] : []),
  ];
  return buildGeography({
    districts: [
      { adcode: '100001', name: '甲县', outline: { type: 'Polygon', coordinates: square(106.0, 30.0, 106.2, 30.1) }, center: [106.1, 30.05] },
      { adcode: '100002', name: '乙县', outline: { type: 'Polygon', coordinates: square(106.2, 30.0, 106.4, 30.1) } },
    ],
    townships: rows,
    zones: extra.zones ?? [],
    weights: new Map([['100002004', 5]]),
  });
}
