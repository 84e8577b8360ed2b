import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalesce } from './coalesce.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('coalesce', () => {
  it('turns a burst into one trailing call, then at most one call per interval', () => {
    let n = 0;
    const c = coalesce(() => n++, 1000);
    for (let i = 0; i < 500; i++) c();
    expect(n).toBe(0);
    vi.advanceTimersByTime(0);
    expect(n).toBe(1);
    for (let i = 0; i < 50; i++) {
      c();
      vi.advanceTimersByTime(20); // 50 events a second for a second
    }
    expect(n).toBe(2);
    vi.advanceTimersByTime(1000);
    expect(n).toBe(2);
    c.cancel();
  });

  it('a call after a quiet interval runs at once; cancel drops a pending call', () => {
    let n = 0;
    const c = coalesce(() => n++, 1000);
    c();
    vi.advanceTimersByTime(5000);
    c();
    vi.advanceTimersByTime(0);
    expect(n).toBe(2);
    c();
    c.cancel();
    vi.advanceTimersByTime(5000);
    expect(n).toBe(2);
  });
});
