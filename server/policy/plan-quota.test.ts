import { describe, expect, it } from 'vitest';
import { PlanQuota } from './plan-quota.js';

describe('plan quota', () => {
  it('allows perHour plans in any sliding hour, all or nothing, and says when to retry', () => {
    let now = 0;
    const q = new PlanQuota(5, () => now);
    q.take('p', 3);
    now = 10 * 60_000;
    q.take('p', 2);
    expect(() => q.take('p')).toThrow(expect.objectContaining({ code: 'QUOTA_EXCEEDED', details: expect.objectContaining({ used: 5, retryAfterS: 50 * 60 }) }));
    q.take('other', 5); // per principal
    now = 60 * 60_000 + 1; // the first three have left the window
    q.take('p', 3);
    expect(() => q.take('p')).toThrow(expect.objectContaining({ details: expect.objectContaining({ retryAfterS: 10 * 60 }) }));
  });

  it('a batch larger than the whole quota is refused; 0 turns the quota off', () => {
    expect(() => new PlanQuota(5).take('p', 6)).toThrow(expect.objectContaining({ code: 'QUOTA_EXCEEDED' }));
    const off = new PlanQuota(0);
    for (let i = 0; i < 100; i++) off.take('p', 100);
  });

  it("a company's principals share its hour, all or nothing: a refused batch takes nothing from either window", () => {
    const now = 0;
    const q = new PlanQuota(5, () => now, 6);
    q.take('p1', 4, 'ACME');
    expect(() => q.take('p2', 3, 'ACME')).toThrow(expect.objectContaining({ details: expect.objectContaining({ scope: 'company', used: 4 }) }));
    q.take('p2', 2, 'ACME'); // the refused batch left p2's window empty
    expect(() => q.take('p3', 1, 'ACME')).toThrow(expect.objectContaining({ details: expect.objectContaining({ scope: 'company', used: 6 }) }));
    expect(() => q.take('p1', 2, 'OTHER')).toThrow(expect.objectContaining({ details: expect.objectContaining({ scope: 'principal', used: 4 }) }));
    q.take('p3', 5, 'OTHER');
    q.take('station', 5); // no company: the principal's quota only
  });
});
