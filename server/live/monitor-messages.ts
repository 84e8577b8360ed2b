/** What the main thread and the conformance monitor's worker thread say to each other. */
import type { VolumeLike } from '../../shared/airspace/prepared-volume.js';
import type { AlertEvent, MonitorConfig } from '../../shared/monitor/conformance-monitor.js';
import type { Zone } from '../../shared/schemas/zone.js';
import type { PackedTracks } from './track-pack.js';

/** A plan as the monitor needs it; the worker prepares its volumes itself. */
export interface PlanDef {
  id: string;
  volumes: readonly VolumeLike[];
  category: string;
  approvedZoneIds: string[];
}

/** An operation placed before update number `at` of its batch (after all of them when `at` = count). */
export type MonitorOp =
  | { at: number; op: 'plan'; plan: PlanDef }
  | { at: number; op: 'zones'; zones: Zone[] }
  | { at: number; op: 'drop'; id: string; tMs: number }
  /** the monitor forgets every track and open alert (a server that becomes the primary again starts it empty) */
  | { at: number; op: 'reset' }
  /** events decided on the main thread, kept in their place among the monitor's */
  | { at: number; op: 'echo'; events: AlertEvent[] };

/** An operation before it is placed in its batch. */
export type MonitorOpBody = MonitorOp extends infer T ? (T extends MonitorOp ? Omit<T, 'at'> : never) : never;

export type MonitorRequest =
  | { kind: 'batch'; tracks: PackedTracks; ops: MonitorOp[] }
  | { kind: 'tick'; seq: number; tMs: number }
  /** keeps the worker busy for `ms`, as a hung worker would be (tests) */
  | { kind: 'stall'; ms: number };

export interface TickReply {
  seq: number;
  /** every event since the last tick, in order, then separation and lost links at tMs */
  events: AlertEvent[];
  /** of the plans with an off-plan event in this tick, those with an off-plan alert still open */
  offPlan: string[];
  openAlerts: number;
  tracks: number;
  error?: string;
}

export interface MonitorWorkerData {
  config: MonitorConfig;
  port: import('node:worker_threads').MessagePort;
  flag: SharedArrayBuffer;
}
