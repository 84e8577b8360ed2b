/** District names and centres from the bundled district boundaries, fetched once; an empty list when they cannot be had. */
import districtsUrl from '../../seeds/chongqing/districts.geojson?url';
import type { LngLat } from '../../shared/geo/types.js';

export interface DistrictCentre {
  adcode: string;
  name: string;
  centre: LngLat;
}

let once: Promise<DistrictCentre[]> | null = null;

export function districtCentres(): Promise<DistrictCentre[]> {
  once ??= fetch(districtsUrl)
    .then(async (r) => {
      if (!r.ok) return [];
      const fc = (await r.json()) as { features?: { properties?: { adcode?: string; name?: string; center?: LngLat } }[] };
      return (fc.features ?? []).flatMap((f) => {
        const p = f.properties;
        return p?.adcode && p.name && p.center ? [{ adcode: p.adcode, name: p.name, centre: p.center }] : [];
      });
    })
    .catch(() => [] as DistrictCentre[])
    .then((list) => {
      if (!list.length) once = null; // asked again next time
      return list;
    });
  return once;
}
