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

/**
 * One row per transaction (what a statement lists) and each account's running monthly balance,
 * written with the postings in the same transaction; filled from the postings already there.
 * Append as a new version to server/store/migrations.ts.
 */
export const LEDGER_SUMMARY_MIGRATION_SQL = `
  CREATE TABLE ledger_txns (
    txn TEXT PRIMARY KEY,
    plan_id TEXT,
    company_id TEXT NOT NULL,
    month TEXT NOT NULL,
    at TEXT NOT NULL,
    tariff_version TEXT NOT NULL,
    total_fen INTEGER NOT NULL
  );
  CREATE INDEX ledger_txns_company_month ON ledger_txns (company_id, month);
  CREATE TABLE ledger_balances (
    month TEXT NOT NULL,
    account TEXT NOT NULL,
    amount_fen INTEGER NOT NULL,
    postings INTEGER NOT NULL,
    PRIMARY KEY (month, account)
  ) WITHOUT ROWID;
  INSERT INTO ledger_txns (txn, plan_id, company_id, month, at, tariff_version, total_fen)
    SELECT txn, MIN(plan_id), MIN(company_id), MIN(month), MIN(at), MIN(tariff_version), SUM(CASE WHEN account = 'company:' || company_id AND amount_fen > 0 THEN amount_fen ELSE 0 END)
    FROM ledger GROUP BY txn;
  INSERT INTO ledger_balances (month, account, amount_fen, postings) SELECT month, account, SUM(amount_fen), COUNT(*) FROM ledger GROUP BY month, account;
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
  private readonly txnStmt;
  private readonly balanceStmt;
  private readonly hasTxnStmt;
  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(
      'INSERT INTO ledger (txn, plan_id, company_id, account, element, amount_fen, month, at, tariff_version) VALUES (@txn, @planId, @companyId, @account, @element, @amountFen, @month, @at, @tariffVersion)',
    );
    this.txnStmt = db.prepare('INSERT INTO ledger_txns (txn, plan_id, company_id, month, at, tariff_version, total_fen) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.balanceStmt = db.prepare(
      'INSERT INTO ledger_balances (month, account, amount_fen, postings) VALUES (?, ?, ?, 1) ON CONFLICT (month, account) DO UPDATE SET amount_fen = ledger_balances.amount_fen + excluded.amount_fen, postings = ledger_balances.postings + 1',
    );
    this.hasTxnStmt = db.prepare('SELECT 1 FROM ledger_txns WHERE txn = ?');
  }
  hasTxn(txn: string): boolean {
    return this.hasTxnStmt.get(txn) !== undefined;
  }
  /** Inside the caller's transaction. The postings must sum to zero. */
  insert(postings: readonly LedgerPosting[]): void {
    const sum = postings.reduce((a, p) => a + p.amountFen, 0);
    if (sum !== 0) throw new Error(`unbalanced ledger transaction ${postings[0]?.txn}: ${sum} fen`);
    if (!postings.length) return;
    const first = postings[0];
    const debit = postings.filter((p) => p.amountFen > 0 && p.account === `company:${first.companyId}`).reduce((a, p) => a + p.amountFen, 0);
    this.txnStmt.run(first.txn, first.planId, first.companyId, first.month, first.at, first.tariffVersion, debit);
    for (const p of postings) {
      this.insertStmt.run(p);
      this.balanceStmt.run(p.month, p.account, p.amountFen);
    }
  }
  /** A company's charges in a month, one row per transaction. */
  companyMonth(companyId: string, month: string): { txn: string; planId: string | null; at: string; tariffVersion: string; totalFen: number }[] {
    return this.db
      .prepare('SELECT txn, plan_id AS planId, at, tariff_version AS tariffVersion, total_fen AS totalFen FROM ledger_txns WHERE company_id = ? AND month = ? ORDER BY at, txn')
      .all(companyId, month) as { txn: string; planId: string | null; at: string; tariffVersion: string; totalFen: number }[];
  }
  /** Every account's balance in a month (debits positive, credits negative). */
  monthBalances(month: string): { account: string; amountFen: number; postings: number }[] {
    return this.db.prepare('SELECT account, amount_fen AS amountFen, postings FROM ledger_balances WHERE month = ? ORDER BY account').all(month) as {
      account: string;
      amountFen: number;
      postings: number;
    }[];
  }
  /**
   * Checks of the whole ledger (tests, audits): the sum of every posting (0 when it balances),
   * transactions that do not sum to zero, and monthly balances that differ from their postings.
   */
  imbalance(): { totalFen: number; unbalancedTxns: number; driftedBalances: number } {
    const total = (this.db.prepare('SELECT COALESCE(SUM(amount_fen), 0) AS s FROM ledger').get() as { s: number }).s;
    const bad = (this.db.prepare('SELECT COUNT(*) AS n FROM (SELECT txn FROM ledger GROUP BY txn HAVING SUM(amount_fen) != 0) AS t').get() as { n: number }).n;
    const drift = (
      this.db
        .prepare(
          'SELECT COUNT(*) AS n FROM (SELECT month, account, SUM(amount_fen) AS s, COUNT(*) AS c FROM ledger GROUP BY month, account) l LEFT JOIN ledger_balances b USING (month, account) WHERE b.amount_fen IS DISTINCT FROM l.s OR b.postings IS DISTINCT FROM l.c',
        )
        .get() as { n: number }
    ).n;
    return { totalFen: total, unbalancedTxns: bad, driftedBalances: drift };
  }
}
