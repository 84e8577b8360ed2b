/**
 * Greedy weighted set cover / maximal coverage: repeatedly take the candidate covering the most
 * uncovered weight (ties: the lower index). Gains are kept up to date through reverse lists, so
 * each step costs a scan of the gains rather than of every list. ln(n)-optimal for set cover.
 */
export interface GreedyResult {
  chosen: number[];
  uncovered: number[];
}

/** Each candidate's uncovered weight, kept current as targets get covered. */
export class CoverGains {
  readonly gain: number[];
  private readonly covered: Uint8Array;
  private readonly by: number[][];
  constructor(
    readonly covers: number[][],
    readonly weights: number[],
  ) {
    this.covered = new Uint8Array(weights.length);
    this.by = weights.map(() => []);
    covers.forEach((list, i) => {
      list.forEach((t) => {
        this.by[t].push(i);
      });
    });
    this.gain = covers.map((list) => list.reduce((s, t) => s + weights[t], 0));
  }
  /** Marks a target covered, lowering the gain of every candidate that covers it. */
  cover(t: number): void {
    if (this.covered[t]) return;
    this.covered[t] = 1;
    for (const j of this.by[t]) this.gain[j] -= this.weights[t];
  }
  /** Covers everything candidate `i` covers. */
  take(i: number): void {
    for (const t of this.covers[i]) this.cover(t);
  }
  /** Targets with weight still uncovered. */
  uncovered(): number[] {
    const out: number[] = [];
    this.covered.forEach((c, t) => {
      if (!c && this.weights[t] > 0) out.push(t);
    });
    return out;
  }
}

export function greedyCover(covers: number[][], weights: number[], opts: { limit?: number; preCovered?: number[] } = {}): GreedyResult {
  const g = new CoverGains(covers, weights);
  for (const t of opts.preCovered ?? []) g.cover(t);
  const chosen: number[] = [];
  const taken = new Uint8Array(covers.length);
  while (chosen.length < (opts.limit ?? Infinity)) {
    let b = -1;
    for (let i = 0; i < covers.length; i++) if (!taken[i] && (b < 0 || g.gain[i] > g.gain[b] + 1e-9)) b = i;
    if (b < 0 || g.gain[b] <= 1e-9) break;
    taken[b] = 1;
    chosen.push(b);
    g.take(b);
  }
  return { chosen, uncovered: g.uncovered() };
}
