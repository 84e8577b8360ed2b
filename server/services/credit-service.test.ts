/**
 * Industry credit through the real services on a real store: scripted histories give exact
 * scores and tiers, every event names its cause, the table is append-only, a restart replays to
 * the same score, and nothing is counted twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TrackUpdate } from '../../shared/monitor/conformance-monitor.js';
import { DEFAULT_CREDIT_RULES, replayScore } from '../../shared/rules/credit-tier.js';
import type { FlightPlanInput } from '../../shared/schemas/flight-plan.js';
import { ApiError } from '../errors.js';
import { LiveTraffic } from '../live/live-traffic.js';
import * as policy from '../policy/access-policy.js';
import { systemActor, type Actor, type Principal } from '../policy/actor.js';
import { buildAirspace } from '../scenario/build-airspace.js';
import { EMPTY_SCENARIO } from '../scenario/load-scenario.js';
import { AlertRepo } from '../store/alert-repo.js';
import { CREDIT_MIGRATION_SQL } from '../store/credit-repo.js';
import { openDatabase, type Db } from '../store/database.js';
import { createContext, type ServiceContext } from './context.js';
import { CreditService, type CreditAccess, type CreditServiceOptions } from './credit-service.js';
import { actOnPlan, markConformance } from './plan-actions.js';
import { submitPlan } from './plan-service.js';
import { planBody } from '../../tests/helpers/api-harness.js';

const T0 = Date.parse('2026-12-01T00:00:00Z');
const MIN = 60_000;
const at = (hhmm: string) => Date.parse(`2026-12-01T${hhmm}:00Z`);

const PILOT: Principal = { id: 'P-ACME', role: 'pilot', name: 'ACME pilot', operatorId: 'ACME' };
const PILOT2: Principal = { id: 'P-ACME-2', role: 'pilot', name: 'second ACME pilot', operatorId: 'ACME' };
const OTHER: Principal = { id: 'P-OTHER', role: 'pilot', name: 'Other pilot', operatorId: 'OTHER' };
const A_OP: Principal = { id: 'O-A', role: 'operator', name: 'A operator', stationId: 'A-CQ' };
const B_OP: Principal = { id: 'O-B', role: 'operator', name: 'B operator', stationId: 'B-500109' };
const ADMIN: Principal = { id: 'admin', role: 'admin', name: 'admin' };
/** the conformance monitor activates a plan on its first airborne report */
const MONITOR = systemActor('monitor', 'conformance monitor');

type Fn = (...args: unknown[]) => void;
/** The policy's credit checks once they are in server/policy (assertCanReadCredit, assertCanAdjustCredit); until then the same rules here. */
function accessFor(ctx: ServiceContext): CreditAccess {
  const p = policy as unknown as Record<string, Fn | undefined>;
  return {
    assertCanRead: (a: Actor, companyId: string) => {
      if (p.assertCanReadCredit) return p.assertCanReadCredit(a, companyId, ctx.jurisdiction);
      if (a.kind === 'system') return;
      const own = a.role === 'pilot' ? a.operatorId : a.role === 'company-admin' ? a.companyId : undefined;
      if (a.role === 'admin' || a.role === 'operator' || own === companyId) return;
      throw new ApiError('FORBIDDEN', `the credit record of ${companyId} belongs to another company`);
    },
    assertCanAdjust: (a: Principal, companyId: string) => {
      if (p.assertCanAdjustCredit) return p.assertCanAdjustCredit(a, companyId, ctx.jurisdiction);
      if (a.role === 'admin' || (a.role === 'operator' && a.stationId === ctx.jurisdiction.aStationId)) return;
      throw new ApiError('FORBIDDEN', 'credit adjustments are made by the A station or the admin');
    },
  };
}

const hasCreditSchema = (db: Db) => !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'credit_events'").get();

interface World {
  db: Db;
  ctx: ServiceContext;
  credit: CreditService;
  clock: { now: number };
  live?: LiveTraffic;
}

function world(path = ':memory:', opts: { live?: boolean; now?: number } = {}, extra: Partial<CreditServiceOptions> = {}): World {
  const db = openDatabase(path);
  if (!hasCreditSchema(db)) db.exec(CREDIT_MIGRATION_SQL); // until it is a migration
  const clock = { now: opts.now ?? T0 };
  const ctx = createContext(db, buildAirspace(EMPTY_SCENARIO), EMPTY_SCENARIO, () => clock.now);
  const live = opts.live ? new LiveTraffic(ctx, EMPTY_SCENARIO.stations) : undefined;
  const credit = new CreditService(ctx, { access: accessFor(ctx), ...(live ? { live } : {}), ...extra });
  return { db, ctx, credit, clock, live };
}

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
});

function track(w: World) {
  open.push(w.db);
  return w;
}

/** A plan over an empty sky (the empty scenario serves everywhere): approved at once. */
const planInput = (start: string, end: string, c: [number, number] = [106.4, 29.83]) =>
  planBody({ c, lower: 0, upper: 100, start: `2026-12-01T${start}:00Z`, end: `2026-12-01T${end}:00Z` }) as FlightPlanInput;

function approved(w: World, who: Principal, start: string, end: string, c?: [number, number]): string {
  const r = submitPlan(w.ctx, who, planInput(start, end, c));
  const body = r.body as { id: string; state: string };
  expect(body.state).toBe('approved');
  return body.id;
}

function raiseAlert(w: World, kind: string, planId: string, raisedAt: number): string {
  const repo = new AlertRepo(w.db);
  const id = repo.nextId();
  repo.insert({
    id,
    kind: kind as never,
    severity: 'warning',
    stationId: 'A-CQ',
    lng: 106.4,
    lat: 29.83,
    altitudeM: 50,
    message: `${kind} of ${planId}`,
    raisedAt: new Date(raisedAt).toISOString(),
    planId,
  });
  return id;
}

const kinds = (w: World, company = 'ACME') => w.credit.credit(ADMIN, company, 1000).events.map((e) => `${e.kind}:${e.delta}`);

describe('credit: known answers', () => {
  it('a scripted history gives the exact score, tier and events', () => {
    const w = track(world());
    expect(w.credit.credit(ADMIN, 'ACME')).toEqual({ companyId: 'ACME', score: 800, tier: 'B', effect: null, total: 0, events: [] });

    // 1. cancelled 15 min before its start by its own pilot: late (−10) → 790
    const late = approved(w, PILOT, '02:00', '02:30');
    w.clock.now = at('01:45');
    actOnPlan(w.ctx, PILOT, late, 'cancel');
    // 2. cancelled in good time (and a pending-free approved plan): nothing
    const early = approved(w, PILOT, '03:00', '03:30');
    actOnPlan(w.ctx, PILOT, early, 'cancel');
    // 3. cancelled late by the A station's operator: not the company's doing, nothing
    const byStation = approved(w, PILOT, '02:00', '02:30', [106.45, 29.83]);
    actOnPlan(w.ctx, A_OP, byStation, 'cancel');
    expect(w.credit.scoreOf('ACME')).toBe(790);

    // 4. flown (seen airborne by the monitor) and completed as approved: +2 → 792; a plan only
    //    activated and completed by API calls earns nothing
    const good = approved(w, PILOT, '02:00', '02:30', [106.3, 29.83]);
    const unseen = approved(w, PILOT, '02:00', '02:30', [106.35, 29.9]);
    w.clock.now = at('02:00');
    actOnPlan(w.ctx, MONITOR, good, 'activate');
    actOnPlan(w.ctx, PILOT, unseen, 'activate');
    w.clock.now = at('02:20');
    actOnPlan(w.ctx, PILOT, good, 'complete');
    actOnPlan(w.ctx, PILOT, unseen, 'complete');
    expect(w.credit.scoreOf('ACME')).toBe(792);

    // 5. a flight with alerts: two off-plan alerts count once (−15) → 777, zone incursion −40 → 737,
    //    loss of separation −30 → 707, lost link −10 → 697: tier C; its completion earns nothing
    w.clock.now = at('01:50');
    const bad = approved(w, PILOT, '02:00', '02:40', [106.2, 29.83]);
    w.clock.now = at('02:05');
    actOnPlan(w.ctx, MONITOR, bad, 'activate');
    const lateral = raiseAlert(w, 'off-plan-lateral', bad, at('02:06'));
    raiseAlert(w, 'off-plan-vertical', bad, at('02:07'));
    raiseAlert(w, 'zone-incursion', bad, at('02:08'));
    // off its plan (as the live pipeline marks it), so the loss of separation is charged to it
    markConformance(w.ctx, new Map([[bad, { conformance: 'nonconforming' as const, why: 'off plan' }]]));
    raiseAlert(w, 'loss-of-separation', bad, at('02:09'));
    raiseAlert(w, 'lost-link', bad, at('02:10'));
    raiseAlert(w, 'yield', bad, at('02:10')); // told to give way: not the company's fault
    expect(w.credit.catchUp()).toBe(5); // four scored events and the tier change
    w.clock.now = at('02:30');
    actOnPlan(w.ctx, PILOT, bad, 'complete');
    expect(w.credit.scoreOf('ACME')).toBe(697);
    expect(w.credit.tier('ACME')).toBe('C');
    expect(w.credit.effectFor('ACME')).toMatchObject({ code: 'CREDIT_REVIEW', effect: 'approval', ref: 'ACME' });

    // 6. approved, never flown: the sweep after its window finds a no-show (−20) → 677
    const idle = approved(w, PILOT2, '02:40', '02:50', [106.1, 29.83]);
    expect(w.credit.sweepNoShows(at('02:45'))).toBe(0); // not over yet
    expect(w.credit.sweepNoShows(at('02:51'))).toBe(1);
    expect(w.credit.sweepNoShows(at('02:52'))).toBe(0); // once

    // 7. the A station adjusts by +250 with a reason → 927: tier A
    w.clock.now = at('03:00');
    const adj = w.credit.adjust(A_OP, 'ACME', 250, 'appeal upheld: the incursion was a surveillance error');
    expect(adj).toMatchObject({ companyId: 'ACME', score: 927, tier: 'A' });
    expect(adj.events.map((e) => e.kind)).toEqual(['adjustment', 'tier-change']);

    const c = w.credit.credit(ADMIN, 'ACME');
    expect(c.score).toBe(927);
    expect(c.tier).toBe('A');
    expect(c.effect).toBeNull();
    expect(kinds(w)).toEqual([
      'late-cancellation:-10',
      'completed-conforming:2',
      'off-plan:-15',
      'zone-incursion:-40',
      'loss-of-separation:-30',
      'lost-link:-10',
      'tier-change:0',
      'no-show:-20',
      'adjustment:250',
      'tier-change:0',
    ]);
    // every event names its cause
    const byKind = Object.fromEntries(c.events.map((e) => [e.kind, e]));
    expect(byKind['late-cancellation']).toMatchObject({ ref: late, at: '2026-12-01T01:45:00.000Z', scoreAfter: 790, tierAfter: 'B' });
    expect(byKind['late-cancellation'].reason).toContain('15 min before its start');
    expect(byKind['off-plan']).toMatchObject({ ref: bad, source: lateral });
    expect(byKind['no-show']).toMatchObject({ ref: idle, at: '2026-12-01T02:50:00.000Z', delta: -20 });
    expect(byKind.adjustment).toMatchObject({ ref: 'ADJ-0000009', actor: 'O-A', delta: 250, reason: 'appeal upheld: the incursion was a surveillance error' });
    const tierChanges = c.events.filter((e) => e.kind === 'tier-change');
    expect(tierChanges.map((e) => [e.ref, e.tierAfter])).toEqual([
      [`lost-link:${bad}`, 'C'],
      ['adjustment:ADJ-0000009', 'A'],
    ]);
    expect(tierChanges[0].reason).toMatch(/tier B → C \(score 707 → 697\)/);
    // the sum of the applied deltas is the score; the fold of the rule deltas replays to it
    expect(800 + c.events.reduce((s, e) => s + e.delta, 0)).toBe(927);
    expect(replayScore(c.events.map((e) => e.ruleDelta))).toBe(927);
    expect(w.credit.replay('ACME')).toEqual({ score: 927, tier: 'A', events: 10 });
    // the adjustment is in the audit trail too
    expect(w.ctx.audit.forSubject('company', 'ACME')).toEqual([
      expect.objectContaining({
        actor: 'O-A',
        action: 'credit-adjust',
        reason: 'appeal upheld: the incursion was a surveillance error',
        details: expect.objectContaining({ ref: 'ADJ-0000009', delta: 250, scoreAfter: 927 }),
      }),
    ]);
    // another company is untouched
    expect(w.credit.credit(ADMIN, 'OTHER')).toMatchObject({ score: 800, tier: 'B', total: 0 });
  });

  it('conforming completions earn their bonus for at most 10 flights a company a Beijing day', () => {
    const w = track(world());
    const fly = (c: [number, number], start: string, end: string) => {
      const r = submitPlan(w.ctx, PILOT, planBody({ c, lower: 0, upper: 100, start, end }) as FlightPlanInput);
      const id = (r.body as { id: string; state: string }).id;
      expect((r.body as { state: string }).state).toBe('approved');
      w.clock.now = Date.parse(start);
      actOnPlan(w.ctx, MONITOR, id, 'activate');
      w.clock.now = Date.parse(end);
      actOnPlan(w.ctx, PILOT, id, 'complete');
    };
    for (let k = 0; k < 12; k++) fly([106.1 + k * 0.03, 29.83], '2026-12-01T02:00:00Z', '2026-12-01T02:20:00Z');
    expect(w.credit.scoreOf('ACME')).toBe(820);
    expect(kinds(w).filter((k) => k === 'completed-conforming:2')).toHaveLength(10);
    // 16:00 UTC is midnight in Beijing: a new day
    fly([106.1, 29.9], '2026-12-01T16:05:00Z', '2026-12-01T16:20:00Z');
    expect(w.credit.scoreOf('ACME')).toBe(822);
  });

  it('tier D rejects (COMPANY_SUSPENDED) except emergencies; bounded at 0 and 1000', () => {
    const w = track(world());
    w.credit.adjust(ADMIN, 'ACME', -350, 'repeated incursions (case 17)');
    expect(w.credit.tier('ACME')).toBe('D');
    expect(w.credit.effectFor('ACME')).toMatchObject({ code: 'COMPANY_SUSPENDED', effect: 'reject' });
    expect(w.credit.effectFor('ACME', { emergency: true })).toMatchObject({ code: 'CREDIT_REVIEW', effect: 'approval' });
    const down = w.credit.adjust(ADMIN, 'ACME', -1000, 'licence revoked by CAAC');
    expect(down.score).toBe(0);
    expect(down.events).toEqual([expect.objectContaining({ kind: 'adjustment', ruleDelta: -1000, delta: -450, scoreAfter: 0 })]);
    expect(down.events[0].reason).toContain('bounded');
    expect(w.credit.adjust(ADMIN, 'ACME', 1000, 'reinstated').score).toBe(1000);
    expect(w.credit.adjust(ADMIN, 'ACME', 1, 'a bonus').events[0]).toMatchObject({ ruleDelta: 1, delta: 0, scoreAfter: 1000 });
  });

  it('a loss of separation costs nothing to a flight that kept to its plan, 30 to one that was off it', () => {
    const w = track(world());
    w.clock.now = at('01:50');
    const kept = approved(w, PILOT, '02:00', '02:30');
    const strayed = approved(w, PILOT, '02:00', '02:30', [106.2, 29.83]);
    w.clock.now = at('02:05');
    actOnPlan(w.ctx, MONITOR, kept, 'activate');
    actOnPlan(w.ctx, MONITOR, strayed, 'activate');
    markConformance(w.ctx, new Map([[strayed, { conformance: 'nonconforming' as const, why: 'off plan' }]]));
    raiseAlert(w, 'loss-of-separation', kept, at('02:06'));
    raiseAlert(w, 'loss-of-separation', strayed, at('02:06'));
    w.credit.catchUp();
    expect(kinds(w)).toEqual(['loss-of-separation:-30']);
    expect(w.credit.scoreOf('ACME')).toBe(770);
  });

  it('a cancellation after the window ended is a no-show, counted once with the sweep', () => {
    const w = track(world());
    const p = approved(w, PILOT, '02:00', '02:30');
    w.clock.now = at('02:40');
    actOnPlan(w.ctx, PILOT, p, 'cancel');
    expect(w.credit.sweepNoShows(at('02:41'))).toBe(0);
    expect(kinds(w)).toEqual(['no-show:-20']);
  });

  it('a plan cancelled by another pilot of the same company counts; one of an operator-filed plan has no company', () => {
    const w = track(world());
    w.ctx.principals.insert(PILOT2, 'token-2', new Date(T0).toISOString());
    const p = approved(w, PILOT, '00:20', '00:50');
    actOnPlan(w.ctx, PILOT2, p, 'cancel');
    const q = approved(w, A_OP, '00:20', '00:50', [106.3, 29.9]);
    actOnPlan(w.ctx, A_OP, q, 'cancel');
    expect(kinds(w)).toEqual(['late-cancellation:-10']);
  });
});

describe('credit: idempotent, append-only, replayable', () => {
  it('the same cancellation processed twice counts once (cursor rewound, or a second service)', () => {
    const w = track(world());
    const p = approved(w, PILOT, '00:10', '00:40');
    actOnPlan(w.ctx, PILOT, p, 'cancel');
    expect(w.credit.scoreOf('ACME')).toBe(790);
    w.db.prepare("UPDATE credit_cursors SET value = 0 WHERE name IN ('audit', 'alerts')").run();
    expect(w.credit.catchUp()).toBe(0);
    const again = new CreditService(w.ctx, { access: accessFor(w.ctx) });
    expect(again.catchUp()).toBe(0);
    expect(again.scoreOf('ACME')).toBe(790);
    expect(kinds(w)).toEqual(['late-cancellation:-10']);
  });

  it('refuses UPDATE and DELETE of credit events', () => {
    const w = track(world());
    w.credit.adjust(ADMIN, 'ACME', -10, 'test');
    expect(() => w.db.prepare('UPDATE credit_events SET delta = 0').run()).toThrow(/append-only/);
    expect(() => w.db.prepare('DELETE FROM credit_events').run()).toThrow(/append-only/);
  });

  it('after a restart the score replays from the events to the same value, and nothing is recounted', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yukong-credit-'));
    try {
      const path = join(dir, 'credit.db');
      const w = world(path);
      const p = approved(w, PILOT, '00:20', '00:50');
      actOnPlan(w.ctx, PILOT, p, 'cancel');
      const q = approved(w, PILOT, '01:00', '01:10', [106.3, 29.83]);
      raiseAlert(w, 'zone-incursion', q, at('00:30'));
      w.credit.catchUp();
      w.credit.adjust(ADMIN, 'ACME', -100, 'inspection findings');
      w.credit.sweepNoShows(at('01:30'));
      const before = w.credit.credit(ADMIN, 'ACME');
      expect(before.score).toBe(800 - 10 - 40 - 100 - 20);
      expect(before.tier).toBe('C');
      w.db.close();

      const r = world(path, { now: at('02:00') });
      expect(r.credit.catchUp()).toBe(0);
      expect(r.credit.sweepNoShows(at('02:00'))).toBe(0);
      const after = r.credit.credit(ADMIN, 'ACME');
      expect(after).toEqual(before);
      expect(r.credit.replay('ACME')).toEqual({ score: before.score, tier: 'C', events: before.total });
      r.db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('causes left unread when the process stopped are read at start', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yukong-credit-'));
    try {
      const path = join(dir, 'credit.db');
      const w = world(path);
      const q = approved(w, PILOT, '01:00', '01:10');
      raiseAlert(w, 'off-plan-time', q, at('01:11')); // persisted, then the process dies before credit reads it
      w.db.close();
      const r = world(path);
      expect(r.credit.scoreOf('ACME')).toBe(785);
      r.db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('counts nothing from before its migration', () => {
    const db = openDatabase(':memory:');
    open.push(db);
    const clock = { now: T0 };
    const ctx = createContext(db, buildAirspace(EMPTY_SCENARIO), EMPTY_SCENARIO, () => clock.now);
    const hadSchema = hasCreditSchema(db);
    const id = (submitPlan(ctx, PILOT, planInput('00:10', '00:40')).body as { id: string }).id;
    actOnPlan(ctx, PILOT, id, 'cancel'); // late, but before credit existed (when the schema is not yet a migration)
    const idle = (submitPlan(ctx, PILOT, planInput('01:00', '01:10', [106.3, 29.83])).body as { id: string }).id;
    if (!hadSchema) db.exec(CREDIT_MIGRATION_SQL);
    const credit = new CreditService(ctx, { access: accessFor(ctx) });
    expect(credit.sweepNoShows(at('02:00'))).toBe(hadSchema ? 1 : 0);
    expect(credit.scoreOf('ACME')).toBe(hadSchema ? 800 - 10 - 20 : 800);
    expect(idle).toMatch(/^FP-/);
  });
});

describe('credit: access', () => {
  it('read: admin, operators, the company itself; adjust: admin and the A station', () => {
    const w = track(world());
    expect(w.credit.credit(PILOT, 'ACME').score).toBe(800);
    expect(w.credit.credit(B_OP, 'ACME').score).toBe(800);
    expect(() => w.credit.credit(OTHER, 'ACME')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => w.credit.adjust(PILOT, 'ACME', 100, 'self-service')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => w.credit.adjust(B_OP, 'ACME', -10, 'not my call')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => w.credit.adjust(ADMIN, 'ACME', 0, 'nothing')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => w.credit.adjust(ADMIN, 'ACME', 5, '  ')).toThrow(expect.objectContaining({ code: 'REASON_REQUIRED' }));
    expect(w.credit.credit(ADMIN, 'ACME').total).toBe(0);
  });

  it('an unknown company is 404 when the registry is consulted', () => {
    const w = track(world(':memory:', {}, { companyExists: (id) => id === 'ACME' }));
    expect(w.credit.credit(ADMIN, 'ACME').score).toBe(800);
    expect(() => w.credit.credit(ADMIN, 'NOPE')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => w.credit.adjust(ADMIN, 'NOPE', 5, 'x')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});

describe('credit: from the live pipeline', () => {
  const at50 = (id: string, planId: string, pos: [number, number], altitudeM: number, tMs: number): TrackUpdate => ({
    id,
    planId,
    lng: pos[0],
    lat: pos[1],
    altitudeM,
    speedMps: altitudeM > 0 ? 10 : 0,
    headingDeg: 0,
    tMs,
    source: ['network'],
  });
  /** one tick: the bad flight where asked, the good one in its volume (or landed) */
  const step = (w: World, tMs: number, bad: TrackUpdate | null, good: TrackUpdate | null) => {
    w.clock.now = tMs;
    w.live?.ingest([bad, good].filter((u): u is TrackUpdate => u !== null));
    w.live?.tick(tMs);
  };

  it('an off-plan episode over many ticks counts once; a clean flight earns +2 once its landing tick is in; no-shows are swept each minute', () => {
    const w = track(world(':memory:', { live: true }));
    const bad = approved(w, PILOT, '02:00', '02:30');
    const good = approved(w, PILOT, '02:00', '02:30', [106.3, 29.83]);
    const idle = approved(w, PILOT, '02:00', '02:10', [106.2, 29.83]);
    const B = (pos: [number, number], alt: number, t: number) => at50('T-bad', bad, pos, alt, t);
    const G = (alt: number, t: number) => at50('T-good', good, [106.3, 29.83], alt, t);
    let t = at('02:01');
    const next = (dt: number) => {
      t += dt;
      return t;
    };
    step(w, t, B([106.4, 29.83], 50, t), G(50, t));
    for (let i = 0; i < 5; i++) step(w, next(1000), B([106.45, 29.83], 50, t), G(50, t)); // off the footprint, five ticks
    step(w, next(1000), B([106.4, 29.83], 50, t), G(50, t)); // back
    for (let i = 0; i < 3; i++) step(w, next(1000), B([106.4, 29.83], 120, t), G(50, t)); // above the band
    step(w, next(1000), B([106.4, 29.83], 0, t), G(50, t)); // landed
    step(w, next(1000), null, G(0, t)); // landed
    expect(w.ctx.plans.get(bad)?.state).toBe('completed');
    expect(w.ctx.plans.get(good)?.state).toBe('completed');
    expect(w.credit.scoreOf('ACME')).toBe(800 - 15 + 2);
    // the idle plan's window ends at 02:10; the sweep runs on the first tick at least a minute after the last
    for (let m = 0; m < 12; m++) step(w, next(MIN), null, null);
    expect(kinds(w)).toEqual(['off-plan:-15', 'completed-conforming:2', 'no-show:-20']);
    const events = w.credit.credit(ADMIN, 'ACME').events;
    expect(events[0].reason).toMatch(/^off-plan-lateral alert AL-\d+ on plan FP-/);
    expect(events[2]).toMatchObject({ ref: idle, at: '2026-12-01T02:10:00.000Z' });
    expect(DEFAULT_CREDIT_RULES.deltas['completed-conforming']).toBe(2);
  });

  it('a flight that leaves its volume in the tick it lands earns no bonus (the completion waits for that tick)', () => {
    const w = track(world(':memory:', { live: true }));
    const p = approved(w, PILOT, '02:00', '02:30');
    const t = at('02:01');
    step(w, t, at50('T-1', p, [106.4, 29.83], 50, t), null);
    w.clock.now = t + 1000;
    w.live?.ingest([at50('T-1', p, [106.4, 29.83], 150, t + 500), at50('T-1', p, [106.4, 29.83], 0, t + 1000)]);
    expect(w.ctx.plans.get(p)?.state).toBe('completed');
    expect(kinds(w)).toEqual([]); // completed, but its tick has not run
    w.live?.tick(t + 1000);
    expect(kinds(w)).toEqual(['off-plan:-15']);
  });
});
