/**
 * Builds the Chongqing scenario (stations, landing points, zones, districts) from the reference
 * data in seeds/data/chongqing and seeds/config/chongqing.json. Deterministic: the same inputs
 * always give byte-identical output. See seeds/README.md for the choices and their reasons.
 */
import { deriveCorridors, deriveSuitableAirspace } from '../shared/airspace/derive-airspace.js';
import { destination, haversineM } from '../shared/geo/earth.js';
import { pointInRings } from '../shared/geo/planar.js';
import { inPolygons, pointInside as samplePointInside, round6 } from '../shared/geo/point-inside.js';
import { prepareOutline, type PolygonsShape } from '../shared/geo/shape.js';
import type { GeoMultiPolygon, LngLat } from '../shared/geo/types.js';
import type { District, ScenarioBundle } from '../shared/io/scenario-features.js';
import type { LandingPoint } from '../shared/schemas/landing-point.js';
import type { Station } from '../shared/schemas/station.js';
import type { Zone } from '../shared/schemas/zone.js';

export interface ChongqingConfig {
  aStation: { id: string; name: string; location: LngLat };
  bStationGroups: Record<string, string[]>;
  landingPoints: { total: number; hubCapacityPerHour: number; townshipCapacityPerHour: number };
  baseStations: { radiusM: number; altitudeLowerM: number; altitudeUpperM: number; sensors: string[] };
  airports: {
    ceilingM: number;
    runways: Record<string, { headingDeg: number; lengthM: number; lateralM: number; beyondEndM: number }>;
    civilCircleRadiusM: Record<string, number>;
    militaryProhibitedRadiusM: number;
  };
  /** illustrative suitable airspace and river corridors derived by rule (absent: none) */
  designatedAirspace?: {
    suitable: { marginM: number; minPartKm2: number; altitudeUpperM: number };
    corridors: { rivers: string[]; maxLengthM: number; maxPartners: number; halfWidthM: number };
  };
}

export interface RawChongqing {
  districts: { features: { properties: { adcode: string; name: string; center?: LngLat }; geometry: GeoMultiPolygon }[] };
  townships: Record<string, string>[];
  airports: Record<string, string>[];
  /** the basemap's rivers by name (Natural Earth), each a list of line strings */
  rivers?: Record<string, LngLat[][]>;
}

export function airportZones(airports: Record<string, string>[], cfg: ChongqingConfig['airports']): Zone[] {
  return airports.map((a): Zone => {
    const ref: LngLat = [Number(a.lng), Number(a.lat)];
    const base = {
      altitudeLowerM: 0,
      altitudeUpperM: cfg.ceilingM,
      altitudeReference: 'AGL' as const,
      applicability: { kind: 'permanent' as const },
      source: `OurAirports ${a.ident}${a.iata ? ` / ${a.iata}` : ''}`,
    };
    if (a.military === 'yes') {
      return {
        ...base,
        id: `ZONE-${a.ident}`,
        name: `${a.name} prohibited area`,
        kind: 'prohibited',
        special: 'military',
        outline: { type: 'Circle', center: round6(ref), radiusM: cfg.militaryProhibitedRadiusM },
        reason: `military air base: no unmanned flight within ${cfg.militaryProhibitedRadiusM / 1000} km`,
      };
    }
    const rw = cfg.runways[a.ident];
    if (rw) {
      const half = rw.lengthM / 2 + rw.beyondEndM;
      const ahead = destination(ref, half, rw.headingDeg);
      const behind = destination(ref, half, rw.headingDeg + 180);
      const ring = [
        destination(ahead, rw.lateralM, rw.headingDeg + 90),
        destination(ahead, rw.lateralM, rw.headingDeg - 90),
        destination(behind, rw.lateralM, rw.headingDeg - 90),
        destination(behind, rw.lateralM, rw.headingDeg + 90),
      ].map(round6);
      return {
        ...base,
        id: `ZONE-${a.ident}`,
        name: `${a.name} protection area`,
        kind: 'controlled',
        special: 'airport',
        outline: { type: 'Polygon', coordinates: [[...ring, ring[0]]] },
        reason: `civil airport protection area: runway centreline ±${rw.lateralM / 1000} km, ${rw.beyondEndM / 1000} km beyond the runway ends (CAAC 2017)`,
      };
    }
    const r = cfg.civilCircleRadiusM[a.type] ?? 10000;
    return {
      ...base,
      id: `ZONE-${a.ident}`,
      name: `${a.name} protection area`,
      kind: 'controlled',
      special: 'airport',
      outline: { type: 'Circle', center: round6(ref), radiusM: r },
      reason: `civil airport control zone, ${r / 1000} km radius (no runway data)`,
    };
  });
}

interface Site {
  id: string;
  name: string;
  location: LngLat;
  adcode: string;
  townshipCode?: string;
}

export function buildChongqing(raw: RawChongqing, cfg: ChongqingConfig): ScenarioBundle {
  const zones = airportZones(raw.airports, cfg.airports);
  const prohibited = zones.filter((z) => z.kind === 'prohibited').map((z) => prepareOutline(z.outline));
  const inProhibited = (p: LngLat) => prohibited.some((s) => (s.kind === 'circle' ? haversineM(s.lng, s.lat, p[0], p[1]) <= s.radiusM : s.polygons.some((q) => pointInRings(p[0], p[1], q.rings))));

  const districts: District[] = raw.districts.features
    .map((f) => ({ adcode: f.properties.adcode, name: f.properties.name, outline: f.geometry, ...(f.properties.center ? { center: f.properties.center } : {}) }))
    .sort((a, b) => a.adcode.localeCompare(b.adcode));
  const shapes = new Map(districts.map((d) => [d.adcode, prepareOutline(d.outline) as PolygonsShape]));
  const inDistrict = (p: LngLat, adcode: string) => inPolygons(shapes.get(adcode) as PolygonsShape, p);
  /** A deterministic point inside the district, outside prohibited zones, seeded by `key`. */
  const pointInside = (adcode: string, key: string): LngLat => samplePointInside(shapes.get(adcode) as PolygonsShape, key, inProhibited);

  // candidate sites: township seats (or a deterministic point inside the district when missing)
  const candidates = new Map<string, Site[]>(districts.map((d) => [d.adcode, []]));
  for (const t of [...raw.townships].sort((a, b) => a.code.localeCompare(b.code))) {
    const list = candidates.get(t.county_adcode);
    if (!list) continue;
    const loc: LngLat = t.lng && t.lat ? round6([Number(t.lng), Number(t.lat)]) : pointInside(t.county_adcode, t.code);
    if (inProhibited(loc)) continue;
    list.push({ id: `LP-${t.code}`, name: `${t.name}起降点`, location: loc, adcode: t.county_adcode, townshipCode: t.code });
  }

  // one hub per district at its seat (or the nearest usable candidate)
  const lpCfg = cfg.landingPoints;
  const selected = new Map<string, Site[]>();
  for (const d of districts) {
    const seat = d.center && inDistrict(d.center, d.adcode) && !inProhibited(d.center) ? round6(d.center) : null;
    const ref = d.center ?? pointInside(d.adcode, d.adcode);
    const nearest = [...(candidates.get(d.adcode) ?? [])].sort((a, b) => haversineM(ref[0], ref[1], a.location[0], a.location[1]) - haversineM(ref[0], ref[1], b.location[0], b.location[1]))[0];
    const loc = seat ?? nearest?.location ?? pointInside(d.adcode, d.adcode);
    selected.set(d.adcode, [{ id: `LP-${d.adcode}-HUB`, name: `${d.name}中心起降点`, location: loc, adcode: d.adcode }]);
  }

  // share the remaining points by township count (largest remainder), then spread them out
  const extra = Math.max(0, lpCfg.total - districts.length);
  const weights = districts.map((d) => candidates.get(d.adcode)?.length ?? 0);
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const quotas = weights.map((w) => (w * extra) / sum);
  const alloc = quotas.map(Math.floor);
  const order = quotas.map((q, i) => [q - Math.floor(q), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0, left = extra - alloc.reduce((a, b) => a + b, 0); left > 0; k++, left--) alloc[order[k % order.length][1]]++;
  districts.forEach((d, i) => {
    const chosen = selected.get(d.adcode) as Site[];
    const pool = [...(candidates.get(d.adcode) ?? [])];
    for (let n = 0; n < alloc[i] && pool.length; n++) {
      let best = 0,
        bestD = -1;
      pool.forEach((c, j) => {
        const dmin = Math.min(...chosen.map((s) => haversineM(s.location[0], s.location[1], c.location[0], c.location[1])));
        if (dmin > bestD) {
          bestD = dmin;
          best = j;
        }
      });
      chosen.push(pool.splice(best, 1)[0]);
    }
  });

  const bOf = (adcode: string) => Object.entries(cfg.bStationGroups).find(([, list]) => list.includes(adcode))?.[0] ?? `B-${adcode}`;
  const landingPoints: LandingPoint[] = districts.flatMap((d) =>
    (selected.get(d.adcode) as Site[]).map(
      (s): LandingPoint => ({
        id: s.id,
        name: s.name,
        location: s.location,
        districtAdcode: s.adcode,
        ...(s.townshipCode ? { townshipCode: s.townshipCode } : {}),
        kind: s.townshipCode ? 'township' : 'hub',
        capacityPerHour: s.townshipCode ? lpCfg.townshipCapacityPerHour : lpCfg.hubCapacityPerHour,
        phase: 2025,
      }),
    ),
  );

  // B stations: one per group (default: one per district), at the first district's hub
  const bStations = new Map<string, Station>();
  for (const d of districts) {
    const id = bOf(d.adcode);
    const s = bStations.get(id);
    if (s) {
      s.districts?.push(d.adcode);
      continue;
    }
    const hub = (selected.get(d.adcode) as Site[])[0];
    bStations.set(id, { id, kind: 'B', name: `${d.name}低空飞行服务站 (B)`, location: hub.location, districts: [d.adcode], coverageRadiusM: 0, altitudeLowerM: 0, altitudeUpperM: 0 });
  }

  // X base stations: greedy set cover of the landing points, candidate sites at the points
  const bs = cfg.baseStations;
  const uncovered = new Set(landingPoints.map((p) => p.id));
  const xStations: Station[] = [];
  const near = new Map(landingPoints.map((p) => [p.id, landingPoints.filter((q) => haversineM(p.location[0], p.location[1], q.location[0], q.location[1]) <= bs.radiusM).map((q) => q.id)]));
  while (uncovered.size) {
    let best = landingPoints[0],
      gain = -1;
    for (const p of landingPoints) {
      const g = (near.get(p.id) as string[]).filter((id) => uncovered.has(id)).length;
      if (g > gain) {
        gain = g;
        best = p;
      }
    }
    (near.get(best.id) as string[]).forEach((id) => {
      uncovered.delete(id);
    });
    xStations.push({
      id: `X-${String(xStations.length + 1).padStart(4, '0')}`,
      kind: 'X',
      name: `${best.name}通信监视基站`,
      location: best.location,
      parentId: bOf(best.districtAdcode),
      coverageRadiusM: bs.radiusM,
      altitudeLowerM: bs.altitudeLowerM,
      altitudeUpperM: bs.altitudeUpperM,
      sensors: bs.sensors,
    });
  }

  const a: Station = { id: cfg.aStation.id, kind: 'A', name: cfg.aStation.name, location: cfg.aStation.location, coverageRadiusM: 0, altitudeLowerM: 0, altitudeUpperM: 0 };
  return { stations: [a, ...bStations.values(), ...xStations], landingPoints, zones: [...zones, ...designatedAirspace(raw, cfg, districts, zones, landingPoints)], districts };
}

/** Suitable airspace per district and corridors across the rivers (seeds/README.md), after the airport zones. */
function designatedAirspace(raw: RawChongqing, cfg: ChongqingConfig, districts: District[], zones: Zone[], landingPoints: LandingPoint[]): Zone[] {
  const d = cfg.designatedAirspace;
  if (!d) return [];
  const suitable = deriveSuitableAirspace(districts, zones, d.suitable);
  const rivers = d.corridors.rivers.flatMap((name) => raw.rivers?.[name] ?? []);
  const names = Object.fromEntries(districts.map((x) => [x.adcode, x.name]));
  const { rivers: _names, ...corridorOpts } = d.corridors;
  return [...suitable, ...deriveCorridors(landingPoints, rivers, zones, { ...corridorOpts, names })];
}
