/**
 * One clock for the whole client: the server's. `GET /api/v1/health` answers `now` and the
 * simulation's speed, the stream's `hello` answers `now`; between two answers the clock advances
 * at the simulation's speed from the last one. Nothing in the client reads the computer's clock
 * for a time it shows or sends: it calls `serverNow()` (or the hook `useServerNow()`).
 */
import { useEffect, useState, useSyncExternalStore } from 'react';

export interface ClockSample {
  /** the server's time at the sample (ms since the epoch) */
  serverMs: number;
  /** the computer's monotonic time when it was taken (ms) */
  localMs: number;
  /** simulated seconds per real second (1 without a simulation) */
  speed: number;
  /** false while the simulation is paused: the server's clock stands still */
  running: boolean;
  /** whether the server runs a simulation at all */
  simulated: boolean;
}

/** The server's time at local time `localMs`, from the last sample (or the local clock before any). */
export function clockAt(sample: ClockSample | null, localMs: number, fallbackMs: number): number {
  if (!sample) return fallbackMs;
  if (!sample.running) return sample.serverMs;
  return sample.serverMs + (localMs - sample.localMs) * sample.speed;
}

/**
 * A new sample from a server answer. An answer that took `roundTripMs` is taken to describe the
 * middle of the exchange. `sim` missing (a stream `hello`) keeps the previous speed.
 */
export function nextSample(prev: ClockSample | null, nowIso: string, localMs: number, sim?: { enabled: boolean; speed: number; running: boolean }, roundTripMs = 0): ClockSample | null {
  const serverMs = Date.parse(nowIso);
  if (!Number.isFinite(serverMs)) return prev;
  const speed = sim ? (sim.enabled && Number.isFinite(sim.speed) && sim.speed > 0 ? sim.speed : 1) : (prev?.speed ?? 1);
  const running = sim ? !sim.enabled || sim.running : (prev?.running ?? true);
  const simulated = sim ? sim.enabled : (prev?.simulated ?? false);
  return { serverMs: serverMs + (running ? (roundTripMs / 2) * speed : 0), localMs, speed, running, simulated };
}

/** The badge beside the clock: "模拟时间 ×10" when simulated time runs faster than real time, "模拟时间 已暂停" when paused; null otherwise. */
export function simulationBadge(sample: ClockSample | null, lang: 'zh' | 'en' = 'zh'): string | null {
  if (!sample?.simulated) return null;
  if (!sample.running) return lang === 'zh' ? '模拟时间 已暂停' : 'Simulated time, paused';
  if (sample.speed === 1) return lang === 'zh' ? '模拟时间 ×1' : 'Simulated time ×1';
  const x = Number.isInteger(sample.speed) ? String(sample.speed) : sample.speed.toFixed(1);
  return lang === 'zh' ? `模拟时间 ×${x}` : `Simulated time ×${x}`;
}

// ---- the client's one clock (module state; React components subscribe)

const localNow = (): number => (typeof performance !== 'undefined' ? performance.timeOrigin + performance.now() : Date.now());
let current: ClockSample | null = null;
const listeners = new Set<() => void>();

/** Takes the server's `now` (from health or a stream hello); `sim` from health. */
export function syncServerClock(nowIso: string, sim?: { enabled: boolean; speed: number; running: boolean }, roundTripMs = 0): void {
  const next = nextSample(current, nowIso, localNow(), sim, roundTripMs);
  if (!next) return;
  current = next;
  for (const l of listeners) l();
}

/** The server's time now (ms since the epoch). Before the first answer, the computer's clock. */
export function serverNow(): number {
  return clockAt(current, localNow(), Date.now());
}

export function serverClockSample(): ClockSample | null {
  return current;
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The last sample (re-renders on each re-sync): speed, running, for the badge. */
export function useServerClock(): ClockSample | null {
  return useSyncExternalStore(subscribe, serverClockSample, serverClockSample);
}

/** The server's time, re-rendered every `everyMs` of real time and on each re-sync. */
export function useServerNow(everyMs = 1000): number {
  const sample = useServerClock();
  const [, setTick] = useState(0);
  useEffect(() => {
    const id = setInterval(() => setTick((n) => n + 1), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  void sample;
  return serverNow();
}

/** Fetches `/api/v1/health`, re-syncs the clock from it and returns it. */
export async function fetchHealthAndSync<T extends { now?: string; simulation?: { enabled: boolean; speed: number; running: boolean } }>(): Promise<T> {
  const t0 = localNow();
  const r = await fetch('/api/v1/health');
  if (!r.ok) throw new Error(`HTTP ${r.status}`);
  const h = (await r.json()) as T;
  if (h.now) syncServerClock(h.now, h.simulation, localNow() - t0);
  return h;
}
