import { describe, expect, it } from 'vitest';
import { applyDelta, cancellationKind, creditEffect, DEFAULT_CREDIT_RULES, replayScore, SCORED_KINDS, tierOf } from './credit-tier.js';

const D = DEFAULT_CREDIT_RULES.deltas;
const MIN = 60_000;

describe('credit tiers', () => {
  it('A ≥ 900, B ≥ 700, C ≥ 500, D below', () => {
    expect([1000, 900, 899, 800, 700, 699, 500, 499, 0].map((s) => tierOf(s))).toEqual(['A', 'A', 'B', 'B', 'B', 'C', 'C', 'D', 'D']);
  });

  it('the rule table: one delta per scored kind, as documented', () => {
    expect(D).toEqual({ 'completed-conforming': 2, 'late-cancellation': -10, 'no-show': -20, 'off-plan': -15, 'lost-link': -10, 'loss-of-separation': -30, 'zone-incursion': -40 });
    expect(Object.keys(D).sort()).toEqual([...SCORED_KINDS].sort());
    expect(DEFAULT_CREDIT_RULES.start).toBe(800);
    expect(DEFAULT_CREDIT_RULES.lateCancellationMin).toBe(30);
  });

  it('a delta is bounded to 0..1000 and says what it applied', () => {
    expect(applyDelta(995, 10)).toEqual({ score: 1000, applied: 5 });
    expect(applyDelta(15, -40)).toEqual({ score: 0, applied: -15 });
    expect(applyDelta(800, -15)).toEqual({ score: 785, applied: -15 });
    expect(applyDelta(1000, 2)).toEqual({ score: 1000, applied: 0 });
  });

  it('known answer: a scripted history gives the exact score and tier', () => {
    // 800 −15 off-plan −40 incursion −30 LoS −20 no-show −10 late = 685 (C); +2 ×5 = 695 (C);
    // +300 adjustment = 995 (A); +10 = 1000 (bounded); −1000 = 0 (D); −10 stays 0
    const steps = [D['off-plan'], D['zone-incursion'], D['loss-of-separation'], D['no-show'], D['late-cancellation']];
    expect(replayScore(steps)).toBe(685);
    expect(tierOf(replayScore(steps))).toBe('C');
    const more = [...steps, 2, 2, 2, 2, 2];
    expect(replayScore(more)).toBe(695);
    expect(replayScore([...more, 300])).toBe(995);
    expect(tierOf(replayScore([...more, 300]))).toBe('A');
    expect(replayScore([...more, 300, 10])).toBe(1000);
    expect(replayScore([...more, 300, 10, -1000])).toBe(0);
    expect(replayScore([...more, 300, 10, -1000, -10])).toBe(0);
    expect(tierOf(0)).toBe('D');
  });

  it('bounding makes the order matter: the fold is what replays', () => {
    expect(replayScore([300, -300])).toBe(700); // 800 → 1000 (bounded) → 700
    expect(replayScore([-300, 300])).toBe(800);
  });
});

describe('cancellations', () => {
  const start = Date.parse('2026-12-01T02:00:00Z');
  const plan = { fromState: 'approved', startMs: start, endMs: start + 30 * MIN, byCompany: true };
  it('late: an approved plan cancelled by its company less than 30 min before its start (or after it)', () => {
    expect(cancellationKind(plan, start - 31 * MIN)).toBeNull();
    expect(cancellationKind(plan, start - 30 * MIN)).toBeNull(); // exactly the notice period is in time
    expect(cancellationKind(plan, start - 29 * MIN)).toBe('late-cancellation');
    expect(cancellationKind(plan, start + 10 * MIN)).toBe('late-cancellation');
  });
  it('after the window ended it is a no-show; pending plans and station cancellations do not count', () => {
    expect(cancellationKind(plan, start + 31 * MIN)).toBe('no-show');
    expect(cancellationKind({ ...plan, fromState: 'pending' }, start - MIN)).toBeNull();
    expect(cancellationKind({ ...plan, fromState: 'active' }, start + MIN)).toBeNull();
    expect(cancellationKind({ ...plan, byCompany: false }, start - MIN)).toBeNull();
  });
});

describe('what a tier does to a decision', () => {
  it('A and B: nothing; C: review by an operator; D: suspended', () => {
    expect(creditEffect('A')).toBeNull();
    expect(creditEffect('B')).toBeNull();
    expect(creditEffect('C', { companyId: 'ACME', score: 650 })).toMatchObject({ code: 'CREDIT_REVIEW', effect: 'approval', ref: 'ACME' });
    expect(creditEffect('C', { companyId: 'ACME', score: 650 })?.message).toContain('650');
    expect(creditEffect('D', { companyId: 'ACME', score: 420 })).toMatchObject({ code: 'COMPANY_SUSPENDED', effect: 'reject', ref: 'ACME' });
  });
  it('an emergency mission of a suspended company goes to an operator instead of being refused', () => {
    expect(creditEffect('D', { companyId: 'RESCUE', emergency: true })).toMatchObject({ code: 'CREDIT_REVIEW', effect: 'approval' });
    expect(creditEffect('B', { emergency: true })).toBeNull();
  });
});
