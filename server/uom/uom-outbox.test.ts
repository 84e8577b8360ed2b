import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../store/database.js';
import { OUTBOX_MIGRATION_SQL, OutboxRepo } from '../store/outbox-repo.js';
import { recordAlertsForUom } from './uom-outbox.js';

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
  if (!OutboxRepo.for(db)) db.exec(OUTBOX_MIGRATION_SQL);
});
afterEach(() => db.close());

const alert = (id: string, kind: string, planId?: string) => ({
  id,
  kind: kind as 'loss-of-separation',
  severity: 'critical' as const,
  stationId: 'B-500109',
  lng: 106.4,
  lat: 29.83,
  altitudeM: 80,
  message: 'm',
  raisedAt: '2026-12-01T02:10:00.000Z',
  ...(planId ? { planId } : {}),
});

describe('alerts in the outbox', () => {
  it('records loss of separation and zone incursion with the plan’s company, once per alert', () => {
    const asked: string[] = [];
    const operatorOf = (planId: string) => {
      asked.push(planId);
      return planId === 'FP-1' ? 'ACME' : undefined;
    };
    const alerts = [alert('AL-1', 'loss-of-separation', 'FP-1'), alert('AL-2', 'lost-link', 'FP-1'), alert('AL-3', 'zone-incursion'), alert('AL-4', 'off-plan-lateral', 'FP-2')];
    expect(db.transaction(() => recordAlertsForUom(db, alerts, operatorOf))()).toBe(2);
    expect(recordAlertsForUom(db, alerts, operatorOf)).toBe(0); // the same alerts again: nothing new
    const rows = (OutboxRepo.for(db) as OutboxRepo).all();
    expect(rows.map((r) => [r.id, r.kind, r.planId])).toEqual([
      ['alert:AL-1', 'alert.loss-of-separation', 'FP-1'],
      ['alert:AL-3', 'alert.zone-incursion', null],
    ]);
    expect(JSON.parse(rows[0].body)).toMatchObject({ operatorId: 'ACME', station: { id: 'B-500109' } });
    expect(asked).toEqual(['FP-1', 'FP-1']); // plans are looked up only for the alerts reported
  });

  it('a database without the outbox table records nothing (the migration not applied)', () => {
    const bare = new Database(':memory:');
    expect(recordAlertsForUom(bare, [alert('AL-1', 'loss-of-separation')], () => undefined)).toBe(0);
    bare.close();
  });
});
