/** Which X base stations observe a position: inside the coverage radius and altitude band. */
import { PointIndex } from '../airspace/point-index.js';
import type { Station } from '../schemas/station.js';

export class Surveillance {
  private readonly index: PointIndex<Station>;
  private readonly maxRadiusM: number;
  constructor(stations: Station[]) {
    const xs = stations.filter((s) => s.kind === 'X' && s.coverageRadiusM > 0);
    this.index = new PointIndex(xs);
    this.maxRadiusM = Math.max(0, ...xs.map((s) => s.coverageRadiusM));
  }
  /** Ids of the stations that see a point at this height, sorted. */
  observers(lng: number, lat: number, altitudeM: number): string[] {
    if (this.maxRadiusM === 0) return [];
    return this.index
      .within([lng, lat], this.maxRadiusM)
      .filter(({ value: s, distanceM }) => distanceM <= s.coverageRadiusM && altitudeM >= s.altitudeLowerM && altitudeM <= s.altitudeUpperM)
      .map(({ value }) => value.id)
      .sort();
  }
}
