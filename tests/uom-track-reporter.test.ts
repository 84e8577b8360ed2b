import { afterEach, describe, expect, it } from 'vitest';
import { UomTrackRecordSchema } from '../shared/schemas/uom.js';
import { Value } from '@sinclair/typebox/value';
import type { TrackUpdate } from '../shared/monitor/conformance-monitor.js';
import type { PlanInfo } from '../server/live/live-plans.js';
import { UOM_SLICE, UomTrackReporter } from '../server/live/uom-track-reporter.js';
import { OutboxRepo } from '../server/store/outbox-repo.js';
import { LiveTraffic } from '../server/live/live-traffic.js';
import { createHarness, planBody, registerCompany, type Harness } from './helpers/api-harness.js';

const T0 = Date.parse('2026-12-01T02:00:00Z');
let h: Harness;
afterEach(async () => h?.close());

/** n aircraft on plans P0…; odd plans' aircraft are not registered (never reported) */
function fleet(n: number) {
  const plans = new Map<string, PlanInfo>();
  for (let i = 0; i < n; i++) {
    const id = `P${i}`;
    plans.set(id, {
      id,
      volumes: [],
      category: 'light',
      approvedZoneIds: new Set(),
      recorded: [],
      stationId: 'A',
      state: 'active',
      registration: `R${i}`,
      operatorId: 'OP',
      uomPrefix: i % 2 ? null : `{"planId":"${id}","registration":"R${i}","serial":"S${i}","operatorId":"OP"`,
    });
  }
  const at = (tMs: number): TrackUpdate[] =>
    [...plans.keys()].map((planId, i) => ({ id: `T${i}`, planId, lng: 106.5 + i * 1e-5, lat: 29.5, altitudeM: 80, speedMps: 10, headingDeg: 90, tMs, source: ['network'] }));
  return { planOf: (id: string) => plans.get(id), at };
}

/** A reporter on a fresh app's outbox for `n` aircraft (fleet), and how many outbox rows there were before. */
async function reporterFor(n: number, intervalMs: number) {
  h = await createHarness('2026-12-01T02:00:00Z');
  const ctx = h.app.yukong.services;
  const outbox = OutboxRepo.for(ctx.db) as OutboxRepo;
  const f = fleet(n);
  return { ctx, outbox, f, r: new UomTrackReporter(ctx, intervalMs, f.planOf), before: outbox.all().length };
}

describe('UOM track reporter', () => {
  it('reports each registered aircraft at most once per interval, in slices of whole records, after handing back the event loop between slices', async () => {
    const n = 2 * UOM_SLICE + 700; // three slices
    const { outbox, f, r, before } = await reporterFor(n, 2000);
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    for (let s = 0; s <= 4; s++) await r.report(f.at(T0 + s * 1000), T0 + s * 1000);
    clearInterval(ticker);
    const rows = outbox.all().slice(before);
    const bodies = rows.map((x) => JSON.parse(x.body));
    for (const b of bodies) expect(Value.Check(UomTrackRecordSchema, b)).toBe(true);
    // seconds 0, 2 and 4 (interval 2 s), each of the ceil(n/2) registered aircraft once
    const registered = Math.ceil(n / 2);
    const positions = bodies.flatMap((b) => b.positions as { planId: string; at: string }[]);
    expect(positions).toHaveLength(3 * registered);
    for (const s of [0, 2, 4]) {
      const these = positions.filter((p) => p.at === new Date(T0 + s * 1000).toISOString());
      expect(new Set(these.map((p) => p.planId)).size).toBe(registered);
    }
    expect(positions.some((p) => Number(p.planId.slice(1)) % 2 === 1)).toBe(false);
    // record ids: track:<run>:<tick>:<chunk>, unique, chunk numbers continuing across slices
    expect(new Set(rows.map((x) => x.id)).size).toBe(rows.length);
    for (const x of rows) expect(x.id).toMatch(/^track:[\w-]+:\d+:\d+$/);
    // the event loop was handed back between slices
    expect(turns).toBeGreaterThan(0);
  });

  it('a slice whose transaction fails is not remembered (reported at the next tick); the other slices are written, and the failure is returned', async () => {
    const n = UOM_SLICE + 10;
    const { outbox, f, r, before } = await reporterFor(n, 60_000);
    // the first slice's first record fails to write
    const insert = outbox.insert.bind(outbox);
    let fail = true;
    outbox.insert = (row) => {
      if (fail) {
        fail = false;
        throw new Error('disk full');
      }
      return insert(row);
    };
    const failures = await r.report(f.at(T0), T0);
    expect(failures.map((e) => (e as Error).message)).toEqual(['disk full']);
    expect(r.reportSync(f.at(T0 + 1000), T0 + 1000)).toEqual([]);
    const positions = outbox
      .all()
      .slice(before)
      .flatMap((x) => JSON.parse(x.body).positions as { planId: string; at: string }[]);
    const atOf = new Map(positions.map((p) => [p.planId, p.at]));
    // every registered aircraft once: the first slice's at the second tick (nothing of it was written), the second slice's at the first
    expect(positions).toHaveLength(Math.ceil(n / 2));
    expect(atOf.size).toBe(Math.ceil(n / 2));
    for (const [planId, at] of atOf) expect(at).toBe(new Date(Number(planId.slice(1)) < UOM_SLICE ? T0 + 1000 : T0).toISOString());
  });

  it("a store closed between slices (the server shutting down) ends the tick's reporting quietly", async () => {
    const { ctx, outbox, f, r, before } = await reporterFor(3 * UOM_SLICE, 1000);
    const reporting = r.report(f.at(T0), T0); // the first slice is written before it hands the event loop back
    const written = outbox.all().length - before;
    ctx.db.close();
    await expect(reporting).resolves.toEqual([]);
    expect(written).toBe(UOM_SLICE / 2 / 100); // the first slice's registered aircraft, 100 to a record
  });

  it('a track forgotten while a report is under way is skipped by its later slices; reporting turned off stops them', async () => {
    const { outbox, f, r, before } = await reporterFor(3 * UOM_SLICE, 1000);
    const reporting = r.report(f.at(T0), T0);
    // T<UOM_SLICE + 2> (registered: even) lands before the second slice is written
    r.forget(`T${UOM_SLICE + 2}`);
    await new Promise<void>((resolve) => setImmediate(resolve));
    r.setInterval(0); // before the third slice
    await reporting;
    const planIds = outbox
      .all()
      .slice(before)
      .flatMap((x) => (JSON.parse(x.body).positions as { planId: string }[]).map((p) => p.planId));
    expect(planIds).toHaveLength(UOM_SLICE - 1); // the first slice's 1,000 and the second's 1,000 less the one forgotten
    expect(planIds).not.toContain(`P${UOM_SLICE + 2}`);
    expect(planIds.some((id) => Number(id.slice(1)) >= 2 * UOM_SLICE)).toBe(false);
  });
});

describe('LiveTraffic and the UOM positions', () => {
  it('a position write that fails after the batch is out is told, not taken for a failure of the tick or of the monitor worker', async () => {
    h = await createHarness('2026-12-01T00:00:00Z');
    await registerCompany(h, 'ACME', 11);
    h.tokens.acmeAdmin = (await h.call('admin', 'POST', '/api/v1/principals', { role: 'company-admin', name: 'ACME admin', companyId: 'ACME' })).body.token;
    const reg = { registration: 'UAS-CQ-000123', serial: 'SN-CQ-0042', model: 'M300', category: 'light', mtowKg: 6.3, companyId: 'ACME' };
    expect((await h.call('acmeAdmin', 'POST', '/api/v1/aircraft', reg)).status).toBe(201);
    const plan = (await h.call('acme', 'POST', '/api/v1/flight-plans', planBody())).body;
    expect(plan.state).toBe('approved');
    const ctx = h.app.yukong.services;
    const live = new LiveTraffic(ctx, h.app.yukong.scenario.stations, h.app.yukong.config.monitor, { worker: true, uomTrackIntervalMs: 1000, closeOpenAlertsAtStart: false });
    try {
      const told: string[] = [];
      live.onUomFailure = (_t, failures) => told.push(...failures.map((e) => (e as Error).message));
      const batches: number[] = [];
      live.listeners.add((b) => batches.push(b.tMs));
      const outbox = OutboxRepo.for(ctx.db) as OutboxRepo;
      const insert = outbox.insert.bind(outbox);
      outbox.insert = (row) => {
        if (row.kind === 'track.positions') throw new Error('disk full');
        return insert(row);
      };
      const t = Date.parse('2026-12-01T02:05:00Z');
      live.ingest([{ id: 'T1', planId: plan.id, lng: 106.4, lat: 29.83, altitudeM: 80, speedMps: 9, headingDeg: 90, tMs: t, source: ['network'] }]);
      const batch = live.tick(t); // the synchronous path, the monitor in its worker
      expect(batch.tracks.map((u) => u.id)).toEqual(['T1']);
      expect(batches).toEqual([t]); // handed once
      expect(told).toEqual(['disk full']);
      expect(live.threaded).toBe(true);
      expect(live.monitorFailure).toBeNull();
      // the same through the asynchronous path; once the store takes it again, the position is written
      live.ingest([{ id: 'T1', planId: plan.id, lng: 106.4001, lat: 29.83, altitudeM: 80, speedMps: 9, headingDeg: 90, tMs: t + 1000, source: ['network'] }]);
      await live.tickAsync(t + 1000);
      expect(told).toEqual(['disk full', 'disk full']);
      outbox.insert = insert;
      live.ingest([{ id: 'T1', planId: plan.id, lng: 106.4002, lat: 29.83, altitudeM: 80, speedMps: 9, headingDeg: 90, tMs: t + 2000, source: ['network'] }]);
      await live.tickAsync(t + 2000);
      expect(batches).toEqual([t, t + 1000, t + 2000]);
      expect(live.threaded).toBe(true);
      expect(outbox.all().filter((r) => r.kind === 'track.positions')).toHaveLength(1);
    } finally {
      await live.close();
    }
  }, 30_000);
});
