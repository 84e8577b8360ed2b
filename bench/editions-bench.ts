/**
 * Publishing an airspace edition at scale: 20,000 booked plans over the central city (seeded),
 * an edition of 1,000 zone changes (new controlled, restricted and prohibited areas over the
 * metropolitan area, seeded) that
 * takes effect at once. Only the plans the changes touch are re-checked, in the edition's one
 * transaction. Baseline in the same run: re-checking every booked plan against the same airspace.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../server/app.js';
import { configFromEnv } from '../server/config.js';
import type { Principal } from '../server/policy/actor.js';
import { recheckPlan } from '../server/services/edition-recheck.js';
import { createEdition, publishEdition, reviewEdition } from '../server/services/edition-service.js';
import { submitPlan } from '../server/services/plan-service.js';
import { syncIndexes } from '../server/services/unit-of-work.js';
import { destination } from '../shared/geo/earth.js';
import type { FlightPlan } from '../shared/schemas/flight-plan-record.js';
import type { ChangeInput } from '../shared/schemas/edition.js';
import { createPrng } from '../shared/util/prng.js';
import { fmt } from './stats.js';

const NOW = Date.parse('2026-12-01T00:00:00Z');
const BBOX = [106.3, 29.4, 106.75, 29.85]; // plans: the central city and around it
const METRO = [105.9, 29.1, 107.1, 30.2]; // zone changes: the metropolitan area (about 14,000 km²)

export async function runEditionsBench(opts: { plans?: number; changes?: number } = {}) {
  const plans = opts.plans ?? 20_000;
  const changes = opts.changes ?? 1000;
  const dir = mkdtempSync(join(tmpdir(), 'yukong-editions-'));
  const app = await buildApp({ config: configFromEnv({ YUKONG_DB: join(dir, 'e.db'), YUKONG_SIM: 'off', YUKONG_REGISTRY: 'off', YUKONG_ADMIN_TOKEN: 'bench-admin' }), clock: () => NOW });
  try {
    const ctx = app.yukong.services;
    const rng = createPrng(29);
    const op = (id: string): Principal => ({ id, role: 'operator', name: id, stationId: ctx.aStationId });
    const pilot: Principal = { id: 'bench-pilot', role: 'pilot', name: 'pilot', operatorId: 'BENCH' };
    const square = (c: [number, number], halfM: number) => {
      const ring = [225, 315, 45, 135].map((b) => destination(c, halfM * Math.SQRT2, b));
      return { type: 'Polygon' as const, coordinates: [[...ring, ring[0]]] };
    };
    const within = (b: number[]) => [b[0] + rng.next() * (b[2] - b[0]), b[1] + rng.next() * (b[3] - b[1])] as [number, number];
    const at = () => within(BBOX);
    // one real decision as the template; the booked plans are its copies moved in space and time (seeded)
    const template = submitPlan(ctx, pilot, {
      aircraft: { registration: 'UAS-CQ-000001', category: 'light' },
      mission: 'logistics',
      volumes: [{ outline: square([106.55, 29.56], 300), altitudeLowerM: 30, altitudeUpperM: 100, timeStart: '2026-12-01T02:00:00Z', timeEnd: '2026-12-01T02:20:00Z' }],
    }).body as FlightPlan;
    let t = performance.now();
    const booked: FlightPlan[] = [];
    ctx.db.transaction(() => {
      for (let i = 0; i < plans; i++) {
        const start = NOW + 3_600_000 + rng.int(0, 6 * 86_400_000);
        const lower = rng.int(2, 8) * 10;
        const volumes = [
          {
            outline: square(at(), rng.range(150, 600)),
            altitudeLowerM: lower,
            altitudeUpperM: lower + 30,
            timeStart: new Date(start).toISOString(),
            timeEnd: new Date(start + rng.int(10, 40) * 60_000).toISOString(),
          },
        ];
        const p: FlightPlan = { ...template, id: `FP-BENCH-${i}`, state: 'approved', volumes, input: { ...template.input, volumes } };
        ctx.plans.insert(p);
        booked.push(p);
      }
    })();
    for (const p of booked) syncIndexes(ctx, p);
    const seedS = (performance.now() - t) / 1000;
    const kinds = ['controlled', 'controlled', 'restricted', 'prohibited'] as const;
    const zoneChanges: ChangeInput[] = Array.from({ length: changes }, (_, i) => ({
      op: 'zone.add' as const,
      zone: {
        id: `BENCH-Z-${i}`,
        name: `bench zone ${i}`,
        kind: kinds[i % kinds.length],
        outline: { type: 'Circle' as const, center: within(METRO), radiusM: rng.range(200, 900) },
        altitudeLowerM: 0,
        altitudeUpperM: 120,
        applicability: { kind: 'permanent' as const },
        ...(kinds[i % kinds.length] === 'restricted' ? { allowedCategories: ['light' as const] } : {}),
        reason: 'bench',
        source: 'bench',
      },
    }));
    const draft = createEdition(ctx, op('bench-a'), { title: 'bench edition', changes: zoneChanges });
    reviewEdition(ctx, op('bench-b'), draft.id, 'approve');
    t = performance.now();
    const done = publishEdition(ctx, op('bench-b'), draft.id, new Date(NOW).toISOString());
    const publishS = (performance.now() - t) / 1000;
    // baseline: every booked plan re-checked against the same (new) airspace, without writing
    t = performance.now();
    let fullCount = 0;
    for (const p of booked) if (recheckPlan(ctx, p, NOW)) fullCount++;
    const fullS = (performance.now() - t) / 1000;
    const o = done.outcome;
    // the same evaluation for the touched plans alone (what the edition re-checked), nothing written
    const touched = new Set([...(o?.revoked ?? []), ...(o?.suspended ?? []), ...(o?.rejected ?? []), ...(o?.unchanged ?? [])]);
    t = performance.now();
    for (const p of booked) if (touched.has(p.id)) recheckPlan(ctx, p, NOW);
    const touchedS = (performance.now() - t) / 1000;
    const changed = (o?.revoked.length ?? 0) + (o?.suspended.length ?? 0) + (o?.rejected.length ?? 0);
    return { plans, changes, seedS, publishS, fullS, touchedS, fullCount, rechecked: o?.rechecked ?? 0, changed, effective: done.status === 'effective' };
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printEditionsBench(r: Awaited<ReturnType<typeof runEditionsBench>>): boolean {
  console.log(`\n== airspace edition: ${r.changes.toLocaleString()} zone changes over ${r.plans.toLocaleString()} booked plans (SQLite) ==`);
  console.log(`plans booked in ${fmt(r.seedS)} s`);
  console.log(`publish → effective (switch, re-check of the ${r.rechecked.toLocaleString()} touched plans, ${r.changed.toLocaleString()} changed, one transaction): ${fmt(r.publishS, 2)} s`);
  console.log(
    `re-checking only the touched plans ${fmt(r.touchedS, 2)} s vs every booked plan (${r.fullCount.toLocaleString()}, the baseline) ${fmt(r.fullS, 2)} s, nothing written: ratio ${fmt(r.touchedS / Math.max(r.fullS, 1e-6), 2)}`,
  );
  const targets = [
    ['the edition takes effect in < 2 s', r.publishS < 2 && r.effective],
    ['only touched plans re-checked (fewer than all)', r.rechecked < r.plans && r.rechecked > 0],
  ] as const;
  for (const [name, ok] of targets) console.log(`  ${ok ? 'PASS' : 'MISS'} ${name}`);
  return targets.every(([, ok]) => ok);
}
