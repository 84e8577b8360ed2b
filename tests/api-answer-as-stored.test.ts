/**
 * A decided plan is answered with the text it was stored with (serialised once): the bytes sent
 * are the stored document's, a replay under its Idempotency-Key gives the same bytes, and a pending
 * plan still gets the competing requests of the moment, never a stale stored list (written into
 * its stored text, not serialised again).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, planBody, type Harness } from './helpers/api-harness.js';
import { documentJson } from '../server/store/document-json.js';
import { present, submitPlan } from '../server/services/plan-service.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

const token = (who: string) => ({ authorization: `Bearer ${h.tokens[who] ?? who}` });
const post = (who: string, body: unknown, headers: Record<string, string> = {}) =>
  h.app.inject({ method: 'POST', url: '/api/v1/flight-plans', headers: { ...token(who), ...headers }, payload: body as object });
const storedDoc = (id: string) => (h.app.yukong.services.db.prepare('SELECT doc FROM plans WHERE id = ?').get(id) as { doc: string }).doc;

describe('a decided plan is answered as stored', () => {
  it('sends the stored bytes of an approved plan, and the same bytes on a replay of its key', async () => {
    const first = await post('acme', planBody(), { 'idempotency-key': 'k-1' });
    expect(first.statusCode).toBe(201);
    const plan = first.json();
    expect(plan.state).toBe('approved');
    expect(first.body).toBe(storedDoc(plan.id));
    // the text is the JSON of the answer, nothing more or less
    expect(first.body).toBe(JSON.stringify(plan));
    const again = await post('acme', planBody(), { 'idempotency-key': 'k-1' });
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    // read back later (parsed from the store): the same document
    expect((await h.call('acme', 'GET', `/api/v1/flight-plans/${plan.id}`)).body).toEqual(plan);
  });

  it('a pending plan is answered with the competing requests of the moment', async () => {
    const a = (await post('acme', planBody({ upper: 150 }))).json();
    const b = await post('other', planBody({ upper: 150, lower: 50 }));
    expect(a.state).toBe('pending');
    expect(b.json()).toMatchObject({ state: 'pending', competing: [a.id] });
    // the store keeps no competing list of its own; the answer derives it
    expect(JSON.parse(storedDoc(b.json().id)).competing).toEqual([]);
    expect(b.body).not.toBe(storedDoc(b.json().id));
    // the answer is the stored text with the list written in, made from that text (not serialised again)
    expect(b.body).toBe(storedDoc(b.json().id).replace('"competing":[]', `"competing":${JSON.stringify([a.id])}`));
    const ctx = h.app.yukong.services;
    const other = ctx.principals.byToken(h.tokens.other)?.principal;
    if (!other) throw new Error('no principal for other');
    const c = submitPlan(ctx, other, planBody({ upper: 150, lower: 60 }) as never);
    expect((c.body as { competing: string[] }).competing).toEqual([a.id, b.json().id]);
    expect(documentJson(c.body)).toBe(JSON.stringify(c.body));
    expect(documentJson(present(ctx, ctx.plans.get(a.id) as never))).toBe(JSON.stringify(present(ctx, ctx.plans.get(a.id) as never)));
    expect((await h.call('beibei', 'GET', `/api/v1/flight-plans/${a.id}`)).body.competing).toEqual([b.json().id, c.body && (c.body as { id: string }).id]);
    // approved, it competes with nothing any more: answered with its new version as stored
    const approved = await h.app.inject({ method: 'POST', url: `/api/v1/flight-plans/${a.id}/approve`, headers: token('beibei'), payload: {} });
    expect(approved.json()).toMatchObject({ state: 'approved', competing: [] });
    expect(approved.body).toBe(storedDoc(a.id));
  });

  it('a pending plan under an Idempotency-Key: the answer, the answer kept for the key and its replay are the same bytes', async () => {
    const storedAnswer = (key: string) => (h.app.yukong.services.db.prepare('SELECT response FROM idempotency WHERE key = ?').get(key) as { response: string }).response;
    const a = (await post('acme', planBody({ upper: 150 }))).json();
    const b = await post('other', planBody({ upper: 150, lower: 50 }), { 'idempotency-key': 'kb' });
    expect(b.json()).toMatchObject({ state: 'pending', competing: [a.id] });
    expect(b.body).toBe(storedDoc(b.json().id).replace('"competing":[]', `"competing":${JSON.stringify([a.id])}`));
    expect(storedAnswer('kb')).toBe(b.body);
    expect((await post('other', planBody({ upper: 150, lower: 50 }), { 'idempotency-key': 'kb' })).body).toBe(b.body);
    // submitted together (one group), with and without keys: each answer has the plans decided before it
    const rs = await Promise.all([0, 1, 2, 3].map((i) => post(i % 2 ? 'other' : 'acme', planBody({ upper: 150, lower: 40 + i }), i % 2 ? { 'idempotency-key': `g${i}` } : {})));
    const ids = rs.map((r) => r.json().id);
    rs.forEach((r, i) => {
      expect(r.json().state).toBe('pending');
      expect(r.json().competing).toEqual([a.id, b.json().id, ...ids.slice(0, i)].sort());
      expect(r.body).toBe(JSON.stringify(r.json()));
    });
    expect(storedAnswer('g1')).toBe(rs[1].body);
    expect(storedAnswer('g3')).toBe(rs[3].body);
  });
});
