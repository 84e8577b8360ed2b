import { describe, expect, it } from 'vitest';
import { circleExtent, MAX_ABS_LAT_DEG, validateOutline } from './validate-outline.js';

const sq = [
  [106.5, 29.5],
  [106.51, 29.5],
  [106.51, 29.51],
  [106.5, 29.51],
  [106.5, 29.5],
] as [number, number][];
const codes = (o: Parameters<typeof validateOutline>[0]) => validateOutline(o).map((p) => p.code);

describe('validateOutline', () => {
  it('accepts a simple polygon, a polygon with a hole and a circle', () => {
    expect(codes({ type: 'Polygon', coordinates: [sq] })).toEqual([]);
    const hole = [
      [106.502, 29.502],
      [106.503, 29.502],
      [106.503, 29.503],
      [106.502, 29.502],
    ] as [number, number][];
    expect(codes({ type: 'Polygon', coordinates: [sq, hole] })).toEqual([]);
    expect(codes({ type: 'Circle', center: [106.5, 29.5], radiusM: 100 })).toEqual([]);
  });
  it('rejects each kind of bad outline with its code', () => {
    expect(
      codes({
        type: 'Polygon',
        coordinates: [
          [
            [106.5, 29.5],
            [106.51, 29.5],
            [106.51, 29.51],
            [106.5, 29.5 + 1e-3],
          ],
        ],
      }),
    ).toEqual(['RING_NOT_CLOSED']);
    expect(
      codes({
        type: 'Polygon',
        coordinates: [
          [
            [106.5, 29.5],
            [106.51, 29.5],
            [106.5, 29.5],
          ],
        ],
      }),
    ).toEqual(['RING_TOO_SHORT']);
    expect(
      codes({
        type: 'Polygon',
        coordinates: [
          [
            [106.5, 29.5],
            [186, 29.5],
            [106.51, 29.51],
            [106.5, 29.5],
          ],
        ],
      }),
    ).toEqual(['COORDINATE_OUT_OF_RANGE']);
    expect(
      codes({
        type: 'Polygon',
        coordinates: [
          [
            [106.5, 29.5],
            [106.51, 29.5],
            [106.52, 29.5],
            [106.5, 29.5],
          ],
        ],
      }),
    ).toEqual(['DEGENERATE_OUTLINE']);
    // bow-tie
    expect(
      codes({
        type: 'Polygon',
        coordinates: [
          [
            [106.5, 29.5],
            [106.51, 29.51],
            [106.51, 29.5],
            [106.5, 29.51],
            [106.5, 29.5],
          ],
        ],
      }),
    ).toEqual(['SELF_INTERSECTING_OUTLINE']);
    // a ring touching itself at one vertex (figure of eight)
    expect(
      codes({
        type: 'Polygon',
        coordinates: [
          [
            [106.5, 29.5],
            [106.51, 29.5],
            [106.505, 29.505],
            [106.51, 29.51],
            [106.5, 29.51],
            [106.505, 29.505],
            [106.5, 29.5],
          ],
        ],
      }),
    ).toEqual(['SELF_INTERSECTING_OUTLINE']);
    // spike folding back on itself
    expect(
      codes({
        type: 'Polygon',
        coordinates: [
          [
            [106.5, 29.5],
            [106.52, 29.5],
            [106.51, 29.5],
            [106.51, 29.51],
            [106.5, 29.5],
          ],
        ],
      }),
    ).toEqual(['SELF_INTERSECTING_OUTLINE']);
    expect(
      codes({
        type: 'Polygon',
        coordinates: [
          sq,
          [
            [106.6, 29.6],
            [106.61, 29.6],
            [106.61, 29.61],
            [106.6, 29.6],
          ],
        ],
      }),
    ).toEqual(['HOLE_OUTSIDE_OUTER']);
    expect(codes({ type: 'Circle', center: [106.5, 29.5], radiusM: 0 })).toEqual(['INVALID_RADIUS']);
    const many = Array.from({ length: 1200 }, (_, i) => [106.5 + 0.01 * Math.cos(i / 191), 29.5 + 0.01 * Math.sin(i / 191)] as [number, number]);
    expect(codes({ type: 'Polygon', coordinates: [[...many, many[0]]] })).toContain('TOO_MANY_VERTICES');
  });
});

describe('validateOutline: the served extent and the area cap', () => {
  it('refuses anything beyond latitude ±85° (the pole circle) and a circle whose centre ± radius reaches past it', () => {
    expect(codes({ type: 'Circle', center: [0, 90], radiusM: 100_000 })).toEqual(['COORDINATE_OUT_OF_RANGE']);
    expect(codes({ type: 'Circle', center: [0, -86], radiusM: 10 })).toEqual(['COORDINATE_OUT_OF_RANGE']);
    expect(codes({ type: 'Circle', center: [0, 84.5], radiusM: 100_000 })).toEqual(['OUTLINE_TOO_LARGE']);
    expect(codes({ type: 'Circle', center: [0, 84.5], radiusM: 50_000 })).toEqual([]);
    expect(
      codes({
        type: 'Polygon',
        coordinates: [
          [
            [0, 84],
            [1, 84],
            [1, 86],
            [0, 84],
          ],
        ],
      }),
    ).toEqual(['COORDINATE_OUT_OF_RANGE']);
    expect(circleExtent([0, 0], 111_195)[3]).toBeCloseTo(1, 3);
    expect(MAX_ABS_LAT_DEG).toBe(85);
  });
  it('refuses outlines across the antimeridian', () => {
    expect(codes({ type: 'Circle', center: [179.99, 10], radiusM: 5_000 })).toEqual(['OUTLINE_TOO_LARGE']);
    expect(codes({ type: 'Circle', center: [-179.99, 10], radiusM: 5_000 })).toEqual(['OUTLINE_TOO_LARGE']);
    expect(codes({ type: 'Circle', center: [179.9, 10], radiusM: 5_000 })).toEqual([]);
    expect(
      codes({
        type: 'Polygon',
        coordinates: [
          [
            [179.5, 10],
            [-179.5, 10],
            [-179.5, 11],
            [179.5, 10],
          ],
        ],
      }),
    ).toEqual(['OUTLINE_TOO_LARGE']);
  });
  it('caps the footprint area when asked (circle: π r², polygon: outer minus holes)', () => {
    const limits = { maxVertices: 1000, maxRadiusM: 100_000, minAreaM2: 1, maxAreaM2: 2_500e6 };
    expect(validateOutline({ type: 'Circle', center: [106.5, 29.5], radiusM: 28_000 }, 'o', limits)).toEqual([]);
    expect(validateOutline({ type: 'Circle', center: [106.5, 29.5], radiusM: 29_000 }, 'o', limits).map((p) => p.code)).toEqual(['OUTLINE_TOO_LARGE']);
    const box = (d: number): [number, number][] => [
      [106, 29],
      [106 + d, 29],
      [106 + d, 29 + d],
      [106, 29 + d],
      [106, 29],
    ];
    expect(validateOutline({ type: 'Polygon', coordinates: [box(0.4)] }, 'o', limits)).toEqual([]); // ≈ 1,700 km²
    expect(validateOutline({ type: 'Polygon', coordinates: [box(0.6)] }, 'o', limits).map((p) => p.code)).toEqual(['OUTLINE_TOO_LARGE']); // ≈ 3,900 km²
    const hole: [number, number][] = [
      [106.05, 29.05],
      [106.55, 29.05],
      [106.55, 29.55],
      [106.05, 29.55],
      [106.05, 29.05],
    ];
    expect(validateOutline({ type: 'Polygon', coordinates: [box(0.6), hole] }, 'o', limits)).toEqual([]);
    expect(codes({ type: 'Polygon', coordinates: [box(0.6)] })).toEqual([]); // no cap by default
  });
});
