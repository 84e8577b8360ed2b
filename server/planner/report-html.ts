/** The self-contained HTML report of a rollout study: tables, charts and maps, no external resources. */
import type { LngLat } from '../../shared/geo/types.js';
import type { ScenarioBundle } from '../../shared/io/scenario-features.js';
import { cellBoundary } from '../../shared/planner/h3-utilisation.js';
import type { RolloutResult } from './run-rollout.js';
import { esc, lineChart, svgMap, type MapLayer } from './svg-charts.js';

const PHASE_COLORS = ['#d62728', '#ff7f0e', '#2ca02c', '#1f77b4', '#9467bd', '#8c564b'];
const DIST_COLORS: [number, string, string][] = [
  [2, '#1a9850', '≤ 2 km'],
  [5, '#91cf60', '2–5 km'],
  [10, '#fee08b', '5–10 km'],
  [20, '#fc8d59', '10–20 km'],
  [Infinity, '#d73027', '> 20 km'],
];

function bboxOf(scenario: ScenarioBundle, r: RolloutResult): [number, number, number, number] {
  let w = Infinity,
    s = Infinity,
    e = -Infinity,
    n = -Infinity;
  const add = ([x, y]: LngLat) => {
    w = Math.min(w, x);
    e = Math.max(e, x);
    s = Math.min(s, y);
    n = Math.max(n, y);
  };
  for (const d of scenario.districts)
    (d.outline.type === 'Polygon' ? [d.outline.coordinates] : d.outline.coordinates).forEach((p) => {
      p[0].forEach(add);
    });
  if (!Number.isFinite(w))
    r.sites.forEach((x) => {
      add(x.location);
    });
  return Number.isFinite(w) ? [w - 0.05, s - 0.05, e + 0.05, n + 0.05] : [105, 28, 110, 32];
}

const nameOf = (r: RolloutResult, id: string) => r.sites.find((s) => s.id === id)?.name ?? id;

export function reportHtml(r: RolloutResult, scenario: ScenarioBundle, title: string): string {
  const bbox = bboxOf(scenario, r);
  const districts: MapLayer = {
    polygons: scenario.districts.map((d) => ({ rings: (d.outline.type === 'Polygon' ? [d.outline.coordinates] : d.outline.coordinates).flat(), fill: 'none', stroke: '#777', title: d.name })),
  };
  const ph = r.phases;
  const coverage = lineChart({
    title: `Townships within ${r.options.radiusM / 1000} km of a point`,
    xLabel: 'landing points',
    yLabel: '% of townships',
    yMax: 100,
    series: [
      { name: `${r.options.strategy} placement`, color: '#1f77b4', points: ph.map((p) => [p.points, p.townshipsWithinRPct]) },
      { name: 'random baseline', color: '#999', points: ph.map((p) => [p.points, p.baseline.townshipsWithinRPct]) },
      { name: 'districts covered (% of all)', color: '#2ca02c', points: ph.map((p) => [p.points, (100 * p.districtsCovered) / Math.max(1, p.districtsTotal)]) },
    ],
  });
  const stations = lineChart({
    title: 'X base stations and network reach',
    xLabel: 'landing points',
    yLabel: 'count / %',
    series: [
      { name: 'X base stations', color: '#9467bd', points: ph.map((p) => [p.points, p.baseStations]) },
      { name: `points in the main network (%, range ${r.options.droneRangeM / 1000} km)`, color: '#ff7f0e', points: ph.map((p) => [p.points, p.connectivity.largestComponentPct]) },
    ],
  });
  const traffic = ph.some((p) => p.traffic)
    ? lineChart({
        title: 'Traffic carried in one simulated day',
        xLabel: 'landing points',
        yLabel: 'flights',
        series: [
          { name: 'requested', color: '#7f7f7f', points: ph.map((p) => [p.points, p.traffic?.requested ?? 0]) },
          { name: 'flown', color: '#1f77b4', points: ph.map((p) => [p.points, p.traffic?.flown ?? 0]) },
          { name: 'rejected', color: '#d62728', points: ph.map((p) => [p.points, p.traffic?.rejected ?? 0]) },
          { name: 'suggestion taken', color: '#2ca02c', points: ph.map((p) => [p.points, p.traffic?.suggestionsTaken ?? 0]) },
        ],
      })
    : '';
  const sitesMap = svgMap({
    title: 'Landing points by phase, X base stations',
    bbox,
    layers: [
      districts,
      { points: r.stations.map((s) => ({ at: s.location, r: 2.5, fill: '#9467bd88', shape: 'triangle' as const, title: `${s.id} (phase ${s.phase})` })) },
      {
        points: [...r.sites].reverse().map((s) => ({
          at: s.location,
          r: 2.2,
          fill: PHASE_COLORS[
            Math.max(
              0,
              ph.findIndex((p) => p.points >= s.order),
            ) % PHASE_COLORS.length
          ],
          title: `${s.name} #${s.order} (${s.stage})`,
        })),
      },
    ],
    legend: [...ph.map((p, i) => ({ label: `≤ ${p.points} points`, color: PHASE_COLORS[i % PHASE_COLORS.length] })), { label: 'X base station', color: '#9467bd' }],
  });
  const last = ph.length - 1;
  const coverMap = (i: number) =>
    svgMap({
      title: `Nearest point, ${ph[i].points} points (H3 res ${r.options.gridResolution})`,
      bbox,
      width: 420,
      layers: [{ polygons: r.coverageCells.map((c) => ({ rings: [cellBoundary(c.cell)], fill: (DIST_COLORS.find(([k]) => c.distanceKm[i] <= k) as [number, string, string])[1] })) }, districts],
      legend: DIST_COLORS.map(([, color, label]) => ({ label, color })),
    });
  const row = (cells: unknown[]) => `<tr>${cells.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`;
  const table = `<table><thead><tr>${['points', 'districts', `townships ≤ ${r.options.radiusM / 1000} km`, 'random', 'mean / p90 km', 'X stations', 'components (relays to join)', 'requested', 'flown', 'rejected', 'suggestions (mean delay)', 'conflicts /1000 (% at points)', 'LoS /1000', 'slot use mean / peak', 'peak H3 cell-hour', 'positions seen by X'].map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${ph
    .map((p) =>
      row([
        p.points,
        `${p.districtsCovered}/${p.districtsTotal}`,
        `${p.townshipsWithinRPct}%`,
        `${p.baseline.townshipsWithinRPct}%`,
        `${p.distance.meanKm} / ${p.distance.p90Km}`,
        p.baseStations,
        `${p.connectivity.components} (${p.connectivity.relaysToConnect})`,
        p.traffic?.requested ?? '–',
        p.traffic?.flown ?? '–',
        p.traffic
          ? `${p.traffic.rejected} ${Object.entries(p.traffic.rejectedByReason)
              .map(([k, v]) => `${k}:${v}`)
              .join(' ')}`
          : '–',
        p.traffic ? `${p.traffic.suggestionsTaken} (${p.traffic.meanDelayS} s)` : '–',
        p.traffic ? `${p.traffic.conflictsPer1000} (${p.traffic.conflictsAtLandingPointsPct}%)` : '–',
        p.traffic?.lossOfSeparationPer1000 ?? '–',
        p.traffic ? `${p.traffic.slotUtilisation.meanPct}% / ${p.traffic.slotUtilisation.peakPct}%` : '–',
        p.traffic?.peakCellHour ? `${p.traffic.peakCellHour.flights} flights (${p.traffic.peakCellHour.utilisationPct}%)` : '–',
        p.traffic ? `${p.traffic.surveillancePct}%` : '–',
      ]),
    )
    .join('')}</tbody></table>`;
  const lastUsage = r.usage[ph[last]?.points];
  const adjustments = lastUsage?.adjustments.length
    ? `<h2>Suggested adjustments at ${ph[last].points} points</h2><ul>${lastUsage.adjustments
        .slice(0, 20)
        .map((a) => `<li><b>${esc(a.kind)}</b>: ${esc(a.text)}</li>`)
        .join('')}</ul>`
    : '';
  const o = r.options;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title><style>
body{font:14px/1.45 system-ui,"Noto Sans CJK SC",sans-serif;margin:24px;color:#222;max-width:1280px}h1{font-size:22px}h2{font-size:17px;margin-top:28px}
table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}th{background:#f3f3f3}
.charts{display:flex;flex-wrap:wrap;gap:16px}.note{color:#555;font-size:12px}svg{background:#fff;border:1px solid #eee}</style></head><body>
<h1>${esc(title)}</h1>
<p class="note">Strategy <b>${esc(o.strategy)}</b>, seed ${o.seed}, R = ${o.radiusM / 1000} km, drone range ${o.droneRangeM / 1000} km, base-station radius ${o.baseStation.radiusM / 1000} km at ${o.baseStation.altitudeM} m,
candidates ${r.candidates.total} (${Object.entries(r.candidates.bySource)
    .map(([k, v]) => `${k} ${v}`)
    .join(
      ', ',
    )}; ${r.candidates.rejected.length} set aside in prohibited or airport areas)${o.traffic ? `, traffic ${o.traffic.flightsPerPointPerDay} flights per point per day, stepped every ${o.traffic.stepS} s` : ', no traffic simulation'}.</p>
${
  r.candidates.uncoverableTownships.length
    ? `<p class="note">${r.candidates.uncoverableTownships.length} townships have no usable site within ${o.radiusM / 1000} km (their surroundings lie in prohibited or airport protection areas), so coverage stops at ${Math.round(1000 * (1 - r.candidates.uncoverableTownships.length / Math.max(1, r.phases[0]?.townshipsTotal ?? 1))) / 10}%: ${esc(
        r.candidates.uncoverableTownships
          .slice(0, 12)
          .map((t) => `${t.name} (${t.nearestCandidateKm} km)`)
          .join(', '),
      )}${r.candidates.uncoverableTownships.length > 12 ? ' …' : ''}.</p>`
    : ''
}
<h2>Phases</h2>${table}
<h2>Charts</h2><div class="charts">${coverage}${stations}${traffic}</div>
<h2>Maps</h2><div class="charts">${sitesMap}</div><div class="charts">${ph.length ? coverMap(0) : ''}${ph.length > 1 ? coverMap(last) : ''}</div>
${
  ph[last] && ph[last].connectivity.gaps.length
    ? `<h2>Network gaps at ${ph[last].points} points (drone range ${o.droneRangeM / 1000} km)</h2><ul>${ph[last].connectivity.gaps
        .slice(0, 10)
        .map((g) => `<li>${g.size} point(s) around ${esc(nameOf(r, g.from))}: ${(g.gapM / 1000).toFixed(1)} km from ${esc(nameOf(r, g.to))}, ${g.relaysNeeded} relay point(s) to join</li>`)
        .join('')}</ul>`
    : ''
}
${adjustments}
</body></html>
`;
}
