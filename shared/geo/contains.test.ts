import { describe, expect, it } from 'vitest';
import { shapeContains } from './contains.js';
import { destination } from './earth.js';
import { prepareOutline } from './shape.js';
import type { LngLat } from './types.js';

const o: LngLat = [106.5, 29.5];
const at = (x: number, y: number): LngLat => destination(destination(o, x, 90), y, 0);
const poly = (...rings: [number, number][][]) => prepareOutline({ type: 'Polygon', coordinates: rings.map((r) => [...r.map(([x, y]) => at(x, y)), at(r[0][0], r[0][1])]) });
const circle = (x: number, y: number, r: number) => prepareOutline({ type: 'Circle', center: at(x, y), radiusM: r });
const U = poly([
  [0, 0],
  [300, 0],
  [300, 300],
  [200, 300],
  [200, 100],
  [100, 100],
  [100, 300],
  [0, 300],
]);

describe('shapeContains', () => {
  it('polygon in polygon, boundaries inclusive, concavity and holes respected', () => {
    expect(
      shapeContains(
        U,
        poly([
          [10, 10],
          [290, 10],
          [290, 90],
          [10, 90],
        ]),
      ),
    ).toBe(true);
    expect(
      shapeContains(
        U,
        poly([
          [0, 0],
          [300, 0],
          [300, 100],
          [0, 100],
        ]),
      ),
    ).toBe(true); // shares edges
    expect(
      shapeContains(
        U,
        poly([
          [10, 10],
          [290, 10],
          [290, 150],
          [10, 150],
        ]),
      ),
    ).toBe(false); // spans the notch
    const holed = poly(
      [
        [0, 0],
        [300, 0],
        [300, 300],
        [0, 300],
      ],
      [
        [100, 100],
        [200, 100],
        [200, 200],
        [100, 200],
      ],
    );
    expect(
      shapeContains(
        holed,
        poly([
          [10, 10],
          [90, 10],
          [90, 290],
          [10, 290],
        ]),
      ),
    ).toBe(true);
    expect(
      shapeContains(
        holed,
        poly([
          [50, 50],
          [250, 50],
          [250, 250],
          [50, 250],
        ]),
      ),
    ).toBe(false); // hole inside
  });
  it('circles and polygons', () => {
    expect(shapeContains(U, circle(50, 50, 49.9))).toBe(true);
    expect(shapeContains(U, circle(50, 50, 50.1))).toBe(false);
    expect(
      shapeContains(
        circle(0, 0, 1000),
        poly([
          [0, 0],
          [100, 0],
          [100, 100],
        ]),
      ),
    ).toBe(true);
    expect(
      shapeContains(
        circle(0, 0, 100),
        poly([
          [0, 0],
          [100, 0],
          [100, 100],
        ]),
      ),
    ).toBe(false);
    expect(shapeContains(circle(0, 0, 100), circle(30, 40, 50))).toBe(true); // 50 + 50 = 100
    expect(shapeContains(circle(0, 0, 100), circle(30, 40, 50.1))).toBe(false);
  });
});
