/** A landing point after a patch: the fields it names change, `openingHours: null` opens it all day; its version goes up by one. */
import type { LandingPoint, LandingPointPatch } from '../schemas/landing-point.js';

export function patchLandingPoint(before: LandingPoint, patch: LandingPointPatch): LandingPoint {
  const { openingHours, category, ...rest } = patch;
  const after: LandingPoint = { ...before, ...rest, ...(category ? { kind: category } : {}), version: (before.version ?? 1) + 1 };
  if (openingHours === null) delete after.openingHours;
  else if (openingHours) after.openingHours = openingHours;
  return after;
}
