/** The approval workflow (统报统批 / 特报速批) over HTTP, with persistence and access control. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, planBody, registerCompany, square } from './helpers/api-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

const submit = (who: string, body: unknown, headers?: Record<string, string>) => h.call(who, 'POST', '/api/v1/flight-plans', body, headers);
const act = (who: string, id: string, action: string, reason?: string) => h.call(who, 'POST', `/api/v1/flight-plans/${id}/${action}`, reason === undefined ? {} : { reason });
const audit = (id: string) => h.app.yukong.services.audit.forSubject('plan', id);

describe('suitable airspace: approved at once by the B station', () => {
  it('records the automatic approval as such', async () => {
    const r = await submit('acme', planBody());
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ state: 'approved', station: { id: 'B-500109', kind: 'B' }, districts: [{ adcode: '500109' }], operatorId: 'ACME' });
    expect(r.body.decision.reasons.map((x: { code: string }) => x.code)).toContain('SUITABLE_AIRSPACE');
    expect(audit(r.body.id).map((a) => [a.action, a.actor, a.toState])).toEqual([
      ['submit', expect.stringMatching(/^pilot-/), null],
      ['decide', 'system:auto-approval@B-500109', 'approved'],
    ]);
  });
});

describe('controlled airspace: pending at the routed station', () => {
  it('only that station (or the A station) approves; others are refused', async () => {
    const p = (await submit('acme', planBody({ upper: 150 }))).body;
    expect(p).toMatchObject({ state: 'pending', station: { id: 'B-500109' } });
    for (const who of ['wanzhou', 'acme', 'viewer', 'planner']) expect((await act(who, p.id, 'approve')).status).toBe(403);
    expect((await h.call('anonymous', 'POST', `/api/v1/flight-plans/${p.id}/approve`, {})).status).toBe(401);
    expect((await h.call('not-a-token', 'POST', `/api/v1/flight-plans/${p.id}/approve`, {})).body.error.code).toBe('UNAUTHENTICATED');
    const ok = await act('beibei', p.id, 'approve', 'checked with the district');
    expect(ok.status).toBe(200);
    expect(ok.body.state).toBe('approved');
    expect((await h.call('acme', 'GET', `/api/v1/flight-plans/${p.id}`)).body.state).toBe('approved');
    // the A station may decide anything
    const q = (await submit('acme', planBody({ upper: 150, c: [106.42, 29.85] }))).body;
    const rejected = (await act('city', q.id, 'reject', 'event over the area')).body;
    expect(rejected).toMatchObject({ state: 'rejected', stateReason: 'event over the area' });
    // an operator's words are the reason (the cause of the change before is gone)
    expect(rejected.stateCause).toEqual({ code: 'stated' });
    const cancelled = (await act('acme', p.id, 'cancel')).body;
    expect([cancelled.state, cancelled.stateCause]).toEqual(['cancelled', { code: 'cancelled' }]);
  });

  it('invalid transitions are 409 with the current state; a rejection needs a reason', async () => {
    const p = (await submit('acme', planBody({ upper: 150 }))).body;
    expect((await act('beibei', p.id, 'reject')).body.error.code).toBe('REASON_REQUIRED');
    await act('beibei', p.id, 'approve');
    const again = await act('beibei', p.id, 'approve');
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'INVALID_TRANSITION', details: { state: 'approved' } });
    expect((await act('acme', p.id, 'complete')).body.error.details.state).toBe('approved');
    expect((await act('acme', p.id, 'activate')).body.state).toBe('active');
    expect((await act('acme', p.id, 'complete')).body.state).toBe('completed');
    expect((await act('acme', p.id, 'cancel')).status).toBe(409);
  });

  it('competing pending plans are shown; approving one re-checks and rejects the other', async () => {
    const a = (await submit('acme', planBody({ upper: 150 }))).body;
    const b = (await submit('other', planBody({ upper: 150, lower: 50 }))).body;
    expect(b.competing).toEqual([a.id]);
    expect((await h.call('beibei', 'GET', `/api/v1/flight-plans/${a.id}`)).body.competing).toEqual([b.id]);
    await act('beibei', a.id, 'approve');
    const after = (await h.call('beibei', 'GET', `/api/v1/flight-plans/${b.id}`)).body;
    expect(after.state).toBe('rejected');
    expect(after.decision.conflicts[0]).toMatchObject({ kind: 'plan', id: a.id });
    expect(after.decision.suggestions.length).toBeGreaterThan(0);
  });
});

describe('emergency fast lane (特报速批)', () => {
  it('goes to the A station with its deadline, first in the queue, and preempts lower-priority plans', async () => {
    await registerCompany(h, 'OTHER', 1, ['emergency']); // a verified emergency service
    const routine = (await submit('acme', planBody({ upper: 150, c: [106.45, 29.85] }))).body;
    const low = (await submit('acme', planBody())).body;
    expect(low.state).toBe('approved');
    const rescue = await submit('other', { ...planBody({ mission: 'rescue', lower: 50, upper: 90 }), deadline: '2026-12-01T01:30:00Z' });
    expect(rescue.body).toMatchObject({ state: 'approved', emergency: true, station: { id: 'A-CQ', kind: 'A' }, deadline: '2026-12-01T01:30:00Z' });
    expect(rescue.body.decision.preempted).toEqual([low.id]);
    const lowNow = (await h.call('acme', 'GET', `/api/v1/flight-plans/${low.id}`)).body;
    expect(lowNow.state).toBe('revoked');
    expect(lowNow.stateReason).toContain(rescue.body.id);
    expect(lowNow.stateCause).toEqual({ code: 'preempted', params: { planId: rescue.body.id, priority: rescue.body.priority } });
    const urgent = (await submit('other', { ...planBody({ mission: 'medical', upper: 200, c: [106.5, 29.9] }), deadline: '2026-12-01T01:00:00Z' })).body;
    expect(urgent).toMatchObject({ state: 'pending', station: { id: 'A-CQ' } });
    const queue = (await h.call('city', 'GET', '/api/v1/flight-plans?state=pending')).body.plans.map((p: { id: string }) => p.id);
    expect(queue).toEqual([urgent.id, routine.id]);
  });
});

describe('pilots see only their company', () => {
  it('refuses other companies and scopes lists', async () => {
    const mine = (await submit('acme', planBody())).body;
    expect((await h.call('other', 'GET', `/api/v1/flight-plans/${mine.id}`)).status).toBe(403);
    expect((await act('other', mine.id, 'cancel')).status).toBe(403);
    expect((await h.call('other', 'GET', '/api/v1/flight-plans')).body.plans).toEqual([]);
    expect((await h.call('acme', 'GET', '/api/v1/flight-plans')).body.plans.map((p: { id: string }) => p.id)).toEqual([mine.id]);
    expect((await h.call('wanzhou', 'GET', `/api/v1/flight-plans/${mine.id}`)).status).toBe(403);
    expect((await h.call('wanzhou', 'GET', '/api/v1/flight-plans?stationId=B-500109')).status).toBe(403);
    expect((await submit('viewer', planBody())).status).toBe(403);
    expect((await h.call('acme', 'POST', '/api/v1/principals', { role: 'admin', name: 'x' })).status).toBe(403);
  });
});

describe('a company lists its plans', () => {
  it('oldest first by default; newest first with order=newest, the limit keeping the newest', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await submit('acme', planBody({ c: [106.3 + i * 0.02, 29.3] }))).body.id);
    await submit('other', planBody({ c: [106.5, 29.3] }));
    const list = async (q: string) => (await h.call('acme', 'GET', `/api/v1/flight-plans${q}`)).body.plans.map((p: { id: string }) => p.id);
    expect(await list('')).toEqual(ids);
    expect(await list('?limit=2')).toEqual(ids.slice(0, 2));
    expect(await list('?order=newest&limit=2')).toEqual([ids[4], ids[3]]);
    expect(await list('?order=newest')).toEqual([...ids].reverse());
    expect(await list('?order=oldest&limit=1')).toEqual([ids[0]]);
    expect((await h.call('acme', 'GET', '/api/v1/flight-plans?order=random')).status).toBe(400);
  });
});

describe('temporary restrictions', () => {
  const restriction = (restrictionRule: 'prohibited' | 'approval', c: [number, number] = [106.4, 29.83]) => ({
    name: 'drill',
    outline: square(c, 0.01),
    altitudeLowerM: 0,
    altitudeUpperM: 500,
    reason: 'fire drill',
    restriction: restrictionRule,
    applicability: { kind: 'window', start: '2026-12-01T01:00:00Z', end: '2026-12-01T05:00:00Z' },
  });

  it('previews, then revokes touched plans; deleting it re-approves nothing', async () => {
    const p = (await submit('acme', planBody())).body;
    const preview = await h.call('city', 'POST', '/api/v1/zones/preview', restriction('prohibited'));
    expect(preview.body.affected).toEqual([{ planId: p.id, state: 'approved', becomes: 'revoked' }]);
    expect((await h.call('acme', 'GET', `/api/v1/flight-plans/${p.id}`)).body.state).toBe('approved');
    const z = await h.call('city', 'POST', '/api/v1/zones', restriction('prohibited'));
    expect(z.status).toBe(201);
    expect((await h.call('acme', 'GET', `/api/v1/flight-plans/${p.id}`)).body).toMatchObject({
      state: 'revoked',
      stateReason: expect.stringContaining(z.body.zone.id),
      stateCause: { code: 'restriction', params: { zoneId: z.body.zone.id, zone: 'drill' } },
    });
    expect((await submit('acme', planBody({ c: [106.401, 29.831] }))).body.decision.reasons.map((r: { code: string }) => r.code)).toContain('ZONE_PROHIBITED');
    expect((await h.call('city', 'DELETE', `/api/v1/zones/${z.body.zone.id}`)).status).toBe(204);
    expect((await h.call('acme', 'GET', `/api/v1/flight-plans/${p.id}`)).body.state).toBe('revoked');
    expect((await submit('acme', planBody({ c: [106.401, 29.831] }))).body.state).toBe('approved');
  });

  it('an approval restriction sends approved plans back to pending', async () => {
    const p = (await submit('acme', planBody())).body;
    const z = await h.call('beibei', 'POST', '/api/v1/zones', restriction('approval'));
    expect((await h.call('acme', 'GET', `/api/v1/flight-plans/${p.id}`)).body.state).toBe('pending');
    // the zone names the station that published it (it, or the A station, may withdraw it)
    expect(z.body.zone.stationId).toBe('B-500109');
    const listed = (await h.call('viewer', 'GET', '/api/v1/zones?kind=temporary')).body.zones;
    expect(listed.find((x: { id: string }) => x.id === z.body.zone.id)?.stationId).toBe('B-500109');
  });

  it('a B station publishes only inside its jurisdiction; scenario zones cannot be deleted', async () => {
    const beyond = await h.call('wanzhou', 'POST', '/api/v1/zones', restriction('prohibited'));
    expect([beyond.status, beyond.body.error.code, beyond.body.error.details]).toEqual([403, 'FORBIDDEN', { refusal: 'beyond-jurisdiction', stationId: 'B-500101' }]);
    expect((await h.call('acme', 'POST', '/api/v1/zones', restriction('prohibited'))).status).toBe(403);
    expect((await h.call('city', 'DELETE', '/api/v1/zones/ZONE-ZUCK')).status).toBe(403);
    const zones = (await h.call('viewer', 'GET', '/api/v1/zones?bbox=106.5,29.6,106.8,29.9&altitude=100')).body.zones.map((z: { id: string }) => z.id);
    // the airport zone is still there, beside the suitable areas (适飞空域) of the districts the box reaches
    expect(zones).toEqual(['SUITABLE-500105', 'SUITABLE-500108', 'SUITABLE-500109', 'SUITABLE-500112', 'SUITABLE-500112-2', 'SUITABLE-500112-3', 'SUITABLE-500113', 'SUITABLE-500117', 'ZONE-ZUCK']);
  });
});

describe('idempotency and concurrency', () => {
  it('a retried submission returns the first answer; a reused key with another body is refused', async () => {
    const a = await submit('acme', planBody(), { 'idempotency-key': 'k-1' });
    const b = await submit('acme', planBody(), { 'idempotency-key': 'k-1' });
    expect(b).toEqual(a);
    expect((await h.call('acme', 'GET', '/api/v1/flight-plans')).body.plans).toHaveLength(1);
    expect((await submit('acme', planBody({ upper: 110 }), { 'idempotency-key': 'k-1' })).body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('one key sent several times at once is decided once; other requests under it at the same time are refused', async () => {
    const same = await Promise.all(Array.from({ length: 6 }, () => submit('acme', planBody(), { 'idempotency-key': 'k-2' })));
    for (const r of same) expect(r.status).toBe(201);
    expect(new Set(same.map((r) => r.body.id)).size).toBe(1);
    const others = await Promise.all([0, 1, 2].map((i) => submit('acme', planBody({ c: [106.3 + i * 0.1, 29.6] }), { 'idempotency-key': 'k-3' })));
    expect(others.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect((await h.call('acme', 'GET', '/api/v1/flight-plans')).body.plans).toHaveLength(2);
  });

  it('two simultaneous conflicting submissions are never both approved', async () => {
    const rs = await Promise.all(Array.from({ length: 8 }, (_, i) => submit(i % 2 ? 'acme' : 'other', planBody({ lower: 30 + i, upper: 100 }))));
    expect(rs.filter((r) => r.body.state === 'approved')).toHaveLength(1);
    expect(rs.filter((r) => r.body.state === 'rejected')).toHaveLength(7);
  });
});

describe('persistence', () => {
  it('nothing approved is lost across a restart, and the indexes are rebuilt', async () => {
    const p = (await submit('acme', planBody())).body;
    const q = (await submit('acme', planBody({ upper: 150, c: [106.45, 29.85] }))).body;
    await h.reopen();
    expect((await h.call('acme', 'GET', `/api/v1/flight-plans/${p.id}`)).body.state).toBe('approved');
    expect((await submit('other', planBody())).body.decision.conflicts[0]).toMatchObject({ kind: 'plan', id: p.id });
    expect((await submit('other', planBody({ upper: 150, c: [106.45, 29.85] }))).body.competing).toEqual([q.id]);
    expect(audit(p.id).length).toBeGreaterThanOrEqual(2);
    expect(() => h.app.yukong.services.db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
  });
});
