/**
 * Brings this server's memory in line with changes committed elsewhere (or with the store, after
 * a write of its own rolled back): each note names a row, which is read again from the store.
 */
import { putZone, releasePlan } from '../../shared/rules/airspace-state.js';
import { syncIndexes } from '../services/unit-of-work.js';
import type { ServiceContext } from '../services/context.js';
import { editionState, refreshNextDue, replayEditionZones } from '../services/edition-state.js';
import { repoOf } from '../services/landing-point-service.js';
import type { PlanEvent } from '../store/misc-repos.js';
import type { ChangeNote } from './change-notes.js';

export interface ApplyDeps {
  /** a principal was revoked on another server: its streams end here too */
  principalRevoked?: (id: string) => void;
  /** a company's credit changed on another server: its cached score is read again */
  creditChanged?: (companyId: string) => void;
  /** a listener failed on a plan event from another server (the app's log); the others still hear it */
  listenerFailed?: (e: unknown) => void;
}

/** Editions this server followed (switched to) after another server applied them. */
const followed = new WeakMap<ServiceContext, Set<string>>();

/**
 * Applies one committed transaction's notes. Memory is brought in line first, note by note (each
 * reads its row again: a failure is thrown, and the whole list is applied again later, which is
 * idempotent); the plan events are told only once all of it is in line, and never throw, so a
 * list applied again does not tell anything twice.
 */
export function applyNotes(ctx: ServiceContext, notes: ChangeNote[], remote: boolean, deps: ApplyDeps = {}): void {
  const events: PlanEvent[] = [];
  const airspace = new Set<'zones' | 'landing-points'>();
  for (const n of notes) {
    switch (n.k) {
      case 'plan': {
        const p = ctx.plans.get(n.id);
        if (p) syncIndexes(ctx, p);
        else {
          releasePlan(ctx.airspace, n.id);
          ctx.pending.remove(n.id);
        }
        break;
      }
      case 'event':
        if (remote) events.push(n.e);
        break;
      case 'zone': {
        const row = ctx.zones.get(n.id);
        if (row && !row.deletedAt) putZone(ctx.airspace, row.zone);
        else ctx.airspace.zones.remove(n.id);
        if (remote) airspace.add('zones');
        break;
      }
      case 'landing-point': {
        const row = repoOf(ctx).get(n.id);
        if (row && !row.retiredAt) ctx.airspace.landingPoints.insert(row.point);
        else ctx.airspace.landingPoints.remove(n.id);
        if (remote) airspace.add('landing-points');
        break;
      }
      case 'edition': {
        if (!remote) break; // an edition of ours that failed was undone where it failed
        const e = editionState(ctx).repo.get(n.id);
        const seen = followed.get(ctx) ?? new Set<string>();
        followed.set(ctx, seen);
        if (e?.status === 'effective' && !seen.has(e.id)) {
          // the zones as it recorded them; its landing points and plans arrive as notes of the same transaction
          replayEditionZones(ctx, e);
          seen.add(e.id);
          airspace.add('zones');
        }
        refreshNextDue(ctx);
        break;
      }
      case 'principal':
        ctx.principals.forget(n.id);
        if (remote) deps.principalRevoked?.(n.id);
        break;
      case 'credit':
        deps.creditChanged?.(n.id);
        break;
      case 'registry':
        ctx.registry.forgetAll();
        break;
      case 'tariff':
        ctx.pricing?.repo.forget();
        break;
      case 'alert':
        break; // alerts reach the other streams with the primary's ticks; lists read the store
    }
  }
  // the streams of this server tell their clients too
  tell(ctx.airspaceListeners, airspace, deps.listenerFailed);
  tell(ctx.listeners, events, deps.listenerFailed);
}

/** Each item to every listener; a failing listener is told to `failed`, and the others still hear. */
function tell<T>(listeners: Iterable<(x: T) => void>, items: Iterable<T>, failed?: (e: unknown) => void): void {
  for (const x of items) {
    for (const l of listeners) {
      try {
        l(x);
      } catch (error) {
        failed?.(error);
      }
    }
  }
}
