import { afterEach, describe, expect, it } from 'vitest';
import type { AlertEvent } from '../../shared/monitor/conformance-monitor.js';
import { buildApp } from '../app.js';
import { configFromEnv } from '../config.js';
import { AlertLedger } from './alert-ledger.js';

let app: Awaited<ReturnType<typeof buildApp>> | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

const T = Date.parse('2026-12-01T01:00:00Z');
const ev = (action: 'raise' | 'clear', key: string, tMs = T): AlertEvent => ({ action, kind: 'unidentified-aircraft', key, trackId: key, lng: 106.55, lat: 29.56, altitudeM: 80, tMs, message: key });

async function ledger() {
  app = await buildApp({ config: configFromEnv({ YUKONG_DB: ':memory:', YUKONG_SIM: 'off', YUKONG_ADMIN_TOKEN: 'a', YUKONG_REGISTRY: 'off' }) });
  return new AlertLedger(app.yukong.services, () => undefined);
}
const openCount = () => {
  if (!app) throw new Error('no app');
  return (app.yukong.services.db.prepare('SELECT COUNT(*) AS n FROM alerts WHERE cleared_at IS NULL').get() as { n: number }).n;
};

describe('the alert ledger', () => {
  it('stores each episode once: raised, cleared, and a clear of an episode it does not hold does nothing', async () => {
    const l = await ledger();
    const first = l.write(T, [ev('raise', 'R-1'), ev('raise', 'R-2')], new Map());
    expect(first.map((a) => a.action)).toEqual(['raise', 'raise']);
    // an alert over 渝中 without a plan belongs to the district's B station
    expect(first[0].stationId).toMatch(/^B-/);
    expect(openCount()).toBe(2);
    const second = l.write(T + 1000, [ev('clear', 'R-1', T + 1000), ev('clear', 'R-9', T + 1000), ev('raise', 'R-1', T + 1000)], new Map());
    expect(second.map((a) => `${a.action} ${a.id}`)).toEqual([`clear ${first[0].id}`, `raise ${second[1].id}`]);
    expect(second[1].id).not.toBe(first[0].id);
    expect(openCount()).toBe(2);
  });

  it('a write that fails part-way stores nothing and remembers nothing of it', async () => {
    const l = await ledger();
    const repo = l.repo;
    const insert = repo.insert.bind(repo);
    let calls = 0;
    repo.insert = (a) => {
      if (++calls === 2) throw new Error('disk full');
      insert(a);
    };
    expect(() => l.write(T, [ev('raise', 'R-1'), ev('raise', 'R-2')], new Map())).toThrow('disk full');
    expect(openCount()).toBe(0);
    // the first episode was rolled back with the rest: its clear finds nothing to clear
    expect(l.write(T + 1000, [ev('clear', 'R-1', T + 1000)], new Map())).toEqual([]);
    // raised again, it is stored and cleared as usual
    const again = l.write(T + 2000, [ev('raise', 'R-1', T + 2000)], new Map());
    expect(again).toHaveLength(1);
    expect(l.write(T + 3000, [ev('clear', 'R-1', T + 3000)], new Map()).map((a) => a.id)).toEqual([again[0].id]);
    expect(openCount()).toBe(0);
  });

  it('reset closes every open alert the monitor raised, sends it as cleared once, and forgets its episodes', async () => {
    const l = await ledger();
    const [raised] = l.write(T, [ev('raise', 'R-1')], new Map());
    l.reset(new Date(T + 500).toISOString());
    expect(openCount()).toBe(0);
    expect(l.monitorClears(T + 1000, 'x')).toEqual([]);
    // the monitor's own clear of the episode finds nothing: the reset's clear goes out, once
    expect(l.write(T + 1000, [ev('clear', 'R-1', T + 1000)], new Map()).map((a) => `${a.action} ${a.id}`)).toEqual([`clear ${raised.id}`]);
    expect(l.write(T + 2000, [ev('clear', 'R-1', T + 2000)], new Map())).toEqual([]);
  });
});

describe('the alert ledger reset (the monitor starts empty)', () => {
  it("closes the monitor's alerts and sends them as cleared; a flight's yield stands and is sent again; an ended flight's yield closes", async () => {
    const l = await ledger();
    if (!app) throw new Error('no app');
    const ctx = app.yukong.services;
    // an approved flight told to yield (as an approval stores it), and one whose plan is gone
    const { submitPlan } = await import('../services/plan-service.js');
    const { BUILTIN_ADMIN } = await import('../auth.js');
    const filed = submitPlan(
      ctx,
      { ...BUILTIN_ADMIN, id: 'p', role: 'pilot', operatorId: 'ACME' },
      {
        aircraft: { registration: 'UAS-CQ-000001', category: 'light' },
        mission: 'logistics',
        volumes: [{ outline: { type: 'Circle', center: [106.3, 29.3], radiusM: 100 }, altitudeLowerM: 30, altitudeUpperM: 80, timeStart: '2026-12-02T01:00:00Z', timeEnd: '2026-12-02T01:30:00Z' }],
      },
    ).body as { id: string; state: string };
    expect(filed.state).toBe('approved');
    const yieldOf = (id: string, planId: string) => ({
      id,
      kind: 'yield' as const,
      severity: 'critical' as const,
      stationId: 'A-CQ',
      lng: 106.3,
      lat: 29.3,
      altitudeM: 30,
      message: 'yield',
      raisedAt: '2026-12-01T01:00:00.000Z',
      trackId: planId,
      planId,
    });
    l.repo.insert(yieldOf('AL-Y1', filed.id));
    l.repo.insert(yieldOf('AL-Y2', 'FP-GONE'));
    const raised = l.write(T, [ev('raise', 'R-1')], new Map());
    l.reset(new Date(T + 500).toISOString());
    const open = () => (ctx.db.prepare('SELECT id FROM alerts WHERE cleared_at IS NULL ORDER BY id').all() as { id: string }[]).map((r) => r.id);
    expect(open()).toEqual(['AL-Y1']);
    const next = l.write(T + 1000, [], new Map());
    expect(next.map((a) => `${a.action} ${a.id}`).sort()).toEqual([`clear ${raised[0].id}`, 'clear AL-Y2', 'raise AL-Y1'].sort());
    // the standing yield clears when its flight ends
    expect(l.yieldClears(filed.id, new Date(T + 2000).toISOString()).map((e) => e.action)).toEqual(['clear']);
    // and nothing is sent twice
    expect(l.write(T + 3000, [], new Map())).toEqual([]);
  });
});
