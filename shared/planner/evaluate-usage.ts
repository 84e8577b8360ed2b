/**
 * The evaluation loop (运行使用—效率评估—动态调整): from recorded plans (and optionally tracks),
 * utilisation per H3 cell and hour, the busiest cells and landing points, the zones that turned
 * demand away, and suggested adjustments, each with the evidence behind it.
 */
import type { LngLat } from '../geo/types.js';
import type { FlightPlan } from '../schemas/flight-plan-record.js';
import type { LandingPoint } from '../schemas/landing-point.js';
import type { Zone } from '../schemas/zone.js';
import { beijingHour } from '../util/beijing-time.js';
import { HOUR_MS, UtilisationGrid, type UtilisationSummary } from './h3-utilisation.js';

export interface UsageOptions {
  resolution: number;
  capacityPerCellHour: number;
  top: number;
  corridorMinFlights: number;
  zoneMinRejections: number;
  hotCellPct: number;
}
export const DEFAULT_USAGE: UsageOptions = { resolution: 7, capacityPerCellHour: 30, top: 20, corridorMinFlights: 8, zoneMinRejections: 3, hotCellPct: 80 };

export interface LandingPointUse {
  id: string;
  name: string;
  movements: number;
  peakHourMovements: number;
  capacityPerHour: number;
  peakUtilisationPct: number;
  capacityRejections: number;
}
export interface ZoneRejections {
  id: string;
  name: string;
  kind: string;
  rejected: number;
  referredForApproval: number;
  byLocalHour: number[];
}
export interface Adjustment {
  kind: 'corridor' | 'zone-schedule' | 'landing-point-capacity' | 'hot-cell';
  ref: string;
  text: string;
  evidence: Record<string, number | string>;
  geometry?: { type: 'LineString'; coordinates: LngLat[] } | { type: 'Point'; coordinates: LngLat };
}
export interface UsageReport {
  plans: { total: number; flown: number; rejected: number; pending: number };
  utilisation: UtilisationSummary;
  busiestLandingPoints: LandingPointUse[];
  zonesRejecting: ZoneRejections[];
  adjustments: Adjustment[];
}

/** Plans that were flown or are to be flown. */
export const FLOWN_STATES: readonly string[] = ['approved', 'active', 'completed'];

/** Take-off and landing times of a plan: the start of its first volume, the end of its last. */
export function planMovements(p: FlightPlan): { lp: string; tMs: number }[] {
  const v = p.volumes;
  if (!v.length) return [];
  const out: { lp: string; tMs: number }[] = [];
  if (p.input.departure) out.push({ lp: p.input.departure, tMs: Date.parse(v[0].timeStart) });
  if (p.input.arrival) out.push({ lp: p.input.arrival, tMs: Date.parse(v[v.length - 1].timeEnd) });
  return out;
}

/**
 * `tracks`, when given, is a grid already holding observed positions (same resolution); the
 * plans' reserved volumes are added to it, so a cell-hour counts a flight once either way.
 */
export function evaluateUsage(plans: FlightPlan[], landingPoints: LandingPoint[], zones: Zone[], opts: Partial<UsageOptions> = {}, tracks?: UtilisationGrid): UsageReport {
  const o = { ...DEFAULT_USAGE, ...opts };
  const grid = tracks && tracks.resolution === o.resolution ? tracks : new UtilisationGrid(o.resolution, o.capacityPerCellHour);
  const flown = plans.filter((p) => FLOWN_STATES.includes(p.state));
  for (const p of flown) for (const v of p.volumes) grid.addVolume(p.id, v.outline, Date.parse(v.timeStart), Date.parse(v.timeEnd));
  const utilisation = grid.summary(o.top);

  // landing points
  const lpById = new Map(landingPoints.map((l) => [l.id, l]));
  const slots = new Map<string, Map<number, number>>();
  for (const p of flown)
    for (const m of planMovements(p)) {
      const s = slots.get(m.lp) ?? new Map<number, number>();
      const h = Math.floor(m.tMs / HOUR_MS);
      s.set(h, (s.get(h) ?? 0) + 1);
      slots.set(m.lp, s);
    }
  const capRejects = new Map<string, number>();
  const zoneStats = new Map<string, ZoneRejections>();
  const zoneById = new Map(zones.map((z) => [z.id, z]));
  for (const p of plans) {
    for (const r of p.decision.reasons) {
      if (r.code === 'LANDING_POINT_CAPACITY' && r.ref && p.state === 'rejected') capRejects.set(r.ref, (capRejects.get(r.ref) ?? 0) + 1);
      const z = r.ref ? zoneById.get(r.ref) : undefined;
      if (!z || !r.code.startsWith('ZONE_')) continue;
      const s = zoneStats.get(z.id) ?? { id: z.id, name: z.name, kind: z.kind, rejected: 0, referredForApproval: 0, byLocalHour: Array(24).fill(0) };
      if (r.effect === 'reject' && p.state === 'rejected') {
        s.rejected++;
        s.byLocalHour[beijingHour(Date.parse(p.volumes[0]?.timeStart ?? p.createdAt))]++;
      } else if (r.effect === 'approval') s.referredForApproval++;
      zoneStats.set(z.id, s);
    }
  }
  const busiestLandingPoints = [...new Set([...slots.keys(), ...capRejects.keys()])]
    .map((id): LandingPointUse => {
      const s = slots.get(id) ?? new Map<number, number>();
      const lp = lpById.get(id);
      const peak = Math.max(0, ...s.values());
      const cap = lp?.capacityPerHour ?? 0;
      return {
        id,
        name: lp?.name ?? id,
        movements: [...s.values()].reduce((a, b) => a + b, 0),
        peakHourMovements: peak,
        capacityPerHour: cap,
        peakUtilisationPct: cap ? Math.round((1000 * peak) / cap) / 10 : 0,
        capacityRejections: capRejects.get(id) ?? 0,
      };
    })
    .sort((a, b) => b.peakUtilisationPct - a.peakUtilisationPct || b.movements - a.movements || a.id.localeCompare(b.id))
    .slice(0, o.top);
  const zonesRejecting = [...zoneStats.values()].sort((a, b) => b.rejected - a.rejected || b.referredForApproval - a.referredForApproval || a.id.localeCompare(b.id)).slice(0, o.top);

  const adjustments: Adjustment[] = [];
  // corridors where demand between two points concentrates
  const od = new Map<string, number>();
  for (const p of flown) {
    const a = p.input.departure,
      b = p.input.arrival;
    if (!a || !b || a === b) continue;
    const k = a < b ? `${a}|${b}` : `${b}|${a}`;
    od.set(k, (od.get(k) ?? 0) + 1);
  }
  // pairs a corridor already joins are not proposed again
  const joined = new Set(zones.filter((z) => z.kind === 'corridor' && z.corridorEnds).map((z) => [...(z.corridorEnds as [string, string])].sort().join('|')));
  for (const [k, n] of [...od.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))) {
    if (n < o.corridorMinFlights) break;
    if (joined.has(k)) continue;
    const [a, b] = k.split('|').map((id) => lpById.get(id));
    if (!a || !b) continue;
    adjustments.push({
      kind: 'corridor',
      ref: k,
      text: `designate a corridor ${a.name} ↔ ${b.name}: ${n} flights between them`,
      evidence: { flights: n },
      geometry: { type: 'LineString', coordinates: [a.location, b.location] },
    });
  }
  // zones whose rejected demand falls in the network's quiet hours (flown traffic at or below the hourly mean) could open then
  const demandByHour = Array(24).fill(0);
  for (const p of flown) demandByHour[beijingHour(Date.parse(p.volumes[0]?.timeStart ?? p.createdAt))]++;
  const meanDemand = demandByHour.reduce((a, b) => a + b, 0) / 24;
  for (const z of zonesRejecting) {
    const zone = zoneById.get(z.id);
    if (z.rejected < o.zoneMinRejections || !zone || zone.special === 'airport' || zone.special === 'military') continue;
    const quiet = z.byLocalHour.map((n, h) => (n > 0 && demandByHour[h] <= meanDemand ? h : -1)).filter((h) => h >= 0);
    const inQuiet = quiet.reduce((s, h) => s + z.byLocalHour[h], 0);
    if (!quiet.length) continue;
    const window = `${String(Math.min(...quiet)).padStart(2, '0')}:00–${String(Math.max(...quiet) + 1).padStart(2, '0')}:00`;
    adjustments.push({
      kind: 'zone-schedule',
      ref: z.id,
      text: `${z.name} turned away ${z.rejected} requests, ${inQuiet} of them in off-peak hours; a weekly opening ${window} (local) would carry them if the zone's purpose allows`,
      evidence: { rejected: z.rejected, offPeakRejected: inQuiet, window },
    });
  }
  for (const l of busiestLandingPoints) {
    if (l.peakUtilisationPct < 100 && !l.capacityRejections) continue;
    const lp = lpById.get(l.id);
    adjustments.push({
      kind: 'landing-point-capacity',
      ref: l.id,
      text: `${l.name} reached ${l.peakHourMovements}/${l.capacityPerHour} movements in its busiest hour (${l.capacityRejections} requests refused for capacity): add pads or a point nearby`,
      evidence: { peakHourMovements: l.peakHourMovements, capacityPerHour: l.capacityPerHour, capacityRejections: l.capacityRejections },
      ...(lp ? { geometry: { type: 'Point' as const, coordinates: lp.location } } : {}),
    });
  }
  for (const c of utilisation.topCells) {
    if (c.peakUtilisationPct < o.hotCellPct) break;
    adjustments.push({
      kind: 'hot-cell',
      ref: c.cell,
      text: `H3 cell ${c.cell} carried ${c.peakHourFlights} flights in its busiest hour (${c.peakUtilisationPct}% of ${o.capacityPerCellHour}): separate flows by altitude layer or route them around`,
      evidence: { peakHourFlights: c.peakHourFlights, peakUtilisationPct: c.peakUtilisationPct },
      geometry: { type: 'Point', coordinates: c.center },
    });
  }
  return {
    plans: { total: plans.length, flown: flown.length, rejected: plans.filter((p) => p.state === 'rejected').length, pending: plans.filter((p) => p.state === 'pending').length },
    utilisation,
    busiestLandingPoints,
    zonesRejecting,
    adjustments,
  };
}
