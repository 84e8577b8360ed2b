/**
 * Data sharing with the national UOM platform: the outbox is written in the transaction of the
 * plan change it reports, and delivered at least once to a real HTTP receiver on loopback, with
 * back-off, across restarts.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commit, transition } from '../server/services/unit-of-work.js';
import { OUTBOX_MIGRATION_SQL, OutboxRepo } from '../server/store/outbox-repo.js';
import { UomDelivery, type UomDeliveryOptions } from '../server/uom/uom-delivery.js';
import { createPrng } from '../shared/util/prng.js';
import { Value } from '@sinclair/typebox/value';
import { UomTrackRecordSchema } from '../shared/schemas/uom.js';
import { createHarness, planBody, registerCompany, type Harness } from './helpers/api-harness.js';

/** The app's outbox (the migration applied by hand until it is part of MIGRATIONS; then this is a no-op). */
function outboxOf(h: Harness): OutboxRepo {
  const db = h.app.yukong.services.db;
  if (!OutboxRepo.for(db)) db.exec(OUTBOX_MIGRATION_SQL);
  return OutboxRepo.for(db) as OutboxRepo;
}

interface Receiver {
  url: string;
  /** every request that reached the receiver, with the ids it carried and the status answered (0: answered too late) */
  requests: { ids: string[]; status: number }[];
  /** ids the receiver stored (it stores what it parsed, even when its answer comes too late) */
  stored: string[];
  close: () => Promise<void>;
}

/** A receiver on loopback: answers `failFirst` requests with 503, then `slowFirst` after `slowMs`, then at once with 200. */
async function startReceiver(o: { failFirst?: number; slowFirst?: number; slowMs?: number; port?: number } = {}): Promise<Receiver> {
  const requests: Receiver['requests'] = [];
  const stored: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { schema: string; records: { id: string }[] };
      const ids = body.records.map((r) => r.id);
      const n = requests.length + 1;
      if (n <= (o.failFirst ?? 0)) {
        requests.push({ ids, status: 503 });
        res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"maintenance"}');
        return;
      }
      stored.push(...ids);
      if (n <= (o.failFirst ?? 0) + (o.slowFirst ?? 0)) {
        requests.push({ ids, status: 0 });
        setTimeout(() => res.writeHead(200).end('{}'), o.slowMs ?? 1000);
        return;
      }
      requests.push({ ids, status: 200 });
      res.writeHead(200, { 'content-type': 'application/json' }).end(`{"accepted":${ids.length}}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/uom/records`,
    requests,
    stored,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nobody listens on (connection refused). */
async function deadUrl(): Promise<string> {
  const r = await startReceiver();
  await r.close();
  return r.url;
}

async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

let h: Harness;
let workers: UomDelivery[] = [];
let receivers: Receiver[] = [];
beforeEach(async () => {
  // registry checks are not what these tests are about
  h = await createHarness('2026-12-01T00:00:00Z', { YUKONG_REGISTRY: 'off' });
  workers = [];
  receivers = [];
});
afterEach(async () => {
  for (const w of workers) await w.stop();
  for (const r of receivers) await r.close();
  await h.close();
});

const submit = (who: string, body: unknown) => h.call(who, 'POST', '/api/v1/flight-plans', body);
const act = (who: string, id: string, action: string, reason?: string) => h.call(who, 'POST', `/api/v1/flight-plans/${id}/${action}`, reason === undefined ? {} : { reason });
const kinds = (o: OutboxRepo) => o.all().map((r) => [r.planId, r.kind]);

/** A worker on the app's outbox with short, seeded back-off (real timers). */
function worker(url: string, over: Partial<UomDeliveryOptions> = {}): UomDelivery {
  const w = new UomDelivery({
    outbox: outboxOf(h),
    url,
    clock: h.app.yukong.clock,
    random: createPrng(3).next,
    backoffBaseMs: 20,
    backoffMaxMs: 160,
    timeoutMs: 2_000,
    idleMs: 50,
    nudgeMs: 5,
    ...over,
  });
  workers.push(w);
  h.app.yukong.services.listeners.add(() => w.nudge());
  return w;
}

/** Traffic: approvals (automatic and by an operator), a flight flown, a cancellation, plans never approved. */
async function traffic(): Promise<{ reported: string[]; silent: string[] }> {
  const auto = (await submit('acme', planBody())).body;
  const byOperator = (await submit('acme', planBody({ upper: 150, c: [106.42, 29.85] }))).body;
  expect([auto.state, byOperator.state]).toEqual(['approved', 'pending']);
  expect((await act('beibei', byOperator.id, 'approve')).body.state).toBe('approved');
  const cancelled = (await submit('acme', planBody({ c: [106.44, 29.8] }))).body;
  const rejected = (await submit('other', planBody({ c: [106.44, 29.8] }))).body; // conflicts with `cancelled`, equal priority
  expect(rejected.state).toBe('rejected');
  expect((await act('acme', cancelled.id, 'cancel')).body.state).toBe('cancelled');
  const stillPending = (await submit('acme', planBody({ upper: 150, c: [106.38, 29.87] }))).body;
  const pendingCancelled = (await submit('acme', planBody({ upper: 150, c: [106.36, 29.87] }))).body;
  expect((await act('acme', pendingCancelled.id, 'cancel')).body.state).toBe('cancelled');
  h.clock.now = Date.parse('2026-12-01T02:01:00Z');
  expect((await act('acme', auto.id, 'activate')).body.state).toBe('active');
  expect((await act('acme', auto.id, 'complete')).body.state).toBe('completed');
  return { reported: [auto.id, byOperator.id, cancelled.id], silent: [rejected.id, stillPending.id, pendingCancelled.id] };
}

describe('the outbox is written with the change it reports', () => {
  it('approved, activated, completed, cancelled are recorded; plans never approved are not', async () => {
    const outbox = outboxOf(h);
    const { reported, silent } = await traffic();
    const [auto, byOperator, cancelled] = reported;
    expect(kinds(outbox)).toEqual([
      [auto, 'plan.approved'],
      [byOperator, 'plan.approved'],
      [cancelled, 'plan.approved'],
      [cancelled, 'plan.cancelled'],
      [auto, 'plan.activated'],
      [auto, 'plan.completed'],
    ]);
    for (const id of silent) expect(outbox.hasPlan(id)).toBe(false);
    const bodies = outbox.all().map((r) => JSON.parse(r.body));
    // the id is the plan and the audit record of the change: stable, unique
    expect(new Set(bodies.map((b) => b.id)).size).toBe(bodies.length);
    for (const b of bodies) expect(b.id).toBe(`${b.planId}:${b.seq}`);
    const history = (id: string) => h.app.yukong.services.audit.forSubject('plan', id);
    expect(bodies[0]).toMatchObject({
      kind: 'plan.approved',
      approval: 'automatic',
      state: 'approved',
      previousState: null,
      operatorId: 'ACME',
      aircraft: { registration: 'UAS-CQ-000123', category: 'light' },
      mission: 'logistics',
      station: { id: 'B-500109', kind: 'B' },
      districts: ['500109'],
      eventAt: '2026-12-01T00:00:00.000Z',
      footprint: { altitudeLowerM: 30, altitudeUpperM: 100, timeStart: '2026-12-01T02:00:00.000Z', timeEnd: '2026-12-01T02:30:00.000Z', beidouLevel: 7, volumes: 1 },
    });
    expect(bodies[0].footprint.beidouCode).toMatch(/^N48/);
    expect(bodies[1]).toMatchObject({ approval: 'operator', previousState: 'pending' });
    expect(bodies[3]).toMatchObject({ kind: 'plan.cancelled', previousState: 'approved', state: 'cancelled' });
    expect(bodies[5]).toMatchObject({ kind: 'plan.completed', previousState: 'active', conformance: 'conforming', eventAt: '2026-12-01T02:01:00.000Z' });
    expect(history(auto).length).toBeGreaterThan(0);
    expect(outbox.counts()).toEqual({ pending: 6, delivered: 0, failed: 0 });
  });

  it('a preemption and a restriction are reported with their cause; a suspended plan is followed to its end', async () => {
    const outbox = outboxOf(h);
    const low = (await submit('acme', planBody({ priority: 20 }))).body;
    const claim = (await submit('other', planBody({ priority: 50 }))).body;
    expect(claim.state).toBe('pending'); // another company's plan is displaced only by an operator's decision
    const high = (await h.call('beibei', 'POST', `/api/v1/flight-plans/${claim.id}/approve`, { reason: 'priority delivery' })).body;
    expect([high.state, (await act('acme', low.id, 'cancel')).status]).toEqual(['approved', 409]);
    const near = (await submit('acme', planBody({ c: [106.42, 29.85] }))).body;
    const zone = await h.call('city', 'POST', '/api/v1/zones', {
      name: 'drill',
      outline: planBody({ c: [106.42, 29.85], halfDeg: 0.01 }).volumes[0].outline,
      altitudeLowerM: 0,
      altitudeUpperM: 500,
      reason: 'fire drill',
      restriction: 'approval',
      applicability: { kind: 'window', start: '2026-12-01T01:00:00Z', end: '2026-12-01T05:00:00Z' },
    });
    expect(zone.status).toBe(201);
    expect((await act('acme', near.id, 'cancel')).body.state).toBe('cancelled');
    const rows = outbox.all().map((r) => JSON.parse(r.body));
    expect(rows.map((r) => [r.planId, r.kind])).toEqual([
      [low.id, 'plan.approved'],
      [high.id, 'plan.approved'],
      [low.id, 'plan.revoked'],
      [near.id, 'plan.approved'],
      [near.id, 'plan.suspended'],
      [near.id, 'plan.cancelled'], // pending now, but UOM saw it approved
    ]);
    expect(rows[2]).toMatchObject({ cause: { byPlanId: high.id }, previousState: 'approved' });
    expect(rows[4]).toMatchObject({ cause: { zoneId: zone.body.zone.id }, state: 'pending', previousState: 'approved' });
    expect(rows[5]).toMatchObject({ previousState: 'pending' });
  });

  it('a change that fails writes no record: an invalid transition (409), a transaction that throws after its writes', async () => {
    const outbox = outboxOf(h);
    const p = (await submit('acme', planBody())).body;
    expect(outbox.all()).toHaveLength(1);
    const again = await act('beibei', p.id, 'approve');
    expect(again.status).toBe(409);
    expect((await act('acme', p.id, 'complete')).status).toBe(409);
    expect(outbox.all()).toHaveLength(1);
    // the plan change, its audit and its outbox record are written, then the transaction fails
    const ctx = h.app.yukong.services;
    const plan = ctx.plans.get(p.id);
    if (!plan) throw new Error('no plan');
    expect(() =>
      commit(ctx, [transition(ctx, plan, 'activate', 'test')], () => {
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(ctx.plans.get(p.id)?.state).toBe('approved');
    expect(outbox.all().map((r) => r.kind)).toEqual(['plan.approved']);
    // and the same change, committed, is recorded once
    commit(ctx, [transition(ctx, plan, 'activate', 'test')]);
    expect(outbox.all().map((r) => r.kind)).toEqual(['plan.approved', 'plan.activated']);
  });
});

describe('delivery to a receiver on loopback', () => {
  it('a receiver that fails the first requests with 503: every record arrives, duplicates only as retries, back-off grows', async () => {
    const outbox = outboxOf(h);
    await traffic();
    const rx = await startReceiver({ failFirst: 4 });
    receivers.push(rx);
    const w = worker(rx.url);
    w.start();
    await until(() => outbox.counts().pending === 0);
    const ids = outbox.all().map((r) => r.id);
    expect(outbox.counts()).toEqual({ pending: 0, delivered: ids.length, failed: 0 });
    expect([...rx.stored].sort()).toEqual([...ids].sort()); // each stored once: the 503s stored nothing
    expect(rx.requests.map((r) => r.status)).toEqual([503, 503, 503, 503, 200]);
    for (const r of rx.requests) expect(r.ids).toEqual(ids); // every retry carried the same ids, oldest first
    expect(w.backoffs).toHaveLength(4);
    for (let i = 1; i < 4; i++) expect(w.backoffs[i]).toBeGreaterThanOrEqual(w.backoffs[i - 1]);
    expect(w.backoffs[3]).toBeGreaterThan(w.backoffs[0]);
    expect(w.backoffs[0]).toBeGreaterThanOrEqual(10);
    expect(w.backoffs[3]).toBeLessThanOrEqual(160);
    // new plans are delivered as they are committed (a commit nudges the worker)
    const more = (await submit('acme', planBody({ c: [106.3, 29.8] }))).body;
    await until(() => rx.stored.some((id) => id.startsWith(`${more.id}:`)));
    await until(() => outbox.counts().pending === 0);
    expect(w.status()).toMatchObject({ pending: 0, delivered: ids.length + 1, consecutiveFailures: 0, delivery: 'on', lastError: { message: 'HTTP 503: {"error":"maintenance"}' } });
  });

  it('a receiver that answers too late: the batch is sent again with the same ids (at least once), then delivered', async () => {
    const outbox = outboxOf(h);
    await traffic();
    const rx = await startReceiver({ slowFirst: 2, slowMs: 2_500 });
    receivers.push(rx);
    const w = worker(rx.url, { timeoutMs: 400 });
    w.start();
    await until(() => outbox.counts().pending === 0);
    const ids = outbox.all().map((r) => r.id);
    expect(rx.requests.map((r) => r.status)).toEqual([0, 0, 200]);
    expect(new Set(rx.stored)).toEqual(new Set(ids));
    // duplicates are whole retries of the same ids: each id stored three times (two timed-out attempts and the answered one)
    const count = new Map<string, number>();
    for (const id of rx.stored) count.set(id, (count.get(id) ?? 0) + 1);
    expect([...count.values()].every((n) => n === 3)).toBe(true);
    expect(w.backoffs).toHaveLength(2);
    expect(w.status().lastError?.message).toBe('no answer within 400 ms');
    expect(outbox.all().every((r) => r.attempts === 3 && r.state === 'delivered')).toBe(true);
  });

  it('held while it is not active (a server that cannot count on being the primary): nothing is sent, then everything once it is', async () => {
    const outbox = outboxOf(h);
    await traffic();
    const rx = await startReceiver();
    receivers.push(rx);
    let active = false;
    const w = worker(rx.url, { active: () => active });
    w.start();
    await new Promise((r) => setTimeout(r, 300)); // several idle periods (50 ms)
    expect(rx.requests).toHaveLength(0);
    expect(outbox.counts().pending).toBe(6);
    active = true;
    await until(() => outbox.counts().pending === 0);
    expect(new Set(rx.stored)).toEqual(new Set(outbox.all().map((r) => r.id)));
  });

  it('without a URL records accumulate as pending, and the status says delivery is off', async () => {
    const outbox = outboxOf(h);
    await traffic();
    const w = new UomDelivery({ outbox, url: null });
    w.start();
    expect(w.status()).toMatchObject({ pending: 6, delivered: 0, failed: 0, delivery: 'off', url: null, oldestPendingAt: '2026-12-01T00:00:00.000Z', lastError: null });
  });
});

describe('durability', () => {
  it('records pending when the app stops are read back after a restart and delivered; nothing lost, nothing duplicated', async () => {
    let outbox = outboxOf(h);
    await traffic();
    // the receiver is down: attempts fail, nothing is delivered
    const down = worker(await deadUrl());
    down.start();
    await until(() => down.status().consecutiveFailures >= 2);
    expect(down.status().lastError?.message).toMatch(/ECONNREFUSED|fetch failed/);
    await down.stop();
    const before = outbox.all().map((r) => r.id);
    expect(outbox.counts()).toEqual({ pending: before.length, delivered: 0, failed: 0 });
    await h.reopen();
    outbox = outboxOf(h);
    expect(outbox.all().map((r) => r.id)).toEqual(before);
    expect(outbox.all().every((r) => r.attempts >= 2 && r.lastError !== null)).toBe(true);
    const rx = await startReceiver();
    receivers.push(rx);
    const up = worker(rx.url);
    up.start();
    await until(() => outbox.counts().pending === 0);
    expect(rx.stored).toEqual(before);
    expect(outbox.counts()).toEqual({ pending: 0, delivered: before.length, failed: 0 });
    // after another restart nothing is sent again
    await up.stop();
    await h.reopen();
    outbox = outboxOf(h);
    const again = worker(rx.url);
    again.start();
    const p = (await submit('acme', planBody({ c: [106.3, 29.8] }))).body;
    await until(() => outbox.counts().pending === 0 && rx.stored.length === before.length + 1);
    expect(rx.stored.at(-1)).toMatch(new RegExp(`^${p.id}:`));
    expect(new Set(rx.stored).size).toBe(rx.stored.length);
  });
});
describe('wired into the app (YUKONG_UOM_URL, GET /api/v1/uom/outbox)', () => {
  it('the status: counts for admin and A-station operators; B operators, pilots, viewers, planners are refused', async () => {
    await traffic();
    const s = await h.call('city', 'GET', '/api/v1/uom/outbox');
    expect(s.status).toBe(200);
    expect(s.body).toMatchObject({ pending: 6, delivered: 0, failed: 0, oldestPendingAt: '2026-12-01T00:00:00.000Z', delivery: 'off', url: null, lastError: null });
    expect((await h.call('admin', 'GET', '/api/v1/uom/outbox')).body.pending).toBe(6);
    for (const who of ['beibei', 'acme', 'viewer', 'planner']) {
      const r = await h.call(who, 'GET', '/api/v1/uom/outbox');
      expect(r.status, who).toBe(403);
      expect(r.body.error.code).toBe('FORBIDDEN');
    }
    expect((await h.call('anonymous', 'GET', '/api/v1/uom/outbox')).status).toBe(401);
  });

  it('with YUKONG_UOM_URL the app delivers by itself, also what was pending before a restart; closing the app stops it', async () => {
    await traffic(); // no URL yet: pending
    const rx = await startReceiver({ failFirst: 1 });
    receivers.push(rx);
    // the same database, opened again with the URL set
    await h.app.close();
    const { buildApp } = await import('../server/app.js');
    const { configFromEnv } = await import('../server/config.js');
    h.app = await buildApp({
      config: configFromEnv({ YUKONG_DB: h.dbPath, YUKONG_ADMIN_TOKEN: 'test-admin-token', YUKONG_SIM: 'off', VITEST: 'true', YUKONG_REGISTRY: 'off', YUKONG_UOM_URL: `${rx.url}?key=secret` }),
      clock: () => h.clock.now,
      uom: { backoffBaseMs: 20, backoffMaxMs: 100, random: createPrng(5).next },
    });
    const outbox = outboxOf(h);
    await until(() => outbox.counts().pending === 0);
    expect(rx.requests.map((r) => r.status)).toEqual([503, 200]);
    expect(rx.stored).toHaveLength(6);
    const s = await h.call('city', 'GET', '/api/v1/uom/outbox');
    expect(s.body).toMatchObject({ pending: 0, delivered: 6, delivery: 'on', url: rx.url, consecutiveFailures: 0, lastError: { message: 'HTTP 503: {"error":"maintenance"}' } });
    // a commit is delivered soon after
    const p = (await submit('acme', planBody({ c: [106.3, 29.8] }))).body;
    await until(() => rx.stored.some((id) => id.startsWith(`${p.id}:`)));
  });
});

describe('alerts to UOM (live-traffic wiring)', () => {
  it('a loss of separation raised by the monitor is recorded with the alert, once, with the company of its plan', async () => {
    const outbox = outboxOf(h);
    const low = (await submit('acme', planBody({ lower: 30, upper: 60 }))).body;
    const high = (await submit('other', planBody({ lower: 70, upper: 100 }))).body;
    expect([low.state, high.state]).toEqual(['approved', 'approved']);
    h.clock.now = Date.parse('2026-12-01T02:05:00Z');
    const t = new Date(h.clock.now).toISOString();
    const pos = (planId: string, altitudeM: number) => ({ planId, lng: 106.4, lat: 29.83, altitudeM, t, speedMps: 5, headingDeg: 90 });
    expect((await h.call('acme', 'POST', '/api/v1/telemetry', { positions: [pos(low.id, 58)] })).status).toBe(202);
    expect((await h.call('other', 'POST', '/api/v1/telemetry', { positions: [pos(high.id, 72)] })).status).toBe(202);
    const batch = h.app.yukong.live.tick(h.clock.now);
    expect(batch.alerts.map((a) => a.kind)).toContain('loss-of-separation');
    h.app.yukong.live.tick(h.clock.now + 1000);
    const alerts = outbox.all().filter((r) => r.kind.startsWith('alert.'));
    expect(alerts.map((r) => r.kind)).toEqual(['alert.loss-of-separation']);
    const body = JSON.parse(alerts[0].body);
    expect(body).toMatchObject({ id: `alert:${body.alertId}`, station: { id: 'B-500109' }, position: { altitudeM: expect.any(Number) } });
    expect([low.id, high.id]).toContain(body.planId);
    expect(body.operatorId).toBe(body.planId === low.id ? 'ACME' : 'OTHER');
  });
});

describe('track positions to UOM', () => {
  it('positions of registered aircraft are recorded in the tick, at most one per aircraft per interval, and delivered; others are not', async () => {
    const rx = await startReceiver();
    receivers.push(rx);
    await h.close();
    h = await createHarness('2026-12-01T00:00:00Z', { YUKONG_REGISTRY: 'off', YUKONG_UOM_URL: rx.url, YUKONG_UOM_TRACK_INTERVAL_S: '2' });
    await registerCompany(h, 'ACME', 11);
    h.tokens.acmeAdmin = (await h.call('admin', 'POST', '/api/v1/principals', { role: 'company-admin', name: 'ACME admin', companyId: 'ACME' })).body.token;
    const reg = { registration: 'UAS-CQ-000123', serial: 'SN-CQ-0042', model: 'M300', category: 'light', mtowKg: 6.3, companyId: 'ACME' };
    expect((await h.call('acmeAdmin', 'POST', '/api/v1/aircraft', reg)).status).toBe(201);
    const registered = (await submit('acme', planBody())).body;
    const unregisteredBody = planBody({ c: [106.3, 29.8] });
    unregisteredBody.aircraft.registration = 'UAS-CQ-999999';
    const unregistered = (await submit('other', unregisteredBody)).body;
    expect([registered.state, unregistered.state]).toEqual(['approved', 'approved']);
    const t0 = Date.parse('2026-12-01T02:05:00Z');
    for (let s = 0; s <= 4; s++) {
      h.clock.now = t0 + s * 1000;
      const t = new Date(h.clock.now).toISOString();
      expect(
        (await h.call('acme', 'POST', '/api/v1/telemetry', { positions: [{ planId: registered.id, lng: 106.4 + s * 1e-4, lat: 29.83, altitudeM: 80 + s, t, speedMps: 9, headingDeg: 90 }] })).status,
      ).toBe(202);
      expect((await h.call('other', 'POST', '/api/v1/telemetry', { positions: [{ planId: unregistered.id, lng: 106.3, lat: 29.8, altitudeM: 60, t, speedMps: 5, headingDeg: 0 }] })).status).toBe(202);
      h.app.yukong.live.tick(h.clock.now);
    }
    const outbox = outboxOf(h);
    const tracks = outbox.all().filter((r) => r.kind === 'track.positions');
    const bodies = tracks.map((r) => JSON.parse(r.body));
    for (const b of bodies) expect(Value.Check(UomTrackRecordSchema, b), JSON.stringify(b)).toBe(true);
    const positions = bodies.flatMap((b) => b.positions);
    // every 2 s of the server's clock: seconds 0, 2, 4
    expect(positions.map((p) => p.at)).toEqual([0, 2, 4].map((s) => new Date(t0 + s * 1000).toISOString()));
    expect(positions[1]).toEqual({
      planId: registered.id,
      registration: 'UAS-CQ-000123',
      serial: 'SN-CQ-0042',
      operatorId: 'ACME',
      at: new Date(t0 + 2000).toISOString(),
      lng: 106.4002,
      lat: 29.83,
      heightM: 82,
      speedMps: 9,
      headingDeg: 90,
      source: expect.arrayContaining(['network']),
    });
    expect(positions.some((p) => p.planId === unregistered.id)).toBe(false);
    // delivered by the app's own worker, each record with the id it was stored under
    await until(() => tracks.every((r) => rx.stored.includes(r.id)));
    expect(new Set(tracks.map((r) => r.id)).size).toBe(tracks.length);
  });
});
