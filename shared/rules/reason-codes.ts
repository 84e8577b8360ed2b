/** The catalogue of decision reason codes. Every rule outcome carries one of these. */
export const REASON_CODES = [
  // rejecting
  'ZONE_PROHIBITED',
  'ZONE_CATEGORY_NOT_ALLOWED',
  'PLAN_CONFLICT',
  'LANDING_POINT_CAPACITY',
  'LANDING_POINT_UNKNOWN',
  'OUTSIDE_SERVICE_AREA',
  // needing an operator's approval
  'ABOVE_120M_CONTROLLED',
  'ABOVE_CATEGORY_LIMIT',
  'CATEGORY_ALWAYS_CONTROLLED',
  'ZONE_CONTROLLED',
  'ZONE_RESTRICTED',
  'ZONE_TEMPORARY_APPROVAL',
  'OUTSIDE_SURVEILLANCE',
  // information
  'SUITABLE_AIRSPACE',
  'DESIGNATED_AIRSPACE',
  'PREEMPTS_LOWER_PRIORITY',
  'EMERGENCY_FAST_LANE',
  'ROUTED_TO_STATION',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];
