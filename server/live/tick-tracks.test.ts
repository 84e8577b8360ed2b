import { describe, expect, it } from 'vitest';
import { createPrng } from '../../shared/util/prng.js';
import type { TrackUpdate } from '../../shared/monitor/conformance-monitor.js';
import { type Bbox, TickTracks } from './tick-tracks.js';
import { toStreamTrack, trackJson } from './track-json.js';

const track = (id: string, lng: number, lat: number, planId?: string): TrackUpdate => ({
  id,
  ...(planId ? { planId } : {}),
  lng,
  lat,
  altitudeM: 100.04,
  speedMps: 10.26,
  headingDeg: 271.4,
  tMs: 0,
  source: ['network', 'X-500101'],
});

const inside = (u: TrackUpdate, b: Bbox) => u.lng >= b[0] && u.lng <= b[2] && u.lat >= b[1] && u.lat <= b[3];

function seededTracks(seed: number): TrackUpdate[] {
  const rng = createPrng(seed);
  const tracks = Array.from({ length: 3000 }, (_, i) => track(`T${i}`, rng.range(105.2, 110.2), rng.range(28.1, 32.2), i % 3 ? `FP-${i}` : undefined));
  // some on cell edges and on the boxes' bounds
  for (let k = 0; k < 50; k++) tracks.push(track(`E${k}`, 106 + 0.25 * rng.int(0, 8), 29 + 0.25 * rng.int(0, 8)));
  // ids whose JSON is not ASCII, among the others (bytes are not characters there)
  for (let k = 0; k < 40; k++) tracks.push(track(`无人机-${k}`, rng.range(106, 107), rng.range(29, 30), `计划-${k}`));
  return tracks;
}

function randomBox(rng: ReturnType<typeof createPrng>, k: number): Bbox {
  // boxes wider than the occupied cells (a scan of the cells), their edges inside the data
  if (k % 4 === 3) {
    const w = rng.range(102, 104);
    const s = rng.range(27, 28.5);
    return [w, s, w + rng.range(7, 9), s + rng.range(3, 4)];
  }
  const w = k % 10 === 0 ? 106 + 0.25 * rng.int(0, 4) : rng.range(104, 110.5);
  const s = k % 10 === 0 ? 29 + 0.25 * rng.int(0, 4) : rng.range(27.5, 32.5);
  // small boxes (a few cells), boxes with whole cells inside, and large ones
  const size = k % 3 === 0 ? rng.range(2, 8) : k % 3 === 1 ? rng.range(0.01, 0.6) : 0.25 * rng.int(1, 6);
  return [w, s, w + size, s + size];
}

describe('TickTracks', () => {
  it('selects exactly the tracks inside a box, bounds included, each once (against a scan)', () => {
    const rng = createPrng(8);
    const tracks = seededTracks(8);
    const tick = new TickTracks(tracks);
    for (let k = 0; k < 300; k++) {
      const box = randomBox(rng, k);
      const sel = tick.select(box);
      const got = tick.tracksOf(sel).map((u) => u.id);
      const want = tracks.filter((u) => inside(u, box)).map((u) => u.id);
      expect(sel.count).toBe(want.length);
      expect(got.sort()).toEqual(want.sort());
    }
    expect(tick.select([0, 0, 1, 1]).count).toBe(0);
  });

  it("writes a box's message byte for byte as the tracks' JSON joined, whatever the head and tail", () => {
    const rng = createPrng(10);
    const tracks = seededTracks(10);
    const tick = new TickTracks(tracks);
    for (let k = 0; k < 80; k++) {
      const box = k === 0 ? ([106, 29, 107, 30] as Bbox) : randomBox(rng, k);
      const [head, tail] = k % 2 ? ['{"tracks":[', ']}'] : ['{"站":"渝","tracks":[', '],"注":"完"}'];
      const sel = tick.select(box);
      const want = Buffer.from(head + tick.tracksOf(sel).map(trackJson).join(',') + tail);
      expect(tick.message(sel, head, tail).equals(want)).toBe(true);
    }
  });

  it("writes a box's message as the tracks' stream JSON, in one buffer, ASCII or not", () => {
    const rng = createPrng(9);
    const tracks = seededTracks(9);
    const tick = new TickTracks(tracks);
    const head = '{"v":1,"type":"tracks","t":"2026-12-01T00:00:00.000Z","tracks":[';
    for (let k = 0; k < 120; k++) {
      const box = k === 0 ? ([106, 29, 107, 30] as Bbox) : randomBox(rng, k);
      const sel = tick.select(box);
      const message = JSON.parse(tick.message(sel, head, ']}').toString('utf8')) as { t: string; tracks: ReturnType<typeof toStreamTrack>[] };
      expect(message.t).toBe('2026-12-01T00:00:00.000Z');
      const want = tracks.filter((u) => inside(u, box)).map(toStreamTrack);
      const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      expect(message.tracks.sort(byId)).toEqual(want.sort(byId));
      if (k === 0) expect(message.tracks.some((t) => t.id.startsWith('无人机'))).toBe(true);
    }
  });

  it('sends the JSON written earlier for the first tracks, and writes the others', () => {
    const tracks = [track('A', 106.1, 29.1), track('B', 106.11, 29.11), track('C', 106.12, 29.12)];
    // a text that differs from what trackJson writes shows which one was sent
    const brought = [trackJson(tracks[0]).replace('"A"', '"A-brought"')];
    const tick = new TickTracks(tracks, brought);
    // asked before its cell is written: the text brought
    expect(tick.jsonOf(tracks[0])).toBe(brought[0]);
    const sel = tick.select([106, 29, 107, 30]);
    const ids = (JSON.parse(tick.message(sel, '{"tracks":[', ']}').toString()) as { tracks: { id: string }[] }).tracks.map((t) => t.id);
    expect(ids.sort()).toEqual(['A-brought', 'B', 'C']);
    // the texts written are those a coalesced message takes; an update of another tick is written anew
    expect(tick.jsonOf(tracks[0])).toBe(brought[0]);
    expect(tick.jsonOf(tracks[2])).toBe(trackJson(tracks[2]));
    const other = track('D', 106.1, 29.1);
    expect(tick.jsonOf(other)).toBe(trackJson(other));
  });
});
