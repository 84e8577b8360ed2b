/** Geometry types. Coordinates are always [lng, lat] in WGS84 degrees. */
export type LngLat = [number, number];
/** [west, south, east, north] in degrees. */
export type BBox = [number, number, number, number];

export interface GeoPolygon {
  type: 'Polygon';
  coordinates: LngLat[][];
}
export interface GeoMultiPolygon {
  type: 'MultiPolygon';
  coordinates: LngLat[][][];
}
/** A circle on the sphere: every point within `radiusM` great-circle metres of `center`. */
export interface GeoCircle {
  type: 'Circle';
  center: LngLat;
  radiusM: number;
}
/** A horizontal footprint as carried in messages. */
export type Outline = GeoPolygon | GeoCircle;
export type AnyOutline = Outline | GeoMultiPolygon;
