/**
 * Single-use stream tickets: `POST /api/v1/stream/tickets` (with the bearer token in the header)
 * issues one; `GET /api/v1/stream?ticket=…` redeems it, once, within its time to live. This lets a
 * browser — whose WebSocket cannot set headers — connect without putting its token in a URL.
 * Tickets live in real time (they are about the network, not the simulated clock). The book is
 * bounded: a principal holds at most `maxPerPrincipal` (issuing another forgets its oldest) and
 * the book at most `maxTickets` (then issuing is refused); expired tickets are swept as it goes.
 */
import { randomBytes } from 'node:crypto';
import type { StreamTicket } from '../../shared/schemas/stream.js';
import type { Principal } from '../policy/actor.js';

export interface TicketOptions {
  ttlMs: number;
  maxTickets: number;
  maxPerPrincipal: number;
  /** real time, milliseconds since the epoch (injectable for tests) */
  now?: () => number;
}

export const DEFAULT_TICKET_OPTIONS: TicketOptions = { ttlMs: 60_000, maxTickets: 10_000, maxPerPrincipal: 16 };

interface Entry {
  principal: Principal;
  expiresMs: number;
}

export class StreamTickets {
  /** insertion order is expiry order (one time to live for all) */
  private readonly book = new Map<string, Entry>();
  private readonly byPrincipal = new Map<string, string[]>();
  private readonly now: () => number;

  constructor(private readonly o: TicketOptions = DEFAULT_TICKET_OPTIONS) {
    this.now = o.now ?? Date.now;
  }

  get size(): number {
    return this.book.size;
  }

  /** A new ticket for the principal, or null when the book is full (try again later). */
  issue(principal: Principal): StreamTicket | null {
    const now = this.now();
    this.sweep(now);
    const mine = this.byPrincipal.get(principal.id) ?? [];
    while (mine.length >= this.o.maxPerPrincipal) this.book.delete(mine.shift() as string);
    if (this.book.size >= this.o.maxTickets) return null;
    const ticket = randomBytes(24).toString('base64url');
    const expiresMs = now + this.o.ttlMs;
    this.book.set(ticket, { principal, expiresMs });
    mine.push(ticket);
    this.byPrincipal.set(principal.id, mine);
    return { ticket, expiresAt: new Date(expiresMs).toISOString() };
  }

  /** The principal a ticket was issued to, once; null when unknown, used or expired. */
  redeem(ticket: string): Principal | null {
    const now = this.now();
    const e = this.book.get(ticket);
    if (!e) {
      this.sweep(now);
      return null;
    }
    this.forget(ticket, e.principal.id);
    this.sweep(now);
    return e.expiresMs > now ? e.principal : null;
  }

  /** Forgets every ticket of a principal (its token was revoked); returns how many. */
  revokePrincipal(principalId: string): number {
    const mine = this.byPrincipal.get(principalId) ?? [];
    for (const t of mine) this.book.delete(t);
    this.byPrincipal.delete(principalId);
    return mine.length;
  }

  private forget(ticket: string, principalId: string): void {
    this.book.delete(ticket);
    const mine = this.byPrincipal.get(principalId);
    if (!mine) return;
    const i = mine.indexOf(ticket);
    if (i >= 0) mine.splice(i, 1);
    if (!mine.length) this.byPrincipal.delete(principalId);
  }

  /** Drops expired tickets from the front of the book (oldest first). */
  private sweep(now: number): void {
    for (const [t, e] of this.book) {
      if (e.expiresMs > now) break;
      this.forget(t, e.principal.id);
    }
  }
}
