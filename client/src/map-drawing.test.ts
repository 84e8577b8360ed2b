/** Polygons drawn by clicks: repeated clicks add no vertex; a ring closes on the first. */
import { describe, expect, it } from 'vitest';
import type { LngLat } from '../../shared/geo/types.js';
import { clickedVertex, distinctVertices, drawnRing } from './map-drawing.js';

const a: LngLat = [106.4, 29.8];
const b: LngLat = [106.42, 29.8];
const c: LngLat = [106.42, 29.82];

describe('drawn polygons', () => {
  it('drop a vertex clicked twice in a row and a closing click on the first', () => {
    expect(distinctVertices([a, b, b, c])).toEqual([a, b, c]);
    expect(distinctVertices([a, b, c, a])).toEqual([a, b, c]);
    expect(distinctVertices([a, a, a])).toEqual([a]);
    expect(distinctVertices([])).toEqual([]);
    // a vertex met again later (not the last click) stays: the shape is the server's to judge
    expect(distinctVertices([a, b, a, c])).toEqual([a, b, a, c]);
  });
  it('make a closed ring of three distinct vertices or more, else none', () => {
    expect(drawnRing([a, b, c])).toEqual([a, b, c, a]);
    expect(drawnRing([a, b, b, a])).toBeNull(); // a triangle of two
    expect(drawnRing([a, b, c, c, a])).toEqual([a, b, c, a]);
  });
});

describe('a click while drawing', () => {
  const d: LngLat = [106.4, 29.82];
  it('closes a ring of three or more when it falls within 10 px of the first vertex', () => {
    // 5 m a pixel: 40 m off the first vertex is 8 px (closes), 80 m is 16 px (a vertex)
    const near: LngLat = [a[0] + 40 / (111_320 * Math.cos((a[1] * Math.PI) / 180)), a[1]];
    const far: LngLat = [a[0] + 80 / (111_320 * Math.cos((a[1] * Math.PI) / 180)), a[1]];
    expect(clickedVertex([a, b, c], near, 5, true)).toBeNull();
    expect(clickedVertex([a, b, c], far, 5, true)).toEqual(far);
    // zoomed out (50 m a pixel) the far one closes too
    expect(clickedVertex([a, b, c], far, 50, true)).toBeNull();
  });
  it('adds a vertex with fewer than three, and always on a route', () => {
    expect(clickedVertex([a, b], a, 5, true)).toEqual(a);
    expect(clickedVertex([a, b, c, d], a, 5, false)).toEqual(a);
  });
});
