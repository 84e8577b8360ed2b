/** What the map shows for a clicked point: its BeiDou grid codes and cell (computed in the browser). */
import { decode2D, encode2D } from '../../shared/grid/beidou-code.js';
import { encode3D } from '../../shared/grid/beidou-height.js';

export interface GridReadout {
  lng: number;
  lat: number;
  level: number;
  code: string;
  code3d: string;
  cell: { west: number; south: number; east: number; north: number };
  /** cell size in metres at this latitude (east-west × north-south) */
  sizeM: [number, number];
}

const M_PER_DEG = 111_195.08;

export function gridReadout(lng: number, lat: number, level: number, heightM: number): GridReadout | { error: string } {
  try {
    const code = encode2D(lng, lat, level);
    const cell = decode2D(code).cell;
    const sizeM: [number, number] = [Math.round((cell.east - cell.west) * M_PER_DEG * Math.cos((lat * Math.PI) / 180) * 100) / 100, Math.round((cell.north - cell.south) * M_PER_DEG * 100) / 100];
    return { lng, lat, level, code, code3d: encode3D(lng, lat, heightM, level), cell, sizeM };
  } catch (e) {
    return { error: (e as Error).message };
  }
}
