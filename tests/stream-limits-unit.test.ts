/** The stream's inbound token bucket and its single-use ticket book, with injected clocks. */
import { describe, expect, it } from 'vitest';
import { InboundRateLimit, type RateVerdict } from '../server/live/stream-rate-limit.js';
import { StreamTickets } from '../server/live/stream-tickets.js';
import type { Principal } from '../server/policy/actor.js';

const opts = { ratePerS: 20, burst: 40, floodExcess: 200, floodMs: 5000 };

describe('inbound rate limit', () => {
  it('accepts a burst, then the rate; tells once; a client that keeps flooding is a flood', () => {
    const r = new InboundRateLimit(opts, 0);
    const at0 = Array.from({ length: 45 }, () => r.take(0));
    expect(at0.filter((v) => v === 'accept')).toHaveLength(40);
    expect(at0.slice(40)).toEqual(['notify', 'reject', 'reject', 'reject', 'reject']);
    expect(r.take(50)).toBe('accept'); // 50 ms at 20/s: one more token
    expect(r.take(50)).toBe('reject');
    let v: RateVerdict = 'reject';
    let n = 0;
    while (v !== 'flood' && n < 1000) {
      v = r.take(60);
      n++;
    }
    expect(v).toBe('flood');
    expect(r.excessMessages).toBe(200);
  });

  it('is a flood after floodMs over the limit, even slightly over', () => {
    const r = new InboundRateLimit(opts, 0);
    for (let i = 0; i < 40; i++) r.take(0);
    const seen = new Set<RateVerdict>();
    let t = 0;
    // 25 messages a second: 5 over the limit each second, the bucket never refills
    while (t < 10_000) {
      t += 40;
      const v = r.take(t);
      seen.add(v);
      if (v === 'flood') break;
    }
    expect(seen.has('flood')).toBe(true);
    expect(t).toBeGreaterThanOrEqual(5000);
    expect(t).toBeLessThan(6000);
  });

  it('forgives bursts now and then: the episode ends when the bucket has refilled', () => {
    const r = new InboundRateLimit(opts, 0);
    for (let k = 0; k < 100; k++) {
      const t = k * 3000; // 41 messages every 3 s
      const vs = Array.from({ length: 41 }, () => r.take(t));
      expect(vs.at(-1)).toBe('notify'); // told again each episode, never a flood
    }
  });
});

/** A ticket from the book (the test fails if it refuses). */
function issued(book: StreamTickets, p: Principal) {
  const t = book.issue(p);
  if (!t) throw new Error('the book refused a ticket');
  return t;
}

describe('stream tickets', () => {
  const alice: Principal = { id: 'P-alice', role: 'viewer', name: 'Alice' };
  const bob: Principal = { id: 'P-bob', role: 'viewer', name: 'Bob' };

  it('redeems a ticket once, within its time to live', () => {
    let now = Date.parse('2026-12-01T02:00:00Z');
    const book = new StreamTickets({ ttlMs: 60_000, maxTickets: 100, maxPerPrincipal: 4, now: () => now });
    const a = issued(book, alice);
    expect(a.expiresAt).toBe('2026-12-01T02:01:00.000Z');
    expect(a.ticket).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(book.redeem(a.ticket)).toBe(alice);
    expect(book.redeem(a.ticket)).toBeNull(); // single use
    const b = issued(book, alice);
    now += 60_000;
    expect(book.redeem(b.ticket)).toBeNull(); // expired
    expect(book.redeem('nonsense')).toBeNull();
    expect(book.size).toBe(0);
  });

  it('is bounded: per principal the oldest is forgotten, in total issuing is refused; expired ones are swept', () => {
    let now = 0;
    const book = new StreamTickets({ ttlMs: 1000, maxTickets: 7, maxPerPrincipal: 4, now: () => now });
    const mine = Array.from({ length: 5 }, () => issued(book, alice).ticket);
    expect(book.size).toBe(4);
    expect(book.redeem(mine[0])).toBeNull(); // forgotten
    expect(book.redeem(mine[4])).toBe(alice);
    for (let i = 0; i < 4; i++) expect(book.issue(bob)).not.toBeNull();
    expect(book.size).toBe(7);
    expect(book.issue({ ...bob, id: 'P-carol' })).toBeNull(); // the book is full
    now += 1000;
    expect(book.issue({ ...bob, id: 'P-carol' })).not.toBeNull(); // the expired were swept
    expect(book.size).toBe(1);
  });

  it('forgets every ticket of a revoked principal', () => {
    const book = new StreamTickets({ ttlMs: 1000, maxTickets: 10, maxPerPrincipal: 4 });
    const t = issued(book, alice).ticket;
    const u = issued(book, bob).ticket;
    expect(book.revokePrincipal(alice.id)).toBe(1);
    expect(book.redeem(t)).toBeNull();
    expect(book.redeem(u)).toBe(bob);
  });
});
