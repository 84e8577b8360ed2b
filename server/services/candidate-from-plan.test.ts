import { afterEach, describe, expect, it } from 'vitest';
import { candidateFromInput } from '../../shared/rules/airspace-state.js';
import { applySuggestion } from '../../shared/rules/apply-suggestion.js';
import { shiftPlan } from '../../shared/rules/suggest-alternatives.js';
import type { FlightPlanInput } from '../../shared/schemas/flight-plan.js';
import { buildApp } from '../app.js';
import { BUILTIN_ADMIN } from '../auth.js';
import { configFromEnv } from '../config.js';
import { candidateFromPlan } from './context.js';
import { submitPlan } from './plan-service.js';

let app: Awaited<ReturnType<typeof buildApp>> | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

const NOW = Date.parse('2026-12-01T00:00:00Z');

describe('a stored plan as the engine decides it again', () => {
  it('a route plan shifts as the pilot would file it again (its route rebuilt), in time and in altitude', async () => {
    app = await buildApp({ config: configFromEnv({ YUKONG_DB: ':memory:', YUKONG_SIM: 'off', YUKONG_ADMIN_TOKEN: 'a', YUKONG_REGISTRY: 'off' }), clock: () => NOW });
    const ctx = app.yukong.services;
    const input: FlightPlanInput = {
      aircraft: { registration: 'UAS-CQ-000777', category: 'light' },
      mission: 'logistics',
      route: {
        waypoints: [
          [106.3, 29.3],
          [106.32, 29.31],
          [106.33, 29.33],
        ],
        corridorHalfWidthM: 20,
        cruiseSpeedMps: 12,
        altitudeLowerM: 40,
        altitudeUpperM: 80,
        departAt: '2026-12-01T03:00:00Z',
      },
    };
    const stored = submitPlan(ctx, { ...BUILTIN_ADMIN, id: 'p', role: 'pilot', operatorId: 'ACME' }, input).body as Parameters<typeof candidateFromPlan>[0];
    const buffers = ctx.airspace.routeBuffers;
    const again = candidateFromPlan(stored, buffers);
    expect(again.prepared).toEqual(candidateFromInput(input, buffers).prepared);
    for (const s of [{ shiftS: 3600 }, { shiftM: 40 }, { shiftM: -30 }, { shiftS: -600, shiftM: 20 }]) {
      const shifted = shiftPlan(again, (s.shiftS ?? 0) * 1000, s.shiftM ?? 0);
      expect(shifted.prepared, JSON.stringify(s)).toEqual(candidateFromInput(applySuggestion(input, s), buffers).prepared);
    }
    // a plan filed as volumes shifts as volumes
    const asVolumes = { ...input, route: undefined, volumes: stored.volumes };
    expect(candidateFromPlan({ ...stored, input: asVolumes }).route).toBeUndefined();
  });
});
