/**
 * Candidate sites for new landing points: township seats, district centres, existing points,
 * a user's own list, and (to go beyond one point per township) the centres of H3 cells covering
 * each district. Candidates inside prohibited or airport protection areas are set aside with
 * the reason, never placed.
 */
import { cellToLatLng, polygonToCells } from 'h3-js';
import { PointIndex } from '../airspace/point-index.js';
import { inPolygons, round6 } from '../geo/point-inside.js';
import type { LngLat } from '../geo/types.js';
import { districtOf, excludedBy, type PlannerGeography } from './geography.js';

export const CANDIDATE_SOURCES = ['townships', 'centres', 'existing', 'grid', 'user'] as const;
export type CandidateSource = (typeof CANDIDATE_SOURCES)[number];

export interface Candidate {
  id: string;
  name: string;
  location: LngLat;
  adcode: string;
  source: CandidateSource;
  /** the township whose seat this is */
  townshipCode?: string;
}
export interface RejectedCandidate {
  id: string;
  name: string;
  location: LngLat;
  why: string;
}

export interface UserSite {
  id: string;
  name: string;
  location: LngLat;
}

export interface CandidateOptions {
  sources: CandidateSource[];
  /** H3 resolution of the grid candidates (6: cells of about 36 km²) */
  gridResolution: number;
  userSites?: UserSite[];
}
export const DEFAULT_CANDIDATE_OPTIONS: CandidateOptions = { sources: ['townships', 'centres', 'existing', 'grid', 'user'], gridResolution: 6 };

/** The H3 cells whose centres lie inside a district, with those centres, sorted by cell id. */
export function districtCells(geo: PlannerGeography, resolution: number): { cell: string; adcode: string; location: LngLat }[] {
  const out: { cell: string; adcode: string; location: LngLat }[] = [];
  for (const d of geo.districts) {
    const polys = d.outline.type === 'Polygon' ? [d.outline.coordinates] : d.outline.coordinates;
    const cells = new Set<string>();
    for (const p of polys) for (const c of polygonToCells(p as number[][][], resolution, true)) cells.add(c);
    for (const cell of [...cells].sort()) {
      const [lat, lng] = cellToLatLng(cell);
      const location = round6([lng, lat]);
      if (inPolygons(d.shape, location)) out.push({ cell, adcode: d.adcode, location });
    }
  }
  return out;
}

/**
 * Every candidate once (points within 1 m of an earlier one are the same site; earlier sources
 * win in the order townships, centres, existing, user, grid), sorted by id within each source.
 */
export function buildCandidates(geo: PlannerGeography, opts: Partial<CandidateOptions> = {}): { candidates: Candidate[]; rejected: RejectedCandidate[] } {
  const o = { ...DEFAULT_CANDIDATE_OPTIONS, ...opts };
  const raw: Candidate[] = [];
  const rejected: RejectedCandidate[] = [];
  const want = (s: CandidateSource) => o.sources.includes(s);
  if (want('townships')) {
    for (const t of geo.townships) raw.push({ id: `T-${t.code}`, name: t.name, location: t.location, adcode: t.adcode, source: 'townships', townshipCode: t.code });
  }
  if (want('centres')) {
    for (const d of geo.districts)
      if (d.center && inPolygons(d.shape, d.center)) raw.push({ id: `C-${d.adcode}`, name: `${d.name}中心`, location: round6(d.center), adcode: d.adcode, source: 'centres' });
  }
  const locate = (id: string, name: string, location: LngLat, source: CandidateSource, adcode?: string) => {
    const a = adcode ?? districtOf(geo, location)?.adcode;
    if (!a) {
      rejected.push({ id, name, location, why: 'outside every district' });
      return;
    }
    raw.push({ id, name, location, adcode: a, source });
  };
  if (want('existing')) for (const e of geo.existing) locate(`E-${e.id}`, e.name, e.location, 'existing', e.adcode);
  if (want('user')) for (const u of o.userSites ?? []) locate(`U-${u.id}`, u.name, u.location, 'user');
  if (want('grid')) for (const c of districtCells(geo, o.gridResolution)) raw.push({ id: `G-${c.cell}`, name: `网格 ${c.cell}`, location: c.location, adcode: c.adcode, source: 'grid' });

  const candidates: Candidate[] = [];
  const kept = new PointIndex<Candidate>();
  for (const c of raw) {
    const ex = excludedBy(geo.exclusions, c.location);
    if (ex) {
      rejected.push({ id: c.id, name: c.name, location: c.location, why: `inside ${ex.why} ${ex.id}` });
      continue;
    }
    if (kept.within(c.location, 1).some((x) => x.distanceM < 1)) continue;
    kept.insert(c);
    candidates.push(c);
  }
  return { candidates, rejected };
}
