/** Planner values in words (pure, tested): percentages to one decimal, progress, study names, evaluation lines with place names instead of H3 ids. */
import type { LngLat } from '../../shared/geo/types.js';
import { cellBoundary } from '../../shared/planner/h3-utilisation.js';
import type { Lang } from './i18n.js';
import { fillText } from './i18n-plans.js';
import { PLANNER_TEXT as P } from './i18n-planner.js';
import { zoneName } from './zone-text.js';

/** "52.3%": at most one decimal, no trailing zero. */
export function pct(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  return `${Math.round(x * 10) / 10}%`;
}

/** A number to at most one decimal. */
export const num1 = (x: number): string => String(Math.round(x * 10) / 10);

const STEPS: Record<string, keyof typeof P> = { candidates: 'stepCandidates', coverage: 'stepCoverage', traffic: 'stepTraffic', 'phase done': 'stepPhaseDone' };

/** A running study's progress as a line: step, phase, percentage. */
export function progressText(p: { step: string; phase?: number; fraction: number }, lang: Lang): string {
  const key = STEPS[p.step];
  const step = key ? P[key][lang] : p.step;
  const phase = p.phase !== undefined ? ` · ${fillText(P.phaseOf[lang], { n: p.phase })}` : '';
  return `${step}${phase} · ${Math.round(p.fraction * 100)}%`;
}

const STRATEGY: Record<string, { zh: string; en: string }> = { coverage: { zh: '县县通 + 最大覆盖', en: 'county-first + coverage' }, random: { zh: '随机', en: 'random' } };

/** The server's default study name ("coverage 200/500 seed 1") in words; a name someone gave stays as it is. */
export function studyName(name: string, lang: Lang): string {
  const m = /^(coverage|random) ([\d/]+) seed (\d+)$/.exec(name);
  if (!m) return name;
  return fillText(P.studyName[lang], { strategy: STRATEGY[m[1]][lang], phases: m[2], seed: m[3] });
}

export interface NamedPlace {
  name: string;
  location: LngLat;
}

const KM_PER_DEG = 111.32;
function distKm(a: LngLat, b: LngLat): number {
  const dx = (a[0] - b[0]) * KM_PER_DEG * Math.cos(((a[1] + b[1]) / 2) * (Math.PI / 180));
  const dy = (a[1] - b[1]) * KM_PER_DEG;
  return Math.hypot(dx, dy);
}

/** The centre of an H3 cell (mean of its corners). */
export function cellCentre(cell: string): LngLat {
  const b = cellBoundary(cell);
  const n = b.length > 1 && b[0][0] === b[b.length - 1][0] && b[0][1] === b[b.length - 1][1] ? b.length - 1 : b.length;
  let x = 0,
    y = 0;
  for (let i = 0; i < n; i++) {
    x += b[i][0];
    y += b[i][1];
  }
  return [x / n, y / n];
}

/** A cell by the nearest named place within `maxKm` ("龙兴镇附近"), else "网格 <short id>". */
export function cellPlace(cell: string, places: NamedPlace[], lang: Lang, maxKm = 5): string {
  let at: LngLat;
  try {
    at = cellCentre(cell);
  } catch {
    return fillText(P.cell[lang], { id: cell.slice(0, 9) });
  }
  let best: NamedPlace | null = null;
  let bestKm = maxKm;
  for (const p of places) {
    const d = distKm(at, p.location);
    if (d <= bestKm) {
      best = p;
      bestKm = d;
    }
  }
  return best ? fillText(P.near[lang], { name: best.name.replace(/(中心)?起降点$/, '') }) : fillText(P.cell[lang], { id: cell.slice(0, 9) });
}

export interface AdjustmentLike {
  kind: string;
  ref: string;
  text: string;
  evidence: Record<string, number | string>;
}

const ADJ_KIND: Record<string, keyof typeof P> = { corridor: 'kindCorridor', 'zone-schedule': 'kindZoneSchedule', 'landing-point-capacity': 'kindCapacity', 'hot-cell': 'kindHotCell' };

export const adjustmentKind = (kind: string, lang: Lang): string => (ADJ_KIND[kind] ? P[ADJ_KIND[kind]][lang] : kind);

/** An adjustment in words, from its kind, ref and evidence; the server's English text only when nothing else fits. */
export function adjustmentText(
  a: AdjustmentLike,
  lang: Lang,
  ctx: { lpName: (id: string) => string | undefined; zone: (id: string) => { id: string; name: string } | undefined; places: NamedPlace[] },
): string {
  const e = a.evidence;
  switch (a.kind) {
    case 'corridor': {
      const [x, y] = a.ref.split('|');
      return fillText(P.adjCorridor[lang], { a: ctx.lpName(x) ?? x, b: ctx.lpName(y) ?? y, n: e.flights ?? '' });
    }
    case 'zone-schedule': {
      const z = ctx.zone(a.ref);
      return fillText(P.adjZoneSchedule[lang], { zone: z ? zoneName(z, lang) : a.ref, r: e.rejected ?? '', q: e.offPeakRejected ?? '', window: e.window ?? '' });
    }
    case 'landing-point-capacity':
      return fillText(P.adjCapacity[lang], { lp: ctx.lpName(a.ref) ?? a.ref, peak: e.peakHourMovements ?? '', cap: e.capacityPerHour ?? '', n: e.capacityRejections ?? 0 });
    case 'hot-cell':
      return fillText(P.adjHotCell[lang], { place: cellPlace(a.ref, ctx.places, lang), n: e.peakHourFlights ?? '', pct: pct(Number(e.peakUtilisationPct)) });
    default:
      return a.text;
  }
}
