/**
 * A price before filing (报价): what a plan would cost under a tariff, one line per element.
 * Pure and deterministic: the same plan, decision and tariff give the same quote to the fen.
 *
 * - airspace: each volume's footprint area (km²) × duration (h), split over the altitude layers its
 *   band occupies (metres in the layer ÷ the layer's thickness; the top layer extends upward), at
 *   the layer's rate × the zone class's percentage — `controlled` where the decision needed an
 *   operator for that volume (zone or height), `corridor` where it lies in a designated corridor,
 *   else `suitable`; one line per layer and class;
 * - peak: the airspace amount flown inside the peak windows (Beijing time) × the surcharge %;
 * - movement: each take-off and landing at a known landing point, at its category's rate;
 * - surveillance: the minutes of volumes whose centre is inside X-station coverage;
 * - exemption: emergency and public-service missions pay nothing (one line cancelling the rest).
 * Each line's amount is rounded to the fen; the total is the sum of the lines.
 */
import type { PreparedVolume } from '../airspace/prepared-volume.js';
import { makeFrame, ringSignedArea } from '../geo/planar.js';
import type { Shape } from '../geo/shape.js';
import type { Decision } from '../schemas/decision.js';
import { beijingMinute } from '../rules/opening-hours.js';
import type { Tariff } from './tariff.js';

export type QuoteElement = 'airspace' | 'peak' | 'movement' | 'surveillance' | 'exemption' | 'cancellation';
export interface QuoteLine {
  element: QuoteElement;
  ref: string;
  quantity: number;
  /** km2h (km² × hours, per layer thickness), fen (the airspace amount a surcharge applies to), movement, min, flight */
  unit: 'km2h' | 'fen' | 'movement' | 'min' | 'flight';
  /** fen per unit; for the peak surcharge, the percentage */
  rateFen: number;
  amountFen: number;
}
export interface Quote {
  tariffVersion: string;
  totalFen: number;
  lines: QuoteLine[];
}

export interface QuoteInput {
  prepared: readonly PreparedVolume[];
  mission: string;
  departure?: string | undefined;
  arrival?: string | undefined;
}
export interface QuoteContext {
  /** a landing point's category, or undefined when unknown */
  landingPointKind: (id: string) => string | undefined;
  /** whether X stations see a point at a height */
  covered: (lng: number, lat: number, altitudeM: number) => boolean;
}

const CONTROLLED_CODES = new Set(['ZONE_CONTROLLED', 'ZONE_RESTRICTED', 'ZONE_TEMPORARY_APPROVAL', 'ABOVE_120M_CONTROLLED', 'ABOVE_CATEGORY_LIMIT', 'CATEGORY_ALWAYS_CONTROLLED']);
const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
const CLASS_ORDER = { suitable: 0, corridor: 1, controlled: 2 } as const;

/** Footprint area in km² (circles exactly, polygons in a local metric frame at their centre). */
export function areaKm2(s: Shape): number {
  if (s.kind === 'circle') return (Math.PI * s.radiusM * s.radiusM) / 1e6;
  const f = makeFrame((s.bbox[0] + s.bbox[2]) / 2, (s.bbox[1] + s.bbox[3]) / 2);
  let m2 = 0;
  for (const p of s.polygons) {
    const rings = p.rings;
    m2 += Math.abs(ringSignedArea(rings[0], f));
    for (let h = 1; h < rings.length; h++) m2 -= Math.abs(ringSignedArea(rings[h], f));
  }
  return m2 / 1e6;
}

const minuteOf = (hhmm: string) => (hhmm === '24:00' ? 1440 : Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5)));

/** Minutes of [startMs, endMs) inside the daily windows (Beijing time). */
export function minutesInWindows(startMs: number, endMs: number, windows: readonly { from: string; to: string }[]): number {
  return minutesInSpans(
    startMs,
    endMs,
    windows.map((w) => [minuteOf(w.from) * 60_000, minuteOf(w.to) * 60_000] as const),
  );
}

/** The same, the windows as [from, to) in ms after midnight (Beijing time). */
function minutesInSpans(startMs: number, endMs: number, spans: readonly (readonly [number, number])[]): number {
  if (!spans.length || endMs <= startMs) return 0;
  let total = 0;
  const dayStart = startMs - beijingMinute(startMs) * 60_000 - (startMs % 60_000);
  for (let day = dayStart; day < endMs; day += 86_400_000) {
    for (const [from, to] of spans) {
      const a = Math.max(startMs, day + from);
      const b = Math.min(endMs, day + to);
      if (b > a) total += (b - a) / 60_000;
    }
  }
  return total;
}

/** What a quote reads of a tariff, worked out once per tariff: each layer's line name and rate by class, the peak windows in ms. */
interface TariffTerms {
  refs: string[];
  rates: number[];
  peak: (readonly [number, number])[];
}
const terms = new WeakMap<Tariff, TariffTerms>();
const CLASSES = ['suitable', 'corridor', 'controlled'] as const;

function termsOf(tariff: Tariff): TariffTerms {
  let t = terms.get(tariff);
  if (!t) {
    const refs: string[] = [];
    const rates: number[] = [];
    tariff.airspace.layers.forEach((l, k) => {
      for (const cls of CLASSES) {
        refs[k * 3 + CLASS_ORDER[cls]] = `${l.fromM}-${l.toM}m:${cls}`;
        rates[k * 3 + CLASS_ORDER[cls]] = (l.fenPerKm2Hour * tariff.airspace.zoneClassPct[cls]) / 100;
      }
    });
    t = { refs, rates, peak: tariff.peak.windows.map((w) => [minuteOf(w.from) * 60_000, minuteOf(w.to) * 60_000] as const) };
    terms.set(tariff, t);
  }
  return t;
}

type ZoneClass = 'suitable' | 'controlled' | 'corridor';

/** Each volume's zone class from the decision's reasons, in one pass: controlled where it needed an operator, corridor where it lies in one. */
function zoneClasses(decision: Pick<Decision, 'reasons'>, volumes: number): ZoneClass[] {
  const out: ZoneClass[] = new Array(volumes).fill('suitable');
  for (const r of decision.reasons) {
    const i = r.volumeIndex;
    if (i === undefined || i < 0 || i >= volumes) continue;
    if (r.effect === 'approval' && CONTROLLED_CODES.has(r.code)) out[i] = 'controlled';
    else if (out[i] === 'suitable' && r.code === 'DESIGNATED_AIRSPACE' && r.params?.zoneKind === 'corridor') out[i] = 'corridor';
  }
  return out;
}

export function quotePlan(tariff: Tariff, plan: QuoteInput, decision: Pick<Decision, 'reasons'>, ctx: QuoteContext): Quote {
  const layers = tariff.airspace.layers;
  const t = termsOf(tariff);
  // the airspace lines by layer and class (layer × 3 + class: the order they are written in):
  // each one's quantity, and whether it was flown at all (a line even for a footprint of no area)
  const quantities = new Float64Array(layers.length * 3);
  const flown = new Uint8Array(layers.length * 3);
  let peakBase = 0;
  let coveredMin = 0;
  const classes = zoneClasses(decision, plan.prepared.length);
  for (let i = 0; i < plan.prepared.length; i++) {
    const v = plan.prepared[i];
    if (v.endMs <= v.startMs) continue; // not flown (a charge clips volumes to the time in the air)
    const cls = CLASS_ORDER[classes[i]];
    const hours = (v.endMs - v.startMs) / 3_600_000;
    const area = areaKm2(v.shape);
    let volumeFen = 0;
    for (let k = 0; k < layers.length; k++) {
      const l = layers[k];
      const top = k === layers.length - 1 ? Number.POSITIVE_INFINITY : l.toM;
      const inLayer = Math.min(v.altUpperM, top) - Math.max(v.altLowerM, l.fromM);
      if (inLayer <= 0) continue;
      const order = k * 3 + cls;
      const quantity = (area * hours * inLayer) / (l.toM - l.fromM);
      quantities[order] += quantity;
      flown[order] = 1;
      volumeFen += quantity * t.rates[order];
    }
    const durationMin = (v.endMs - v.startMs) / 60_000;
    peakBase += (volumeFen * minutesInSpans(v.startMs, v.endMs, t.peak)) / durationMin;
    const lng = v.shape.kind === 'circle' ? v.shape.lng : (v.bbox[0] + v.bbox[2]) / 2;
    const lat = v.shape.kind === 'circle' ? v.shape.lat : (v.bbox[1] + v.bbox[3]) / 2;
    if (ctx.covered(lng, lat, (v.altLowerM + v.altUpperM) / 2)) coveredMin += durationMin;
  }
  const lines: QuoteLine[] = [];
  for (let order = 0; order < quantities.length; order++) {
    if (!flown[order]) continue;
    const quantity = quantities[order];
    lines.push({ element: 'airspace', ref: t.refs[order], quantity: r4(quantity), unit: 'km2h', rateFen: t.rates[order], amountFen: Math.round(quantity * t.rates[order]) });
  }
  if (peakBase > 0 && tariff.peak.surchargePct > 0) {
    const base = Math.round(peakBase);
    lines.push({ element: 'peak', ref: 'peak-hours', quantity: base, unit: 'fen', rateFen: tariff.peak.surchargePct, amountFen: Math.round((base * tariff.peak.surchargePct) / 100) });
  }
  for (const id of [plan.departure, plan.arrival]) {
    const kind = id ? ctx.landingPointKind(id) : undefined;
    if (!id || !kind) continue;
    const rate = tariff.movementFen[kind as keyof Tariff['movementFen']] ?? 0;
    lines.push({ element: 'movement', ref: id, quantity: 1, unit: 'movement', rateFen: rate, amountFen: rate });
  }
  if (coveredMin > 0) {
    lines.push({
      element: 'surveillance',
      ref: 'x-coverage',
      quantity: r4(coveredMin),
      unit: 'min',
      rateFen: tariff.surveillanceFenPerMin,
      amountFen: Math.round(coveredMin * tariff.surveillanceFenPerMin),
    });
  }
  const subtotal = lines.reduce((a, l) => a + l.amountFen, 0);
  if (tariff.exemptMissions.includes(plan.mission) && subtotal > 0) {
    lines.push({ element: 'exemption', ref: plan.mission, quantity: 1, unit: 'flight', rateFen: -subtotal, amountFen: -subtotal });
  }
  return { tariffVersion: tariff.version, totalFen: lines.reduce((a, l) => a + l.amountFen, 0), lines };
}
