/**
 * Adopting what the planner found (效率评估 → 动态调整): a rollout phase's new sites become a draft
 * edition of landing points; the usage evaluation's proposals become draft changes — corridors
 * between busy point pairs, weekly openings of zones that turn demand away at quiet hours, more
 * capacity at saturated points — each `proposed`, for an operator to accept or decline one by one.
 * Proposals that cannot become a change (outside the adopter's jurisdiction, a schedule already
 * weekly, two sites on top of each other) are listed with a code and the reason; sites within
 * 200 m of a point in service are that point, already built, and are not proposed.
 */
import { corridorZone } from '../../shared/airspace/corridor-zone.js';
import type { Adjustment, UsageReport } from '../../shared/planner/evaluate-usage.js';
import type { ChangeInput, Edition } from '../../shared/schemas/edition.js';
import type { LandingPoint, LandingPointKind } from '../../shared/schemas/landing-point.js';
import type { Zone } from '../../shared/schemas/zone.js';
import { ApiError } from '../errors.js';
import type { RolloutResult } from '../planner/run-rollout.js';
import type { Principal } from '../policy/actor.js';
import type { ServiceContext } from './context.js';
import { checkChange, createEdition, viewOf } from './edition-service.js';
import { PointIndex } from '../../shared/airspace/point-index.js';
import { MIN_SEPARATION_M } from './landing-point-service.js';
import { zonesNow } from './edition-state.js';

/** Why a proposal did not become a change, as a code the client words (and the reason in English). */
export const NOT_ADOPTED_CODES = [
  'POINT_NOT_IN_SERVICE',
  'CORRIDOR_EXISTS',
  'ZONE_NOT_IN_FORCE',
  'ZONE_HAS_SCHEDULE',
  'WINDOW_NOT_WHOLE_HOURS',
  'NEVER_APPLIES',
  'HOT_CELL_ADVICE',
  'NEAR_POINT',
  'OUTSIDE_JURISDICTION',
  'EXISTS',
  'INVALID',
] as const;
export type NotAdoptedCode = (typeof NOT_ADOPTED_CODES)[number];
export interface NotAdopted {
  kind: string;
  ref: string;
  code: NotAdoptedCode;
  why: string;
}
type Refusal = { code: NotAdoptedCode; why: string };
const refuse = (code: NotAdoptedCode, why: string): Refusal => ({ code, why });

/** An error from the checks every drafted change passes, as a code. */
function codeOf(err: ApiError): NotAdoptedCode {
  if (err.code === 'FORBIDDEN') return 'OUTSIDE_JURISDICTION';
  if (err.code === 'CONFLICT') return /m away/.test(err.message) ? 'NEAR_POINT' : 'EXISTS';
  if (err.code === 'NOT_FOUND') return /landing point/.test(err.message) ? 'POINT_NOT_IN_SERVICE' : 'ZONE_NOT_IN_FORCE';
  return 'INVALID';
}

/** A site this close to a point in service is that point, not a new one. */
export const SAME_SITE_M = 200;
const KIND_OF_SOURCE: Record<string, LandingPointKind> = { centres: 'hub', townships: 'township', existing: 'township', grid: 'site', user: 'site' };

function meanCapacity(points: LandingPoint[], kind: LandingPointKind): number {
  const same = points.filter((p) => p.kind === kind);
  return same.length ? Math.round(same.reduce((s, p) => s + p.capacityPerHour, 0) / same.length) : 10;
}

/** Keeps the changes that pass the same checks as a hand-drafted change; says why for the others. */
function screen(ctx: ServiceContext, actor: Principal, proposed: { change: ChangeInput; kind: string; ref: string }[], notAdopted: NotAdopted[]): ChangeInput[] {
  const out: ChangeInput[] = [];
  const view = viewOf(ctx);
  const added = new PointIndex<{ id: string; location: [number, number] }>();
  for (const p of proposed) {
    try {
      const c = checkChange(ctx, actor, p.change, p.ref, view);
      if (c.op === 'landing-point.add') {
        const at: [number, number] = [c.landingPoint.lng, c.landingPoint.lat];
        const near = added.within(at, MIN_SEPARATION_M)[0];
        if (near) {
          notAdopted.push({ kind: p.kind, ref: p.ref, code: 'NEAR_POINT', why: `${Math.round(near.distanceM)} m from the proposed ${near.value.id}` });
          continue;
        }
        added.insert({ id: c.landingPoint.id ?? p.ref, location: at });
      }
      out.push(c);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      notAdopted.push({ kind: p.kind, ref: p.ref, code: codeOf(err), why: err.message });
    }
  }
  return out;
}

function draft(ctx: ServiceContext, actor: Principal, title: string, changes: ChangeInput[], origin: Edition['origin'], notAdopted: NotAdopted[]) {
  if (!changes.length)
    throw new ApiError(
      'VALIDATION_FAILED',
      `nothing to adopt: ${
        notAdopted.length
          ? notAdopted
              .slice(0, 5)
              .map((n) => `${n.ref}: ${n.why}`)
              .join('; ')
          : 'no proposals'
      }`,
      { notAdopted },
    );
  return { edition: createEdition(ctx, actor, { title, changes }, origin), notAdopted };
}

/** The sites a rollout builds up to `phase` that are not landing points yet, as proposed landing points. */
export function adoptRollout(ctx: ServiceContext, actor: Principal, studyId: string, result: RolloutResult, phase: number) {
  const phases = result.phases.map((p) => p.points);
  if (!phases.includes(phase)) throw new ApiError('VALIDATION_FAILED', `study ${studyId} has phases ${phases.join(', ')}, not ${phase}`, { phases });
  const points = ctx.airspace.landingPoints.values();
  const notAdopted: NotAdopted[] = [];
  const proposed: { change: ChangeInput; kind: string; ref: string }[] = [];
  for (const s of result.sites) {
    if (s.phase > phase) continue;
    const near = ctx.airspace.landingPoints.within(s.location, SAME_SITE_M)[0];
    if (near) continue; // built already
    const kind = KIND_OF_SOURCE[s.source] ?? 'site';
    proposed.push({
      kind: 'site',
      ref: s.id,
      change: {
        op: 'landing-point.add',
        landingPoint: { name: s.name, category: kind, lng: s.location[0], lat: s.location[1], capacityPerHour: meanCapacity(points, kind) },
        status: 'proposed',
        origin: { kind: 'rollout-site', ref: `${studyId}/${s.id}`, evidence: { phase: s.phase, stage: s.stage, order: s.order } },
      },
    });
  }
  const changes = screen(ctx, actor, proposed, notAdopted);
  return draft(ctx, actor, `起降点建设：研究 ${studyId} 第 ${phase} 点阶段`, changes, { kind: 'rollout', ref: `${studyId}/${phase}` }, notAdopted);
}

const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;

/** A permanent zone open in the local window `HH:00–HH:00`: in force the rest of every day. */
function openedWeekly(zone: Zone, window: string): Zone | Refusal {
  if (zone.applicability.kind !== 'permanent') return refuse('ZONE_HAS_SCHEDULE', `${zone.id} already has a schedule (${zone.applicability.kind}); change it by hand`);
  const m = /^(\d{2}):00–(\d{2}):00$/.exec(window);
  if (!m) return refuse('WINDOW_NOT_WHOLE_HOURS', `window ${window} is not whole hours`);
  const [from, to] = [Number(m[1]), Number(m[2])];
  const days = [1, 2, 3, 4, 5, 6, 7];
  const periods: { days: number[]; startTime: string; endTime: string }[] = [];
  if (from > 0) periods.push({ days, startTime: '00:00', endTime: hh(from) });
  if (to < 24) periods.push({ days, startTime: hh(to), endTime: '24:00' });
  if (!periods.length) return refuse('NEVER_APPLIES', `${zone.id} would never apply`);
  return { ...zone, applicability: { kind: 'weekly', periods, utcOffsetMin: 480 } };
}

function changeFor(ctx: ServiceContext, a: Adjustment, window: string, zones: Map<string, Zone>): ChangeInput | Refusal {
  const origin = { kind: a.kind, ref: a.ref, evidence: a.evidence };
  if (a.kind === 'corridor') {
    const [x, y] = a.ref.split('|').map((id) => ctx.airspace.landingPoints.get(id));
    if (!x || !y) return refuse('POINT_NOT_IN_SERVICE', 'one of its landing points is no longer in service');
    const id = `CORRIDOR-${x.id}-${y.id}`.slice(0, 80);
    if (zones.has(id)) return refuse('CORRIDOR_EXISTS', `corridor ${id} exists`);
    const zone = corridorZone({
      id,
      name: `${x.name}—${y.name}航路走廊`,
      from: { id: x.id, location: x.location },
      to: { id: y.id, location: y.location },
      reason: `${a.evidence.flights} flights between ${x.name} and ${y.name} (${window})`,
      source: `adopted from the usage evaluation ${window}`,
    });
    return { op: 'zone.add', zone, status: 'proposed', origin };
  }
  if (a.kind === 'zone-schedule') {
    const zone = zones.get(a.ref);
    if (!zone) return refuse('ZONE_NOT_IN_FORCE', `zone ${a.ref} is no longer in force`);
    const next = openedWeekly(zone, String(a.evidence.window));
    if (!('id' in next)) return next;
    return { op: 'zone.change', zone: next, status: 'proposed', origin };
  }
  if (a.kind === 'landing-point-capacity') {
    const lp = ctx.airspace.landingPoints.get(a.ref);
    if (!lp) return refuse('POINT_NOT_IN_SERVICE', 'the landing point is no longer in service');
    const peak = Number(a.evidence.peakHourMovements) + Number(a.evidence.capacityRejections);
    const capacityPerHour = Math.min(10_000, Math.max(lp.capacityPerHour + 1, Math.ceil(peak * 1.25)));
    return { op: 'landing-point.change', landingPointId: lp.id, patch: { capacityPerHour }, status: 'proposed', origin };
  }
  return refuse('HOT_CELL_ADVICE', 'a hot cell is separated by routes and layers, not by an airspace change');
}

/** The usage evaluation's proposals as a draft edition (hot cells are advice, not changes). */
export function adoptUsage(ctx: ServiceContext, actor: Principal, report: UsageReport & { from: string; to: string }, kinds?: readonly string[]) {
  const window = `${report.from}/${report.to}`;
  const zones = zonesNow(ctx);
  const notAdopted: NotAdopted[] = [];
  const proposed: { change: ChangeInput; kind: string; ref: string }[] = [];
  for (const a of report.adjustments) {
    if (kinds && !kinds.includes(a.kind)) continue;
    const c = changeFor(ctx, a, window, zones);
    if ('op' in c) proposed.push({ change: c, kind: a.kind, ref: a.ref });
    else notAdopted.push({ kind: a.kind, ref: a.ref, ...c });
  }
  const changes = screen(ctx, actor, proposed, notAdopted);
  return draft(ctx, actor, `空域动态调整：${report.from.slice(0, 10)} 至 ${report.to.slice(0, 10)} 使用评估`, changes, { kind: 'usage', ref: window }, notAdopted);
}
