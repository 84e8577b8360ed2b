/**
 * One tick's tracks as the stream sends them. Tracks are bucketed in 0.25° cells; a cell's tracks
 * are written to JSON once, the first time a client's box reaches the cell, and joined into one
 * buffer. A client's message is then byte ranges copied into one buffer: a cell inside the box at
 * once, the tracks of the box's edge cells one run at a time. No per-client string is built, and
 * no track's JSON is encoded twice.
 */
import type { TrackUpdate } from '../../shared/monitor/conformance-monitor.js';
import { trackJson } from './track-json.js';

export type Bbox = [number, number, number, number];

const CELL = 0.25;
const cellKey = (i: number, j: number) => i * 100_000 + j;
const COMMA = 0x2c;

interface Cell {
  i: number;
  j: number;
  /** indices into the tick's tracks */
  members: number[];
  /** the members' JSON joined by commas, once a box has reached the cell */
  bytes: Buffer | null;
  /** where each member's JSON ends in `bytes` (it starts one byte after the previous end) */
  ends: Uint32Array | null;
}

/** Tracks of one cell, members [from, to), in a client's box. */
interface Run {
  cell: Cell;
  from: number;
  to: number;
}

/** The tracks inside one box, as runs of cells' members. */
export interface BoxSelection {
  count: number;
  runs: Run[];
}

export class TickTracks {
  private readonly cells = new Map<number, Cell>();
  /** each track's JSON once written, by its index in the tick */
  private readonly texts: (string | undefined)[];
  /** the tick's tracks' indices (for a coalesced message, made of updates of this tick and earlier ones) */
  private indices: Map<TrackUpdate, number> | null = null;
  /** updates of earlier ticks written for coalesced messages, once per tick */
  private readonly earlier = new Map<TrackUpdate, string>();

  /** `early`: the JSON of the first tracks, written before (the same text trackJson gives) */
  constructor(
    private readonly tracks: readonly TrackUpdate[],
    private readonly early: readonly string[] = [],
  ) {
    this.texts = new Array(tracks.length);
    for (let k = 0; k < tracks.length; k++) {
      const u = tracks[k];
      const i = Math.floor(u.lng / CELL);
      const j = Math.floor(u.lat / CELL);
      const key = cellKey(i, j);
      const cell = this.cells.get(key);
      if (cell) cell.members.push(k);
      else this.cells.set(key, { i, j, members: [k], bytes: null, ends: null });
    }
  }

  /** The tracks inside [west, south, east, north], bounds included, each once. */
  select([w, s, e, n]: Bbox): BoxSelection {
    const sel: BoxSelection = { count: 0, runs: [] };
    const i0 = Math.floor(w / CELL);
    const i1 = Math.floor(e / CELL);
    const j0 = Math.floor(s / CELL);
    const j1 = Math.floor(n / CELL);
    const visit = (cell: Cell) => {
      // the cell holds the points of [i, i + 1) × [j, j + 1) in quarter degrees (dividing by 0.25 is exact): inside the box whole, or tested one by one
      if (cell.i * CELL >= w && (cell.i + 1) * CELL <= e && cell.j * CELL >= s && (cell.j + 1) * CELL <= n) {
        sel.runs.push({ cell, from: 0, to: cell.members.length });
        sel.count += cell.members.length;
        return;
      }
      let run: Run | null = null;
      for (let m = 0; m < cell.members.length; m++) {
        const u = this.tracks[cell.members[m]];
        if (u.lng >= w && u.lng <= e && u.lat >= s && u.lat <= n) {
          if (run && run.to === m) run.to++;
          else {
            run = { cell, from: m, to: m + 1 };
            sel.runs.push(run);
          }
          sel.count++;
        }
      }
    };
    if ((i1 - i0 + 1) * (j1 - j0 + 1) > this.cells.size) {
      // a box wider than the occupied cells: every cell, tested
      for (const cell of this.cells.values()) if (cell.i >= i0 && cell.i <= i1 && cell.j >= j0 && cell.j <= j1) visit(cell);
    } else {
      for (let i = i0; i <= i1; i++)
        for (let j = j0; j <= j1; j++) {
          const cell = this.cells.get(cellKey(i, j));
          if (cell) visit(cell);
        }
    }
    return sel;
  }

  /** The selected tracks. */
  tracksOf(sel: BoxSelection): TrackUpdate[] {
    const out: TrackUpdate[] = [];
    for (const r of sel.runs) for (let m = r.from; m < r.to; m++) out.push(this.tracks[r.cell.members[m]]);
    return out;
  }

  /** `head`, the selected tracks' JSON separated by commas, then `tail`: one buffer. */
  message(sel: BoxSelection, head: string, tail: string): Buffer {
    let length = Buffer.byteLength(head) + Buffer.byteLength(tail) + Math.max(0, sel.runs.length - 1);
    for (const r of sel.runs) {
      const ends = this.written(r.cell);
      length += ends[r.to - 1] - (r.from ? ends[r.from - 1] + 1 : 0);
    }
    const out = Buffer.allocUnsafe(length);
    let p = out.write(head, 0);
    for (let k = 0; k < sel.runs.length; k++) {
      const r = sel.runs[k];
      if (k) out[p++] = COMMA;
      const ends = r.cell.ends as Uint32Array;
      p += (r.cell.bytes as Buffer).copy(out, p, r.from ? ends[r.from - 1] + 1 : 0, ends[r.to - 1]);
    }
    // a length reckoned wrong would send what the buffer held before: never
    if (p + out.write(tail, p) !== length) throw new Error('a tracks message was not the length reckoned');
    return out;
  }

  /** A track's JSON, written once per tick (an update of an earlier tick too, for coalesced messages). */
  jsonOf(u: TrackUpdate): string {
    this.indices ??= new Map(this.tracks.map((t, k) => [t, k]));
    const k = this.indices.get(u);
    if (k !== undefined) return this.textOf(k);
    let text = this.earlier.get(u);
    if (text === undefined) {
      text = trackJson(u);
      this.earlier.set(u, text);
    }
    return text;
  }

  private textOf(k: number): string {
    let text = this.texts[k];
    if (text === undefined) {
      text = k < this.early.length ? this.early[k] : trackJson(this.tracks[k]);
      this.texts[k] = text;
    }
    return text;
  }

  /** Writes a cell's tracks once: their JSON joined by commas, and where each ends. */
  private written(cell: Cell): Uint32Array {
    if (cell.ends) return cell.ends;
    const texts = cell.members.map((k) => this.textOf(k));
    const joined = texts.join(',');
    const ends = new Uint32Array(texts.length);
    // JSON of ASCII only (the usual case): characters are bytes
    const ascii = Buffer.byteLength(joined) === joined.length;
    let p = 0;
    for (let m = 0; m < texts.length; m++) {
      p += ascii ? texts[m].length : Buffer.byteLength(texts[m]);
      ends[m] = p;
      p += 1;
    }
    cell.bytes = Buffer.from(joined, ascii ? 'latin1' : 'utf8');
    cell.ends = ends;
    return ends;
  }
}
