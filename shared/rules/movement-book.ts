/**
 * Landing-point slot bookings: movements (take-offs and landings) per landing point per clock
 * hour (UTC hour slots, which are also local hour slots in UTC+8).
 */
export const SLOT_MS = 3_600_000;

export interface Movement {
  landingPointId: string;
  timeMs: number;
}

export class MovementBook {
  private readonly slots = new Map<string, Map<number, Set<string>>>();
  private readonly byPlan = new Map<string, Movement[]>();

  add(planId: string, movements: Movement[]): void {
    this.remove(planId);
    for (const m of movements) {
      let lp = this.slots.get(m.landingPointId);
      if (!lp) {
        lp = new Map();
        this.slots.set(m.landingPointId, lp);
      }
      const slot = Math.floor(m.timeMs / SLOT_MS);
      let set = lp.get(slot);
      if (!set) {
        set = new Set();
        lp.set(slot, set);
      }
      set.add(`${planId}#${movements.indexOf(m)}`);
    }
    this.byPlan.set(planId, movements);
  }

  remove(planId: string): void {
    const ms = this.byPlan.get(planId);
    if (!ms) return;
    ms.forEach((m, i) => {
      this.slots
        .get(m.landingPointId)
        ?.get(Math.floor(m.timeMs / SLOT_MS))
        ?.delete(`${planId}#${i}`);
    });
    this.byPlan.delete(planId);
  }

  /** Movements booked at a landing point in the slot containing `timeMs`, other than `exceptPlanId`'s. */
  count(landingPointId: string, timeMs: number, exceptPlanId?: string): number {
    const set = this.slots.get(landingPointId)?.get(Math.floor(timeMs / SLOT_MS));
    if (!set) return 0;
    if (!exceptPlanId) return set.size;
    let n = 0;
    for (const k of set) if (!k.startsWith(`${exceptPlanId}#`)) n++;
    return n;
  }
}
