/**
 * What one tick sends to each client of the stream, with the tick's shared pieces: the tracks by
 * cell, written to JSON once when a box first reaches them; one encoded message per distinct box;
 * each alert's text once, sent to those who may see it. A slow client gets only the latest
 * position per aircraft, coalesced, once its queue drains.
 */
import type { WebSocket } from 'ws';
import type { TrackUpdate } from '../../shared/monitor/conformance-monitor.js';
import type { ServerMessage, StreamChannel } from '../../shared/schemas/stream.js';
import { canSeeAlert } from '../policy/access-policy.js';
import type { Principal } from '../policy/actor.js';
import type { ServiceContext } from '../services/context.js';
import type { TickBatch } from './live-traffic.js';
import type { StreamClientQueue } from './stream-client-queue.js';
import type { InboundRateLimit } from './stream-rate-limit.js';
import { type BoxSelection, type Bbox, TickTracks } from './tick-tracks.js';

/** what a coalesced position costs the server while held (a map entry; the update itself is shared) */
const DIRTY_ENTRY_BYTES = 48;

/** A connected client of the stream. */
export interface StreamClient {
  ws: WebSocket;
  principal: Principal;
  bbox: Bbox | null;
  channels: Set<StreamChannel>;
  /** latest positions not yet sent while the client was slow */
  dirty: Map<string, TrackUpdate> | null;
  out: StreamClientQueue;
  limit: InboundRateLimit;
}

/** The text of a TracksMessage, assembled from each track's JSON (serialised once per tick): before the tracks, and after. */
const tracksHead = (t: string) => `{"v":1,"type":"tracks","t":"${t}","tracks":[`;
const TRACKS_TAIL = ']}';
const tracksText = (t: string, trackJson: string[], coalesced: boolean) => `${tracksHead(t)}${trackJson.join(',')}]${coalesced ? ',"coalesced":true' : ''}}`;

/** A message of the stream as sent. */
export const messageText = (m: ServerMessage): string => JSON.stringify(m);

/** What one tick sends to one client (called once per client, in turn). */
export function tickSender(batch: TickBatch, ctx: ServiceContext): (c: StreamClient) => void {
  const t = new Date(batch.tMs).toISOString();
  // the tracks by cell, each cell written to JSON once when a box first reaches it (with the JSON
  // written while the monitor computed, for the first tracks); nothing is built without clients
  let tracks: TickTracks | null = null;
  const tickTracks = () => (tracks ??= new TickTracks(batch.tracks, batch.trackJson ?? []));
  // clients with the same box in a tick share one message, encoded once
  const byBox = new Map<string, { sel: BoxSelection; tracks: TrackUpdate[] | null; data: Buffer | null }>();
  let alertTexts: string[] | null = null;
  // the company of an alert's plan matters only to some (pilots see their company's alerts): looked up when it could, once per tick
  const owners = new Map<number, string | undefined>();
  const maySee = (p: Principal, i: number) => {
    const a = batch.alerts[i];
    if (canSeeAlert(p, a, undefined, ctx.jurisdiction)) return true;
    if (!a.planId) return false;
    if (!owners.has(i)) owners.set(i, ctx.plans.get(a.planId)?.operatorId);
    const owner = owners.get(i);
    return owner !== undefined && canSeeAlert(p, a, owner, ctx.jurisdiction);
  };
  return (c) => {
    if (!c.out.check()) return; // over budget or stuck: dropped
    if (!c.bbox) return;
    if (c.channels.has('alerts') && batch.alerts.length) {
      alertTexts ??= batch.alerts.map(({ action, ...alert }) => messageText({ v: 1, type: 'alert', action, alert }));
      for (let i = 0; i < batch.alerts.length; i++) if (maySee(c.principal, i)) c.out.push(alertTexts[i]);
      if (c.out.dropped) return;
    }
    if (!c.channels.has('tracks')) return;
    const boxKey = c.bbox.join(',');
    let shared = byBox.get(boxKey);
    const tt = tickTracks();
    if (!shared) {
      shared = { sel: tt.select(c.bbox), tracks: null, data: null };
      byBox.set(boxKey, shared);
    }
    if (c.out.backedUp || c.dirty) {
      // slow: keep only the latest position per aircraft until it drains, then send them at once
      shared.tracks ??= tt.tracksOf(shared.sel);
      c.dirty ??= new Map();
      const dirty = c.dirty;
      for (const u of shared.tracks) dirty.set(u.id, u);
      if (c.out.backedUp) {
        c.out.ownerHeldBytes = dirty.size * DIRTY_ENTRY_BYTES;
        return;
      }
      c.dirty = null;
      c.out.ownerHeldBytes = 0;
      c.out.push(
        tracksText(
          t,
          [...dirty.values()].map((u) => tt.jsonOf(u)),
          true,
        ),
      );
      return;
    }
    if (!shared.sel.count) return;
    shared.data ??= tt.message(shared.sel, tracksHead(t), TRACKS_TAIL);
    c.out.push(shared.data);
  };
}
