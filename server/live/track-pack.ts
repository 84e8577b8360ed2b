/**
 * Track updates packed for a worker thread: the numbers in one transferable Float64Array and the
 * strings (id, plan id, sources) in one joined string, instead of one cloned object per update.
 */
import type { TrackUpdate } from '../../shared/monitor/conformance-monitor.js';

/** lng, lat, altitudeM, speedMps, headingDeg, tMs, plan known (1) or not (0) */
export const PACK_FIELDS = 7;
const FIELD_SEP = '\u0001';
const SOURCE_SEP = '\u0002';
const UPDATE_SEP = '\u0000';

export interface PackedTracks {
  count: number;
  nums: Float64Array;
  text: string;
}

/** Builds a packed batch update by update. */
export class TrackPacker {
  private nums = new Float64Array(PACK_FIELDS * 256);
  private readonly parts: string[] = [];
  count = 0;

  add(u: TrackUpdate, planKnown: boolean): void {
    const need = (this.count + 1) * PACK_FIELDS;
    if (need > this.nums.length) {
      const grown = new Float64Array(this.nums.length * 2);
      grown.set(this.nums);
      this.nums = grown;
    }
    const o = this.count * PACK_FIELDS;
    const n = this.nums;
    n[o] = u.lng;
    n[o + 1] = u.lat;
    n[o + 2] = u.altitudeM;
    n[o + 3] = u.speedMps;
    n[o + 4] = u.headingDeg;
    n[o + 5] = u.tMs;
    n[o + 6] = planKnown ? 1 : 0;
    this.parts.push(u.id + FIELD_SEP + (u.planId ?? '') + FIELD_SEP + u.source.join(SOURCE_SEP));
    this.count++;
  }

  /** The batch so far (its buffer is meant to be transferred); the packer starts empty again. */
  take(): PackedTracks {
    const out = { count: this.count, nums: this.nums.slice(0, this.count * PACK_FIELDS), text: this.parts.join(UPDATE_SEP) };
    this.parts.length = 0;
    this.count = 0;
    return out;
  }
}

/**
 * The same updates, read one at a time into the object of the track's previous update (one per
 * track) with one source array per distinct list of sources: a receiver that handles each update
 * before reading the next and keeps only each track's latest allocates almost nothing that outlives
 * the batch.
 */
export class TrackUnpacker {
  private readonly tracks = new Map<string, TrackUpdate>();
  private readonly sources = new Map<string, string[]>();
  private rows: string[] = [];
  private nums: Float64Array = new Float64Array(0);

  /** Starts reading a batch; returns how many updates it holds. */
  begin(p: PackedTracks): number {
    this.rows = p.count ? p.text.split(UPDATE_SEP) : [];
    this.nums = p.nums;
    return p.count;
  }

  /** Update number i of the batch (valid until the next call). */
  at(i: number): TrackUpdate {
    const o = i * PACK_FIELDS;
    const row = this.rows[i];
    const a = row.indexOf(FIELD_SEP);
    const b = row.indexOf(FIELD_SEP, a + 1);
    const id = row.slice(0, a);
    const sourceText = row.slice(b + 1);
    let source = this.sources.get(sourceText);
    if (!source) {
      source = sourceText ? sourceText.split(SOURCE_SEP) : [];
      if (this.sources.size > 10_000) this.sources.clear();
      this.sources.set(sourceText, source);
    }
    let u = this.tracks.get(id);
    if (!u) {
      u = { id, planId: undefined, lng: 0, lat: 0, altitudeM: 0, speedMps: 0, headingDeg: 0, tMs: 0, source };
      this.tracks.set(id, u);
    }
    const n = this.nums;
    u.planId = b > a + 1 ? row.slice(a + 1, b) : undefined;
    u.lng = n[o];
    u.lat = n[o + 1];
    u.altitudeM = n[o + 2];
    u.speedMps = n[o + 3];
    u.headingDeg = n[o + 4];
    u.tMs = n[o + 5];
    u.source = source;
    return u;
  }

  /** Whether the sender knew update i's plan. */
  planKnown(i: number): boolean {
    return this.nums[i * PACK_FIELDS + 6] === 1;
  }

  /** Forgets a track that is gone. */
  forget(id: string): void {
    this.tracks.delete(id);
  }
}
