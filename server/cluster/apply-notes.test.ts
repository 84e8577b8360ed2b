import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { configFromEnv } from '../config.js';
import type { PlanEvent } from '../store/misc-repos.js';
import { applyNotes } from './apply-notes.js';
import type { ChangeNote } from './change-notes.js';

let app: Awaited<ReturnType<typeof buildApp>> | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

const event = (planId: string): PlanEvent => ({ at: '2026-12-01T00:00:00.000Z', kind: 'approved', planId, stationId: 'A-CQ', payload: { state: 'approved' } });

describe("applying another server's notes", () => {
  it('tells each plan event once, also when the list fails part-way and is applied again', async () => {
    app = await buildApp({ config: configFromEnv({ YUKONG_DB: ':memory:', YUKONG_SIM: 'off', YUKONG_ADMIN_TOKEN: 'a' }) });
    const ctx = app.yukong.services;
    const heard: string[] = [];
    ctx.listeners.add((e) => heard.push(e.planId));
    // the store fails on the second read of a zone (as a dropped connection would), once
    const get = ctx.zones.get.bind(ctx.zones);
    let reads = 0;
    ctx.zones.get = (id: string) => {
      if (++reads === 2) throw new Error('the store is gone');
      return get(id);
    };
    const notes: ChangeNote[] = [
      { k: 'zone', id: 'Z-1' },
      { k: 'event', e: event('FP-0000001') },
      { k: 'zone', id: 'Z-2' },
      { k: 'event', e: event('FP-0000002') },
    ];
    expect(() => applyNotes(ctx, notes, true)).toThrow('the store is gone');
    expect(heard).toEqual([]);
    applyNotes(ctx, notes, true);
    expect(heard).toEqual(['FP-0000001', 'FP-0000002']);
  });

  it('a failing listener is told and the others still hear every event; its own undone writes tell nothing', async () => {
    app = await buildApp({ config: configFromEnv({ YUKONG_DB: ':memory:', YUKONG_SIM: 'off', YUKONG_ADMIN_TOKEN: 'a' }) });
    const ctx = app.yukong.services;
    const heard: string[] = [];
    const failures: unknown[] = [];
    ctx.listeners.add(() => {
      throw new Error('a broken listener');
    });
    ctx.listeners.add((e) => heard.push(e.planId));
    const notes: ChangeNote[] = [
      { k: 'event', e: event('FP-0000001') },
      { k: 'event', e: event('FP-0000002') },
    ];
    applyNotes(ctx, notes, true, { listenerFailed: (e) => failures.push(e) });
    expect(heard).toEqual(['FP-0000001', 'FP-0000002']);
    expect(failures.map((e) => (e as Error).message)).toEqual(['a broken listener', 'a broken listener']);
    // a write of this server's own that rolled back: memory is brought in line, nothing is told
    applyNotes(ctx, notes, false);
    expect(heard).toHaveLength(2);
  });
});
