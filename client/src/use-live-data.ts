/** Signed-in data: what the principal may see, the live aircraft from the stream, and counters. */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { LandingPoint } from '../../shared/schemas/landing-point.js';
import type { Station } from '../../shared/schemas/station.js';
import type { StreamTrack } from '../../shared/schemas/stream.js';
import type { Alert } from '../../shared/schemas/track.js';
import type { ZoneListItem } from '../../shared/schemas/responses.js';
import { ApiFailure, createApi, type Api } from './api.js';
import { coalesce } from './coalesce.js';
import { LiveStream, type StreamStatus } from './live-stream.js';
import { extendTrail } from './map-data.js';
import { syncServerClock } from './server-clock.js';

export interface Me {
  id: string;
  role: string;
  name: string;
  operatorId?: string;
  /** company admins: their company */
  companyId?: string;
  station?: { id: string; kind: string; name: string; districts: string[] | 'all' };
}

/** The whole municipality: the stream always covers it, so counters are city-wide whatever the view. */
export const CITY_BBOX: [number, number, number, number] = [105.2, 28.1, 110.2, 32.3];
/** An aircraft not reported for this long (real time) is drawn as silent; after SILENT_DROP_MS it leaves the map. */
export const SILENT_MS = 5_000;
const SILENT_DROP_MS = 60_000;

/** The view's box joined with the city's. */
export function streamBox(view: [number, number, number, number]): [number, number, number, number] {
  return [Math.min(view[0], CITY_BBOX[0]), Math.min(view[1], CITY_BBOX[1]), Math.max(view[2], CITY_BBOX[2]), Math.max(view[3], CITY_BBOX[3])];
}

export type LinkState = 'connected' | 'reconnecting' | 'lost' | 'unauthorized' | 'idle';

export function useLiveData(token: string | null) {
  const api: Api | null = useMemo(() => (token ? createApi(token) : null), [token]);
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const [zones, setZones] = useState<ZoneListItem[]>([]);
  const [stations, setStations] = useState<Station[]>([]);
  const [landingPoints, setLandingPoints] = useState<LandingPoint[]>([]);
  const [tracks, setTracks] = useState<Map<string, StreamTrack>>(new Map());
  const [silent, setSilent] = useState<Set<string>>(new Set());
  /** when each aircraft was last heard (performance.now(), real time) */
  const heardAt = useRef<Map<string, number>>(new Map());
  const [trails, setTrails] = useState<Map<string, [number, number][]>>(new Map());
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [pending, setPending] = useState(0);
  const [revision, setRevision] = useState(0);
  const [link, setLink] = useState<LinkState>('idle');
  const stream = useRef<LiveStream | null>(null);
  const reloadZones = () =>
    api?.get<{ zones: ZoneListItem[] }>('/zones').then(
      (r) => setZones(r.zones),
      () => undefined,
    );
  const reloadLandingPoints = () =>
    api?.get<{ landingPoints: LandingPoint[] }>('/landing-points').then(
      (r) => setLandingPoints(r.landingPoints),
      () => undefined,
    );
  // biome-ignore lint/correctness/useExhaustiveDependencies: the reloads read the same api this effect follows
  useEffect(() => {
    // a new token is someone else: nothing of the previous principal is shown meanwhile
    setMe(null);
    setError(null);
    setTracks(new Map());
    setAlerts([]);
    setLink('idle');
    if (!api) return;
    let gone = false;
    api.get<Me>('/me').then(
      (m) => !gone && setMe(m),
      (e: Error) => !gone && setError({ code: e instanceof ApiFailure ? e.code : 'NETWORK', message: e.message }),
    );
    const quiet = <T>(p: Promise<T>, f: (x: T) => void) =>
      p.then(
        (x) => !gone && f(x),
        () => undefined,
      );
    quiet(api.get<{ zones: ZoneListItem[] }>('/zones'), (r) => setZones(r.zones));
    quiet(api.get<{ stations: Station[] }>('/stations'), (r) => setStations(r.stations));
    quiet(api.get<{ landingPoints: LandingPoint[] }>('/landing-points'), (r) => setLandingPoints(r.landingPoints));
    const refreshPending = () => quiet(api.get<{ plans: unknown[] }>('/flight-plans?state=pending'), (r) => setPending(r.plans.length));
    // the same list the console shows: open alerts the principal may see
    const refreshAlerts = () => quiet(api.get<{ alerts: Alert[] }>('/alerts?open=true'), (r) => setAlerts(r.alerts));
    refreshPending();
    refreshAlerts();
    // plan events come in bursts: the queue count and the lists that follow `revision` reload at most once a second
    const onPlansChanged = coalesce(() => {
      void refreshPending();
      setRevision((r) => r + 1);
    }, 1000);
    const onAlertsChanged = coalesce(() => void refreshAlerts(), 1000);
    // the published airspace changed (a restriction, an edition, a landing point): read again, at most once a second
    const airspaceChanged = new Set<string>();
    const onAirspaceChanged = coalesce(() => {
      if (airspaceChanged.has('zones')) void reloadZones();
      if (airspaceChanged.has('landing-points')) void reloadLandingPoints();
      airspaceChanged.clear();
    }, 1000);
    const latest = new Map<string, StreamTrack>();
    const trailMap = new Map<string, [number, number][]>();
    const seenAt = new Map<string, number>();
    heardAt.current = seenAt;
    let frame = 0;
    let lostTimer: ReturnType<typeof setTimeout> | null = null;
    const s = new LiveStream(api, {
      onHello: (h) => syncServerClock(h.now),
      onStatus: (st: StreamStatus) => {
        // the stream of a session that has ended (signed out, another token) says nothing more: its close would start the lost timer
        if (gone) return;
        if (st === 'open') {
          if (lostTimer) clearTimeout(lostTimer);
          lostTimer = null;
          setLink('connected');
        } else if (st === 'unauthorized') setLink('unauthorized');
        else {
          setLink((l) => (l === 'lost' ? 'lost' : 'reconnecting'));
          // reconnecting for more than 15 s: the picture is lost
          if (!lostTimer) lostTimer = setTimeout(() => setLink('lost'), 15_000);
        }
      },
      onTracks: (ts) => {
        // ageing is in real seconds since the report arrived, whatever the simulation's speed
        const now = performance.now();
        for (const x of ts) {
          latest.set(x.id, x);
          seenAt.set(x.id, now);
          trailMap.set(x.id, extendTrail(trailMap.get(x.id), [x.lng, x.lat]));
        }
        const quietIds = new Set<string>();
        for (const [id, at] of seenAt) {
          if (now - at > SILENT_DROP_MS) {
            // landed, or gone silent for a minute: off the map
            seenAt.delete(id);
            latest.delete(id);
            trailMap.delete(id);
          } else if (now - at > SILENT_MS) quietIds.add(id);
        }
        // one render per animation frame, however many messages arrive
        if (!frame)
          frame = requestAnimationFrame(() => {
            frame = 0;
            setTracks(new Map(latest));
            setSilent(quietIds);
            setTrails(new Map(trailMap));
          });
      },
      onAlert: onAlertsChanged,
      onPlan: onPlansChanged,
      onAirspace: (changed) => {
        for (const p of changed) airspaceChanged.add(p);
        onAirspaceChanged();
      },
    });
    stream.current = s;
    return () => {
      gone = true;
      s.close();
      onPlansChanged.cancel();
      onAlertsChanged.cancel();
      onAirspaceChanged.cancel();
      stream.current = null;
      if (frame) cancelAnimationFrame(frame);
      if (lostTimer) clearTimeout(lostTimer);
    };
  }, [api]);
  const alerting = useMemo(() => new Set(alerts.flatMap((a) => (a.trackId ? [a.trackId] : []))), [alerts]);
  const airborne = useMemo(() => [...tracks.values()].filter((x) => x.altitudeM > 0.5).length, [tracks]);
  return {
    api,
    me,
    error,
    zones,
    stations,
    landingPoints,
    tracks,
    silent,
    /** real seconds since an aircraft was last reported */
    silentFor: (id: string) => {
      const at = heardAt.current.get(id);
      return at === undefined ? 0 : (performance.now() - at) / 1000;
    },
    trails,
    alerts,
    alerting,
    airborne,
    pending,
    revision,
    link,
    reloadZones,
    /** zones and landing points again (an airspace edition took effect) */
    reloadAirspace: () => {
      void reloadZones();
      void reloadLandingPoints();
    },
    reloadAlerts: () =>
      api?.get<{ alerts: Alert[] }>('/alerts?open=true').then(
        (r) => setAlerts(r.alerts),
        () => undefined,
      ),
    subscribe: (b: [number, number, number, number]) => stream.current?.subscribe(streamBox(b)),
  };
}
export type LiveData = ReturnType<typeof useLiveData>;
