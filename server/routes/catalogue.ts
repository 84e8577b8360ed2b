import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { BBoxQuery, ErrorSchema, PrincipalInputSchema, RestrictionInputSchema } from '../../shared/schemas/api.js';
import { LandingPointListSchema, MeSchema, NoContentSchema, PrincipalCreatedSchema, StationListSchema, ZoneListSchema, ZonePublishedSchema } from '../../shared/schemas/responses.js';
import { ApiError } from '../errors.js';
import { createPrincipal, revokePrincipal } from '../services/principal-service.js';
import type { ServiceContext } from '../services/context.js';
import { deleteRestriction, listZones, previewRestriction, publishRestriction, mayDraftZone } from '../services/zone-service.js';
import { parseBBox, parseNumber, parseTime } from './query.js';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

/** Principals, stations, landing points and zones. */
export const catalogueRoutes =
  (ctx: ServiceContext, onRevoke: (principalId: string) => void): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.post(
      '/principals',
      {
        config: { permission: 'principal.manage' },
        bodyLimit: 16 * 1024,
        schema: {
          tags: ['auth'],
          summary: 'Create a principal (admin only); the token is shown once; it may carry an expiry',
          body: PrincipalInputSchema,
          response: { 201: PrincipalCreatedSchema, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(createPrincipal(ctx, req.principal, req.body)),
    );

    app.delete(
      '/principals/:id',
      {
        config: { permission: 'principal.revoke' },
        schema: {
          tags: ['auth'],
          summary: 'Revoke a principal (admin; a company admin its own pilots): its token stops working at once and its streams are closed',
          params: Type.Object({ id: Type.String({ maxLength: 80 }) }),
          response: { 204: NoContentSchema, ...errors },
        },
      },
      async (req, reply) => {
        revokePrincipal(ctx, req.principal, req.params.id);
        onRevoke(req.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/me',
      {
        config: { permission: 'self.read' },
        schema: { tags: ['auth'], summary: 'Who the token belongs to: role, company or station, and the jurisdiction', response: { 200: MeSchema, ...errors } },
      },
      async (req) => {
        const p = req.principal;
        const station = p.stationId ? ctx.stations.get(p.stationId) : undefined;
        return {
          id: p.id,
          role: p.role,
          name: p.name,
          ...(p.operatorId ? { operatorId: p.operatorId } : {}),
          ...(p.companyId ? { companyId: p.companyId } : {}),
          ...(p.expiresAt ? { expiresAt: p.expiresAt } : {}),
          ...(station ? { station: { id: station.id, kind: station.kind, name: station.name, districts: station.kind === 'A' ? ('all' as const) : (station.districts ?? []) } } : {}),
        };
      },
    );

    app.get(
      '/stations',
      {
        config: { permission: 'network.read' },
        schema: {
          tags: ['network'],
          summary: 'A, B and X stations',
          querystring: Type.Object({ kind: Type.Optional(Type.Union([Type.Literal('A'), Type.Literal('B'), Type.Literal('X')])) }, { additionalProperties: false }),
          response: { 200: StationListSchema, ...errors },
        },
      },
      async (req) => ({ stations: [...ctx.stations.values()].filter((s) => !req.query.kind || s.kind === req.query.kind) }),
    );

    app.get(
      '/landing-points',
      {
        config: { permission: 'network.read' },
        schema: {
          tags: ['network'],
          summary: 'Take-off/landing points (起降点)',
          querystring: Type.Object({ bbox: Type.Optional(BBoxQuery), district: Type.Optional(Type.String({ maxLength: 12 })) }, { additionalProperties: false }),
          response: { 200: LandingPointListSchema, ...errors },
        },
      },
      async (req) => {
        const b = parseBBox(req.query.bbox);
        const lps = b ? ctx.airspace.landingPoints.search(b) : ctx.airspace.landingPoints.values();
        const now = ctx.clock();
        return {
          landingPoints: lps
            .filter((p) => !req.query.district || p.districtAdcode === req.query.district)
            .sort((a, c) => a.id.localeCompare(c.id))
            .map((p) => ({ ...p, usedThisHour: ctx.airspace.movements.count(p.id, now) })),
        };
      },
    );

    app.get(
      '/zones',
      {
        config: { permission: 'network.read' },
        schema: {
          tags: ['airspace'],
          summary: 'Zones, filtered by bbox, altitude (m, true height) and time (what applies then)',
          querystring: Type.Object(
            {
              bbox: Type.Optional(BBoxQuery),
              altitude: Type.Optional(Type.String({ maxLength: 20 })),
              time: Type.Optional(Type.String({ maxLength: 40 })),
              kind: Type.Optional(Type.String({ maxLength: 20 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: ZoneListSchema, ...errors },
        },
      },
      async (req) => ({
        zones: listZones(ctx, { bbox: parseBBox(req.query.bbox), altitudeM: parseNumber(req.query.altitude, 'altitude'), timeMs: parseTime(req.query.time, 'time'), kind: req.query.kind }).map(
          (z) => ({
            ...z,
            mayDraft: mayDraftZone(ctx, req.principal, z),
          }),
        ),
      }),
    );

    app.post(
      '/zones',
      {
        config: { permission: 'zone.publish' },
        bodyLimit: 512 * 1024,
        schema: { tags: ['airspace'], summary: 'Publish a temporary restriction; re-checks every plan it touches', body: RestrictionInputSchema, response: { 201: ZonePublishedSchema, ...errors } },
      },
      async (req, reply) => reply.status(201).send(publishRestriction(ctx, req.principal, req.body)),
    );

    app.post(
      '/zones/preview',
      {
        config: { permission: 'zone.publish' },
        bodyLimit: 512 * 1024,
        schema: {
          tags: ['airspace'],
          summary: 'Which plans a temporary restriction would affect (nothing is written)',
          body: RestrictionInputSchema,
          response: { 200: ZonePublishedSchema, ...errors },
        },
      },
      async (req) => previewRestriction(ctx, req.principal, req.body),
    );

    app.delete(
      '/zones/:id',
      {
        config: { permission: 'zone.publish' },
        schema: {
          tags: ['airspace'],
          summary: 'Withdraw a temporary restriction (plans are not re-approved silently)',
          params: Type.Object({ id: Type.String({ maxLength: 80 }) }),
          response: { 204: NoContentSchema, ...errors },
        },
      },
      async (req, reply) => {
        deleteRestriction(ctx, req.principal, req.params.id);
        return reply.status(204).send(null);
      },
    );
  };
