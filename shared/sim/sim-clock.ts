/**
 * The simulation clock: real time or accelerated (×1…×60), pausable. Pure: the adapter feeds it
 * the real elapsed time; it never reads the system clock itself.
 */
export interface SimClockState {
  simMs: number;
  speed: number;
  paused: boolean;
}

export const MIN_SPEED = 1;
export const MAX_SPEED = 60;

export class SimClock {
  private state: SimClockState;
  constructor(startMs: number, speed = 1, paused = false) {
    this.state = { simMs: startMs, speed: clampSpeed(speed), paused };
  }
  now(): number {
    return this.state.simMs;
  }
  get speed(): number {
    return this.state.speed;
  }
  get paused(): boolean {
    return this.state.paused;
  }
  snapshot(): SimClockState {
    return { ...this.state };
  }
  /** Advance by a real elapsed time; returns the simulated milliseconds that passed. */
  advance(realMs: number): number {
    if (this.state.paused || realMs <= 0) return 0;
    const d = realMs * this.state.speed;
    this.state.simMs += d;
    return d;
  }
  /** Step simulated time by `simMs` whatever the speed or pause (headless runs). */
  step(simMs: number): void {
    if (simMs > 0) this.state.simMs += simMs;
  }
  setSpeed(speed: number): void {
    this.state.speed = clampSpeed(speed);
  }
  pause(): void {
    this.state.paused = true;
  }
  resume(): void {
    this.state.paused = false;
  }
}

export function clampSpeed(s: number): number {
  if (!Number.isFinite(s)) return MIN_SPEED;
  return Math.min(MAX_SPEED, Math.max(MIN_SPEED, s));
}
