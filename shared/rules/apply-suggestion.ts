/**
 * A suggestion applied to the plan as filed: what a pilot (or the simulation's pilots) files
 * again. A time shift moves the departure (or every volume); an altitude shift moves the band
 * (a route's) or every volume. The suggestion was verified on exactly this plan (shiftPlan in
 * suggest-alternatives.ts rebuilds a route's volumes the same way), so filing it gives the
 * outcome it promised while the airspace is unchanged.
 */
import type { Suggestion } from '../schemas/decision.js';
import type { FlightPlanInput } from '../schemas/flight-plan.js';

const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

export function applySuggestion(input: FlightPlanInput, s: Pick<Suggestion, 'shiftS' | 'shiftM'>): FlightPlanInput {
  const dtMs = (s.shiftS ?? 0) * 1000;
  const dz = s.shiftM ?? 0;
  if (input.route && !input.volumes) {
    const r = input.route;
    return { ...input, route: { ...r, departAt: later(r.departAt, dtMs), altitudeLowerM: r.altitudeLowerM + dz, altitudeUpperM: r.altitudeUpperM + dz } };
  }
  return {
    ...input,
    volumes: input.volumes?.map((v) => ({
      ...v,
      altitudeLowerM: v.altitudeLowerM + dz,
      altitudeUpperM: v.altitudeUpperM + dz,
      timeStart: later(v.timeStart, dtMs),
      timeEnd: later(v.timeEnd, dtMs),
    })),
  };
}
