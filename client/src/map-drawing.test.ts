/** Polygons drawn by clicks: repeated clicks add no vertex; a ring closes on the first. */
import { describe, expect, it } from 'vitest';
import type { LngLat } from '../../shared/geo/types.js';
import { distinctVertices, drawnRing } from './map-drawing.js';

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
