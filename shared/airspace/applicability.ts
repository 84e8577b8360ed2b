/**
 * When a zone applies: permanent, within a window, or on a weekly schedule in local time
 * (default UTC+8, Asia/Shanghai, which has no daylight saving).
 */
import type { Applicability } from '../schemas/zone.js';

const DAY_MS = 86_400_000;
const MAX_DAYS = 400;

function hhmm(s: string): number {
  const [h, m] = s.split(':').map(Number);
  return (h * 60 + m) * 60_000;
}

/** The time envelope [start, end] outside which the zone never applies (±Infinity when open). */
export function applicabilityEnvelope(a: Applicability): [number, number] {
  if (a.kind === 'permanent') return [-Infinity, Infinity];
  if (a.kind === 'window') return [Date.parse(a.start), Date.parse(a.end)];
  return [a.validFrom ? Date.parse(a.validFrom) : -Infinity, a.validTo ? Date.parse(a.validTo) : Infinity];
}

/** Closed intervals within [fromMs, toMs] during which the zone applies, in order. */
export function activeIntervals(a: Applicability, fromMs: number, toMs: number): [number, number][] {
  const [e0, e1] = applicabilityEnvelope(a);
  const lo = Math.max(fromMs, e0);
  const hi = Math.min(toMs, e1);
  if (lo > hi) return [];
  if (a.kind !== 'weekly') return [[lo, hi]];
  const offsetMs = (a.utcOffsetMin ?? 480) * 60_000;
  const out: [number, number][] = [];
  const firstDay = Math.floor((lo + offsetMs) / DAY_MS) - 1; // local day numbers; one day back for overnight periods
  const lastDay = Math.min(Math.floor((hi + offsetMs) / DAY_MS), firstDay + MAX_DAYS);
  for (let d = firstDay; d <= lastDay; d++) {
    const isoWeekday = ((((d + 3) % 7) + 7) % 7) + 1; // 1970-01-01 (day 0) was a Thursday
    const dayStartUtc = d * DAY_MS - offsetMs;
    for (const p of a.periods) {
      if (!p.days.includes(isoWeekday)) continue;
      const s = dayStartUtc + hhmm(p.startTime);
      let e = dayStartUtc + hhmm(p.endTime);
      if (e <= s) e += DAY_MS; // overnight period
      const is = Math.max(s, lo),
        ie = Math.min(e, hi);
      if (is <= ie) out.push([is, ie]);
    }
  }
  out.sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const iv of out) {
    const last = merged[merged.length - 1];
    if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
    else merged.push([iv[0], iv[1]]);
  }
  return merged;
}

/** Does the zone apply at any instant of [fromMs, toMs] (inclusive)? */
export function appliesDuring(a: Applicability, fromMs: number, toMs: number): boolean {
  return activeIntervals(a, fromMs, toMs).length > 0;
}

/** Does the zone apply throughout [fromMs, toMs]? */
export function appliesThroughout(a: Applicability, fromMs: number, toMs: number): boolean {
  const iv = activeIntervals(a, fromMs, toMs);
  return iv.length === 1 && iv[0][0] <= fromMs && iv[0][1] >= toMs;
}
