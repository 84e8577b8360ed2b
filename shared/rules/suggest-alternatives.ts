/**
 * Nearest conflict-free alternatives for a rejected plan: a time shift earlier and later, and an
 * altitude band lower and higher. Forbidden shift intervals are computed from the blocking
 * plans, prohibited zones and full landing-point slots; each candidate is then verified by the
 * same engine (evaluatePlan) before it is offered.
 */
import { activeIntervals } from '../airspace/applicability.js';
import { CATEGORY_MAX_HEIGHT_M, LOW_ALTITUDE_CEILING_M, MAX_SUGGESTED_ALTITUDE_SHIFT_M } from '../domain/categories.js';
import type { PreparedVolume } from '../airspace/prepared-volume.js';
import { routeToPreparedVolumes } from '../airspace/route-volumes.js';
import { DEFAULT_TOLERANCE_M, shapesIntersect } from '../geo/intersect.js';
import type { Suggestion } from '../schemas/decision.js';
import { planMovements, type AirspaceState, type CandidatePlan } from './airspace-state.js';
import type { EvaluateOptions } from './evaluate-plan.js';
import { evaluatePlan } from './evaluate-plan.js';
import { SLOT_MS } from './movement-book.js';
import { isOpenAt } from './opening-hours.js';

const SEARCH_WINDOW_MS = 12 * 3_600_000;
const TIME_STEP_MS = 60_000;
const MAX_TRIES = 40;
type Iv = [number, number];

function merge(ivs: Iv[]): Iv[] {
  ivs.sort((a, b) => a[0] - b[0]);
  const out: Iv[] = [];
  for (const iv of ivs) {
    const last = out[out.length - 1];
    if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
    else out.push([iv[0], iv[1]]);
  }
  return out;
}

/** First value reached from `start` going in `dir` that lies outside every closed interval, on the step grid. */
function firstFree(merged: Iv[], start: number, dir: 1 | -1, step: number, eps: number): number {
  let s = start;
  for (let guard = 0; guard < 10_000; guard++) {
    const iv = merged.find(([lo, hi]) => s >= lo && s <= hi);
    if (!iv) return s;
    s = dir > 0 ? Math.ceil((iv[1] + eps) / step) * step : Math.floor((iv[0] - eps) / step) * step;
  }
  return s;
}

/**
 * The plan shifted in time and altitude, as it would be filed: a route plan's band moves and its
 * volumes are rebuilt (take-off and landing stay on the ground, and a higher band takes longer to
 * climb to: applySuggestion files exactly this); other volumes move as they are.
 */
export function shiftPlan(plan: CandidatePlan, dtMs: number, dAltM: number): CandidatePlan {
  if (plan.route && dAltM !== 0) {
    const r = plan.route.route;
    const route = { ...r, departAt: new Date(Date.parse(r.departAt) + dtMs).toISOString(), altitudeLowerM: r.altitudeLowerM + dAltM, altitudeUpperM: r.altitudeUpperM + dAltM };
    const built = routeToPreparedVolumes(route, plan.route.buffers);
    return { ...plan, volumes: built.volumes, prepared: built.prepared, route: { route, buffers: plan.route.buffers } };
  }
  const route = plan.route && { route: { ...plan.route.route, departAt: new Date(Date.parse(plan.route.route.departAt) + dtMs).toISOString() }, buffers: plan.route.buffers };
  const prepared: PreparedVolume[] = plan.prepared.map((v) => ({ ...v, startMs: v.startMs + dtMs, endMs: v.endMs + dtMs, altLowerM: v.altLowerM + dAltM, altUpperM: v.altUpperM + dAltM }));
  const volumes = plan.volumes.map((v, i) => ({
    ...v,
    altitudeLowerM: prepared[i].altLowerM,
    altitudeUpperM: prepared[i].altUpperM,
    timeStart: new Date(prepared[i].startMs).toISOString(),
    timeEnd: new Date(prepared[i].endMs).toISOString(),
  }));
  return { ...plan, volumes, prepared, ...(route ? { route } : {}) };
}

function blockers(state: AirspaceState, plan: CandidatePlan, v: PreparedVolume, t0: number, t1: number, a0: number, a1: number, tol: number) {
  const out: { startMs: number; endMs: number; altLowerM: number; altUpperM: number }[] = [];
  for (const e of state.plans.search(v.bbox, t0, t1, a0, a1, tol)) {
    if (e.ownerId === plan.id || e.meta.priority < plan.priority || !shapesIntersect(v.shape, e.volume.shape, tol)) continue;
    out.push(e.volume);
  }
  for (const e of state.zones.search(v.bbox, t0, t1, a0, a1, tol)) {
    const z = e.meta;
    const prohibited = z.kind === 'prohibited' || (z.kind === 'temporary' && (z.restriction ?? 'prohibited') === 'prohibited');
    if (!prohibited || z.allowedCategories?.includes(plan.category) || !shapesIntersect(v.shape, e.volume.shape, tol)) continue;
    for (const [s, en] of activeIntervals(z.applicability, t0, t1)) out.push({ startMs: s, endMs: en, altLowerM: z.altitudeLowerM, altUpperM: z.altitudeUpperM });
  }
  return out;
}

export function suggestAlternatives(state: AirspaceState, plan: CandidatePlan, opts: EvaluateOptions): Suggestion[] {
  const tol = opts.toleranceM ?? DEFAULT_TOLERANCE_M;
  const timeForbidden: Iv[] = [];
  const altForbidden: Iv[] = [];
  for (const v of plan.prepared) {
    for (const b of blockers(state, plan, v, v.startMs - SEARCH_WINDOW_MS, v.endMs + SEARCH_WINDOW_MS, v.altLowerM, v.altUpperM, tol)) {
      timeForbidden.push([b.startMs - v.endMs, b.endMs - v.startMs]);
    }
    for (const b of blockers(state, plan, v, v.startMs, v.endMs, -Infinity, Infinity, tol)) {
      altForbidden.push([b.altLowerM - v.altUpperM - tol, b.altUpperM - v.altLowerM + tol]);
    }
  }
  for (const m of planMovements(plan)) {
    const lp = state.landingPoints.get(m.landingPointId);
    if (!lp) continue;
    // closed hours (15-minute steps)
    if (lp.openingHours) {
      for (let t = m.timeMs - SEARCH_WINDOW_MS; t <= m.timeMs + SEARCH_WINDOW_MS; t += 15 * 60_000) {
        if (!isOpenAt(lp.openingHours, t)) timeForbidden.push([t - m.timeMs, t + 15 * 60_000 - 1 - m.timeMs]);
      }
    }
    for (let t = m.timeMs - SEARCH_WINDOW_MS; t <= m.timeMs + SEARCH_WINDOW_MS; t += SLOT_MS) {
      if (state.movements.count(lp.id, t, plan.id) < lp.capacityPerHour) continue;
      const slotStart = Math.floor(t / SLOT_MS) * SLOT_MS;
      timeForbidden.push([slotStart - m.timeMs, slotStart + SLOT_MS - 1 - m.timeMs]);
    }
  }
  const times = merge(timeForbidden);
  const alts = merge(altForbidden);
  const first = Math.min(...plan.prepared.map((v) => v.startMs));
  // a route's take-off and landing stay on the ground: its band is what moves
  const lowest = plan.route ? plan.route.route.altitudeLowerM : Math.min(...plan.prepared.map((v) => v.altLowerM));
  const highest = plan.route ? plan.route.route.altitudeUpperM : Math.max(...plan.prepared.map((v) => v.altUpperM));
  // a band is moved within reach (a few hundred metres), and never above what the category can fly or low-altitude airspace
  const ceiling = CATEGORY_MAX_HEIGHT_M[plan.category] ?? LOW_ALTITUDE_CEILING_M;
  const altitudeOutOfReach = (s: number) => lowest + s < 0 || s === 0 || Math.abs(s) > MAX_SUGGESTED_ALTITUDE_SHIFT_M || highest + s > ceiling;
  const out: Suggestion[] = [];

  const attempt = (kind: Suggestion['kind'], dir: 1 | -1) => {
    const isTime = kind === 'time-shift';
    let s = firstFree(isTime ? times : alts, 0, dir, isTime ? TIME_STEP_MS : 1, isTime ? 1 : 1e-6);
    for (let k = 0; k < MAX_TRIES; k++) {
      if (isTime ? Math.abs(s) > SEARCH_WINDOW_MS || first + s < opts.nowMs : altitudeOutOfReach(s)) return;
      const shifted = isTime ? shiftPlan(plan, s, 0) : shiftPlan(plan, 0, s);
      // verified as it would be filed: the filer is judged again for the shifted flight
      // (Object.assign, not a spread then extended: V8 makes a new hidden class for each such object)
      const d = evaluatePlan(state, shifted, Object.assign({}, opts, { suggest: false }, opts.whoFor ? { who: opts.whoFor(shifted) } : {}));
      if (d.outcome !== 'rejected') {
        const v0 = shifted.prepared;
        out.push({
          kind,
          ...(isTime ? { shiftS: s / 1000 } : { shiftM: s }),
          outcome: d.outcome,
          description: isTime ? `depart ${Math.abs(s / 60000)} min ${s > 0 ? 'later' : 'earlier'}` : `fly ${Math.abs(s)} m ${s > 0 ? 'higher' : 'lower'}`,
          // where the plan as filed again lies (a route's higher band also ends later: a longer climb)
          timeStart: new Date(Math.min(...v0.map((v) => v.startMs))).toISOString(),
          timeEnd: new Date(Math.max(...v0.map((v) => v.endMs))).toISOString(),
          altitudeLowerM: Math.min(...v0.map((v) => v.altLowerM)),
          altitudeUpperM: Math.max(...v0.map((v) => v.altUpperM)),
          ...(opts.priceSuggestion ? { quoteFen: opts.priceSuggestion(shifted, d) } : {}),
        });
        return;
      }
      s = firstFree(isTime ? times : alts, s + dir * (isTime ? TIME_STEP_MS : 1), dir, isTime ? TIME_STEP_MS : 1, isTime ? 1 : 1e-6);
    }
  };
  attempt('time-shift', -1);
  attempt('time-shift', 1);
  attempt('altitude-shift', -1);
  attempt('altitude-shift', 1);
  return out.sort((a, b) => (a.kind === b.kind ? Math.abs(a.shiftS ?? a.shiftM ?? 0) - Math.abs(b.shiftS ?? b.shiftM ?? 0) : a.kind === 'time-shift' ? -1 : 1));
}
