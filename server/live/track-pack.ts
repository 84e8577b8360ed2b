/**
 * Track updates packed for a worker thread: the numbers in one transferable Float64Array, each
 * track under a small slot number, and its strings (id, plan id, sources) in one joined string only
 * when the slot is new or they changed — a tick's 10,000 positions of known tracks cross as numbers
 * alone, and the receiver neither parses nor hashes an id to find its track.
 */
import type { TrackUpdate } from '../../shared/monitor/conformance-monitor.js';

/** lng, lat, altitudeM, speedMps, headingDeg, tMs, plan known (1) or not (0), slot, strings follow (1) or not (0) */
export const PACK_FIELDS = 9;
const FIELD_SEP = '\u0001';
const SOURCE_SEP = '\u0002';
const UPDATE_SEP = '\u0000';

export interface PackedTracks {
  count: number;
  nums: Float64Array;
  /** the strings of the updates that carry them, in order */
  text: string;
}

interface Slot {
  n: number;
  planId: string | undefined;
  source: readonly string[];
}

const sameList = (a: readonly string[], b: readonly string[]) => {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/** Builds a packed batch update by update; remembers each track's slot across batches. */
export class TrackPacker {
  private nums = new Float64Array(PACK_FIELDS * 256);
  private readonly parts: string[] = [];
  private readonly slots = new Map<string, Slot>();
  private readonly free: number[] = [];
  private nextSlot = 0;
  count = 0;

  add(u: TrackUpdate, planKnown: boolean): void {
    const need = (this.count + 1) * PACK_FIELDS;
    if (need > this.nums.length) {
      const grown = new Float64Array(this.nums.length * 2);
      grown.set(this.nums);
      this.nums = grown;
    }
    let s = this.slots.get(u.id);
    let described = false;
    if (!s) {
      s = { n: this.free.pop() ?? this.nextSlot++, planId: u.planId, source: u.source };
      this.slots.set(u.id, s);
      described = true;
    } else if (s.planId !== u.planId || !sameList(s.source, u.source)) {
      s.planId = u.planId;
      s.source = u.source;
      described = true;
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
    n[o + 7] = s.n;
    n[o + 8] = described ? 1 : 0;
    if (described) this.parts.push(u.id + FIELD_SEP + (u.planId ?? '') + FIELD_SEP + u.source.join(SOURCE_SEP));
    this.count++;
  }

  /**
   * A track that is gone: its slot is free for another track, which is described in full. Call it
   * where the receiver is told to forget the track, so both sides agree from there on.
   */
  forget(id: string): void {
    const s = this.slots.get(id);
    if (!s) return;
    this.slots.delete(id);
    this.free.push(s.n);
  }

  /** tracks with a slot */
  get tracked(): number {
    return this.slots.size;
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
 * The same updates, read one at a time, in order, into the object of the track's slot (one per
 * track) with one source array per distinct list of sources: a receiver that handles each update
 * before reading the next and keeps only each track's latest allocates almost nothing that outlives
 * the batch.
 */
export class TrackUnpacker {
  private readonly slots: (TrackUpdate | undefined)[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly sources = new Map<string, string[]>();
  private rows: string[] = [];
  private row = 0;
  private nums: Float64Array = new Float64Array(0);

  /** Starts reading a batch; returns how many updates it holds. */
  begin(p: PackedTracks): number {
    this.rows = p.text ? p.text.split(UPDATE_SEP) : [];
    this.row = 0;
    this.nums = p.nums;
    return p.count;
  }

  /** Update number i of the batch (read them in order; valid until the next call). */
  at(i: number): TrackUpdate {
    const o = i * PACK_FIELDS;
    const n = this.nums;
    const slot = n[o + 7];
    let u = this.slots[slot];
    if (n[o + 8] === 1) {
      const row = this.rows[this.row++];
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
      if (!u || u.id !== id) {
        if (u) this.slotOf.delete(u.id);
        u = { id, planId: undefined, lng: 0, lat: 0, altitudeM: 0, speedMps: 0, headingDeg: 0, tMs: 0, source };
        this.slots[slot] = u;
        this.slotOf.set(id, slot);
      }
      u.planId = b > a + 1 ? row.slice(a + 1, b) : undefined;
      u.source = source;
    }
    if (!u) throw new Error(`packed track updates out of step: slot ${slot} was never described`);
    u.lng = n[o];
    u.lat = n[o + 1];
    u.altitudeM = n[o + 2];
    u.speedMps = n[o + 3];
    u.headingDeg = n[o + 4];
    u.tMs = n[o + 5];
    return u;
  }

  /** Whether the sender knew update i's plan. */
  planKnown(i: number): boolean {
    return this.nums[i * PACK_FIELDS + 6] === 1;
  }

  /** tracks with a slot */
  get tracked(): number {
    return this.slotOf.size;
  }

  /** Forgets a track that is gone (the sender forgot it at the same point). */
  forget(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.slotOf.delete(id);
    this.slots[slot] = undefined;
  }
}
