/** Signed-in data: what the principal may see, the live aircraft from the stream, and counters. */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { LandingPoint } from '../../shared/schemas/landing-point.js';
import type { Station } from '../../shared/schemas/station.js';
import type { StreamTrack } from '../../shared/schemas/stream.js';
import type { Zone } from '../../shared/schemas/zone.js';
import { createApi, type Api } from './api.js';
import { coalesce } from './coalesce.js';
import { LiveStream } from './live-stream.js';
import { extendTrail } from './map-data.js';

export interface Me {
  id: string;
  role: string;
  name: string;
  operatorId?: string;
  /** company admins: their company */
  companyId?: string;
  station?: { id: string; kind: string; name: string; districts: string[] | 'all' };
}

export function useLiveData(token: string | null) {
  const api: Api | null = useMemo(() => (token ? createApi(token) : null), [token]);
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [zones, setZones] = useState<Zone[]>([]);
  const [stations, setStations] = useState<Station[]>([]);
  const [landingPoints, setLandingPoints] = useState<LandingPoint[]>([]);
  const [tracks, setTracks] = useState<Map<string, StreamTrack>>(new Map());
  const [trails, setTrails] = useState<Map<string, [number, number][]>>(new Map());
  const [alerting, setAlerting] = useState<Set<string>>(new Set());
  const [pending, setPending] = useState(0);
  const [revision, setRevision] = useState(0);
  const stream = useRef<LiveStream | null>(null);
  const reloadZones = () =>
    api?.get<{ zones: Zone[] }>('/zones').then(
      (r) => setZones(r.zones),
      () => undefined,
    );
  useEffect(() => {
    // a new token is someone else: nothing of the previous principal is shown meanwhile
    setMe(null);
    if (!api) return;
    setError(null);
    api.get<Me>('/me').then(setMe, (e: Error) => setError(e.message));
    api.get<{ zones: Zone[] }>('/zones').then(
      (r) => setZones(r.zones),
      () => undefined,
    );
    api.get<{ stations: Station[] }>('/stations').then(
      (r) => setStations(r.stations),
      () => undefined,
    );
    api.get<{ landingPoints: LandingPoint[] }>('/landing-points').then(
      (r) => setLandingPoints(r.landingPoints),
      () => undefined,
    );
    const refreshPending = () =>
      api.get<{ plans: unknown[] }>('/flight-plans?state=pending').then(
        (r) => setPending(r.plans.length),
        () => undefined,
      );
    refreshPending();
    // plan events come in bursts: the queue count and the lists that follow `revision` reload at most once a second
    const onPlansChanged = coalesce(() => {
      void refreshPending();
      setRevision((r) => r + 1);
    }, 1000);
    const latest = new Map<string, StreamTrack>();
    const trailMap = new Map<string, [number, number][]>();
    const seenAt = new Map<string, number>();
    let frame = 0;
    const s = new LiveStream(api, {
      onTracks: (ts, t) => {
        const now = Date.parse(t);
        for (const x of ts) {
          latest.set(x.id, x);
          seenAt.set(x.id, now);
          trailMap.set(x.id, extendTrail(trailMap.get(x.id), [x.lng, x.lat]));
        }
        // aircraft not reported for a minute (landed, or out of the box) leave the map
        for (const [id, at] of seenAt)
          if (now - at > 60_000) {
            seenAt.delete(id);
            latest.delete(id);
            trailMap.delete(id);
          }
        // one render per animation frame, however many messages arrive
        if (!frame)
          frame = requestAnimationFrame(() => {
            frame = 0;
            setTracks(new Map(latest));
            setTrails(new Map(trailMap));
          });
      },
      onAlert: (action, a) =>
        setAlerting((prev) => {
          const next = new Set(prev);
          const id = String(a.trackId ?? '');
          if (action === 'raise') next.add(id);
          else next.delete(id);
          return next;
        }),
      onPlan: onPlansChanged,
    });
    stream.current = s;
    return () => {
      s.close();
      onPlansChanged.cancel();
      stream.current = null;
      if (frame) cancelAnimationFrame(frame);
    };
  }, [api]);
  return { api, me, error, zones, stations, landingPoints, tracks, trails, alerting, pending, revision, reloadZones, subscribe: (b: [number, number, number, number]) => stream.current?.subscribe(b) };
}
