/**
 * The conformance monitor as the worker thread runs it: batches of packed updates with their
 * operations (plans, zones, drops, main-thread events) in order, and at each tick every event
 * since the last one, then separation and lost links. The same events, in the same order, as the
 * in-thread path of LiveTraffic.
 */
import { preparedVolumes } from '../../shared/airspace/prepared-cache.js';
import { VolumeIndex } from '../../shared/airspace/volume-index.js';
import { ConformanceMonitor, type AlertEvent, type MonitorConfig, type MonitoredPlan } from '../../shared/monitor/conformance-monitor.js';
import { zoneVolume } from '../../shared/rules/airspace-state.js';
import type { Zone } from '../../shared/schemas/zone.js';
import type { MonitorOp, TickReply } from './monitor-messages.js';
import { type PackedTracks, TrackUnpacker } from './track-pack.js';

export class MonitorSession {
  private readonly zones = new VolumeIndex<Zone>();
  private readonly monitor: ConformanceMonitor;
  private readonly plans = new Map<string, MonitoredPlan>();
  private events: AlertEvent[] = [];
  private readonly unpacker = new TrackUnpacker();

  constructor(config: MonitorConfig) {
    this.monitor = new ConformanceMonitor(this.zones, config);
  }

  private apply(op: MonitorOp): void {
    if (op.op === 'plan') {
      const p = op.plan;
      this.plans.set(p.id, { id: p.id, volumes: preparedVolumes(p.volumes), category: p.category, approvedZoneIds: new Set(p.approvedZoneIds) });
    } else if (op.op === 'zones') {
      for (const entries of [...this.zones.entries()]) if (entries[0]) this.zones.remove(entries[0].ownerId);
      for (const z of op.zones) this.zones.insert(z.id, [zoneVolume(z)], z);
    } else if (op.op === 'reset') {
      this.monitor.reset();
      this.events = [];
    } else if (op.op === 'drop') {
      for (const e of this.monitor.drop(op.id, op.tMs)) this.events.push(e);
      this.unpacker.forget(op.id);
    } else for (const e of op.events) this.events.push(e);
  }

  batch(tracks: PackedTracks, ops: MonitorOp[]): void {
    const count = this.unpacker.begin(tracks);
    let k = 0;
    for (let i = 0; i < count; i++) {
      while (k < ops.length && ops[k].at <= i) this.apply(ops[k++]);
      // each update is handled before the next is read (the track's object is reused)
      const u = this.unpacker.at(i);
      const plan = this.unpacker.planKnown(i) && u.planId ? this.plans.get(u.planId) : undefined;
      this.monitor.update(u, plan, this.events);
    }
    while (k < ops.length) this.apply(ops[k++]);
  }

  tick(seq: number, tMs: number): TickReply {
    const events = this.events;
    this.events = [];
    for (const e of this.monitor.separation(tMs)) events.push(e);
    for (const e of this.monitor.lostLinks(tMs)) events.push(e);
    const touched = new Set<string>();
    for (const e of events) if (e.planId && e.kind.startsWith('off-plan')) touched.add(e.planId);
    const open = touched.size ? this.monitor.offPlanIds() : null;
    const offPlan = open ? [...touched].filter((id) => open.has(id)) : [];
    return { seq, events, offPlan, openAlerts: this.monitor.openAlertCount, tracks: this.monitor.trackCount };
  }
}
