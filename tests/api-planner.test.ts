import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, planBody, type Harness } from './helpers/api-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

async function waitDone(id: string, timeoutMs = 90_000) {
  const t0 = Date.now();
  for (;;) {
    const r = await h.call('planner', 'GET', `/api/v1/planner/rollouts/${id}`);
    if (r.body.record.state === 'done' || r.body.record.state === 'failed') return r.body;
    if (Date.now() - t0 > timeoutMs) throw new Error(`study ${id} still ${r.body.record.state}`);
    await new Promise((res) => setTimeout(res, 200));
  }
}

describe('planner API: refusals', () => {
  it('only planners (and the admin) run and read studies', async () => {
    for (const who of ['viewer', 'acme', 'beibei', 'city']) {
      expect((await h.call(who, 'POST', '/api/v1/planner/rollouts', { phases: [10] })).status).toBe(403);
      expect((await h.call(who, 'GET', '/api/v1/planner/rollouts')).status).toBe(403);
    }
    expect((await h.call('anonymous', 'GET', '/api/v1/planner/rollouts')).status).toBe(401);
    expect((await h.call('viewer', 'GET', '/api/v1/planner/usage')).status).toBe(403);
    expect((await h.call('acme', 'GET', '/api/v1/planner/usage')).status).toBe(403);
  });

  it('refuses bad requests with a code and records nothing', async () => {
    const before = (await h.call('planner', 'GET', '/api/v1/planner/rollouts')).body.length;
    for (const body of [
      { phases: [0] },
      { phases: [] },
      { strategy: 'best' },
      { radiusKm: -1 },
      { phases: [10], colour: 'red' },
      { phases: '200' },
      { sites: [{ id: 'x', location: [200, 30] }] },
      { weights: { abc: 1 } },
      { weights: { 500101001: -1 } },
    ]) {
      const r = await h.call('planner', 'POST', '/api/v1/planner/rollouts', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await h.call('planner', 'GET', '/api/v1/planner/rollouts')).body.length).toBe(before);
    expect((await h.call('planner', 'GET', '/api/v1/planner/rollouts/RO-nope')).body.error.code).toBe('NOT_FOUND');
    expect((await h.call('planner', 'GET', '/api/v1/planner/usage?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z')).status).toBe(400);
    for (const q of ['resolution=12', 'top=0', 'top=501', 'capacityPerCellHour=0', 'from=yesterday', 'colour=red']) {
      const r = await h.call('planner', 'GET', `/api/v1/planner/usage?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('planner API: a study', () => {
  it('runs off the request path, reports per phase, and survives a restart', async () => {
    const r = await h.call('planner', 'POST', '/api/v1/planner/rollouts', {
      name: 'small',
      phases: [60, 30],
      flightsPerPointPerDay: 2,
      seed: 3,
      sites: [
        { id: 'MY-1', name: 'rooftop', location: [107.39, 29.7] },
        { id: 'MY-2', location: [107.0, 34.0] },
      ],
      weights: { 500101001: 50000, 500101002: 12000 },
    });
    expect(r.status).toBe(202);
    expect(['queued', 'running']).toContain(r.body.state);
    // the server keeps answering while the study runs
    expect((await h.call('planner', 'GET', '/api/v1/health')).status).toBe(200);
    const done = await waitDone(r.body.id);
    expect(done.record.error).toBeUndefined();
    expect(done.record.state).toBe('done');
    const [p30, p60] = done.record.summary;
    // county-first: below 38 points every point opens a new district
    expect(p30).toMatchObject({ points: 30, districtsCovered: 30, districtsTotal: 38 });
    expect(p60).toMatchObject({ points: 60, districtsCovered: 38 });
    expect(p60.townshipsWithinRPct).toBeGreaterThan(p30.townshipsWithinRPct);
    expect(p60.baseStations).toBeGreaterThanOrEqual(p30.baseStations);
    for (const p of [p30, p60]) {
      const t = p.traffic;
      expect(t.flightsRequested).toBeGreaterThan(0);
      expect(t.flightsApproved + t.flightsPending + t.flightsRejected).toBeLessThanOrEqual(t.flightsRequested);
    }
    expect(done.result.sites).toHaveLength(60);
    // the user's site inside Chongqing is a candidate; the one outside every district is set aside with the reason
    expect(done.result.candidates.bySource.user).toBe(1);
    expect(done.result.candidates.rejected).toContainEqual({ id: 'U-MY-2', name: 'MY-2', why: 'outside every district' });
    expect(done.record.options).toMatchObject({ userSites: 2, weights: 2 });
    expect(p60.traffic.surveillancePct).toBeGreaterThan(50);
    expect(done.result.sites.filter((s: { phase: number }) => s.phase === 30)).toHaveLength(30);
    expect(done.result.coverageCells.length).toBeGreaterThan(1000);
    const html = await h.app.inject({ method: 'GET', url: `/api/v1/planner/rollouts/${r.body.id}/report.html`, headers: { authorization: `Bearer ${h.tokens.planner}` } });
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.body).toContain('<svg');
    expect(html.body).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    await h.reopen();
    const again = await h.call('planner', 'GET', `/api/v1/planner/rollouts/${r.body.id}`);
    expect(again.body.record.summary).toEqual(done.record.summary);
    expect(again.body.result.sites).toEqual(done.result.sites);
  }, 120_000);

  it('queues at most three studies; a restart fails the unfinished ones instead of losing them', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await h.call('planner', 'POST', '/api/v1/planner/rollouts', { phases: [1500] });
      expect(r.status).toBe(202);
      ids.push(r.body.id);
    }
    const refused = await h.call('planner', 'POST', '/api/v1/planner/rollouts', { phases: [1500] });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect((await h.call('planner', 'GET', `/api/v1/planner/rollouts/${ids[3]}/report.html`)).status).toBe(409);
    // cancel the running one and a queued one; the next in the queue starts
    expect((await h.call('viewer', 'POST', `/api/v1/planner/rollouts/${ids[0]}/cancel`)).status).toBe(403);
    expect((await h.call('planner', 'POST', '/api/v1/planner/rollouts/RO-none/cancel')).status).toBe(404);
    for (const id of [ids[0], ids[3]]) {
      const c = await h.call('planner', 'POST', `/api/v1/planner/rollouts/${id}/cancel`);
      expect(c.body).toMatchObject({ state: 'cancelled', error: expect.stringMatching(/^cancelled by planner-/) });
    }
    expect((await h.call('planner', 'POST', `/api/v1/planner/rollouts/${ids[0]}/cancel`)).status).toBe(409);
    const t0 = Date.now();
    while ((await h.call('planner', 'GET', `/api/v1/planner/rollouts/${ids[1]}`)).body.record.state !== 'running' && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 50));
    expect((await h.call('planner', 'GET', `/api/v1/planner/rollouts/${ids[1]}`)).body.record.state).toBe('running');
    await h.reopen();
    for (const id of [ids[1], ids[2]])
      expect((await h.call('planner', 'GET', `/api/v1/planner/rollouts/${id}`)).body.record).toMatchObject({ state: 'failed', error: 'interrupted by a server restart' });
    for (const id of [ids[0], ids[3]]) expect((await h.call('planner', 'GET', `/api/v1/planner/rollouts/${id}`)).body.record.state).toBe('cancelled');
  });

  it('refuses a study with more traffic than it can simulate in minutes', async () => {
    const r = await h.call('planner', 'POST', '/api/v1/planner/rollouts', { phases: [500, 5000], flightsPerPointPerDay: 10 });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/30,000 flights a day/) });
    expect((await h.call('planner', 'POST', '/api/v1/planner/rollouts', { phases: [5000], traffic: false })).status).toBe(202);
  });
});

describe('planner API: usage evaluation', () => {
  it("counts recorded flights per H3 cell and hour, within the caller's jurisdiction", async () => {
    const ok = [];
    for (let i = 0; i < 3; i++) ok.push(await h.call('acme', 'POST', '/api/v1/flight-plans', planBody({ lower: 10 + i * 30, upper: 35 + i * 30 })));
    expect(ok.map((r) => r.body.state)).toEqual(['approved', 'approved', 'approved']);
    const q = '/api/v1/planner/usage?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z';
    const all = await h.call('planner', 'GET', q);
    expect(all.status).toBe(200);
    expect(all.body.plans.flown).toBe(3);
    // three stacked flights over the same square in the same hour
    expect(all.body.utilisation.peak).toMatchObject({ flights: 3, hourStartMs: Date.parse('2026-12-01T02:00:00Z'), utilisationPct: 10 });
    expect((await h.call('beibei', 'GET', q)).body.plans.flown).toBe(3);
    expect((await h.call('wanzhou', 'GET', q)).body.plans.flown).toBe(0);
    expect((await h.call('planner', 'GET', `${q}&capacityPerCellHour=3`)).body.utilisation.peak.utilisationPct).toBe(100);
  });
});
