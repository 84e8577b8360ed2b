/**
 * The ledger (结算): double-entry postings, append-only. Every transaction (a flight's charge, a
 * late cancellation's fee) debits the company and credits its recipients; its postings sum to 0.
 */
import type { Db } from './database.js';

/** Append as a new version to server/store/migrations.ts. */
export const LEDGER_MIGRATION_SQL = `
  CREATE TABLE ledger (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    txn TEXT NOT NULL,
    plan_id TEXT,
    company_id TEXT NOT NULL,
    account TEXT NOT NULL,
    element TEXT NOT NULL,
    amount_fen INTEGER NOT NULL,
    month TEXT NOT NULL,
    at TEXT NOT NULL,
    tariff_version TEXT NOT NULL,
    UNIQUE (txn, account, element)
  );
  CREATE INDEX ledger_month_account ON ledger (month, account);
  CREATE INDEX ledger_company_month ON ledger (company_id, month);
  CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
  CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
`;

export interface LedgerPosting {
  txn: string;
  planId: string | null;
  companyId: string;
  account: string;
  element: string;
  amountFen: number;
  month: string;
  at: string;
  tariffVersion: string;
}

export class LedgerRepo {
  private readonly insertStmt;
  private readonly hasTxnStmt;
  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(
      'INSERT INTO ledger (txn, plan_id, company_id, account, element, amount_fen, month, at, tariff_version) VALUES (@txn, @planId, @companyId, @account, @element, @amountFen, @month, @at, @tariffVersion)',
    );
    this.hasTxnStmt = db.prepare('SELECT 1 FROM ledger WHERE txn = ? LIMIT 1');
  }
  hasTxn(txn: string): boolean {
    return this.hasTxnStmt.get(txn) !== undefined;
  }
  /** Inside the caller's transaction. The postings must sum to zero. */
  insert(postings: readonly LedgerPosting[]): void {
    const sum = postings.reduce((a, p) => a + p.amountFen, 0);
    if (sum !== 0) throw new Error(`unbalanced ledger transaction ${postings[0]?.txn}: ${sum} fen`);
    for (const p of postings) this.insertStmt.run(p);
  }
  /** A company's charges in a month, one row per transaction. */
  companyMonth(companyId: string, month: string): { txn: string; planId: string | null; at: string; tariffVersion: string; totalFen: number }[] {
    return this.db
      .prepare(
        `SELECT txn, plan_id AS planId, at, tariff_version AS tariffVersion, amount_fen AS totalFen FROM ledger
         WHERE company_id = ? AND month = ? AND account = ? ORDER BY seq`,
      )
      .all(companyId, month, `company:${companyId}`) as { txn: string; planId: string | null; at: string; tariffVersion: string; totalFen: number }[];
  }
  /** Every account's balance in a month (debits positive, credits negative). */
  monthBalances(month: string): { account: string; amountFen: number; postings: number }[] {
    return this.db.prepare('SELECT account, SUM(amount_fen) AS amountFen, COUNT(*) AS postings FROM ledger WHERE month = ? GROUP BY account ORDER BY account').all(month) as {
      account: string;
      amountFen: number;
      postings: number;
    }[];
  }
  /** Sum of every posting (0 when the ledger balances), and of each transaction that does not. */
  imbalance(): { totalFen: number; unbalancedTxns: number } {
    const total = (this.db.prepare('SELECT COALESCE(SUM(amount_fen), 0) AS s FROM ledger').get() as { s: number }).s;
    const bad = (this.db.prepare('SELECT COUNT(*) AS n FROM (SELECT txn FROM ledger GROUP BY txn HAVING SUM(amount_fen) != 0)').get() as { n: number }).n;
    return { totalFen: total, unbalancedTxns: bad };
  }
}
