import { describe, expect, it } from 'vitest';
import { clockAt, nextSample, simulationBadge } from './server-clock.js';

const T = Date.parse('2026-05-01T08:00:00Z');
const sim = (speed: number, running = true) => ({ enabled: true, speed, running });

describe('server clock', () => {
  it('falls back to the local clock before any answer', () => {
    expect(clockAt(null, 123, 456)).toBe(456);
  });

  it('advances at the simulation speed from the last answer', () => {
    const s = nextSample(null, new Date(T).toISOString(), 1000, sim(10));
    expect(clockAt(s, 1000, 0)).toBe(T);
    expect(clockAt(s, 61_000, 0)).toBe(T + 600_000); // one real minute = ten simulated
  });

  it('stands still while paused and runs at real time without a simulation', () => {
    const paused = nextSample(null, new Date(T).toISOString(), 0, sim(10, false));
    expect(clockAt(paused, 60_000, 0)).toBe(T);
    const real = nextSample(null, new Date(T).toISOString(), 0, { enabled: false, speed: 1, running: true });
    expect(clockAt(real, 5000, 0)).toBe(T + 5000);
  });

  it('takes an answer as the middle of its round trip, at the simulation speed', () => {
    const s = nextSample(null, new Date(T).toISOString(), 0, sim(10), 200);
    expect(clockAt(s, 0, 0)).toBe(T + 1000);
  });

  it('a stream hello re-syncs the time and keeps the speed', () => {
    const a = nextSample(null, new Date(T).toISOString(), 0, sim(10));
    const b = nextSample(a, new Date(T + 3_600_000).toISOString(), 5000);
    expect(b?.speed).toBe(10);
    expect(clockAt(b, 6000, 0)).toBe(T + 3_600_000 + 10_000);
    expect(nextSample(a, 'not a time', 0)).toBe(a);
  });

  it('says when time is simulated', () => {
    expect(simulationBadge(nextSample(null, new Date(T).toISOString(), 0, sim(10)))).toBe('模拟时间 ×10');
    expect(simulationBadge(nextSample(null, new Date(T).toISOString(), 0, sim(10, false)))).toBe('模拟时间 已暂停');
    expect(simulationBadge(nextSample(null, new Date(T).toISOString(), 0, { enabled: false, speed: 1, running: true }))).toBeNull();
    expect(simulationBadge(null)).toBeNull();
  });
});
