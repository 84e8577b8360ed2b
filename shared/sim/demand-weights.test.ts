import { describe, expect, it } from 'vitest';
import { departureWeights } from './demand-weights.js';

describe('departure weights', () => {
  it('weights the central city and hubs, everything else 1', () => {
    expect(
      departureWeights([
        { id: 'a', districtAdcode: '500103', kind: 'hub' },
        { id: 'b', districtAdcode: '500103', kind: 'township' },
        { id: 'c', districtAdcode: '500101', kind: 'hub' },
        { id: 'd', districtAdcode: '500101', kind: 'site' },
      ]),
    ).toEqual({ a: 12, b: 4, c: 3, d: 1 });
  });
});
