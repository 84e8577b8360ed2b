import { describe, expect, it } from 'vitest';
import { validateOutline } from './validate-outline.js';

const sq = [[106.5, 29.5], [106.51, 29.5], [106.51, 29.51], [106.5, 29.51], [106.5, 29.5]] as [number, number][];
const codes = (o: Parameters<typeof validateOutline>[0]) => validateOutline(o).map((p) => p.code);

describe('validateOutline', () => {
  it('accepts a simple polygon, a polygon with a hole and a circle', () => {
    expect(codes({ type: 'Polygon', coordinates: [sq] })).toEqual([]);
    const hole = [[106.502, 29.502], [106.503, 29.502], [106.503, 29.503], [106.502, 29.502]] as [number, number][];
    expect(codes({ type: 'Polygon', coordinates: [sq, hole] })).toEqual([]);
    expect(codes({ type: 'Circle', center: [106.5, 29.5], radiusM: 100 })).toEqual([]);
  });
  it('rejects each kind of bad outline with its code', () => {
    expect(codes({ type: 'Polygon', coordinates: [[[106.5, 29.5], [106.51, 29.5], [106.51, 29.51], [106.5, 29.5 + 1e-3]]] })).toEqual(['RING_NOT_CLOSED']);
    expect(codes({ type: 'Polygon', coordinates: [[[106.5, 29.5], [106.51, 29.5], [106.5, 29.5]]] })).toEqual(['RING_TOO_SHORT']);
    expect(codes({ type: 'Polygon', coordinates: [[[106.5, 29.5], [186, 29.5], [106.51, 29.51], [106.5, 29.5]]] })).toEqual(['COORDINATE_OUT_OF_RANGE']);
    expect(codes({ type: 'Polygon', coordinates: [[[106.5, 29.5], [106.51, 29.5], [106.52, 29.5], [106.5, 29.5]]] })).toEqual(['DEGENERATE_OUTLINE']);
    // bow-tie
    expect(codes({ type: 'Polygon', coordinates: [[[106.5, 29.5], [106.51, 29.51], [106.51, 29.5], [106.5, 29.51], [106.5, 29.5]]] })).toEqual(['SELF_INTERSECTING_OUTLINE']);
    // a ring touching itself at one vertex (figure of eight)
    expect(codes({ type: 'Polygon', coordinates: [[[106.5, 29.5], [106.51, 29.5], [106.505, 29.505], [106.51, 29.51], [106.5, 29.51], [106.505, 29.505], [106.5, 29.5]]] }))
      .toEqual(['SELF_INTERSECTING_OUTLINE']);
    // spike folding back on itself
    expect(codes({ type: 'Polygon', coordinates: [[[106.5, 29.5], [106.52, 29.5], [106.51, 29.5], [106.51, 29.51], [106.5, 29.5]]] })).toEqual(['SELF_INTERSECTING_OUTLINE']);
    expect(codes({ type: 'Polygon', coordinates: [sq, [[106.6, 29.6], [106.61, 29.6], [106.61, 29.61], [106.6, 29.6]]] })).toEqual(['HOLE_OUTSIDE_OUTER']);
    expect(codes({ type: 'Circle', center: [106.5, 29.5], radiusM: 0 })).toEqual(['INVALID_RADIUS']);
    const many = Array.from({ length: 1200 }, (_, i) => [106.5 + 0.01 * Math.cos(i / 191), 29.5 + 0.01 * Math.sin(i / 191)] as [number, number]);
    expect(codes({ type: 'Polygon', coordinates: [[...many, many[0]]] })).toContain('TOO_MANY_VERTICES');
  });
});
