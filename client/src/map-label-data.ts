/** What the map writes (pure, tested): zone names with their height band, aircraft, rivers. */
import type { LandingPoint } from '../../shared/schemas/landing-point.js';
import type { StreamTrack } from '../../shared/schemas/stream.js';
import type { Zone } from '../../shared/schemas/zone.js';
import type { Lang } from './i18n.js';
import type { MapLabel } from './map-labels.js';
import { ZONE_KIND_TEXT } from './value-text.js';
import { zoneName } from './zone-text.js';

/** A zone's label point: a circle's centre, or the middle of a polygon's outer ring's box. */
export function zoneLabelPoint(z: Pick<Zone, 'outline'>): [number, number] {
  const o = z.outline;
  if (o.type === 'Circle') return o.center;
  const ring = o.coordinates[0] ?? [];
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
}

/** "管制空域 0–3000 m" under the zone's name. */
export function zoneBandText(z: Pick<Zone, 'kind' | 'altitudeLowerM' | 'altitudeUpperM'>, lang: Lang): string {
  return `${ZONE_KIND_TEXT[z.kind]?.[lang] ?? z.kind} ${Math.round(z.altitudeLowerM)}–${Math.round(z.altitudeUpperM)} m`;
}

/** Labels of the zones that apply (ids in `active`), temporary and prohibited first. */
export function zoneLabels(zones: Zone[], active: ReadonlySet<string>, lang: Lang): MapLabel[] {
  const order: Record<string, number> = { temporary: 0, prohibited: 1, restricted: 2, controlled: 3 };
  return zones
    .filter((z) => active.has(z.id))
    .sort((a, b) => (order[a.kind] ?? 9) - (order[b.kind] ?? 9))
    .map((z) => ({ key: z.id, at: zoneLabelPoint(z), text: `${zoneName(z, lang)}\n${zoneBandText(z, lang)}` }));
}

/** An aircraft's label when zoomed in: its id (the registration for cooperative aircraft) and height. */
export function aircraftLabels(tracks: Iterable<StreamTrack>): MapLabel[] {
  const out: MapLabel[] = [];
  for (const t of tracks) out.push({ key: t.id, at: [t.lng, t.lat], text: `${t.id} · ${Math.round(t.altitudeM)} m` });
  return out;
}

/** Landing points' names when zoomed in. */
export function landingPointLabels(lps: LandingPoint[]): MapLabel[] {
  return lps.map((p) => ({ key: p.id, at: p.location, text: p.name }));
}
