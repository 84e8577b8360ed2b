/**
 * Airspace utilisation on an H3 grid by clock hour: which flights reserve each cell (from their
 * 4D volumes) and how many aircraft-seconds were seen there (from tracks). A cell-hour's
 * utilisation is its distinct flights against a planning capacity per cell and hour.
 */
import { cellToBoundary, cellToLatLng, latLngToCell, polygonToCells } from 'h3-js';
import { destination, haversineM } from '../geo/earth.js';
import type { LngLat, Outline } from '../geo/types.js';

export const HOUR_MS = 3_600_000;

export interface CellHour {
  cell: string;
  hourStartMs: number;
  flights: number;
  aircraftSeconds: number;
  utilisationPct: number;
}
export interface CellTotal {
  cell: string;
  center: LngLat;
  flights: number;
  peakHourFlights: number;
  peakUtilisationPct: number;
  aircraftHours: number;
}
export interface UtilisationSummary {
  resolution: number;
  capacityPerCellHour: number;
  cellHours: number;
  cells: number;
  peak: CellHour | null;
  topCellHours: CellHour[];
  topCells: CellTotal[];
  /** per clock hour: flights in the air space (distinct), busiest cell's flights */
  byHour: { hourStartMs: number; flights: number; busiestCellFlights: number }[];
}

/** Points along an outline's boundary (every ≤ stepM) plus its vertices, and the circle's centre. */
function outlineSamples(o: Outline, stepM: number): LngLat[] {
  if (o.type === 'Circle') return [o.center, ...Array.from({ length: 12 }, (_, i) => destination(o.center, o.radiusM, i * 30))];
  const out: LngLat[] = [];
  for (const ring of o.coordinates) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [a, b] = [ring[i], ring[i + 1]];
      const n = Math.max(1, Math.ceil(haversineM(a[0], a[1], b[0], b[1]) / stepM));
      for (let k = 0; k < n; k++) out.push([a[0] + ((b[0] - a[0]) * k) / n, a[1] + ((b[1] - a[1]) * k) / n]);
    }
  }
  return out;
}

export function cellsOfOutline(o: Outline, resolution: number, stepM = 300): string[] {
  const cells = new Set<string>();
  for (const [lng, lat] of outlineSamples(o, stepM)) cells.add(latLngToCell(lat, lng, resolution));
  let polys: LngLat[][][];
  if (o.type === 'Circle') {
    const ring = Array.from({ length: 24 }, (_, i) => destination(o.center, o.radiusM, i * 15));
    polys = [[[...ring, ring[0]]]];
  } else polys = [o.coordinates];
  for (const p of polys) for (const c of polygonToCells(p as number[][][], resolution, true)) cells.add(c);
  return [...cells].sort();
}

/** The cell's outline as a closed GeoJSON ring of [lng, lat]. */
export function cellBoundary(cell: string): LngLat[] {
  const b = cellToBoundary(cell, true) as LngLat[];
  const [first, last] = [b[0], b[b.length - 1]];
  return first[0] === last[0] && first[1] === last[1] ? b : [...b, first];
}

export class UtilisationGrid {
  private readonly slots = new Map<string, { flights: Set<string>; seconds: number }>();
  constructor(
    readonly resolution = 7,
    readonly capacityPerCellHour = 30,
  ) {}

  private slot(cell: string, hour: number) {
    const k = `${cell}|${hour}`;
    let s = this.slots.get(k);
    if (!s) {
      s = { flights: new Set(), seconds: 0 };
      this.slots.set(k, s);
    }
    return s;
  }

  /** A reserved volume: the flight counts in every cell it touches for every hour it spans. */
  addVolume(flightId: string, outline: Outline, startMs: number, endMs: number): void {
    const cells = cellsOfOutline(outline, this.resolution);
    for (let h = Math.floor(startMs / HOUR_MS); h * HOUR_MS < endMs; h++) for (const c of cells) this.slot(c, h).flights.add(flightId);
  }

  /** A track position held for `seconds`. */
  addTrack(flightId: string, lng: number, lat: number, tMs: number, seconds: number): void {
    const s = this.slot(latLngToCell(lat, lng, this.resolution), Math.floor(tMs / HOUR_MS));
    s.flights.add(flightId);
    s.seconds += seconds;
  }

  /** Forget the hours that started before `ms`. */
  pruneBefore(ms: number): void {
    const h0 = Math.floor(ms / HOUR_MS);
    for (const k of this.slots.keys()) if (Number(k.slice(k.indexOf('|') + 1)) < h0) this.slots.delete(k);
  }

  /** A copy holding only the hours overlapping [fromMs, toMs). */
  window(fromMs: number, toMs: number, capacityPerCellHour = this.capacityPerCellHour): UtilisationGrid {
    const g = new UtilisationGrid(this.resolution, capacityPerCellHour);
    for (const [k, s] of this.slots) {
      const h = Number(k.slice(k.indexOf('|') + 1));
      if ((h + 1) * HOUR_MS > fromMs && h * HOUR_MS < toMs) g.slots.set(k, { flights: new Set(s.flights), seconds: s.seconds });
    }
    return g;
  }

  private pct(flights: number) {
    return Math.round((1000 * flights) / this.capacityPerCellHour) / 10;
  }

  cellHours(): CellHour[] {
    return [...this.slots.entries()]
      .map(([k, s]) => {
        const [cell, h] = k.split('|');
        return { cell, hourStartMs: Number(h) * HOUR_MS, flights: s.flights.size, aircraftSeconds: Math.round(s.seconds), utilisationPct: this.pct(s.flights.size) };
      })
      .sort((a, b) => b.flights - a.flights || b.aircraftSeconds - a.aircraftSeconds || (a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : a.hourStartMs - b.hourStartMs));
  }

  cellTotals(): CellTotal[] {
    const by = new Map<string, { flights: Set<string>; peak: number; seconds: number }>();
    for (const [k, s] of this.slots) {
      const cell = k.slice(0, k.indexOf('|'));
      let t = by.get(cell);
      if (!t) {
        t = { flights: new Set(), peak: 0, seconds: 0 };
        by.set(cell, t);
      }
      s.flights.forEach((f) => {
        t.flights.add(f);
      });
      t.peak = Math.max(t.peak, s.flights.size);
      t.seconds += s.seconds;
    }
    return [...by.entries()]
      .map(([cell, t]) => {
        const [lat, lng] = cellToLatLng(cell);
        return {
          cell,
          center: [Math.round(lng * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6] as LngLat,
          flights: t.flights.size,
          peakHourFlights: t.peak,
          peakUtilisationPct: this.pct(t.peak),
          aircraftHours: Math.round(t.seconds / 36) / 100,
        };
      })
      .sort((a, b) => b.peakHourFlights - a.peakHourFlights || b.flights - a.flights || (a.cell < b.cell ? -1 : 1));
  }

  summary(top = 20): UtilisationSummary {
    const ch = this.cellHours();
    const hours = new Map<number, { flights: Set<string>; busiest: number }>();
    for (const [k, s] of this.slots) {
      const h = Number(k.slice(k.indexOf('|') + 1)) * HOUR_MS;
      let e = hours.get(h);
      if (!e) {
        e = { flights: new Set(), busiest: 0 };
        hours.set(h, e);
      }
      s.flights.forEach((f) => {
        e.flights.add(f);
      });
      e.busiest = Math.max(e.busiest, s.flights.size);
    }
    const totals = this.cellTotals();
    return {
      resolution: this.resolution,
      capacityPerCellHour: this.capacityPerCellHour,
      cellHours: ch.length,
      cells: totals.length,
      peak: ch[0] ?? null,
      topCellHours: ch.slice(0, top),
      topCells: totals.slice(0, top),
      byHour: [...hours.entries()].sort((a, b) => a[0] - b[0]).map(([h, e]) => ({ hourStartMs: h, flights: e.flights.size, busiestCellFlights: e.busiest })),
    };
  }
}
