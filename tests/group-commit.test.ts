/**
 * Decisions that arrive together are committed together: each sees the ones before it, a refused
 * one leaves the others alone, nobody hears of a decision before the group commits, and a group
 * whose commit fails leaves neither the store nor the in-memory index changed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { submitPlan } from '../server/services/plan-service.js';
import { createHarness, planBody, type Harness } from './helpers/api-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

const submit = (who: string, body: unknown) => h.call(who, 'POST', '/api/v1/flight-plans', body);

describe('group commit of decisions', () => {
  it('decides submissions that arrive together in order, each seeing the ones before it, in one commit', async () => {
    const group = h.app.yukong.groupCommit;
    const before = { ...group.stats };
    // the same airspace and time, ten times, at once; one malformed submission among them
    const bodies: unknown[] = Array.from({ length: 10 }, () => planBody());
    bodies.splice(4, 0, { ...planBody(), mission: 'no-such-mission' });
    const answers = await Promise.all(bodies.map((b) => submit('acme', b)));
    expect(answers[4].status).toBe(400);
    const decided = answers.filter((_, i) => i !== 4);
    expect(decided.every((a) => a.status === 201)).toBe(true);
    // the first is approved; every later one conflicts with it and is not
    expect(decided[0].body.state).toBe('approved');
    for (const a of decided.slice(1)) {
      expect(a.body.state).not.toBe('approved');
      expect(a.body.decision.conflicts.map((c: { id: string }) => c.id)).toContain(decided[0].body.id);
    }
    // ids follow the order of arrival
    const ids = decided.map((a) => a.body.id);
    expect([...ids].sort()).toEqual(ids);
    // fewer groups than decisions: they were committed together
    expect(group.stats.decisions - before.decisions).toBe(10);
    expect(group.stats.groups - before.groups).toBeLessThan(10);
    expect(group.stats.largest).toBeGreaterThan(1);
    // everything answered is stored and survives a restart
    await h.reopen();
    for (const a of decided) expect((await h.call('acme', 'GET', `/api/v1/flight-plans/${a.body.id}`)).body.state).toBe(a.body.state);
  });

  it('tells listeners only once the group has committed', async () => {
    const ctx = h.app.yukong.services;
    const heard: { id: string; inTransaction: boolean }[] = [];
    ctx.listeners.add((e) => heard.push({ id: e.planId, inTransaction: ctx.db.inTransaction }));
    const answers = await Promise.all([submit('acme', planBody({ c: [106.42, 29.82] })), submit('acme', planBody({ c: [106.46, 29.86] }))]);
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    expect(heard.map((x) => x.id).sort()).toEqual(answers.map((a) => a.body.id).sort());
    expect(heard.every((x) => !x.inTransaction)).toBe(true);
  });

  it('a group whose transaction fails answers no one and changes neither the store nor the index', async () => {
    const { groupCommit: group, services: ctx } = h.app.yukong;
    const pilot = ctx.principals.byToken(h.tokens.acme)?.principal;
    if (!pilot) throw new Error('no pilot');
    const heard: string[] = [];
    ctx.listeners.add((e) => heard.push(e.planId));
    const sound = group.run(() => submitPlan(ctx, pilot, planBody() as never));
    const broken = group.run(() => {
      // the store gives up the whole transaction (as on an I/O error)
      ctx.db.exec('ROLLBACK');
      throw new Error('disk I/O error');
    });
    const [a, b] = await Promise.allSettled([sound, broken]);
    expect(a.status).toBe('rejected');
    expect(b.status).toBe('rejected');
    expect(heard).toEqual([]);
    expect(ctx.plans.list({ limit: 10 })).toEqual([]);
    expect(ctx.airspace.plans.size).toBe(0);
    // the airspace is free again: the same plan is approved now, under the id the failed one had
    const again = await submit('acme', planBody());
    expect(again.body.state).toBe('approved');
    expect(again.body.id).toBe('FP-0000001');
  });
});
