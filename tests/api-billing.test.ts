/** Charges, fees, statements and settlements over HTTP: known answers, access, and a ledger that always balances. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/app.js';
import { configFromEnv } from '../server/config.js';
import { ledgerOf } from '../server/services/billing-service.js';
import { createHarness, planBody, registerCompany, type Harness } from './helpers/api-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('2026-12-01T00:00:00Z');
  await registerCompany(h, 'ACME', 11);
  await registerCompany(h, 'OTHER', 12);
  h.tokens.acmeAdmin = (await h.call('admin', 'POST', '/api/v1/principals', { role: 'company-admin', name: 'ACME admin', companyId: 'ACME' })).body.token;
  h.tokens.otherAdmin = (await h.call('admin', 'POST', '/api/v1/principals', { role: 'company-admin', name: 'Other admin', companyId: 'OTHER' })).body.token;
});
afterAll(() => h.close());

const file = async (who: string, over: Parameters<typeof planBody>[0] = {}) => (await h.call(who, 'POST', '/api/v1/flight-plans', planBody(over))).body;
const act = (who: string, id: string, action: string) => h.call(who, 'POST', `/api/v1/flight-plans/${id}/${action}`, {});
const statement = async (who = 'acmeAdmin', company = 'ACME') => (await h.call(who, 'GET', `/api/v1/statements?companyId=${company}&month=2026-12`)).body;

describe('charges', () => {
  it('a completed flight is charged for the time it flew, split 40/60 between the A station and the B station of its district', async () => {
    const p = await file('acme', { start: '2026-12-01T02:00:00Z', end: '2026-12-01T02:30:00Z' });
    expect(p.state).toBe('approved');
    h.clock.now = Date.parse('2026-12-01T02:00:00Z');
    expect((await act('acme', p.id, 'activate')).body.state).toBe('active');
    h.clock.now = Date.parse('2026-12-01T02:15:00Z');
    expect((await act('acme', p.id, 'complete')).body.state).toBe('completed');
    const s = await statement();
    expect(s.charges).toEqual([expect.objectContaining({ txn: `charge:${p.id}`, planId: p.id })]);
    // half the window flown: half the planned airspace and surveillance (to the fen, each line rounded)
    expect(p.decision.quote.lines.map((l: { element: string }) => l.element)).toEqual(expect.arrayContaining(['airspace', 'surveillance']));
    expect(Math.abs(s.charges[0].totalFen - p.decision.quote.totalFen / 2)).toBeLessThanOrEqual(2);
    const settle = (await h.call('city', 'GET', '/api/v1/settlements?month=2026-12')).body;
    expect(settle.debitsFen).toBe(s.totalFen);
    expect(settle.creditsFen).toBe(s.totalFen);
    const credit = (account: string) => settle.recipients.find((r: { account: string }) => r.account === account)?.creditFen ?? 0;
    const [a, b, x] = [credit('station:A-CQ'), credit('station:B-500109'), credit('x-network')];
    expect(a + b + x).toBe(s.totalFen);
    expect(x).toBeGreaterThan(0); // the surveillance minutes go to the X network
    expect(Math.abs(a - 0.4 * (a + b))).toBeLessThanOrEqual(1);
  });

  it('a late cancellation by the company pays 20 % of its quote; an early one, or one by a station, nothing', async () => {
    h.clock.now = Date.parse('2026-12-01T03:00:00Z');
    const late = await file('acme', { c: [106.42, 29.8], start: '2026-12-01T03:20:00Z', end: '2026-12-01T03:50:00Z' });
    const early = await file('acme', { c: [106.44, 29.8], start: '2026-12-01T05:00:00Z', end: '2026-12-01T05:30:00Z' });
    const byStation = await file('acme', { c: [106.46, 29.8], start: '2026-12-01T03:20:00Z', end: '2026-12-01T03:50:00Z' });
    for (const [who, p] of [
      ['acme', late],
      ['acme', early],
      ['beibei', byStation],
    ] as const)
      expect((await act(who, p.id, 'cancel')).body.state).toBe('cancelled');
    const fees = (await statement()).charges.filter((c: { txn: string }) => c.txn.startsWith('fee:'));
    expect(fees).toEqual([expect.objectContaining({ txn: `fee:${late.id}`, totalFen: Math.round(late.decision.quote.totalFen * 0.2) })]);
  });

  it('a flight in the air is not cancelled (it ends when it lands); one landing early is charged for the time it flew', async () => {
    const lp = (await h.call('city', 'POST', '/api/v1/landing-points', { name: '测试起降点', category: 'hub', lng: 106.361, lat: 29.781, capacityPerHour: 10 })).body;
    h.clock.now = Date.parse('2026-12-01T04:00:00Z');
    const p = (
      await h.call('acme', 'POST', '/api/v1/flight-plans', { ...planBody({ c: [106.36, 29.78], start: '2026-12-01T04:10:00Z', end: '2026-12-01T04:50:00Z' }), departure: lp.id, arrival: lp.id })
    ).body;
    expect(p.decision.quote.lines.filter((l: { element: string }) => l.element === 'movement')).toHaveLength(2);
    h.clock.now = Date.parse('2026-12-01T04:10:00Z');
    expect((await act('acme', p.id, 'activate')).body.state).toBe('active');
    h.clock.now = Date.parse('2026-12-01T04:30:00Z');
    // its airspace stays its own until it is down: a cancellation would free it under a flying aircraft
    expect((await act('acme', p.id, 'cancel')).body.error.code).toBe('INVALID_TRANSITION');
    expect((await act('acme', p.id, 'complete')).body.state).toBe('completed');
    const c = (await statement()).charges.find((x: { planId: string }) => x.planId === p.id);
    expect(c.txn).toBe(`charge:${p.id}`);
    // 20 of 40 minutes of airspace and surveillance, and both movements (500 fen each at a hub)
    const movementFen = 500;
    expect(Math.abs(c.totalFen - ((p.decision.quote.totalFen - 2 * movementFen) / 2 + 2 * movementFen))).toBeLessThanOrEqual(2);
  });

  it('emergency missions fly free', async () => {
    h.clock.now = Date.parse('2026-12-01T06:00:00Z');
    const p = await file('acme', { c: [106.38, 29.86], mission: 'medical', start: '2026-12-01T06:10:00Z', end: '2026-12-01T06:30:00Z' });
    expect(p.decision.quote.totalFen).toBe(0);
    h.clock.now = Date.parse('2026-12-01T06:10:00Z');
    await act('acme', p.id, 'activate');
    h.clock.now = Date.parse('2026-12-01T06:20:00Z');
    await act('acme', p.id, 'complete');
    expect((await statement()).charges.some((c: { planId: string }) => c.planId === p.id)).toBe(false);
  });

  it('who reads what: the company admin its own, the A station all, a B station its own income; CSV', async () => {
    expect((await h.call('otherAdmin', 'GET', '/api/v1/statements?companyId=ACME&month=2026-12')).status).toBe(403);
    expect((await h.call('acme', 'GET', '/api/v1/statements?companyId=ACME&month=2026-12')).status).toBe(403);
    expect((await h.call('city', 'GET', '/api/v1/statements?companyId=ACME&month=2026-12')).status).toBe(200);
    expect((await h.call('city', 'GET', '/api/v1/statements?companyId=ACME&month=2026-13')).status).toBe(400);
    const b = (await h.call('beibei', 'GET', '/api/v1/settlements?month=2026-12')).body;
    expect(b.recipients.map((r: { account: string }) => r.account)).toEqual(['station:B-500109']);
    expect(b.debitsFen).toBeUndefined();
    expect((await h.call('acmeAdmin', 'GET', '/api/v1/settlements?month=2026-12')).status).toBe(403);
    const csv = await h.app.inject({ method: 'GET', url: '/api/v1/statements?companyId=ACME&month=2026-12&format=csv', headers: { authorization: `Bearer ${h.tokens.acmeAdmin}` } });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('txn,planId,at,tariffVersion,totalFen');
    expect(lines.at(-1)).toBe(`total,,,,${(await statement()).totalFen}`);
  });

  it('a tariff change mid-month charges each flight by the version in force at its start', async () => {
    const { DEFAULT_TARIFF } = await import('../shared/pricing/tariff.js');
    const v2 = { ...DEFAULT_TARIFF, version: 'CQ-BILL-2', effectiveFrom: '2026-12-15T00:00:00+08:00', surveillanceFenPerMin: 50 };
    expect((await h.call('city', 'POST', '/api/v1/tariffs', v2)).status).toBe(201);
    const fly = async (c: [number, number], start: string, end: string) => {
      const p = await file('acme', { c, start, end });
      h.clock.now = Date.parse(start);
      await act('acme', p.id, 'activate');
      h.clock.now = Date.parse(end);
      await act('acme', p.id, 'complete');
      return p.id as string;
    };
    const before = await fly([106.37, 29.9], '2026-12-14T15:00:00Z', '2026-12-14T15:20:00Z'); // 23:00 Beijing, the 14th
    const after = await fly([106.37, 29.9], '2026-12-14T16:30:00Z', '2026-12-14T16:50:00Z'); // 00:30 Beijing, the 15th
    const charges = (await statement()).charges;
    expect(charges.find((c: { planId: string }) => c.planId === before).tariffVersion).toBe(DEFAULT_TARIFF.version);
    expect(charges.find((c: { planId: string }) => c.planId === after).tariffVersion).toBe('CQ-BILL-2');
  });

  it('the ledger refuses changes', () => {
    const db = h.app.yukong.services.db;
    expect(() => db.prepare('UPDATE ledger SET amount_fen = 0').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM ledger').run()).toThrow(/append-only/);
  });
});

describe('a simulated day balances', () => {
  it('for several seeds: every transaction sums to zero, and what companies are charged equals what recipients settle', { timeout: 120_000 }, async () => {
    for (const seed of ['3', '8']) {
      const app = await buildApp({
        config: configFromEnv({ YUKONG_DB: ':memory:', YUKONG_SIM: 'on', YUKONG_SIM_SEED: seed, YUKONG_SIM_WARMUP_MIN: '0', YUKONG_SIM_DEMAND: '300', YUKONG_ADMIN_TOKEN: 'a', VITEST: 'true' }),
        simStartMs: Date.parse('2026-12-01T00:00:00Z'),
      });
      try {
        app.yukong.simulator?.runFor(4 * 3_600_000, 10_000);
        const ledger = ledgerOf(app.yukong.services);
        expect(ledger.imbalance()).toEqual({ totalFen: 0, unbalancedTxns: 0, driftedBalances: 0 });
        const rows = ledger.monthBalances('2026-12');
        const debits = rows.filter((r) => r.account.startsWith('company:')).reduce((a, r) => a + r.amountFen, 0);
        const credits = -rows.filter((r) => !r.account.startsWith('company:')).reduce((a, r) => a + r.amountFen, 0);
        expect(debits).toBeGreaterThan(0);
        expect(credits).toBe(debits);
        // every completed flight of a company with a quote was charged once
        const completed = app.yukong.services.db.prepare("SELECT COUNT(*) AS n FROM plans WHERE state = 'completed' AND operator_id IS NOT NULL").get() as { n: number };
        const charged = app.yukong.services.db.prepare("SELECT COUNT(DISTINCT txn) AS n FROM ledger WHERE txn LIKE 'charge:%'").get() as { n: number };
        expect(charged.n).toBeGreaterThan(0);
        expect(charged.n).toBeLessThanOrEqual(completed.n);
      } finally {
        await app.close();
      }
    }
  });
});
