/**
 * What a simulated day of a rollout phase earns (空域要素定价及结算): read from that day's ledger —
 * charges by element and by recipient (the A station, the B stations, landing-point owners, the X
 * network), and the distribution of the price per charged flight.
 */
import type { Db } from '../store/database.js';

export interface DayRevenue {
  totalFen: number;
  byElement: Record<string, number>;
  byRecipient: { aStation: number; bStations: number; landingPoints: number; surveillance: number };
  perFlight: { flights: number; meanFen: number; p10Fen: number; p50Fen: number; p90Fen: number };
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0);

export function dayRevenue(db: Db, aStationId: string): DayRevenue {
  const byElement: Record<string, number> = {};
  for (const r of db.prepare('SELECT element, -SUM(amount_fen) AS fen FROM ledger WHERE amount_fen < 0 GROUP BY element ORDER BY element').all() as { element: string; fen: number }[])
    byElement[r.element] = r.fen;
  const byRecipient = { aStation: 0, bStations: 0, landingPoints: 0, surveillance: 0 };
  for (const r of db.prepare('SELECT account, -SUM(amount_fen) AS fen FROM ledger WHERE amount_fen < 0 GROUP BY account').all() as { account: string; fen: number }[]) {
    if (r.account === `station:${aStationId}`) byRecipient.aStation += r.fen;
    else if (r.account.startsWith('station:')) byRecipient.bStations += r.fen;
    else if (r.account === 'x-network') byRecipient.surveillance += r.fen;
    else byRecipient.landingPoints += r.fen;
  }
  const prices = (db.prepare("SELECT total_fen AS fen FROM ledger_txns WHERE txn LIKE 'charge:%' ORDER BY total_fen").all() as { fen: number }[]).map((r) => r.fen);
  const totalFen = Object.values(byElement).reduce((a, b) => a + b, 0);
  return {
    totalFen,
    byElement,
    byRecipient,
    perFlight: {
      flights: prices.length,
      meanFen: prices.length ? Math.round(prices.reduce((a, b) => a + b, 0) / prices.length) : 0,
      p10Fen: pct(prices, 10),
      p50Fen: pct(prices, 50),
      p90Fen: pct(prices, 90),
    },
  };
}
