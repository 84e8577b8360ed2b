/**
 * The map's drawing: vertices clicked while it is on. Several forms draw (a temporary
 * restriction, an edition's zone); the drawing belongs to the form that last turned it on, and
 * only that form sees its vertices and may stop or clear it. Turned on by another form, it starts
 * empty: vertices clicked for one form never become another's.
 */
import { useState } from 'react';
import type { LngLat } from '../../shared/geo/types.js';

/** One form's view of the map's drawing. */
export interface MapDrawing {
  points: readonly LngLat[];
  drawing: boolean;
  setDrawing: (on: boolean) => void;
  clearPoints: () => void;
  /** a vertex typed in (no mouse): the drawing becomes this form's if it was not */
  add?: (p: LngLat) => void;
}

/**
 * The vertices of a polygon drawn by clicks: a click on the vertex just placed (a double click)
 * adds none, and a last click on the first vertex closes the ring rather than adding one.
 */
export function distinctVertices(points: readonly LngLat[]): LngLat[] {
  const same = (a: LngLat, b: LngLat) => a[0] === b[0] && a[1] === b[1];
  const out: LngLat[] = [];
  for (const p of points) if (!out.length || !same(out[out.length - 1], p)) out.push(p);
  while (out.length > 1 && same(out[0], out[out.length - 1])) out.pop();
  return out;
}

/** A closed ring of the drawn polygon, or null with fewer than three distinct vertices. */
export function drawnRing(points: readonly LngLat[]): LngLat[] | null {
  const v = distinctVertices(points);
  return v.length >= 3 ? [...v, v[0]] : null;
}

export type DrawOwner = 'restriction' | 'edition' | 'route';

export function useMapDrawing() {
  const [points, setPoints] = useState<LngLat[]>([]);
  const [drawing, setOn] = useState(false);
  const [owner, setOwner] = useState<DrawOwner | null>(null);
  const drawingFor = (who: DrawOwner): MapDrawing & { add: (p: LngLat) => void } => ({
    points: owner === who ? points : [],
    drawing: drawing && owner === who,
    setDrawing: (on) => {
      if (on) {
        if (owner !== who) {
          setPoints([]);
          setOwner(who);
        }
        setOn(true);
      } else if (owner === who) setOn(false);
    },
    clearPoints: () => {
      if (owner === who) setPoints([]);
    },
    /** a vertex added by the form itself (a place searched for); one where the last already is adds nothing */
    add: (p) => {
      const mine = owner === who ? points : [];
      if (owner !== who) setOwner(who);
      const last = mine[mine.length - 1];
      setPoints(last && last[0] === p[0] && last[1] === p[1] ? mine : [...mine, p]);
    },
  });
  /** a vertex clicked on the map (while drawing) */
  const addPoint = (p: LngLat) => setPoints((w) => [...w, p]);
  return { points, setPoints, drawing, drawingFor, addPoint };
}
