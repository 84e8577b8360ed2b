import { Type } from '@sinclair/typebox';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildRoutingState } from '../../shared/rules/station-routing.js';
import type { FlightPlan } from '../../shared/schemas/flight-plan-record.js';
import type { Station } from '../../shared/schemas/station.js';
import { responseSerializerCompiler } from '../http/response-serializer.js';
import { allows, assertCanCancelStudy, assertCanDecide, assertCanFly, canReadPlan, canSeeAlert, listingScope, PERMISSIONS, type Jurisdiction } from './access-policy.js';
import { ROLES, systemActor, type Principal } from './actor.js';
import { installRouteGuard } from './route-guard.js';

const station = (id: string, kind: 'A' | 'B', districts?: string[]): Station => ({
  id,
  kind,
  name: id,
  location: [106.5, 29.5],
  coverageRadiusM: 0,
  altitudeLowerM: 0,
  altitudeUpperM: 0,
  ...(districts ? { districts } : {}),
});
const j: Jurisdiction = {
  aStationId: 'A',
  stations: new Map([
    ['A', station('A', 'A')],
    ['B1', station('B1', 'B', ['1'])],
    ['B2', station('B2', 'B', ['2'])],
  ]),
  routing: buildRoutingState('A', [], null),
};
const who = {
  admin: { id: 'admin', role: 'admin', name: 'a' },
  a: { id: 'oa', role: 'operator', name: 'A op', stationId: 'A' },
  b1: { id: 'ob1', role: 'operator', name: 'B1 op', stationId: 'B1' },
  b2: { id: 'ob2', role: 'operator', name: 'B2 op', stationId: 'B2' },
  acme: { id: 'pa', role: 'pilot', name: 'acme', operatorId: 'ACME' },
  other: { id: 'po', role: 'pilot', name: 'other', operatorId: 'OTHER' },
  lone: { id: 'pl', role: 'pilot', name: 'no company' },
  viewer: { id: 'v', role: 'viewer', name: 'v' },
  planner: { id: 'pp', role: 'planner', name: 'p' },
} satisfies Record<string, Principal>;
const plan = { id: 'FP-1', station: { id: 'B1', kind: 'B' }, operatorId: 'ACME' } as FlightPlan;
const orphan = { id: 'FP-2', station: { id: 'B1', kind: 'B' } } as FlightPlan;

describe('access policy', () => {
  it('admins hold every permission; each other role exactly those granted to it', () => {
    for (const p of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]) {
      expect(allows(who.admin, p)).toBe(true);
      for (const role of ROLES.filter((r) => r !== 'admin')) expect(allows({ id: 'x', role, name: 'x' }, p)).toBe((PERMISSIONS[p] as readonly string[]).includes(role));
    }
    expect(allows(who.viewer, 'plan.submit')).toBe(false);
    expect(allows(who.acme, 'sim.control')).toBe(false);
  });

  it('plans: read, decide and fly by company and jurisdiction', () => {
    const read = Object.fromEntries(Object.entries(who).map(([k, p]) => [k, canReadPlan(p, plan, j)]));
    expect(read).toEqual({ admin: true, a: true, b1: true, b2: false, acme: true, other: false, lone: false, viewer: true, planner: true });
    expect(canReadPlan(who.lone, orphan, j)).toBe(false); // no company matches no company
    const decides = (p: Principal) => {
      try {
        assertCanDecide(p, plan, j);
        return true;
      } catch {
        return false;
      }
    };
    expect(Object.fromEntries(Object.entries(who).map(([k, p]) => [k, decides(p)]))).toEqual({
      admin: true,
      a: true,
      b1: true,
      b2: false,
      acme: false,
      other: false,
      lone: false,
      viewer: false,
      planner: false,
    });
    const flies = (p: Principal) => {
      try {
        assertCanFly(p, plan, j);
        return true;
      } catch {
        return false;
      }
    };
    expect(Object.fromEntries(Object.entries(who).map(([k, p]) => [k, flies(p)]))).toEqual({
      admin: true,
      a: true,
      b1: true,
      b2: false,
      acme: true,
      other: false,
      lone: false,
      viewer: false,
      planner: false,
    });
  });

  it('system actors have duties, not rights', () => {
    const monitor = systemActor('monitor', 'm'),
      desk = systemActor('operator-desk', 'd');
    expect(() => assertCanDecide(monitor, plan, j)).toThrow(/does not decide/);
    expect(() => assertCanFly(monitor, plan, j)).not.toThrow();
    expect(() => assertCanDecide(desk, plan, j)).not.toThrow();
  });

  it('listings: a B operator sees its station only and may not ask for another; a pilot its company', () => {
    expect(listingScope(who.b1, j)).toEqual({ stationIds: ['B1'] });
    expect(() => listingScope(who.b1, j, 'B2')).toThrow(/outside your jurisdiction/);
    expect(listingScope(who.a, j, 'B2')).toEqual({ stationIds: ['B2'] });
    expect(listingScope(who.acme, j)).toEqual({ operatorId: 'ACME' });
    expect(listingScope(who.viewer, j)).toEqual({});
  });

  it("alerts: the station, the A station, the plan's company and read-only roles", () => {
    const alert = { stationId: 'B1', planId: 'FP-1' };
    expect(canSeeAlert(who.b1, alert, 'ACME', j)).toBe(true);
    expect(canSeeAlert(who.b2, alert, 'ACME', j)).toBe(false);
    expect(canSeeAlert(who.acme, alert, 'ACME', j)).toBe(true);
    expect(canSeeAlert(who.other, alert, 'ACME', j)).toBe(false);
    expect(canSeeAlert(who.acme, { stationId: 'B1' }, undefined, j)).toBe(false); // an unidentified aircraft is the operators' business
  });

  it('studies: a planner cancels its own only', () => {
    expect(() => assertCanCancelStudy(who.planner, { id: 'RO-1', createdBy: 'pp' })).not.toThrow();
    expect(() => assertCanCancelStudy(who.planner, { id: 'RO-1', createdBy: 'someone' })).toThrow(/only its planner/);
    expect(() => assertCanCancelStudy(who.admin, { id: 'RO-1', createdBy: 'someone' })).not.toThrow();
  });
});

describe('route guard and response contract', () => {
  it('a route that declares no permission fails at start-up', async () => {
    const app = Fastify();
    const start = async () => {
      await app.register(async (api) => {
        installRouteGuard(api, { authenticate: () => who.viewer });
        api.get('/open', async () => ({}));
      });
      await app.ready();
    };
    await expect(start()).rejects.toThrow(/declares no permission/);
  });

  it('a response that does not match its schema is an error when strict, logged otherwise', () => {
    const logged: string[] = [];
    const schema = Type.Object({ n: Type.Integer() });
    const strict = responseSerializerCompiler(true, (m) => logged.push(m))({ schema, method: 'GET', url: '/x', httpStatus: '200' });
    expect(strict({ n: 1 })).toBe('{"n":1}');
    expect(() => strict({ n: 'one' })).toThrow(/does not match its schema: \/n/);
    const lenient = responseSerializerCompiler(false, (m) => logged.push(m))({ schema, method: 'GET', url: '/x', httpStatus: '200' });
    expect(lenient({})).toBe('{}');
    expect(logged).toHaveLength(1);
  });
});
