/**
 * The decision: (state, plan, clock) → outcome with coded reasons, conflicts (with the
 * overlapping altitude band and time window), preempted plans, routing and suggestions.
 */
import { activeIntervals, appliesThroughout } from '../airspace/applicability.js';
import { overlapWindow, type PreparedVolume } from '../airspace/prepared-volume.js';
import { CONTROLLED_ABOVE_M, isEmergency, SUITABLE_CEILING_M } from '../domain/categories.js';
import { shapeContains } from '../geo/contains.js';
import { DEFAULT_TOLERANCE_M, shapesIntersect } from '../geo/intersect.js';
import type { Conflict, Decision, Reason } from '../schemas/decision.js';
import type { Zone } from '../schemas/zone.js';
import { planMovements, type AirspaceState, type CandidatePlan } from './airspace-state.js';
import { DEFAULT_AIRPORT_DELEGATION, outsideServiceArea, routePlan, type AirportDelegation } from './station-routing.js';
import { prepareOutline, type Shape } from '../geo/shape.js';
import { suggestAlternatives } from './suggest-alternatives.js';
import { beijingHhmm, isOpenAt } from './opening-hours.js';

export interface EvaluateOptions {
  nowMs: number;
  toleranceM?: number;
  /** compute suggestions when rejected (default true) */
  suggest?: boolean;
  /**
   * Who files, decided before the airspace (registry, credit, authority over priority): reasons
   * that join the decision, and a cause that sends the plan to the A station.
   */
  who?: { reasons: Reason[]; toA?: string };
  /**
   * Who files, for the plan shifted as a suggestion would move it (a licence or a policy may end
   * before the later flight does); absent: `who` as it is.
   */
  whoFor?: (plan: CandidatePlan) => { reasons: Reason[]; toA?: string };
  /** check booked plans and landing-point capacity (default true); false: the airspace's own rules only (re-checking a booked plan) */
  traffic?: boolean;
  /**
   * The price of a suggestion (fen), from the plan as it would be filed again and its own decision,
   * made when the suggestion is verified; absent: suggestions carry no price.
   */
  priceSuggestion?: (plan: CandidatePlan, decision: Decision) => number;
}

function zoneOverlap(v: PreparedVolume, zone: Zone, fromMs: number, toMs: number): Conflict {
  const lo = Math.max(v.altLowerM, zone.altitudeLowerM);
  const hi = Math.min(v.altUpperM, zone.altitudeUpperM);
  return {
    kind: 'zone',
    id: zone.id,
    volumeIndex: -1,
    zoneKind: zone.kind,
    blocking: true,
    altitudeLowerM: Math.min(lo, hi),
    altitudeUpperM: Math.max(lo, hi),
    timeStart: new Date(fromMs).toISOString(),
    timeEnd: new Date(toMs).toISOString(),
  };
}

/** The aerodrome's surroundings, per airport zone: a circle of the core radius about the protection area's centre. */
const cores = new WeakMap<Zone, Shape>();
function inAirportCore(zone: Zone, zoneShape: Shape, v: PreparedVolume, tol: number, rule: AirportDelegation = DEFAULT_AIRPORT_DELEGATION): boolean {
  if (v.altUpperM > rule.delegatedCeilingM) return true;
  let core = cores.get(zone);
  if (!core) {
    const b = zoneShape.bbox;
    core = prepareOutline({ type: 'Circle', center: [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2], radiusM: rule.coreRadiusM });
    cores.set(zone, core);
  }
  return shapesIntersect(v.shape, core, tol);
}

/** Adds a reason unless the same one (code, ref, volume) is there already. */
function addReason(reasons: Reason[], r: Reason): void {
  if (!reasons.some((x) => x.code === r.code && x.ref === r.ref && x.volumeIndex === r.volumeIndex)) reasons.push(r);
}

/** The conflict of a volume with a zone, over the zone's active window. */
function zoneConflict(v: PreparedVolume, zone: Zone, active: [number, number][], i: number): Conflict {
  return { ...zoneOverlap(v, zone, active[0][0], active[active.length - 1][1]), volumeIndex: i };
}

export function evaluatePlan(state: AirspaceState, plan: CandidatePlan, opts: EvaluateOptions): Decision {
  const tol = opts.toleranceM ?? DEFAULT_TOLERANCE_M;
  const reasons: Reason[] = [];
  const conflicts: Conflict[] = [];
  const preempted = new Set<string>();
  const special = new Set<string>();
  const delegated = new Set<string>();
  for (const r of opts.who?.reasons ?? []) addReason(reasons, r);
  const airborne = new Set<string>();
  const cat = plan.category;

  const ceiling = SUITABLE_CEILING_M[cat];
  plan.prepared.forEach((v, i) => {
    // zones
    let designated: Zone | null = null;
    // designated suitable airspace only matters where the national rules would ask for an approval
    const nationalApproval = ceiling < 0 || v.altUpperM > Math.min(CONTROLLED_ABOVE_M, ceiling) + tol;
    for (const e of state.zones.search(v.bbox, v.startMs, v.endMs, v.altLowerM, v.altUpperM, tol)) {
      const zone = e.meta;
      if (zone.kind === 'suitable' && (!nationalApproval || !zone.allowedCategories?.includes(cat))) continue;
      const active = activeIntervals(zone.applicability, v.startMs, v.endMs);
      if (!active.length || !shapesIntersect(v.shape, e.volume.shape, tol)) continue;
      if (zone.special === 'airport' && !inAirportCore(zone, e.volume.shape, v, tol)) delegated.add(zone.id);
      else if (zone.special) special.add(zone.id);
      const allowed = zone.allowedCategories?.includes(cat) ?? false;
      const restriction = zone.kind === 'temporary' ? (zone.restriction ?? 'prohibited') : null;
      if ((zone.kind === 'prohibited' || restriction === 'prohibited') && !allowed) {
        conflicts.push(zoneConflict(v, zone, active, i));
        addReason(reasons, {
          code: 'ZONE_PROHIBITED',
          effect: 'reject',
          ref: zone.id,
          volumeIndex: i,
          message: `volume ${i} enters ${zone.kind} zone ${zone.name} (${zone.reason})`,
          params: { zone: zone.name, zoneKind: zone.kind },
        });
      } else if (restriction === 'approval') {
        addReason(reasons, {
          code: 'ZONE_TEMPORARY_APPROVAL',
          effect: 'approval',
          ref: zone.id,
          volumeIndex: i,
          message: `volume ${i} enters temporary restriction ${zone.name}: approval needed`,
          params: { zone: zone.name },
        });
      } else if (zone.kind === 'restricted') {
        if (allowed)
          addReason(reasons, {
            code: 'ZONE_RESTRICTED',
            effect: 'approval',
            ref: zone.id,
            volumeIndex: i,
            message: `volume ${i} enters restricted zone ${zone.name}: approval needed`,
            params: { zone: zone.name },
          });
        else {
          conflicts.push(zoneConflict(v, zone, active, i));
          addReason(reasons, {
            code: 'ZONE_CATEGORY_NOT_ALLOWED',
            effect: 'reject',
            ref: zone.id,
            volumeIndex: i,
            message: `restricted zone ${zone.name} does not admit ${cat} aircraft`,
            params: { zone: zone.name, category: cat },
          });
        }
      } else if (zone.kind === 'controlled') {
        addReason(reasons, {
          code: 'ZONE_CONTROLLED',
          effect: 'approval',
          ref: zone.id,
          volumeIndex: i,
          message: `volume ${i} enters controlled airspace ${zone.name} (${zone.reason})`,
          params: { zone: zone.name },
        });
      } else if (
        (zone.kind === 'suitable' || zone.kind === 'corridor') &&
        allowed &&
        !designated &&
        v.altLowerM >= zone.altitudeLowerM - tol &&
        v.altUpperM <= zone.altitudeUpperM + tol &&
        appliesThroughout(zone.applicability, v.startMs, v.endMs) &&
        shapeContains(e.volume.shape, v.shape, tol)
      ) {
        designated = zone;
      }
    }
    // national rules by height and category
    if (designated) {
      addReason(reasons, {
        code: 'DESIGNATED_AIRSPACE',
        effect: 'info',
        ref: (designated as Zone).id,
        volumeIndex: i,
        message: `volume ${i} lies wholly in designated ${(designated as Zone).kind} ${(designated as Zone).name}`,
        params: { zone: (designated as Zone).name, zoneKind: (designated as Zone).kind },
      });
    } else if (ceiling < 0) {
      addReason(reasons, { code: 'CATEGORY_ALWAYS_CONTROLLED', effect: 'approval', volumeIndex: i, message: `${cat} aircraft have no suitable airspace: approval needed`, params: { category: cat } });
    } else if (v.altUpperM > CONTROLLED_ABOVE_M + tol) {
      addReason(reasons, {
        code: 'ABOVE_120M_CONTROLLED',
        effect: 'approval',
        volumeIndex: i,
        message: `volume ${i} reaches ${v.altUpperM} m, above ${CONTROLLED_ABOVE_M} m true height: controlled airspace`,
        params: { upperM: v.altUpperM, limitM: CONTROLLED_ABOVE_M },
      });
    } else if (v.altUpperM > ceiling + tol) {
      addReason(reasons, {
        code: 'ABOVE_CATEGORY_LIMIT',
        effect: 'approval',
        volumeIndex: i,
        message: `${cat} aircraft fly without approval only up to ${ceiling} m; volume ${i} reaches ${v.altUpperM} m`,
        params: { category: cat, limitM: ceiling, upperM: v.altUpperM },
      });
    }
    // booked plans
    for (const e of opts.traffic === false ? [] : state.plans.conflicts(v, tol)) {
      if (e.ownerId === plan.id) continue;
      const blocking = e.meta.priority >= plan.priority;
      conflicts.push({ kind: 'plan', id: e.ownerId, volumeIndex: i, otherVolumeIndex: e.volumeIndex, priority: e.meta.priority, blocking, ...overlapWindow(v, e.volume) });
      if (blocking)
        addReason(reasons, {
          code: 'PLAN_CONFLICT',
          effect: 'reject',
          ref: e.ownerId,
          message: `conflicts with ${e.meta.state} plan ${e.ownerId} of priority ${e.meta.priority} (≥ ${plan.priority})`,
          params: { plan: e.ownerId, state: e.meta.state, priority: e.meta.priority, own: plan.priority },
        });
      else if (e.meta.state === 'active') {
        // an aircraft in the air is never displaced by the system: an operator decides, and the flight is told to yield
        airborne.add(e.ownerId);
        addReason(reasons, {
          code: 'ACTIVE_FLIGHT_CONFLICT',
          effect: 'approval',
          ref: e.ownerId,
          message: `conflicts with plan ${e.ownerId}, which is airborne: the A station decides, and the flight is asked to yield if approved`,
          params: { plan: e.ownerId },
        });
      } else preempted.add(e.ownerId);
    }
  });

  // landing-point capacity
  for (const m of planMovements(plan)) {
    const lp = state.landingPoints.get(m.landingPointId);
    if (!lp) {
      addReason(reasons, { code: 'LANDING_POINT_UNKNOWN', effect: 'reject', ref: m.landingPointId, message: `unknown landing point ${m.landingPointId}`, params: { landingPoint: m.landingPointId } });
    } else if (!isOpenAt(lp.openingHours, m.timeMs)) {
      const when = beijingHhmm(m.timeMs);
      addReason(reasons, {
        code: 'LANDING_POINT_CLOSED',
        effect: 'reject',
        ref: lp.id,
        message: `${lp.name} is open ${lp.openingHours?.from}–${lp.openingHours?.to} Beijing time, not at ${when}`,
        params: { landingPoint: lp.name, from: lp.openingHours?.from ?? '', to: lp.openingHours?.to ?? '', at: when },
      });
    } else if (opts.traffic !== false && state.movements.count(lp.id, m.timeMs, plan.id) >= lp.capacityPerHour) {
      addReason(reasons, {
        code: 'LANDING_POINT_CAPACITY',
        effect: 'reject',
        ref: lp.id,
        message: `${lp.name} is full (${lp.capacityPerHour} movements/hour) in the hour of ${new Date(m.timeMs).toISOString()}`,
        params: { landingPoint: lp.name, capacity: lp.capacityPerHour, hourAt: new Date(Math.floor(m.timeMs / 3_600_000) * 3_600_000).toISOString() },
      });
    }
  }

  const emergency = isEmergency(plan.mission);
  const shapes = plan.prepared.map((v) => v.shape);
  const toA = opts.who?.toA ?? (airborne.size ? `conflicts with airborne ${[...airborne].sort().join(', ')}` : undefined);
  for (const id of special) delegated.delete(id);
  const routing = routePlan(state.routing, shapes, { emergency, specialZones: [...special].sort(), delegatedZones: [...delegated].sort(), ...(toA ? { toA } : {}) });
  const outside = shapes.length > 0 && outsideServiceArea(state.routing, shapes, routing.districts.length);
  if (outside) addReason(reasons, { code: 'OUTSIDE_SERVICE_AREA', effect: 'reject', ref: routing.stationId, message: 'the plan lies wholly outside the region these stations serve' });
  const rejected = reasons.some((r) => r.effect === 'reject');
  const needsApproval = reasons.some((r) => r.effect === 'approval');
  if (!rejected && preempted.size) {
    addReason(reasons, {
      code: 'PREEMPTS_LOWER_PRIORITY',
      effect: 'info',
      message: `overrides lower-priority plans: ${[...preempted].sort().join(', ')}`,
      params: { plans: [...preempted].sort().join(', ') },
    });
  }
  if (emergency) addReason(reasons, { code: 'EMERGENCY_FAST_LANE', effect: 'info', ref: routing.stationId, message: 'emergency mission: decided in the A station fast lane' });
  if (!rejected && !needsApproval)
    addReason(reasons, { code: 'SUITABLE_AIRSPACE', effect: 'info', message: `wholly in suitable airspace for ${cat} aircraft, no conflict, capacity available`, params: { category: cat } });
  addReason(reasons, { code: 'ROUTED_TO_STATION', effect: 'info', ref: routing.stationId, message: routing.why, params: { station: routing.stationId, stationKind: routing.stationKind } });

  const outcome = rejected ? 'rejected' : needsApproval ? 'pending' : 'approved';
  // no shift in time or height brings a plan into the served region
  // nor does any shift help a filer the registry or credit turns away
  const whoRejects = opts.who?.reasons.some((r) => r.effect === 'reject') ?? false;
  const suggestions = rejected && !outside && !whoRejects && opts.suggest !== false ? suggestAlternatives(state, plan, opts) : [];
  return { outcome, reasons, conflicts, preempted: [...preempted].sort(), suggestions, routing, decidedAt: new Date(opts.nowMs).toISOString() };
}
