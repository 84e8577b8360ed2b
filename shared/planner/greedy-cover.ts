/**
 * Greedy weighted set cover / maximal coverage: repeatedly take the candidate covering the most
 * uncovered weight (ties: the lower index). Gains are kept up to date through reverse lists, so
 * each step costs a scan of the gains rather than of every list. ln(n)-optimal for set cover.
 */
export interface GreedyResult { chosen: number[]; uncovered: number[] }

export function greedyCover(covers: number[][], weights: number[], opts: { limit?: number; preCovered?: number[] } = {}): GreedyResult {
  const covered = new Uint8Array(weights.length);
  const by: number[][] = weights.map(() => []);
  covers.forEach((list, i) => list.forEach((t) => by[t].push(i)));
  const gain = covers.map((list) => list.reduce((s, t) => s + weights[t], 0));
  const cover = (t: number) => {
    if (covered[t]) return;
    covered[t] = 1;
    for (const j of by[t]) gain[j] -= weights[t];
  };
  for (const t of opts.preCovered ?? []) cover(t);
  const chosen: number[] = [];
  const taken = new Uint8Array(covers.length);
  while (chosen.length < (opts.limit ?? Infinity)) {
    let b = -1;
    for (let i = 0; i < covers.length; i++) if (!taken[i] && (b < 0 || gain[i] > gain[b] + 1e-9)) b = i;
    if (b < 0 || gain[b] <= 1e-9) break;
    taken[b] = 1;
    chosen.push(b);
    covers[b].forEach(cover);
  }
  const uncovered: number[] = [];
  covered.forEach((c, t) => { if (!c && weights[t] > 0) uncovered.push(t); });
  return { chosen, uncovered };
}
