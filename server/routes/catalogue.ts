import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { BBoxQuery, ErrorSchema, PrincipalInputSchema, RestrictionInputSchema, type PrincipalInput } from '../../shared/schemas/api.js';
import { randomBytes } from 'node:crypto';
import { ApiError } from '../errors.js';
import { requireRole } from '../services/access.js';
import { iso, type ServiceContext } from '../services/context.js';
import { deleteRestriction, listZones, previewRestriction, publishRestriction, type RestrictionInput } from '../services/zone-service.js';
import { parseBBox, parseNumber, parseTime } from './query.js';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

/** Principals, stations, landing points and zones. */
export const catalogueRoutes = (ctx: ServiceContext): FastifyPluginAsync => async (app) => {
  app.post<{ Body: PrincipalInput }>('/principals', {
    schema: { tags: ['auth'], summary: 'Create a principal (admin only); the token is shown once', body: PrincipalInputSchema, response: errors },
  }, async (req, reply) => {
    requireRole(req.principal, 'admin');
    const b = req.body;
    if (b.role === 'pilot' && !b.operatorId) throw new ApiError('VALIDATION_FAILED', 'a pilot needs an operatorId (the company)', undefined, 400);
    if (b.role === 'operator') {
      const s = ctx.stations.get(b.stationId ?? '');
      if (!s || s.kind === 'X') throw new ApiError('VALIDATION_FAILED', 'an operator needs the stationId of an A or B station', { stationId: b.stationId }, 400);
    }
    const token = randomBytes(24).toString('base64url');
    const id = `${b.role}-${randomBytes(6).toString('hex')}`;
    const principal = { id, role: b.role, name: b.name, ...(b.operatorId ? { operatorId: b.operatorId } : {}), ...(b.stationId && b.role === 'operator' ? { stationId: b.stationId } : {}) };
    ctx.db.transaction(() => {
      ctx.principals.insert(principal, token, iso(ctx.clock()));
      ctx.audit.append({ at: iso(ctx.clock()), actor: req.principal.id, subjectKind: 'principal', subjectId: id, action: 'create', details: { role: b.role, name: b.name } });
    })();
    return reply.status(201).send({ ...principal, token });
  });

  app.get('/me', {
    schema: { tags: ['auth'], summary: 'Who the token belongs to: role, company or station, and the jurisdiction', response: errors },
  }, async (req) => {
    const p = req.principal;
    const station = p.stationId ? ctx.stations.get(p.stationId) : undefined;
    return { id: p.id, role: p.role, name: p.name, ...(p.operatorId ? { operatorId: p.operatorId } : {}),
      ...(station ? { station: { id: station.id, kind: station.kind, name: station.name, districts: station.kind === 'A' ? 'all' : station.districts ?? [] } } : {}) };
  });

  app.get<{ Querystring: { kind?: 'A' | 'B' | 'X' } }>('/stations', {
    schema: { tags: ['network'], summary: 'A, B and X stations', querystring: Type.Object({ kind: Type.Optional(Type.Union([Type.Literal('A'), Type.Literal('B'), Type.Literal('X')])) }, { additionalProperties: false }), response: errors },
  }, async (req) => ({ stations: [...ctx.stations.values()].filter((s) => !req.query.kind || s.kind === req.query.kind) }));

  app.get<{ Querystring: { bbox?: string; district?: string } }>('/landing-points', {
    schema: { tags: ['network'], summary: 'Take-off/landing points (起降点)', querystring: Type.Object({ bbox: Type.Optional(BBoxQuery), district: Type.Optional(Type.String({ maxLength: 12 })) }, { additionalProperties: false }), response: errors },
  }, async (req) => {
    const b = parseBBox(req.query.bbox);
    const lps = b ? ctx.airspace.landingPoints.search(b) : ctx.airspace.landingPoints.values();
    return { landingPoints: lps.filter((p) => !req.query.district || p.districtAdcode === req.query.district).sort((a, c) => a.id.localeCompare(c.id)) };
  });

  app.get<{ Querystring: { bbox?: string; altitude?: string; time?: string; kind?: string } }>('/zones', {
    schema: { tags: ['airspace'], summary: 'Zones, filtered by bbox, altitude (m, true height) and time (what applies then)',
      querystring: Type.Object({ bbox: Type.Optional(BBoxQuery), altitude: Type.Optional(Type.String({ maxLength: 20 })), time: Type.Optional(Type.String({ maxLength: 40 })), kind: Type.Optional(Type.String({ maxLength: 20 })) }, { additionalProperties: false }),
      response: errors },
  }, async (req) => ({ zones: listZones(ctx, { bbox: parseBBox(req.query.bbox), altitudeM: parseNumber(req.query.altitude, 'altitude'), timeMs: parseTime(req.query.time, 'time'), kind: req.query.kind }) }));

  app.post<{ Body: RestrictionInput }>('/zones', {
    schema: { tags: ['airspace'], summary: 'Publish a temporary restriction; re-checks every plan it touches', body: RestrictionInputSchema, response: errors },
  }, async (req, reply) => reply.status(201).send(publishRestriction(ctx, req.principal, req.body)));

  app.post<{ Body: RestrictionInput }>('/zones/preview', {
    schema: { tags: ['airspace'], summary: 'Which plans a temporary restriction would affect (nothing is written)', body: RestrictionInputSchema, response: errors },
  }, async (req) => previewRestriction(ctx, req.principal, req.body));

  app.delete<{ Params: { id: string } }>('/zones/:id', {
    schema: { tags: ['airspace'], summary: 'Withdraw a temporary restriction (plans are not re-approved silently)', params: Type.Object({ id: Type.String({ maxLength: 80 }) }), response: errors },
  }, async (req, reply) => {
    deleteRestriction(ctx, req.principal, req.params.id);
    return reply.status(204).send();
  });
};
