/**
 * The airspace tariff (空域要素定价): versioned and effective-dated; money in integer fen (CNY).
 * A flight is priced by the version in force at its start. Elements: airspace use (area × time,
 * by altitude layer, by zone class), a peak-hour surcharge (Beijing time), landing-point
 * movements (by category), surveillance service (minutes inside X-station coverage), and an
 * exemption for emergency and public-service missions.
 */
import { Type, type Static } from '@sinclair/typebox';
import { LANDING_POINT_KINDS } from '../schemas/landing-point.js';

const Fen = Type.Integer({ minimum: 0, maximum: 100_000_000 });
const Pct = Type.Integer({ minimum: 0, maximum: 1000, description: 'percent' });
const Hhmm = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$' });

export const TariffSchema = Type.Object(
  {
    /** e.g. "CQ-2026-12" */
    version: Type.String({ minLength: 1, maxLength: 40 }),
    effectiveFrom: Type.String({ format: 'date-time' }),
    currency: Type.Literal('CNY'),
    airspace: Type.Object(
      {
        /** layers by true height, ascending and contiguous from 0; a band is charged by the metres it occupies in each layer */
        layers: Type.Array(Type.Object({ fromM: Type.Number({ minimum: 0 }), toM: Type.Number({ minimum: 1 }), fenPerKm2Hour: Fen }, { additionalProperties: false }), { minItems: 1, maxItems: 10 }),
        /** multiplier by the zone class a volume flies in */
        zoneClassPct: Type.Object({ suitable: Pct, controlled: Pct, corridor: Pct }, { additionalProperties: false }),
      },
      { additionalProperties: false },
    ),
    /** peak hours, Beijing time, and their surcharge on airspace use */
    peak: Type.Object({ windows: Type.Array(Type.Object({ from: Hhmm, to: Hhmm }, { additionalProperties: false }), { maxItems: 6 }), surchargePct: Pct }, { additionalProperties: false }),
    /** fen per take-off or landing, by landing-point category */
    movementFen: Type.Object(Object.fromEntries(LANDING_POINT_KINDS.map((k) => [k, Fen])) as Record<(typeof LANDING_POINT_KINDS)[number], typeof Fen>, { additionalProperties: false }),
    /** fen per flight minute inside X-station coverage */
    surveillanceFenPerMin: Fen,
    /** missions flown free (emergency and public service) */
    exemptMissions: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type Tariff = Static<typeof TariffSchema>;

/** Illustrative numbers, not an official tariff. */
export const DEFAULT_TARIFF: Tariff = {
  version: 'CQ-ILLUSTRATIVE-1',
  effectiveFrom: '2026-01-01T00:00:00+08:00',
  currency: 'CNY',
  airspace: {
    layers: [
      { fromM: 0, toM: 50, fenPerKm2Hour: 200 },
      { fromM: 50, toM: 120, fenPerKm2Hour: 400 },
      { fromM: 120, toM: 300, fenPerKm2Hour: 800 },
      { fromM: 300, toM: 1000, fenPerKm2Hour: 1600 },
    ],
    zoneClassPct: { suitable: 100, controlled: 200, corridor: 80 },
  },
  peak: {
    windows: [
      { from: '07:30', to: '09:30' },
      { from: '17:00', to: '19:30' },
    ],
    surchargePct: 50,
  },
  movementFen: { hub: 500, township: 200, scenic: 400, rooftop: 300, water: 300, grass: 100, temporary: 200, airport: 1500, site: 200 },
  surveillanceFenPerMin: 5,
  exemptMissions: ['rescue', 'medical', 'firefighting', 'police'],
};

/** Problems with a tariff beyond its schema: layers contiguous from 0, peak windows proper. */
export function tariffProblems(t: Tariff): string[] {
  const out: string[] = [];
  let at = 0;
  t.airspace.layers.forEach((l, i) => {
    if (l.fromM !== at) out.push(`airspace.layers[${i}].fromM must be ${at} (layers are contiguous from 0)`);
    if (l.toM <= l.fromM) out.push(`airspace.layers[${i}].toM must be above fromM`);
    at = l.toM;
  });
  t.peak.windows.forEach((w, i) => {
    if (w.to <= w.from) out.push(`peak.windows[${i}]: to must be after from (a window does not span midnight)`);
  });
  return out;
}

/** The version in force at `ms`: the latest effectiveFrom at or before it (versions in any order), or undefined. */
export function tariffAt(versions: readonly Tariff[], ms: number): Tariff | undefined {
  let best: Tariff | undefined;
  let bestMs = Number.NEGATIVE_INFINITY;
  for (const v of versions) {
    const t = effectiveMs(v);
    if (t <= ms && (!best || t > bestMs)) {
      best = v;
      bestMs = t;
    }
  }
  return best;
}

/** a version's effectiveFrom in ms, parsed once (tariffs are never edited in place: a change is a new version) */
const effective = new WeakMap<Tariff, number>();
function effectiveMs(t: Tariff): number {
  let ms = effective.get(t);
  if (ms === undefined) {
    ms = Date.parse(t.effectiveFrom);
    effective.set(t, ms);
  }
  return ms;
}
