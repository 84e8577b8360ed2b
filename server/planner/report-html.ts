/**
 * The self-contained HTML report of a rollout study: findings worded from the study's own
 * figures, tables, charts and maps, no external resources. Chinese by default, English on
 * request; cells and gaps named by the nearest place.
 */
import type { LngLat } from '../../shared/geo/types.js';
import type { ScenarioBundle } from '../../shared/io/scenario-features.js';
import { cellBoundary } from '../../shared/planner/h3-utilisation.js';
import { findingsHtml, reportPlaces } from './report-findings.js';
import { fillReport as fill, num1, pct1, REJECT_REASON_TEXT, REPORT_TEXT, type ReportLang, SOURCE_TEXT } from './report-text.js';
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

export function reportHtml(r: RolloutResult, scenario: ScenarioBundle, title: string, lang: ReportLang = 'zh'): string {
  const L = (k: keyof typeof REPORT_TEXT, v: Record<string, string | number> = {}) => fill(REPORT_TEXT[k][lang], v);
  const o = r.options;
  const R = num1(o.radiusM / 1000);
  const range = num1(o.droneRangeM / 1000);
  const strategy = o.strategy === 'random' ? L('strategyRandom') : o.strategy === 'coverage' ? L('strategyCoverage') : o.strategy;
  const { siteName, cellName, placeName } = reportPlaces(r, scenario, L);
  const bbox = bboxOf(scenario, r);
  const districts: MapLayer = {
    polygons: scenario.districts.map((d) => ({ rings: (d.outline.type === 'Polygon' ? [d.outline.coordinates] : d.outline.coordinates).flat(), fill: 'none', stroke: '#777', title: d.name })),
  };
  const ph = r.phases;
  const last = ph.length - 1;
  const coverage = lineChart({
    title: L('cCoverageTitle', { r: R }),
    xLabel: L('cPoints'),
    yLabel: L('cPctTownships'),
    yMax: 100,
    series: [
      { name: L('cPlacement', { strategy }), color: '#1f77b4', points: ph.map((p) => [p.points, p.townshipsWithinRPct]) },
      ...(o.strategy === 'random' ? [] : [{ name: L('cRandom'), color: '#999', points: ph.map((p): [number, number] => [p.points, p.baseline.townshipsWithinRPct]) }]),
      { name: L('cDistricts'), color: '#2ca02c', points: ph.map((p) => [p.points, (100 * p.districtsCovered) / Math.max(1, p.districtsTotal)]) },
    ],
  });
  const stations = lineChart({
    title: L('cStationsTitle'),
    xLabel: L('cPoints'),
    yLabel: L('cCount'),
    series: [
      { name: L('cStations'), color: '#9467bd', points: ph.map((p) => [p.points, p.baseStations]) },
      { name: L('cMainNetwork', { range }), color: '#ff7f0e', points: ph.map((p) => [p.points, p.connectivity.largestComponentPct]) },
    ],
  });
  const traffic = ph.some((p) => p.traffic)
    ? lineChart({
        title: L('cTrafficTitle'),
        xLabel: L('cPoints'),
        yLabel: L('cFlights'),
        series: [
          { name: L('cRequested'), color: '#7f7f7f', points: ph.map((p) => [p.points, p.traffic?.requested ?? 0]) },
          { name: L('cFlown'), color: '#1f77b4', points: ph.map((p) => [p.points, p.traffic?.flown ?? 0]) },
          { name: L('cRejected'), color: '#d62728', points: ph.map((p) => [p.points, p.traffic?.rejected ?? 0]) },
          { name: L('cSuggestion'), color: '#2ca02c', points: ph.map((p) => [p.points, p.traffic?.suggestionsTaken ?? 0]) },
        ],
      })
    : '';
  const sitesMap = svgMap({
    title: L('mSitesTitle'),
    bbox,
    layers: [
      districts,
      { points: r.stations.map((s) => ({ at: s.location, r: 2.5, fill: '#9467bd88', shape: 'triangle' as const, title: L('mStationTitle', { id: s.id, n: s.phase }) })) },
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
          title: `${siteName(s.id)} #${s.order}`,
        })),
      },
    ],
    legend: [...ph.map((p, i) => ({ label: L('mUpTo', { n: p.points }), color: PHASE_COLORS[i % PHASE_COLORS.length] })), { label: L('mStation'), color: '#9467bd' }],
  });
  const coverMap = (i: number) =>
    svgMap({
      title: L('mCoverTitle', { n: ph[i].points, res: o.gridResolution }),
      bbox,
      width: 420,
      layers: [{ polygons: r.coverageCells.map((c) => ({ rings: [cellBoundary(c.cell)], fill: (DIST_COLORS.find(([k]) => c.distanceKm[i] <= k) as [number, string, string])[1] })) }, districts],
      legend: DIST_COLORS.map(([, color, label]) => ({ label, color })),
    });
  const reasonWord = (k: string) => REJECT_REASON_TEXT[k]?.[lang] ?? k;
  const row = (cells: unknown[]) => `<tr>${cells.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`;
  const heads = [
    'hPoints',
    'hDistricts',
    'hTownships',
    'hRandom',
    'hDistance',
    'hStations',
    'hComponents',
    'hRequested',
    'hFlown',
    'hRejected',
    'hSuggestions',
    'hConflicts',
    'hLos',
    'hSlots',
    'hPeakCell',
    'hSeen',
  ] as const;
  const table = `<table><thead><tr>${heads.map((h) => `<th>${esc(L(h, { r: R }))}</th>`).join('')}</tr></thead><tbody>${ph
    .map((p) =>
      row([
        p.points,
        `${p.districtsCovered}/${p.districtsTotal}`,
        pct1(p.townshipsWithinRPct),
        pct1(p.baseline.townshipsWithinRPct),
        `${num1(p.distance.meanKm)} / ${num1(p.distance.p90Km)}`,
        p.baseStations,
        `${p.connectivity.components} (${p.connectivity.relaysToConnect})`,
        p.traffic?.requested ?? '–',
        p.traffic?.flown ?? '–',
        p.traffic
          ? `${p.traffic.rejected} ${Object.entries(p.traffic.rejectedByReason)
              .map(([k, v]) => `${reasonWord(k)} ${v}`)
              .join('，')}`
          : '–',
        p.traffic ? `${p.traffic.suggestionsTaken} (${L('seconds', { n: p.traffic.meanDelayS })})` : '–',
        p.traffic ? `${num1(p.traffic.conflictsPer1000)} (${pct1(p.traffic.conflictsAtLandingPointsPct)})` : '–',
        p.traffic ? num1(p.traffic.lossOfSeparationPer1000) : '–',
        p.traffic ? `${pct1(p.traffic.slotUtilisation.meanPct)} / ${pct1(p.traffic.slotUtilisation.peakPct)}` : '–',
        p.traffic?.peakCellHour ? L('flightsN', { n: p.traffic.peakCellHour.flights, pct: pct1(p.traffic.peakCellHour.utilisationPct) }) : '–',
        p.traffic ? pct1(p.traffic.surveillancePct) : '–',
      ]),
    )
    .join('')}</tbody></table>`;
  const lastUsage = ph[last] ? r.usage[ph[last].points] : undefined;
  const lpName = (id: string) => scenario.landingPoints.find((l) => l.id === id)?.name ?? siteName(id);
  const adjustmentLine = (a: NonNullable<typeof lastUsage>['adjustments'][number]): [string, string] => {
    const e = a.evidence;
    switch (a.kind) {
      case 'corridor': {
        const [x, y] = a.ref.split('|');
        return [L('adjCorridor'), L('corridor', { a: lpName(x), b: lpName(y), n: e.flights ?? '' })];
      }
      case 'zone-schedule':
        return [L('adjZone'), L('zoneSchedule', { zone: scenario.zones.find((z) => z.id === a.ref)?.name ?? a.ref, r: e.rejected ?? '', q: e.offPeakRejected ?? '', window: e.window ?? '' })];
      case 'landing-point-capacity':
        return [L('adjCapacity'), L('capacity', { lp: lpName(a.ref), peak: e.peakHourMovements ?? '', cap: e.capacityPerHour ?? '', n: e.capacityRejections ?? 0 })];
      case 'hot-cell':
        return [
          L('adjHot'),
          L('hotCell', { place: cellName(a.ref, a.geometry?.type === 'Point' ? a.geometry.coordinates : undefined), n: e.peakHourFlights ?? '', pct: pct1(Number(e.peakUtilisationPct)) }),
        ];
      default:
        return [a.kind, a.text];
    }
  };
  const adjustments = lastUsage?.adjustments.length
    ? `<h2>${esc(L('adjTitle', { n: ph[last].points }))}</h2><ul>${lastUsage.adjustments
        .slice(0, 20)
        .map((a) => adjustmentLine(a))
        .map(([k, text]) => `<li><b>${esc(k)}</b>${lang === 'zh' ? '：' : ': '}${esc(text)}</li>`)
        .join('')}</ul>`
    : '';
  const findings = findingsHtml(r, L, R, o.strategy === 'random');
  const settings = L('settings', {
    strategy: esc(strategy),
    seed: o.seed,
    r: R,
    range,
    sr: num1(o.baseStation.radiusM / 1000),
    sa: o.baseStation.altitudeM,
    total: r.candidates.total,
    sources: esc(
      Object.entries(r.candidates.bySource)
        .map(([k, v]) => `${SOURCE_TEXT[k]?.[lang] ?? k} ${v}`)
        .join(lang === 'zh' ? '，' : ', '),
    ),
    aside: r.candidates.rejected.length,
    traffic: o.traffic ? L('trafficOn', { n: o.traffic.flightsPerPointPerDay, s: o.traffic.stepS }) : L('trafficOff'),
  });
  const gaps = ph[last]?.connectivity.gaps.length
    ? `<h2>${esc(L('gapsTitle', { n: ph[last].points, range }))}</h2><ul>${ph[last].connectivity.gaps
        .slice(0, 10)
        .map((g) => `<li>${esc(L('gap', { place: placeName(siteName(g.from)).replace(/附近$/, ''), size: g.size, to: siteName(g.to), km: (g.gapM / 1000).toFixed(1), relays: g.relaysNeeded }))}</li>`)
        .join('')}</ul>`
    : '';
  return `<!doctype html><html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${esc(title)}</title><style>
body{font:14px/1.45 system-ui,"Noto Sans CJK SC",sans-serif;margin:24px;color:#222;max-width:1280px}h1{font-size:22px}h2{font-size:17px;margin-top:28px}
table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}th{background:#f3f3f3}
.charts{display:flex;flex-wrap:wrap;gap:16px}.note{color:#555;font-size:12px}svg{background:#fff;border:1px solid #eee;overflow:visible}</style></head><body>
<h1>${esc(title)}</h1>
<p class="note">${settings}</p>
<h2>${esc(L('findings'))}</h2>${findings}
<h2>${esc(L('phases'))}</h2>${table}
<h2>${esc(L('charts'))}</h2><div class="charts">${coverage}${stations}${traffic}</div>
<h2>${esc(L('maps'))}</h2><div class="charts">${sitesMap}</div><div class="charts">${ph.length ? coverMap(0) : ''}${ph.length > 1 ? coverMap(last) : ''}</div>
${gaps}
${adjustments}
</body></html>
`;
}
