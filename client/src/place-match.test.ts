import { describe, expect, it } from 'vitest';
import { matchPlaces, type Place } from './place-match.js';

const places: Place[] = [
  { kind: 'landingPoint', id: 'LP-500103-HUB', name: '渝中区中心起降点', location: [106.56, 29.56] },
  { kind: 'district', id: '500103', name: '渝中区', location: [106.559, 29.56] },
  { kind: 'landingPoint', id: 'LP-500112001', name: '两路街道起降点', location: [106.63, 29.72] },
  { kind: 'district', id: '500112', name: '渝北区', location: [106.63, 29.72] },
];

describe('place search', () => {
  it('finds districts before landing points, whole names first', () => {
    expect(matchPlaces('渝中', places).map((p) => p.id)).toEqual(['500103', 'LP-500103-HUB']);
    expect(matchPlaces('渝', places)[0].kind).toBe('district');
    expect(matchPlaces('两路', places).map((p) => p.id)).toEqual(['LP-500112001']);
  });
  it('matches ids too, and nothing for an empty query', () => {
    expect(matchPlaces('lp-500112', places).map((p) => p.id)).toEqual(['LP-500112001']);
    expect(matchPlaces('  ', places)).toEqual([]);
    expect(matchPlaces('江北', places)).toEqual([]);
  });
});
