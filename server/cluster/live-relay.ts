/**
 * Live traffic across servers: telemetry ingested by a server that is not the primary goes to the
 * primary (NOTIFY yk_tracks), which monitors it with everything else (alerts are raised once);
 * the primary's ticks go to every other server's stream (NOTIFY yk_tick). Payloads are split to
 * fit PostgreSQL's notification limit.
 */
import type { LiveTraffic, TickBatch } from '../live/live-traffic.js';
import type { Cluster } from './cluster.js';

const MAX_PAYLOAD = 7_800;

/** Splits items into JSON arrays of at most MAX_PAYLOAD bytes each (an item alone is never split). */
export function chunked<T>(items: readonly T[], wrap: (part: T[]) => unknown = (p) => p): string[] {
  const out: string[] = [];
  let part: T[] = [];
  let size = 64;
  for (const item of items) {
    const n = Buffer.byteLength(JSON.stringify(item)) + 1;
    if (part.length && size + n > MAX_PAYLOAD) {
      out.push(JSON.stringify(wrap(part)));
      part = [];
      size = 64;
    }
    part.push(item);
    size += n;
  }
  if (part.length) out.push(JSON.stringify(wrap(part)));
  return out;
}

export function relayLive(cluster: Cluster, live: LiveTraffic, onError: (e: unknown) => void): void {
  live.forward = (updates) => cluster.broadcast('yk_tracks', chunked(updates));
  cluster.channels.set('yk_tracks', (payload) => {
    if (live.role !== 'primary') return;
    try {
      live.ingest(JSON.parse(payload));
    } catch (e) {
      onError(e);
    }
  });
  cluster.channels.set('yk_tick', (payload) => {
    if (live.role === 'mirror') live.mirror(JSON.parse(payload) as TickBatch);
  });
  live.listeners.add((batch) => {
    if (live.role !== 'primary' || (!batch.tracks.length && !batch.alerts.length)) return;
    try {
      const items = [...batch.alerts.map((a) => ({ a })), ...batch.tracks.map((t) => ({ t }))];
      cluster.broadcast(
        'yk_tick',
        chunked(items, (part) => ({
          tMs: batch.tMs,
          alerts: part.flatMap((x) => ('a' in x ? [x.a] : [])),
          tracks: part.flatMap((x) => ('t' in x ? [x.t] : [])),
        })),
      );
    } catch (e) {
      onError(e);
    }
  });
}
