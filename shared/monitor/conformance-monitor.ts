/**
 * Conformance monitoring on every track update: off the plan's volumes (lateral, vertical, time),
 * entering a prohibited or unapproved zone, loss of separation, unidentified aircraft, lost link.
 * Each condition is an episode: one alert when it starts, one clear when it ends. Pure: the
 * caller passes time in and persists what comes out.
 */
import { activeIntervals } from '../airspace/applicability.js';
import type { PreparedVolume } from '../airspace/prepared-volume.js';
import type { VolumeIndex } from '../airspace/volume-index.js';
import { pointInShape } from '../geo/point-in-shape.js';
import { closePairs } from './close-pairs.js';
import type { Zone } from '../schemas/zone.js';

export type AlertKind = 'off-plan-lateral' | 'off-plan-vertical' | 'off-plan-time' | 'zone-incursion' | 'loss-of-separation' | 'unidentified-aircraft' | 'lost-link' | 'yield';

export interface MonitorConfig {
  /** lateral and vertical tolerance before a track counts as off its volumes */
  lateralToleranceM: number;
  verticalToleranceM: number;
  separationHorizontalM: number;
  separationVerticalM: number;
  lostLinkS: number;
}
export const DEFAULT_MONITOR_CONFIG: MonitorConfig = { lateralToleranceM: 0, verticalToleranceM: 0, separationHorizontalM: 50, separationVerticalM: 15, lostLinkS: 10 };

export interface TrackUpdate {
  id: string;
  planId?: string;
  lng: number;
  lat: number;
  altitudeM: number;
  speedMps: number;
  headingDeg: number;
  tMs: number;
  /** 'network' and/or the X stations that saw it */
  source: string[];
}

export interface MonitoredPlan {
  id: string;
  volumes: PreparedVolume[];
  category: string;
  /** zones the plan's approval covered (no incursion alert for them) */
  approvedZoneIds: ReadonlySet<string>;
}

export interface AlertEvent {
  action: 'raise' | 'clear';
  kind: AlertKind;
  key: string;
  trackId: string;
  planId?: string;
  otherTrackId?: string;
  zoneId?: string;
  lng: number;
  lat: number;
  altitudeM: number;
  tMs: number;
  message: string;
}

interface TrackState {
  last: TrackUpdate;
  lastNetworkMs: number;
  planId?: string;
  /** the plan volume it was last found conforming in (checked first: a flight stays in one for a while), and that plan's volumes */
  hint: PreparedVolume | null;
  hintOf: PreparedVolume[] | null;
  /** its episode keys, built once per track (hot path) */
  keys: { lostLink: string; lateral: string; vertical: string; time: string; unidentified: string };
}
type OffPlanKind = 'off-plan-lateral' | 'off-plan-vertical' | 'off-plan-time';
const OFF_PLAN = ['off-plan-lateral', 'off-plan-vertical', 'off-plan-time'] as const;
const keysOf = (id: string): TrackState['keys'] => ({
  lostLink: `lost-link:${id}`,
  lateral: `off-plan-lateral:${id}`,
  vertical: `off-plan-vertical:${id}`,
  time: `off-plan-time:${id}`,
  unidentified: `unidentified:${id}`,
});
const offPlanMessage = (kind: OffPlanKind, trackId: string, planId: string) =>
  kind === 'off-plan-time' ? `${trackId} is flying outside the time window of plan ${planId}` : `${trackId} left the ${kind === 'off-plan-lateral' ? 'footprint' : 'altitude band'} of plan ${planId}`;
export class ConformanceMonitor {
  private readonly open = new Map<string, AlertEvent>();
  /** open zone-incursion keys by track, so an update never scans every open alert */
  private readonly zoneKeys = new Map<string, Set<string>>();
  private readonly tracks = new Map<string, TrackState>();

  constructor(
    private readonly zones: VolumeIndex<Zone>,
    private readonly config: MonitorConfig = DEFAULT_MONITOR_CONFIG,
  ) {}

  get openAlerts(): AlertEvent[] {
    return [...this.open.values()];
  }
  track(id: string): TrackUpdate | undefined {
    return this.tracks.get(id)?.last;
  }
  get trackCount(): number {
    return this.tracks.size;
  }
  get openAlertCount(): number {
    return this.open.size;
  }
  /** the plans with an off-plan alert open */
  offPlanIds(): Set<string> {
    const ids = new Set<string>();
    for (const a of this.open.values()) if (a.planId && a.kind.startsWith('off-plan')) ids.add(a.planId);
    return ids;
  }

  private event(u: TrackUpdate, kind: AlertKind, key: string, message: string): Omit<AlertEvent, 'action'> {
    return { trackId: u.id, planId: u.planId, lng: u.lng, lat: u.lat, altitudeM: u.altitudeM, tMs: u.tMs, kind, key, message };
  }

  private episode(active: boolean, e: Omit<AlertEvent, 'action'>, out: AlertEvent[]): void {
    const was = this.open.get(e.key);
    if (active && !was) {
      const r = { ...e, action: 'raise' as const };
      this.open.set(e.key, r);
      if (e.kind === 'zone-incursion') (this.zoneKeys.get(e.trackId) ?? (this.zoneKeys.set(e.trackId, new Set()).get(e.trackId) as Set<string>)).add(e.key);
      out.push(r);
    } else if (!active && was) {
      this.open.delete(e.key);
      if (e.kind === 'zone-incursion') this.zoneKeys.get(e.trackId)?.delete(e.key);
      out.push({ ...e, action: 'clear', message: `cleared: ${was.message}` });
    }
  }

  /** Checks one track update against its plan and the zones; its events are appended to `out` (returned). */
  update(u: TrackUpdate, plan?: MonitoredPlan, out: AlertEvent[] = []): AlertEvent[] {
    let st = this.tracks.get(u.id);
    const network = u.source.includes('network');
    if (st) {
      st.last = u;
      st.planId = u.planId;
      if (network) st.lastNetworkMs = u.tMs;
    } else {
      st = { last: u, lastNetworkMs: network ? u.tMs : -Infinity, planId: u.planId, hint: null, hintOf: null, keys: keysOf(u.id) };
      this.tracks.set(u.id, st);
    }
    const keys = st.keys;
    // an episode's event is built only when it starts or ends (hot path)
    if (network && this.open.has(keys.lostLink)) this.episode(false, this.event(u, 'lost-link', keys.lostLink, ''), out);
    const airborne = u.altitudeM > 0.5 || u.speedMps > 0.5;

    if (plan) {
      const c = this.conformance(u, plan, st);
      for (const kind of OFF_PLAN) {
        const key = kind === 'off-plan-lateral' ? keys.lateral : kind === 'off-plan-vertical' ? keys.vertical : keys.time;
        const active = airborne && c === kind;
        if (active !== this.open.has(key)) this.episode(active, this.event(u, kind, key, offPlanMessage(kind, u.id, plan.id)), out);
      }
    } else {
      const key = keys.unidentified;
      let seen = false;
      for (const x of u.source) if (x !== 'network') seen = true;
      const active = seen && airborne;
      if (active !== this.open.has(key))
        this.episode(active, this.event(u, 'unidentified-aircraft', key, `unidentified aircraft ${u.id} seen by ${u.source.filter((x) => x !== 'network').join(', ')}`), out);
    }

    // zones the track is inside now (a set only when there is one)
    let inside: Set<string> | null = null;
    if (airborne) {
      for (const e of this.zones.search([u.lng, u.lat, u.lng, u.lat], u.tMs, u.tMs, u.altitudeM, u.altitudeM)) {
        const z = e.meta;
        const prohibited = z.kind === 'prohibited' || (z.kind === 'temporary' && (z.restriction ?? 'prohibited') === 'prohibited');
        const needsApproval = z.kind === 'controlled' || z.kind === 'restricted' || z.kind === 'temporary';
        // suitable airspace and corridors are never an incursion: no geometry for them
        if (!prohibited && !needsApproval) continue;
        if (!activeIntervals(z.applicability, u.tMs, u.tMs).length || !pointInShape(e.volume.shape, u.lng, u.lat)) continue;
        const exempt = plan ? (z.allowedCategories?.includes(plan.category as never) ?? false) : false;
        if ((prohibited && !exempt) || (needsApproval && !prohibited && !plan?.approvedZoneIds.has(z.id))) {
          inside ??= new Set<string>();
          inside.add(z.id);
        }
      }
    }
    const zk = this.zoneKeys.get(u.id);
    if (zk?.size) {
      const base = { trackId: u.id, planId: u.planId, lng: u.lng, lat: u.lat, altitudeM: u.altitudeM, tMs: u.tMs };
      for (const key of [...zk]) {
        const a = this.open.get(key) as AlertEvent;
        if (!inside?.has(a.zoneId as string)) this.episode(false, { ...a, ...base }, out);
      }
    }
    if (!inside) return out;
    // in zone id order, whatever the index's history (the worker thread's index is built anew)
    for (const zid of inside.size > 1 ? [...inside].sort() : inside) {
      const key = `zone:${u.id}:${zid}`;
      if (this.open.has(key)) continue;
      this.episode(true, { ...this.event(u, 'zone-incursion', key, `${u.id} entered zone ${zid} without approval`), zoneId: zid }, out);
    }
    return out;
  }

  /** Off-plan classification: null when inside some volume at this time. */
  private conformance(u: TrackUpdate, plan: MonitoredPlan, st: TrackState): 'off-plan-lateral' | 'off-plan-vertical' | 'off-plan-time' | null {
    const tol = this.config.lateralToleranceM + 0.01;
    const vt = this.config.verticalToleranceM;
    // inside the volume it was in last time: conforming, whatever the others say
    const h = st.hintOf === plan.volumes ? st.hint : null;
    if (h && u.tMs >= h.startMs && u.tMs <= h.endMs && u.altitudeM >= h.altLowerM - vt && u.altitudeM <= h.altUpperM + vt && pointInShape(h.shape, u.lng, u.lat, tol)) return null;
    const now = plan.volumes.filter((v) => u.tMs >= v.startMs && u.tMs <= v.endMs);
    if (!now.length) return 'off-plan-time';
    const lateral = now.filter((v) => pointInShape(v.shape, u.lng, u.lat, tol));
    if (lateral.length) {
      const inside = lateral.find((v) => u.altitudeM >= v.altLowerM - vt && u.altitudeM <= v.altUpperM + vt);
      if (!inside) return 'off-plan-vertical';
      st.hint = inside;
      st.hintOf = plan.volumes;
      return null;
    }
    // on the planned path but not at the planned minutes (a leg's segments are held only while flown): early or late
    const onPath = plan.volumes.some((v) => pointInShape(v.shape, u.lng, u.lat, tol) && u.altitudeM >= v.altLowerM - vt && u.altitudeM <= v.altUpperM + vt);
    return onPath ? 'off-plan-time' : 'off-plan-lateral';
  }

  /** Loss of separation among the current airborne tracks (grid-hashed pairs). */
  separation(tMs: number): AlertEvent[] {
    const out: AlertEvent[] = [];
    const h = this.config.separationHorizontalM,
      v = this.config.separationVerticalM;
    const airborne: TrackUpdate[] = [];
    for (const s of this.tracks.values()) if (s.last.altitudeM > 0.5 || s.last.speedMps > 0.5) airborne.push(s.last);
    const close = closePairs(airborne, h, v);
    for (const [key, a] of this.open) if (a.kind === 'loss-of-separation' && !close.has(key.slice(4))) this.episode(false, { ...a, tMs }, out);
    // (a pair already open stays as it is)
    for (const pair of close) {
      const [a, b] = pair.split('|');
      const ua = this.tracks.get(a)?.last as TrackUpdate;
      this.episode(
        true,
        {
          kind: 'loss-of-separation',
          key: `los:${pair}`,
          trackId: a,
          otherTrackId: b,
          planId: ua.planId,
          lng: ua.lng,
          lat: ua.lat,
          altitudeM: ua.altitudeM,
          tMs,
          message: `loss of separation between ${a} and ${b} (< ${h} m, < ${v} m)`,
        },
        out,
      );
    }
    return out;
  }

  /** Tracks of plans that stopped reporting over the network for longer than lostLinkS. */
  lostLinks(tMs: number): AlertEvent[] {
    const out: AlertEvent[] = [];
    for (const [id, s] of this.tracks) {
      if (!s.planId || !Number.isFinite(s.lastNetworkMs)) continue;
      const lost = tMs - s.lastNetworkMs > this.config.lostLinkS * 1000;
      if (lost)
        this.episode(
          true,
          {
            kind: 'lost-link',
            key: `lost-link:${id}`,
            trackId: id,
            planId: s.planId,
            lng: s.last.lng,
            lat: s.last.lat,
            altitudeM: s.last.altitudeM,
            tMs,
            message: `no report from ${id} (plan ${s.planId}) for over ${this.config.lostLinkS} s`,
          },
          out,
        );
    }
    return out;
  }

  /** Forgets every track and every open alert, without events: the monitor is as new (its zones stay). */
  reset(): void {
    this.open.clear();
    this.zoneKeys.clear();
    this.tracks.clear();
  }

  /** Forget a track (landed and completed): its open alerts are cleared. */
  drop(id: string, tMs: number): AlertEvent[] {
    const out: AlertEvent[] = [];
    for (const [, a] of this.open) if (a.trackId === id || a.otherTrackId === id) this.episode(false, { ...a, tMs }, out);
    this.tracks.delete(id);
    return out;
  }
}
