/** Landing points at runtime: created, changed and retired by the stations that own them, persisted, audited. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, planBody, type Harness } from './helpers/api-harness.js';

let h: Harness;
let scenarioCount: number;
beforeAll(async () => {
  h = await createHarness('2026-12-01T00:00:00Z');
  scenarioCount = h.app.yukong.scenario.landingPoints.length;
});
afterAll(() => h.close());

const LP = '/api/v1/landing-points';
const rooftop = (over: Record<string, unknown> = {}) => ({ name: '北碚图书馆楼顶起降点', category: 'rooftop', lng: 106.4205, lat: 29.8205, capacityPerHour: 6, ownerId: 'CQ-LOGI', ...over });
const list = async () => (await h.call('viewer', 'GET', LP)).body.landingPoints as { id: string; kind: string; capacityPerHour: number }[];
const withDeparture = (id: string, c: [number, number] = [106.4205, 29.8205]) => ({ ...planBody({ c }), departure: id });

describe('landing points at runtime', () => {
  let created: { id: string; districtAdcode: string; version: number };

  it("the scenario's points fill the table once; a B operator creates one in its district, audited", async () => {
    expect(await list()).toHaveLength(scenarioCount);
    const r = await h.call('beibei', 'POST', LP, rooftop());
    expect(r.status).toBe(201);
    created = r.body;
    expect(r.body).toMatchObject({ kind: 'rooftop', districtAdcode: '500109', location: [106.4205, 29.8205], capacityPerHour: 6, ownerId: 'CQ-LOGI', version: 1 });
    expect(r.body.id).toMatch(/^LP-500109-/);
    expect((await list()).map((p) => p.id)).toContain(created.id);
    const beibeiId = (await h.call('beibei', 'GET', '/api/v1/me')).body.id;
    expect(h.app.yukong.services.audit.forSubject('landing-point', created.id).map((a) => [a.action, a.actor])).toEqual([['create', beibeiId]]);
  });

  it('refusals: another district, another role, outside the municipality, a point entered twice, bad input', async () => {
    expect((await h.call('beibei', 'POST', LP, rooftop({ lng: 106.57, lat: 29.556 }))).status).toBe(403); // 渝中
    expect((await h.call('wanzhou', 'PATCH', `${LP}/${created.id}`, { capacityPerHour: 1 })).status).toBe(403);
    expect((await h.call('acme', 'POST', LP, rooftop())).status).toBe(403);
    expect((await h.call('anonymous', 'POST', LP, rooftop())).status).toBe(401);
    expect((await h.call('city', 'POST', LP, rooftop({ lng: 104.0, lat: 30.6 }))).body.error.code).toBe('VALIDATION_FAILED'); // Chengdu
    const twice = await h.call('city', 'POST', LP, rooftop({ lng: 106.4206 }));
    expect(twice.status).toBe(409);
    expect(twice.body.error.details.landingPointId).toBe(created.id);
    expect((await h.call('city', 'POST', LP, rooftop({ category: 'moon' }))).status).toBe(400);
    expect((await h.call('city', 'POST', LP, rooftop({ openingHours: { from: '25:00', to: '06:00' } }))).status).toBe(400);
    expect((await h.call('city', 'PATCH', `${LP}/${created.id}`, {})).status).toBe(400);
    expect((await h.call('city', 'PATCH', `${LP}/LP-NOPE`, { capacityPerHour: 3 })).status).toBe(404);
    expect(await list()).toHaveLength(scenarioCount + 1); // nothing partial was written
  });

  it('a change applies to the next decisions: capacity 1 refuses a second departure in the same hour', async () => {
    const r = await h.call('city', 'PATCH', `${LP}/${created.id}`, { capacityPerHour: 1, openingHours: { from: '07:00', to: '22:00' } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ capacityPerHour: 1, version: 2, openingHours: { from: '07:00', to: '22:00' } });
    const first = await h.call('acme', 'POST', '/api/v1/flight-plans', withDeparture(created.id));
    expect(first.body.state).toBe('approved');
    // the list says how much of this hour is used (server time)
    const used = async () => (await list()).find((p) => p.id === created.id) as unknown as { usedThisHour: number };
    expect((await used()).usedThisHour).toBe(0); // 00:00: its hour is 02:00
    h.clock.now = Date.parse('2026-12-01T02:05:00Z');
    expect((await used()).usedThisHour).toBe(1);
    h.clock.now = Date.parse('2026-12-01T00:00:00Z');
    const second = await h.call('other', 'POST', '/api/v1/flight-plans', withDeparture(created.id, [106.45, 29.85]));
    expect(second.body.decision.reasons.map((x: { code: string }) => x.code)).toContain('LANDING_POINT_CAPACITY');
    const audit = h.app.yukong.services.audit.forSubject('landing-point', created.id);
    const cityId = (await h.call('city', 'GET', '/api/v1/me')).body.id;
    expect(audit[1]).toMatchObject({ action: 'change', actor: cityId, details: { capacityPerHour: { from: 6, to: 1 } } });
    created.version = 2;
    // and cannot be retired while an approved plan uses it
    const refused = await h.call('beibei', 'DELETE', `${LP}/${created.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.plans).toEqual([first.body.id]);
    expect((await h.call('acme', 'POST', `/api/v1/flight-plans/${first.body.id}/cancel`, {})).body.state).toBe('cancelled');
  });

  it('retired: gone from the list and the index, pending plans using it rejected; it stays retired after a restart', async () => {
    const pending = await h.call('acme', 'POST', '/api/v1/flight-plans', { ...withDeparture(created.id, [106.44, 29.8]), volumes: planBody({ c: [106.44, 29.8], upper: 150 }).volumes });
    expect(pending.body.state).toBe('pending');
    expect((await h.call('beibei', 'DELETE', `${LP}/${created.id}?reason=closed for works`)).status).toBe(204);
    expect((await list()).map((p) => p.id)).not.toContain(created.id);
    const after = (await h.call('acme', 'GET', `/api/v1/flight-plans/${pending.body.id}`)).body;
    expect(after.state).toBe('rejected');
    expect(after.decision.reasons.map((x: { code: string }) => x.code)).toContain('LANDING_POINT_UNKNOWN');
    expect((await h.call('beibei', 'DELETE', `${LP}/${created.id}`)).status).toBe(409);
    const kept = (await h.call('city', 'POST', LP, rooftop({ name: '嘉陵江码头水上起降点', category: 'water', lng: 106.43, lat: 29.84 }))).body;
    await h.reopen();
    const ids = (await list()).map((p) => p.id);
    expect(ids).toHaveLength(scenarioCount + 1);
    expect(ids).toContain(kept.id);
    expect(ids).not.toContain(created.id);
    expect(h.app.yukong.services.audit.forSubject('landing-point', '*').filter((a) => a.action === 'seed')).toHaveLength(1);
  });
});

describe('opening hours', () => {
  it('a plan that takes off while the point is closed is refused, with a suggestion inside its hours', async () => {
    const p = (await h.call('wanzhou', 'POST', LP, { name: '万州江滩草坪起降点', category: 'grass', lng: 108.39, lat: 30.79, capacityPerHour: 4, openingHours: { from: '12:00', to: '18:00' } })).body;
    expect(p.districtAdcode).toBe('500101');
    // 02:00 UTC is 10:00 in Beijing: closed
    const r = await h.call('acme', 'POST', '/api/v1/flight-plans', { ...planBody({ c: [108.39, 30.79] }), departure: p.id });
    expect(r.body.state).toBe('rejected');
    expect(r.body.decision.reasons.find((x: { code: string }) => x.code === 'LANDING_POINT_CLOSED')).toMatchObject({ params: { from: '12:00', to: '18:00', at: '10:00' } });
    const later = r.body.decision.suggestions.filter((s: { shiftS?: number }) => (s.shiftS ?? 0) > 0);
    expect(later.length).toBeGreaterThan(0);
    expect(later[0].shiftS).toBeGreaterThanOrEqual(2 * 3600); // not before noon
  });
});

describe('a change re-checks the plans waiting for it', () => {
  it('lowering the capacity rejects a pending plan that no longer fits; approved ones keep their slot', async () => {
    const p = (await h.call('city', 'POST', LP, { name: '蔡家岗草坪起降点', category: 'grass', lng: 106.46, lat: 29.76, capacityPerHour: 2 })).body;
    const approved = await h.call('acme', 'POST', '/api/v1/flight-plans', { ...planBody({ c: [106.46, 29.76], start: '2026-12-02T02:00:00Z', end: '2026-12-02T02:20:00Z' }), departure: p.id });
    const waiting = await h.call('other', 'POST', '/api/v1/flight-plans', {
      ...planBody({ c: [106.47, 29.77], upper: 150, start: '2026-12-02T02:10:00Z', end: '2026-12-02T02:30:00Z' }),
      departure: p.id,
    });
    expect([approved.body.state, waiting.body.state]).toEqual(['approved', 'pending']);
    expect((await h.call('city', 'PATCH', `${LP}/${p.id}`, { capacityPerHour: 1 })).status).toBe(200);
    const after = (await h.call('other', 'GET', `/api/v1/flight-plans/${waiting.body.id}`)).body;
    expect(after.state).toBe('rejected');
    expect(after.decision.reasons.map((x: { code: string }) => x.code)).toContain('LANDING_POINT_CAPACITY');
    expect((await h.call('acme', 'GET', `/api/v1/flight-plans/${approved.body.id}`)).body.state).toBe('approved');
  });
});
