/** Aircraft categories, missions and the national rules that hang on them (暂行条例, 2024). */
export const CATEGORIES = ['micro', 'light', 'small', 'medium', 'large'] as const;
export type Category = (typeof CATEGORIES)[number];

export const MISSIONS = ['logistics', 'inspection', 'survey', 'agriculture', 'sightseeing', 'training', 'uam', 'rescue', 'medical', 'firefighting', 'police', 'other'] as const;
export type Mission = (typeof MISSIONS)[number];

/** Emergency missions (特报速批): routed to the A station's fast lane. */
export const EMERGENCY_MISSIONS: readonly Mission[] = ['rescue', 'medical', 'firefighting', 'police'];
export function isEmergency(m: Mission): boolean {
  return EMERGENCY_MISSIONS.includes(m);
}

/** Default priority by mission; higher wins. Emergency missions are highest. */
export const DEFAULT_PRIORITY: Record<Mission, number> = {
  rescue: 95,
  medical: 95,
  firefighting: 95,
  police: 90,
  uam: 50,
  logistics: 40,
  inspection: 40,
  survey: 30,
  agriculture: 30,
  sightseeing: 20,
  training: 10,
  other: 10,
};

/**
 * Highest true height (m) a category may use in suitable airspace without approval.
 * Medium and large aircraft have no suitable airspace: always controlled (ceiling -1).
 */
export const SUITABLE_CEILING_M: Record<Category, number> = { micro: 50, light: 120, small: 120, medium: -1, large: -1 };

/**
 * The maximum take-off weight (kg) each category allows (暂行条例 art. 62): light ≤ 7, small ≤ 25,
 * medium ≤ 150, large above 150. A micro aircraft is defined by its empty weight (under 0.25 kg),
 * which is not recorded; it is lighter than a light one, so its take-off weight is at most light's.
 */
export const CATEGORY_MTOW_KG: Record<Category, { above: number; atMost: number }> = {
  micro: { above: 0, atMost: 7 },
  light: { above: 0, atMost: 7 },
  small: { above: 0, atMost: 25 },
  medium: { above: 0, atMost: 150 },
  large: { above: 150, atMost: Number.POSITIVE_INFINITY },
};
export function categoryFitsWeight(category: Category, mtowKg: number): boolean {
  const r = CATEGORY_MTOW_KG[category];
  return mtowKg > r.above && mtowKg <= r.atMost;
}

/** Low-altitude airspace (低空) ends at this true height: what this station manages. */
export const LOW_ALTITUDE_CEILING_M = 1000;
/** The highest true height a category can fly at all: a micro aircraft is one that stays at or below 50 m. */
export const CATEGORY_MAX_HEIGHT_M: Record<Category, number> = {
  micro: 50,
  light: LOW_ALTITUDE_CEILING_M,
  small: LOW_ALTITUDE_CEILING_M,
  medium: LOW_ALTITUDE_CEILING_M,
  large: LOW_ALTITUDE_CEILING_M,
};
/** A suggested band moves at most this far up or down (further is another flight, not an alternative). */
export const MAX_SUGGESTED_ALTITUDE_SHIFT_M = 300;

/** Above this true height all airspace is controlled (管制空域). */
export const CONTROLLED_ABOVE_M = 120;
/** Plans may be filed up to this many days ahead. */
export const PLAN_HORIZON_DAYS = 30;

/** Every explicit plan volume lasts at most this long. */
export const MAX_VOLUME_DURATION_H = 24;
/** A route plan flies at most this long, from departAt to arrival at cruise speed. */
export const MAX_ROUTE_DURATION_H = 12;
/** The longest leg of a route (its corridor polygon then stays well under an outline's 1,000 vertices). */
export const MAX_ROUTE_LEG_KM = 500;
/** The slowest cruise speed a route may declare (a hovering multirotor still files its volumes). */
export const MIN_CRUISE_SPEED_MPS = 0.5;
/** The largest footprint of one explicit plan volume (a 50 km × 50 km survey block). */
export const MAX_PLAN_FOOTPRINT_KM2 = 2_500;
