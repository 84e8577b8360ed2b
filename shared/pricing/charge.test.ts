import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportion, cancellationFee, flownVolumes, splitCharge } from './charge.js';
import type { QuoteLine } from './quote.js';

describe('settlement arithmetic', () => {
  it('apportion: the parts sum to the amount and each is within one fen of its exact share (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 12 }), (amount, weights) => {
        const parts = apportion(amount, weights);
        const total = weights.reduce((a, w) => a + w, 0);
        expect(parts.reduce((a, p) => a + p, 0)).toBe(amount);
        parts.forEach((p, i) => {
          expect(Math.abs(p - (amount * weights[i]) / total)).toBeLessThan(1);
        });
      }),
      { seed: 20261128, numRuns: 300 },
    );
  });

  it('a split always balances: the debit equals the credits, to the fen (property)', () => {
    const line = fc.record({
      element: fc.constantFrom('airspace', 'peak', 'movement', 'surveillance', 'cancellation'),
      ref: fc.constantFrom('LP-1', 'LP-2', '0-50m:suitable'),
      amountFen: fc.integer({ min: 0, max: 100_000 }),
    });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 10 }), fc.array(fc.constantFrom('B-1', 'B-2', 'B-3'), { maxLength: 4 }), (ls, bs) => {
        const lines = ls.map((l) => ({ ...l, quantity: 1, unit: 'fen', rateFen: l.amountFen })) as QuoteLine[];
        const totalFen = lines.reduce((a, l) => a + l.amountFen, 0);
        const postings = splitCharge({ lines, totalFen }, { companyId: 'C', aStationId: 'A', bStationIds: bs, ownerOf: (id) => `owner:${id}` });
        expect(postings.reduce((a, p) => a + p.amountFen, 0)).toBe(0);
        if (totalFen > 0) expect(postings[0]).toEqual({ account: 'company:C', amountFen: totalFen, element: 'charge' });
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('known answers: 1,000 fen of airspace over two districts → A 400, each B 300; a movement to its owner', () => {
    const lines: QuoteLine[] = [
      { element: 'airspace', ref: 'x', quantity: 1, unit: 'km2h', rateFen: 1000, amountFen: 1000 },
      { element: 'movement', ref: 'LP-9', quantity: 1, unit: 'movement', rateFen: 500, amountFen: 500 },
    ];
    expect(splitCharge({ lines, totalFen: 1500 }, { companyId: 'C', aStationId: 'A', bStationIds: ['B-1', 'B-2'], ownerOf: () => 'owner:CQ-LOGI' })).toEqual([
      { account: 'company:C', amountFen: 1500, element: 'charge' },
      { account: 'station:A', amountFen: -400, element: 'airspace' },
      { account: 'station:B-1', amountFen: -300, element: 'airspace' },
      { account: 'station:B-2', amountFen: -300, element: 'airspace' },
      { account: 'owner:CQ-LOGI', amountFen: -500, element: 'movement' },
    ]);
  });

  it('cancellation fees and flown volumes', () => {
    const q = { tariffVersion: 'v', totalFen: 1001 };
    const start = Date.parse('2026-12-01T02:00:00Z');
    expect(cancellationFee(q, start, start - 10 * 60_000, true)?.totalFen).toBe(200);
    expect(cancellationFee(q, start, start - 30 * 60_000, true)).toBeNull();
    expect(cancellationFee(q, start, start - 10 * 60_000, false)).toBeNull();
    const v = { startMs: 0, endMs: 100 } as never;
    // a volume not flown keeps its place, with no duration
    expect(flownVolumes([v, { startMs: 100, endMs: 200 } as never, { startMs: 200, endMs: 300 } as never], 50, 150).map((x) => [x.startMs, x.endMs])).toEqual([
      [50, 100],
      [100, 150],
      [200, 200],
    ]);
  });
});
