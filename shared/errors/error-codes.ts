/**
 * The one catalogue of API error codes: every 4xx/5xx body's `error.code` is one of these, with
 * its HTTP status. The server throws only these (a closed union); the client translates them.
 * Validation problems found by the shared rules (plan, outline, zone, time) are listed too, so a
 * code never reaches the wire without being here.
 */
export const ERROR_CODES = {
  // 400: the request itself is wrong
  BAD_REQUEST: 400,
  MALFORMED_JSON: 400,
  JSON_TOO_DEEP: 400,
  VALIDATION_FAILED: 400,
  INVALID_TIME: 400,
  TIME_OUT_OF_RANGE: 400,
  END_BEFORE_START: 400,
  PLAN_ALREADY_ENDED: 400,
  ZONE_ALREADY_ENDED: 400,
  TOO_FAR_AHEAD: 400,
  VOLUME_TOO_LONG: 400,
  ROUTE_TOO_LONG: 400,
  NEGATIVE_ALTITUDE: 400,
  ALTITUDE_BAND_INVALID: 400,
  VOLUMES_XOR_ROUTE: 400,
  COORDINATE_OUT_OF_RANGE: 400,
  DEGENERATE_OUTLINE: 400,
  SELF_INTERSECTING_OUTLINE: 400,
  RING_NOT_CLOSED: 400,
  RING_TOO_SHORT: 400,
  HOLE_OUTSIDE_OUTER: 400,
  TOO_MANY_VERTICES: 400,
  /** a route whose waypoints are all one point */
  ROUTE_ZERO_LENGTH: 400,
  /** an aircraft's category does not fit its maximum take-off weight (national classification) */
  CATEGORY_WEIGHT_MISMATCH: 400,
  /** a pilot registered with a licence that has already expired */
  LICENCE_ALREADY_EXPIRED: 400,
  INVALID_RADIUS: 400,
  OUTLINE_TOO_LARGE: 400,
  INVALID_ASTM_VOLUME: 400,
  INVALID_ED269: 400,
  INVALID_GRID_CODE: 400,
  INVALID_LEVEL: 400,
  INVALID_HEIGHT: 400,
  TOO_MANY_CELLS: 400,
  STALE_POSITION: 400,
  REASON_REQUIRED: 400,
  INVALID_USCC: 400,
  // 401/403: who you are and what you may do
  UNAUTHENTICATED: 401,
  TOKEN_IN_QUERY: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_REVOKED: 401,
  FORBIDDEN: 403,
  // 404/409: the resource
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  NOT_APPROVABLE: 409,
  PLAN_EXPIRED: 409,
  PLAN_NOT_FLYABLE: 409,
  ALREADY_ACKNOWLEDGED: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  SIMULATION_OFF: 409,
  COMPANY_LIMIT_REACHED: 409,
  // 413/414/415/431: the envelope
  BODY_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  HEADERS_TOO_LARGE: 431,
  // 408/429/503: too much, too slow
  REQUEST_TIMEOUT: 408,
  RATE_LIMITED: 429,
  QUOTA_EXCEEDED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(ERROR_CODES, code);

/** The HTTP status of a code. */
export const statusOf = (code: ErrorCode): number => ERROR_CODES[code];
