/** The report's findings, worded from the study's own figures, and the names it gives places: sites, H3 cells and gaps by the nearest township or district, never a raw cell id. */
import type { LngLat } from '../../shared/geo/types.js';
import type { ScenarioBundle } from '../../shared/io/scenario-features.js';
import { num1, pct1, type REPORT_TEXT } from './report-text.js';
import type { RolloutResult } from './run-rollout.js';
import { esc } from './svg-charts.js';

type Words = (k: keyof typeof REPORT_TEXT, v?: Record<string, string | number>) => string;

const km = (a: LngLat, b: LngLat) => Math.hypot((a[0] - b[0]) * 111.32 * Math.cos(((a[1] + b[1]) / 360) * Math.PI), (a[1] - b[1]) * 111.32);
const placeName = (name: string) => name.replace(/(中心)?起降点$/, '');

/** Names for the report: a site, an H3 cell (by the nearest named site within 5 km, an existing landing point within 8 km, else its district and a short id). */
export function reportPlaces(r: RolloutResult, scenario: ScenarioBundle, L: Words) {
  const districtName = new Map(scenario.districts.map((d) => [d.adcode, d.name]));
  /** the nearest existing landing point within 8 km, by its township */
  const nearLandingPoint = (at: LngLat) => {
    let best: { name: string; d: number } | null = null;
    for (const l of scenario.landingPoints) {
      const d = km(at, l.location);
      if (d <= 8 && (!best || d < best.d)) best = { name: l.name, d };
    }
    return best ? L('near', { name: placeName(best.name) }) : null;
  };
  /** a site by its name; an H3 grid site (named by its cell) by the nearest township, else its district and a short id */
  const siteName = (id: string) => {
    const s = r.sites.find((x) => x.id === id);
    if (!s) return id;
    const cell = /^网格 ([0-9a-f]{15})$/.exec(s.name)?.[1];
    if (!cell) return s.name;
    const district = districtName.get((s as { adcode?: string }).adcode ?? '');
    return nearLandingPoint(s.location) ?? `${district ? `${district} · ` : ''}${L('cell', { id: cell.slice(0, 9) })}`;
  };
  const cellInfo = new Map(r.coverageCells.map((c) => [c.cell, c]));
  /** a cell by its nearest named site within 5 km, else the nearest landing point, else its district, else a short id */
  const cellName = (cell: string, at?: LngLat) => {
    const c = cellInfo.get(cell);
    const centre = at ?? c?.center;
    if (centre) {
      let best: { name: string; d: number } | null = null;
      for (const s of r.sites) {
        if (s.name.startsWith('网格 ')) continue;
        const d = km(centre, s.location);
        if (d <= 5 && (!best || d < best.d)) best = { name: s.name, d };
      }
      if (best) return L('near', { name: placeName(best.name) });
      const lp = nearLandingPoint(centre);
      if (lp) return lp;
    }
    const district = c && districtName.get(c.adcode);
    return district ? `${district} · ${L('cell', { id: cell.slice(0, 9) })}` : L('cell', { id: cell.slice(0, 9) });
  };
  return { siteName, cellName, placeName };
}

/** Findings from the study's own figures: coverage at the last phase (against the random baseline unless the study is random), gain, network, traffic, and the ceiling only as far as it bears on this study. */
export function findingsHtml(r: RolloutResult, L: Words, R: string, random: boolean): string {
  const ph = r.phases;
  const p = ph[ph.length - 1];
  if (!p) return '';
  const items: string[] = [];
  const cov = { n: p.points, pct: pct1(p.townshipsWithinRPct), r: R, base: pct1(p.baseline.townshipsWithinRPct), d: p.districtsCovered, dt: p.districtsTotal, mean: num1(p.distance.meanKm) };
  items.push(L(random ? 'findCoverageRandom' : 'findCoverage', cov));
  if (ph.length > 1) items.push(L('findGain', { a: ph[0].points, b: p.points, pa: pct1(ph[0].townshipsWithinRPct), pb: pct1(p.townshipsWithinRPct) }));
  items.push(L('findStations', { s: p.baseStations, n: p.points, pct: pct1(p.connectivity.largestComponentPct), c: p.connectivity.components, relays: p.connectivity.relaysToConnect }));
  if (p.traffic) items.push(L('findTraffic', { req: p.traffic.requested, flown: p.traffic.flown, rej: p.traffic.rejected, sug: p.traffic.suggestionsTaken, delay: p.traffic.meanDelayS }));
  const u = r.candidates.uncoverableTownships;
  const total = ph[0]?.townshipsTotal ?? 0;
  if (u.length && total) {
    const cap = 100 * (1 - u.length / total);
    const list = `${u
      .slice(0, 12)
      .map((t) => `${t.name} (${num1(t.nearestCandidateKm)} km)`)
      .join('、')}${u.length > 12 ? ' …' : ''}`;
    const atCeiling = p.townshipsWithinRPct >= cap - 0.5;
    items.push(
      L(atCeiling ? 'ceilingReached' : 'ceilingNotReached', { n: u.length, r: R, cap: pct1(cap), got: pct1(p.townshipsWithinRPct), pts: p.points, gap: num1(cap - p.townshipsWithinRPct), list }),
    );
  }
  return `<ul>${items.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`;
}
