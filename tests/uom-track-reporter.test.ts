import { afterEach, describe, expect, it } from 'vitest';
import { UomTrackRecordSchema } from '../shared/schemas/uom.js';
import { Value } from '@sinclair/typebox/value';
import type { TrackUpdate } from '../shared/monitor/conformance-monitor.js';
import type { PlanInfo } from '../server/live/live-plans.js';
import { UOM_SLICE, UomTrackReporter } from '../server/live/uom-track-reporter.js';
import { OutboxRepo } from '../server/store/outbox-repo.js';
import { createHarness, type Harness } from './helpers/api-harness.js';

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

describe('UOM track reporter', () => {
  it('reports each registered aircraft at most once per interval, in slices of whole records, after handing back the event loop between slices', async () => {
    h = await createHarness('2026-12-01T02:00:00Z');
    const ctx = h.app.yukong.services;
    const outbox = OutboxRepo.for(ctx.db) as OutboxRepo;
    const n = 2 * UOM_SLICE + 700; // three slices
    const f = fleet(n);
    const r = new UomTrackReporter(ctx, 2000, f.planOf);
    const before = outbox.all().length;
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

  it('a slice whose transaction fails is not remembered (reported at the next tick); the other slices are written, and the failure is thrown', async () => {
    h = await createHarness('2026-12-01T02:00:00Z');
    const ctx = h.app.yukong.services;
    const outbox = OutboxRepo.for(ctx.db) as OutboxRepo;
    const n = UOM_SLICE + 10;
    const f = fleet(n);
    const r = new UomTrackReporter(ctx, 60_000, f.planOf);
    const before = outbox.all().length;
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
    await expect(r.report(f.at(T0), T0)).rejects.toThrow('disk full');
    r.reportSync(f.at(T0 + 1000), T0 + 1000);
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

  it('a store closed between slices (the server shutting down) ends the tick\'s reporting quietly', async () => {
    h = await createHarness('2026-12-01T02:00:00Z');
    const ctx = h.app.yukong.services;
    const outbox = OutboxRepo.for(ctx.db) as OutboxRepo;
    const f = fleet(3 * UOM_SLICE);
    const r = new UomTrackReporter(ctx, 1000, f.planOf);
    const before = outbox.all().length;
    const reporting = r.report(f.at(T0), T0); // the first slice is written before it hands the event loop back
    const written = outbox.all().length - before;
    ctx.db.close();
    await expect(reporting).resolves.toBeUndefined();
    expect(written).toBe(UOM_SLICE / 2 / 100); // the first slice's registered aircraft, 100 to a record
  });
});

