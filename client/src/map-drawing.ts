/**
 * The map's drawing: vertices clicked while it is on. Several forms draw (a temporary
 * restriction, an edition's zone); the drawing belongs to the form that last turned it on, and
 * only that form sees its vertices and may stop or clear it. Turned on by another form, it starts
 * empty: vertices clicked for one form never become another's.
 */
import { useState } from 'react';
import { haversineM } from '../../shared/geo/earth.js';
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

/** how near the first vertex (in screen pixels) a click closes the ring rather than adding one */
export const CLOSE_RING_PX = 10;

const NO_POINTS: Record<DrawOwner, LngLat[]> = { restriction: [], edition: [], route: [] };

/**
 * A click while drawing: a vertex, or, with three or more and within `CLOSE_RING_PX` of the
 * first, the ring closed (null: no vertex added, the drawing ends). `metresPerPx` is the map's
 * scale where the click was.
 */
export function clickedVertex(points: readonly LngLat[], p: LngLat, metresPerPx: number, closeRing: boolean): LngLat | null {
  if (!closeRing || distinctVertices(points).length < 3) return p;
  const [f] = points;
  return haversineM(p[0], p[1], f[0], f[1]) <= CLOSE_RING_PX * metresPerPx ? null : p;
}

export function useMapDrawing() {
  // each form's vertices, kept while another form draws; the map shows the owner's (the form drawing, or the last to)
  const [sets, setSets] = useState<Record<DrawOwner, LngLat[]>>(NO_POINTS);
  const [drawing, setOn] = useState(false);
  const [owner, setOwner] = useState<DrawOwner | null>(null);
  // each change from the vertices as they are then (two in one event both count)
  const put = (who: DrawOwner, next: (pts: LngLat[]) => LngLat[]) => setSets((s) => ({ ...s, [who]: next(s[who]) }));
  const drawingFor = (who: DrawOwner): MapDrawing & { add: (p: LngLat) => void } => ({
    points: sets[who],
    drawing: drawing && owner === who,
    setDrawing: (on) => {
      if (on) {
        setOwner(who);
        setOn(true);
      } else if (owner === who) setOn(false);
    },
    clearPoints: () => put(who, () => []),
    /** a vertex the form adds itself (typed, a place searched for): the map shows this form's now, and stops drawing for another; one where the last already is adds nothing */
    add: (p) => {
      if (owner !== who) {
        setOwner(who);
        setOn(false);
      }
      put(who, (mine) => {
        const last = mine[mine.length - 1];
        return last && last[0] === p[0] && last[1] === p[1] ? mine : [...mine, p];
      });
    },
  });
  /** a click on the map while drawing: the owner's next vertex, or its ring closed (`polygon`: the shape drawn is an area) */
  const click = (p: LngLat, metresPerPx: number, polygon: boolean) => {
    if (!owner) return;
    const v = clickedVertex(sets[owner], p, metresPerPx, polygon);
    if (v) put(owner, (pts) => [...pts, v]);
    else setOn(false);
  };
  /** a new sign-in: nobody's drawing goes on */
  const reset = () => {
    setSets(NO_POINTS);
    setOn(false);
    setOwner(null);
  };
  return { points: owner ? sets[owner] : NO_POINTS.route, drawing, drawingFor, click, reset };
}
