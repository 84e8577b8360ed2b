/** The map's side of the editions panel: the selected edition's difference to draw, and the zones to show (as of an edition, else the current ones). */
import { useState } from 'react';
import type { Zone } from '../../shared/schemas/zone.js';
import type { FeatureCollection } from './map-data.js';

export type EditionDiff = { fc: FeatureCollection; box: [number, number, number, number] | null } | null;
export type AsOf = { number: number; zones: Zone[] } | null;

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

export function useEditionView(current: Zone[]) {
  const [diff, setDiff] = useState<EditionDiff>(null);
  const [asOf, setAsOf] = useState<AsOf>(null);
  return { zones: asOf?.zones ?? current, diffFc: diff?.fc ?? EMPTY, box: diff?.box ?? null, onDiff: setDiff, onAsOf: setAsOf };
}
