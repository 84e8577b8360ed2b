/**
 * Airspace editions, the workflow: draft (changes added, adopted ones accepted or declined one by
 * one), review by a second operator, publication by the A station with an effective time (the
 * edition gets its number), withdrawal before it takes effect. Taking effect is edition-apply's.
 */
import { randomBytes } from 'node:crypto';
import { applyChanges, changeRef, editionDiff, whyNot } from '../../shared/airspace/edition-changes.js';
import { prepareOutline, type Shape } from '../../shared/geo/shape.js';
import { validateZoneInput } from '../../shared/rules/validate-zone.js';
import { districtsTouched } from '../../shared/rules/station-routing.js';
import type { ChangeInput, Edition, EditionChange, EditionInput } from '../../shared/schemas/edition.js';
import { zonesGeoJson } from '../../shared/io/exports.js';
import { ApiError, problemCode } from '../errors.js';
import type { Principal } from '../policy/actor.js';
import { allows, assertCanDraftChange, assertCanPublishEdition, assertCanReviewEdition, assertCanWithdrawEdition, canReadPlan } from '../policy/access-policy.js';
import { iso, type ServiceContext } from './context.js';
import { applyDueEditions, previewEdition } from './edition-apply.js';
import { editionState, refreshNextDue, zonesAsOf, zonesNow } from './edition-state.js';
import { MIN_SEPARATION_M, newLandingPoint, repoOf } from './landing-point-service.js';
import { PointIndex } from '../../shared/airspace/point-index.js';
import type { LandingPoint } from '../../shared/schemas/landing-point.js';
import type { Zone } from '../../shared/schemas/zone.js';

/** An effective time this little in the past is "now" (a client's clock trails the server's by its round trip). */
export const NOW_TOLERANCE_MS = 60_000;
/** An edition takes effect at most this far ahead. */
export const EDITION_HORIZON_DAYS = 400;

export function getEdition(ctx: ServiceContext, id: string): Edition {
  const e = editionState(ctx).repo.get(id);
  if (!e) throw new ApiError('NOT_FOUND', `no airspace edition ${id}`);
  return e;
}

/** One edition as it stands now (any whose time has come applied first). */
export function readEdition(ctx: ServiceContext, id: string): Edition {
  applyDueEditions(ctx);
  return getEdition(ctx, id);
}

export function listEditions(ctx: ServiceContext, status?: string): Edition[] {
  applyDueEditions(ctx);
  return editionState(ctx).repo.list(status);
}

/** What `actor` may do with an edition now (the policy's answers, for offering the actions): review it, publish it, withdraw it. */
export interface EditionActions {
  review: boolean;
  publish: boolean;
  withdraw: boolean;
}

const answers = (check: () => void): boolean => {
  try {
    check();
    return true;
  } catch (e) {
    if (e instanceof ApiError) return false;
    throw e;
  }
};

export function editionActions(ctx: ServiceContext, actor: Principal, e: Edition, view: AirspaceView): EditionActions {
  if (e.status === 'effective' || e.status === 'withdrawn') return { review: false, publish: false, withdraw: false };
  const j = ctx.jurisdiction;
  // the changes' shapes only where the policy reads them (a B station's review or withdrawal of a draft), once
  let byChange: { ref: string; shape: Shape }[][] | null = null;
  const shapes = () => (byChange ??= e.changes.map((c) => shapesOf(ctx, c, view)));
  const all = () => shapes().flat();
  const accepted = () => shapes().flatMap((x, i) => (e.changes[i].status === 'accepted' ? x : []));
  // (the permissions first: who may not review or draft at all costs no shapes)
  return {
    review: e.status === 'draft' && allows(actor, 'edition.review') && answers(() => assertCanReviewEdition(actor, e, accepted(), j)),
    publish: (e.status === 'reviewed' || e.status === 'failed') && answers(() => assertCanPublishEdition(actor, j)),
    withdraw: allows(actor, 'edition.draft') && answers(() => assertCanWithdrawEdition(actor, e, e.status === 'draft' ? all() : [], j)),
  };
}

/** Zones and landing points in force, taken once per request (checking each change against them). */
export interface AirspaceView {
  zones: Map<string, Zone>;
  points: Map<string, LandingPoint>;
}
export const viewOf = (ctx: ServiceContext): AirspaceView => ({ zones: zonesNow(ctx), points: new Map(ctx.airspace.landingPoints.values().map((p) => [p.id, p])) });

/** An edition holds at most this many changes. */
export const MAX_EDITION_CHANGES = 5000;

/** The shape a change covers, for jurisdiction: a zone's outline (old and new), a point's place. */
function shapesOf(ctx: ServiceContext, c: ChangeInput, view: AirspaceView = viewOf(ctx)): { ref: string; shape: Shape }[] {
  const ref = changeRef(c);
  const point = (lng: number, lat: number) => prepareOutline({ type: 'Circle', center: [lng, lat], radiusM: 1 });
  if (c.op === 'landing-point.add') return [{ ref, shape: point(c.landingPoint.lng, c.landingPoint.lat) }];
  if (c.op === 'landing-point.change' || c.op === 'landing-point.retire') {
    const p = view.points.get(c.landingPointId) ?? repoOf(ctx).get(c.landingPointId)?.point;
    return p ? [{ ref, shape: point(p.location[0], p.location[1]) }] : [];
  }
  const out: { ref: string; shape: Shape }[] = [];
  const old = c.op === 'zone.add' ? undefined : view.zones.get(ref);
  if (old) out.push({ ref, shape: prepareOutline(old.outline) });
  if (c.op !== 'zone.withdraw') out.push({ ref, shape: prepareOutline(c.zone.outline) });
  return out;
}

/** Checks one change as filed (schema-valid already) and gives a new landing point its id. */
export function checkChange(ctx: ServiceContext, actor: Principal, c: ChangeInput, path: string, view: AirspaceView = viewOf(ctx)): ChangeInput {
  if (c.op === 'zone.add' || c.op === 'zone.change') {
    const problems = validateZoneInput(c.zone, ctx.clock());
    if (problems.length) throw new ApiError(problemCode(problems[0].code), `${path}: ${problems.map((p) => `${p.path ? `${p.path}: ` : ''}${p.message}`).join('; ')}`, problems);
    // the airspace of record is the served area's: a zone that meets none of its districts is a mistake
    if (ctx.airspace.routing.municipality && !districtsTouched(ctx.airspace.routing, [prepareOutline(c.zone.outline)]).length)
      throw new ApiError('VALIDATION_FAILED', `${path}: zone ${c.zone.id} lies outside every district these stations serve`, { ref: c.zone.id, outside: true });
  }
  let out = c;
  if (c.op === 'landing-point.add') {
    const p = newLandingPoint(ctx, c.landingPoint);
    if (c.landingPoint.id && repoOf(ctx).get(c.landingPoint.id))
      throw new ApiError('CONFLICT', `${path}: landing point id ${c.landingPoint.id} is taken (in service or retired)`, { ref: c.landingPoint.id });
    const near = ctx.airspace.landingPoints.within(p.location, MIN_SEPARATION_M)[0];
    if (near) throw new ApiError('CONFLICT', `${path}: ${near.value.name} (${near.value.id}) is ${Math.round(near.distanceM)} m away: change it instead`, { landingPointId: near.value.id });
    out = { ...c, landingPoint: { ...c.landingPoint, id: p.id } };
  }
  const why = whyNot(out, view.zones, view.points);
  if (why) throw new ApiError(why.startsWith('no ') ? 'NOT_FOUND' : why.includes('temporary') ? 'VALIDATION_FAILED' : 'CONFLICT', `${path}: ${why}`, { ref: changeRef(out) });
  for (const s of shapesOf(ctx, out, view)) assertCanDraftChange(actor, s, ctx.jurisdiction);
  return out;
}

const editable = (e: Edition) => {
  if (e.status !== 'draft' && e.status !== 'reviewed') throw new ApiError('INVALID_TRANSITION', `edition ${e.id} is ${e.status}: its changes are fixed`, { status: e.status });
};

function save(ctx: ServiceContext, e: Edition, actor: string, action: string, details?: unknown) {
  ctx.db.transaction(() => {
    editionState(ctx).repo.put(e);
    ctx.audit.append({ at: iso(ctx.clock()), actor, subjectKind: 'edition', subjectId: e.id, action, reason: e.title, details: details ?? null });
  })();
  return e;
}

const tooMany = (n: number) => {
  if (n > MAX_EDITION_CHANGES) throw new ApiError('VALIDATION_FAILED', `an edition holds at most ${MAX_EDITION_CHANGES} changes (${n} asked)`, { max: MAX_EDITION_CHANGES });
};

export function createEdition(ctx: ServiceContext, actor: Principal, input: EditionInput, origin: Edition['origin'] = null): Edition {
  tooMany(input.changes?.length ?? 0);
  const view = viewOf(ctx);
  const changes: EditionChange[] = (input.changes ?? []).map(
    (c, i) => ({ ...checkChange(ctx, actor, c, `changes[${i}]`, view), index: i, status: c.status ?? 'accepted', addedBy: actor.id }) as EditionChange,
  );
  const at = iso(ctx.clock());
  const e: Edition = {
    id: `ED-${randomBytes(5).toString('hex').toUpperCase()}`,
    number: null,
    title: input.title,
    status: 'draft',
    changes,
    origin,
    createdBy: actor.id,
    createdAt: at,
    editors: [actor.id],
    reviewedBy: null,
    reviewedAt: null,
    reviewComment: null,
    publishedBy: null,
    publishedAt: null,
    effectiveAt: null,
    appliedAt: null,
    withdrawnAt: null,
    outcome: null,
  };
  return save(ctx, e, actor.id, 'create', { changes: changes.length, origin });
}

/** Editing sends a reviewed edition back to draft: the review was of other changes. */
const edited = (e: Edition, actor: string): Edition => ({ ...e, status: 'draft', reviewedBy: null, reviewedAt: null, editors: e.editors.includes(actor) ? e.editors : [...e.editors, actor] });

export function addChanges(ctx: ServiceContext, actor: Principal, id: string, input: ChangeInput[]): Edition {
  const e = getEdition(ctx, id);
  editable(e);
  tooMany(e.changes.length + input.length);
  // each change is checked against the airspace as the edition's changes before it leave it: a
  // point retired or a zone withdrawn twice is refused when it is added, not skipped at publication
  let view = afterChanges(viewOf(ctx), e.changes);
  const added: EditionChange[] = [];
  for (const [i, c] of input.entries()) {
    const change = { ...checkChange(ctx, actor, c, `changes[${i}]`, view), index: e.changes.length + i, status: c.status ?? 'accepted', addedBy: actor.id } as EditionChange;
    added.push(change);
    view = afterChanges(view, [{ ...change, status: 'accepted' }]);
  }
  return save(ctx, { ...edited(e, actor.id), changes: [...e.changes, ...added] }, actor.id, 'add-changes', { indexes: added.map((c) => c.index) });
}

/** The view once these changes (the accepted and proposed ones) apply: zones replaced, points retired. */
function afterChanges(view: AirspaceView, changes: readonly EditionChange[]): AirspaceView {
  const live = changes.filter((c) => c.status !== 'declined').map((c) => ({ ...c, status: 'accepted' as const }));
  if (!live.length) return view;
  const r = applyChanges(view.zones, new Set(view.points.keys()), live);
  return { zones: r.zones, points: new Map([...view.points].filter(([pid]) => r.points.has(pid))) };
}

/** Accepts or declines one change (adopted proposals arrive as proposed). */
export function decideChange(ctx: ServiceContext, actor: Principal, id: string, index: number, status: 'accepted' | 'declined'): Edition {
  return decideChanges(ctx, actor, id, [index], status);
}

/** Accepts or declines several changes at once (all or none: each must exist and lie in the actor's jurisdiction). */
export function decideChanges(ctx: ServiceContext, actor: Principal, id: string, indexes: number[], status: 'accepted' | 'declined'): Edition {
  const e = getEdition(ctx, id);
  editable(e);
  const chosen = new Set(indexes);
  const view = viewOf(ctx);
  for (const index of chosen) {
    const c = e.changes[index];
    if (!c) throw new ApiError('NOT_FOUND', `edition ${id} has no change ${index}`, { index });
    for (const s of shapesOf(ctx, c, view)) assertCanDraftChange(actor, s, ctx.jurisdiction);
  }
  const changes = e.changes.map((x) => (chosen.has(x.index) ? { ...x, status } : x));
  return save(ctx, { ...edited(e, actor.id), changes }, actor.id, status === 'accepted' ? 'accept-change' : 'decline-change', { indexes: [...chosen].sort((a, b) => a - b) });
}

export function reviewEdition(ctx: ServiceContext, actor: Principal, id: string, verdict: 'approve' | 'return', comment?: string): Edition {
  const e = getEdition(ctx, id);
  if (e.status !== 'draft') throw new ApiError('INVALID_TRANSITION', `edition ${id} is ${e.status}: only a draft is reviewed`, { status: e.status });
  const accepted = e.changes.filter((c) => c.status === 'accepted');
  assertCanReviewEdition(
    actor,
    e,
    accepted.flatMap((c) => shapesOf(ctx, c)),
    ctx.jurisdiction,
  );
  if (verdict === 'approve' && !accepted.length) throw new ApiError('VALIDATION_FAILED', `edition ${id} has no accepted change to publish`);
  if (verdict === 'approve' && e.changes.some((c) => c.status === 'proposed'))
    throw new ApiError('VALIDATION_FAILED', `edition ${id} still has proposed changes: accept or decline each first`, {
      proposed: e.changes.filter((c) => c.status === 'proposed').map((c) => c.index),
    });
  const at = iso(ctx.clock());
  const next: Edition = verdict === 'approve' ? { ...e, status: 'reviewed', reviewedBy: actor.id, reviewedAt: at, reviewComment: comment ?? null } : { ...e, reviewComment: comment ?? null };
  return save(ctx, next, actor.id, verdict === 'approve' ? 'review' : 'return', { comment: comment ?? null });
}

export function publishEdition(ctx: ServiceContext, actor: Principal, id: string, effectiveAt: string): Edition {
  assertCanPublishEdition(actor, ctx.jurisdiction);
  const e = getEdition(ctx, id);
  if (e.status !== 'reviewed' && e.status !== 'failed')
    throw new ApiError('INVALID_TRANSITION', `edition ${id} is ${e.status}: a second operator reviews it before it is published`, { status: e.status });
  const st = editionState(ctx);
  const now = ctx.clock();
  const effMs = Date.parse(effectiveAt);
  if (!Number.isFinite(effMs)) throw new ApiError('INVALID_TIME', `effectiveAt ${effectiveAt} is not a time`);
  const published = st.repo.published();
  const last = published.filter((x) => x.status === 'scheduled').at(-1);
  if (effMs < now - NOW_TOLERANCE_MS) throw new ApiError('TIME_OUT_OF_RANGE', `effectiveAt ${effectiveAt} is in the past`, { now: iso(now) });
  if (effMs > now + EDITION_HORIZON_DAYS * 86_400_000) throw new ApiError('TOO_FAR_AHEAD', `an edition takes effect at most ${EDITION_HORIZON_DAYS} days ahead`);
  if (last && effMs < Date.parse(last.effectiveAt ?? ''))
    throw new ApiError('CONFLICT', `edition ${last.number} takes effect at ${last.effectiveAt}: a later edition cannot take effect before it`, { edition: last.number, effectiveAt: last.effectiveAt });
  // every accepted change must apply to the airspace as the scheduled editions will leave it
  let zones = zonesNow(ctx);
  let points = new Set(ctx.airspace.landingPoints.values().map((p) => p.id));
  for (const x of published) if (x.status === 'scheduled') ({ zones, points } = applyChanges(zones, points, x.changes));
  const { skipped } = applyChanges(zones, points, e.changes);
  if (skipped.length) throw new ApiError('CONFLICT', `${skipped.length} change(s) no longer apply: ${skipped.map((k) => `#${k.index} ${k.why}`).join('; ')}`, { skipped });
  // new landing points: apart from every point in service and from those the scheduled editions and this one add
  const adds = [...published.filter((x) => x.status === 'scheduled'), e].flatMap((x) =>
    x.changes.filter((c) => c.status === 'accepted' && c.op === 'landing-point.add').map((c) => ({ edition: x.id, c: c as Extract<EditionChange, { op: 'landing-point.add' }> })),
  );
  const placed = new PointIndex<{ id: string; location: [number, number] }>(ctx.airspace.landingPoints.values().map((p) => ({ id: p.id, location: p.location })));
  for (const { edition, c } of adds) {
    const at: [number, number] = [c.landingPoint.lng, c.landingPoint.lat];
    const near = placed.within(at, MIN_SEPARATION_M)[0];
    if (near && edition === e.id)
      throw new ApiError('CONFLICT', `change #${c.index}: ${near.value.id} is ${Math.round(near.distanceM)} m from ${c.landingPoint.name}`, { index: c.index, near: near.value.id });
    placed.insert({ id: c.landingPoint.id ?? `${edition}#${c.index}`, location: at });
  }
  const next: Edition = { ...e, status: 'scheduled', number: st.repo.lastNumber() + 1, publishedBy: actor.id, publishedAt: iso(now), effectiveAt: iso(Math.max(effMs, now)) };
  save(ctx, next, actor.id, 'publish', { number: next.number, effectiveAt: next.effectiveAt });
  refreshNextDue(ctx);
  const applied = applyDueEditions(ctx).find((x) => x.id === id);
  return applied ?? next;
}

export function withdrawEdition(ctx: ServiceContext, actor: Principal, id: string): Edition {
  applyDueEditions(ctx); // one whose time has come is no longer withdrawn but in effect
  const e = getEdition(ctx, id);
  if (e.status === 'effective' || e.status === 'withdrawn') throw new ApiError('INVALID_TRANSITION', `edition ${id} is ${e.status}`, { status: e.status });
  const view = viewOf(ctx);
  assertCanWithdrawEdition(
    actor,
    e,
    e.changes.flatMap((c) => shapesOf(ctx, c, view)),
    ctx.jurisdiction,
  );
  const out = save(ctx, { ...e, status: 'withdrawn', withdrawnAt: iso(ctx.clock()) }, actor.id, 'withdraw');
  refreshNextDue(ctx);
  return out;
}

/** The preview as the asker may see it: plans it may not read are counted, not named. */
export function previewOf(ctx: ServiceContext, principal: Principal, id: string) {
  const e = getEdition(ctx, id);
  applyDueEditions(ctx);
  const fromMs = Math.max(e.effectiveAt ? Date.parse(e.effectiveAt) : 0, ctx.clock());
  const p = previewEdition(ctx, e, fromMs);
  const visible = (planId: string) => {
    const plan = ctx.plans.get(planId);
    return !!plan && canReadPlan(principal, plan, ctx.jurisdiction);
  };
  const hide = (ids: string[]) => ids.filter(visible);
  const o = p.outcome;
  return {
    ...p,
    changes: p.changes.map((c) => ({ ...c, plans: hide(c.plans), hiddenPlans: c.plans.length - hide(c.plans).length })),
    outcome: { ...o, revoked: hide(o.revoked), suspended: hide(o.suspended), rejected: hide(o.rejected), unchanged: hide(o.unchanged) },
  };
}

/** What the edition changes, as GeoJSON: each zone or point as it was and as it will be. */
export function diffOf(ctx: ServiceContext, id: string) {
  const e = getEdition(ctx, id);
  const before = e.status === 'effective' && e.number !== null ? zonesAsOf(ctx, e.number - 1) : zonesNow(ctx);
  // an effective edition kept the points it changed as they were; otherwise the points in service are the before
  const lpRepo = new Map(ctx.airspace.landingPoints.values().map((p) => [p.id, p]));
  for (const p of e.status === 'effective' ? (e.pointsBefore ?? []) : []) lpRepo.set(p.id, p);
  return editionDiff(
    e.changes,
    (zid) => before.get(zid),
    (pid) => lpRepo.get(pid),
  );
}

/** The zones of record as of an edition (0: before any), as GeoJSON. */
export function airspaceOf(ctx: ServiceContext, number: number) {
  applyDueEditions(ctx);
  const last = editionState(ctx).repo.lastNumber();
  if (number > last) throw new ApiError('NOT_FOUND', `no airspace edition number ${number} (the latest is ${last})`);
  const zones = [...zonesAsOf(ctx, number).values()].sort((a, b) => a.id.localeCompare(b.id));
  return { number, ...zonesGeoJson(zones) };
}
