/**
 * Statements at scale: a month of 1,000,000 charged flights of 1,000 companies in the ledger
 * (seeded; each flight split to the A station, a B station, a landing-point owner and the X
 * network), then every company's statement and the month's settlement built. Baseline in the same
 * run: reading every posting of the month once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../server/store/database.js';
import { LedgerRepo, type LedgerPosting } from '../server/store/ledger-repo.js';
import { createPrng } from '../shared/util/prng.js';

const fmt = (x: number, d = 1) => x.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });

export async function runBillingBench(opts: { flights?: number; companies?: number } = {}) {
  const flights = opts.flights ?? 1_000_000;
  const companies = opts.companies ?? 1000;
  const dir = mkdtempSync(join(tmpdir(), 'yukong-billing-'));
  try {
    const db = openDatabase(join(dir, 'b.db'));
    const ledger = new LedgerRepo(db);
    const rng = createPrng(13);
    let t = performance.now();
    const batch = 10_000;
    for (let i = 0; i < flights; i += batch) {
      db.transaction(() => {
        for (let k = i; k < Math.min(flights, i + batch); k++) {
          const company = `C-${k % companies}`;
          const a = 100 + rng.int(0, 5000);
          const m = 200 + rng.int(0, 300);
          const at = new Date(Date.parse('2026-12-01T00:00:00Z') + rng.int(0, 29 * 86_400_000)).toISOString();
          const base = { txn: `charge:FP-${k}`, planId: `FP-${k}`, companyId: company, month: '2026-12', at, tariffVersion: 'v1' };
          const postings: LedgerPosting[] = [
            { ...base, account: `company:${company}`, element: 'charge', amountFen: a + m + 50 },
            { ...base, account: 'station:A-CQ', element: 'airspace', amountFen: -Math.round(a * 0.4) },
            { ...base, account: `station:B-${k % 38}`, element: 'airspace', amountFen: -(a - Math.round(a * 0.4)) },
            { ...base, account: `owner:O-${k % 500}`, element: 'movement', amountFen: -m },
            { ...base, account: 'x-network', element: 'surveillance', amountFen: -50 },
          ];
          ledger.insert(postings);
        }
      })();
    }
    const seedS = (performance.now() - t) / 1000;
    t = performance.now();
    const scan = db.prepare("SELECT COUNT(*) AS n, SUM(amount_fen) AS s FROM ledger WHERE month = '2026-12'").get() as { n: number; s: number };
    const scanS = (performance.now() - t) / 1000;
    t = performance.now();
    let charged = 0;
    for (let c = 0; c < companies; c++) for (const r of ledger.companyMonth(`C-${c}`, '2026-12')) charged += r.totalFen;
    const settlement = ledger.monthBalances('2026-12');
    const buildS = (performance.now() - t) / 1000;
    const credits = -settlement.filter((r) => !r.account.startsWith('company:')).reduce((a, r) => a + r.amountFen, 0);
    db.close();
    return { flights, companies, postings: scan.n, seedS, scanS, buildS, balanced: scan.s === 0 && credits === charged };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printBillingBench(r: Awaited<ReturnType<typeof runBillingBench>>): boolean {
  console.log(`\n== statements: a month of ${r.flights.toLocaleString()} charged flights, ${r.companies.toLocaleString()} companies (${r.postings.toLocaleString()} postings, SQLite) ==`);
  console.log(`ledger written in ${fmt(r.seedS)} s; one scan of the month ${fmt(r.scanS, 2)} s (baseline)`);
  console.log(`every company's statement + the settlement: ${fmt(r.buildS, 2)} s (${fmt(r.buildS / Math.max(r.scanS, 1e-6), 1)}× the scan); charges equal settlements: ${r.balanced}`);
  const targets = [
    ['statements for the month < 10 s', r.buildS < 10],
    ['debits equal credits to the fen', r.balanced],
  ] as const;
  for (const [name, ok] of targets) console.log(`  ${ok ? 'PASS' : 'MISS'} ${name}`);
  return targets.every(([, ok]) => ok);
}
