/** Matching a typed place name against landing points and districts (pure, tested): whole-name matches first, then by where the text occurs. */
import type { LngLat } from '../../shared/geo/types.js';

export interface Place {
  kind: 'landingPoint' | 'district';
  id: string;
  name: string;
  location: LngLat;
}

/** Places whose name (or id) contains every character group of the query, best first: districts before landing points, earlier matches first. */
export function matchPlaces(query: string, places: Place[], limit = 10): Place[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const parts = q.split(/\s+/);
  const scored: { p: Place; score: number }[] = [];
  for (const p of places) {
    const name = p.name.toLowerCase();
    const hay = `${name} ${p.id.toLowerCase()}`;
    if (!parts.every((x) => hay.includes(x))) continue;
    const at = name.indexOf(parts[0]);
    const exact = name === q || name.replace(/(区|县|起降点)$/, '') === q;
    scored.push({ p, score: (exact ? 0 : 1000) + (p.kind === 'district' ? 0 : 100) + (at < 0 ? 50 : at) + name.length / 100 });
  }
  return scored
    .sort((a, b) => a.score - b.score)
    .slice(0, limit)
    .map((s) => s.p);
}
