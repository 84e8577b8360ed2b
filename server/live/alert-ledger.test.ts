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
  app = await buildApp({ config: configFromEnv({ YUKONG_DB: ':memory:', YUKONG_SIM: 'off', YUKONG_ADMIN_TOKEN: 'a' }) });
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

  it('reset closes every open alert and forgets its episodes', async () => {
    const l = await ledger();
    l.write(T, [ev('raise', 'R-1')], new Map());
    l.reset(new Date(T + 500).toISOString());
    expect(openCount()).toBe(0);
    expect(l.monitorClears(T + 1000, 'x')).toEqual([]);
    expect(l.write(T + 1000, [ev('clear', 'R-1', T + 1000)], new Map())).toEqual([]);
  });
});
