/** BeiDou grid codes, ED-269 zones, ASTM volumes and exports. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { decode2D, encode2D, GridCodeError } from '../../shared/grid/beidou-code.js';
import { coverOutline, coverVolume } from '../../shared/grid/beidou-cover.js';
import { decode3D, encode3D } from '../../shared/grid/beidou-height.js';
import { astmToVolume, volumeToAstm } from '../../shared/io/astm-volumes.js';
import { toEd269 } from '../../shared/io/ed269.js';
import { flightsCsv, landingPointsGeoJson, plansGeoJson, zonesGeoJson } from '../../shared/io/exports.js';
import { FlightPlanSchema } from '../../shared/schemas/flight-plan-record.js';
import { ErrorSchema } from '../../shared/schemas/api.js';
import type { FlightPlan } from '../../shared/schemas/flight-plan-record.js';
import { AstmPlanSchema, ExchangeDocumentSchema, GridCodeSchema, GridCoverSchema, GridDecodedSchema, ZonesImportedSchema } from '../../shared/schemas/responses.js';
import { MissionSchema } from '../../shared/schemas/flight-plan.js';
import { OutlineSchema, type OutlineInput } from '../../shared/schemas/geometry.js';
import { CategorySchema } from '../../shared/schemas/zone.js';
import type { FlightPlanInput } from '../../shared/schemas/flight-plan.js';
import { ApiError, problemCode } from '../errors.js';
import type { ServiceContext } from '../services/context.js';
import { getPlan, listPlans, submitPlan } from '../services/plan-service.js';
import { importEd269, listZones } from '../services/zone-service.js';
import { parseNumber } from './query.js';
import type { PlanQuota } from '../policy/plan-quota.js';
import { companyOf } from '../policy/actor.js';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

function grid<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof GridCodeError) throw new ApiError(problemCode(e.code), e.message);
    throw e;
  }
}

export const interopRoutes =
  (ctx: ServiceContext, quota: PlanQuota): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/grid/beidou',
      {
        config: { permission: 'network.read' },
        schema: {
          tags: ['grid'],
          summary: 'BeiDou grid location code (GB/T 39409-2020) of a point; 3D code when altitudeM is given',
          querystring: Type.Object(
            {
              lng: Type.String({ maxLength: 30 }),
              lat: Type.String({ maxLength: 30 }),
              level: Type.Optional(Type.String({ pattern: '^(10|[1-9])$' })),
              altitudeM: Type.Optional(Type.String({ maxLength: 30 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: GridCodeSchema, ...errors },
        },
      },
      async (req) =>
        grid(() => {
          const lng = parseNumber(req.query.lng, 'lng') as number,
            lat = parseNumber(req.query.lat, 'lat') as number;
          const level = Number(req.query.level ?? 8);
          const h = parseNumber(req.query.altitudeM, 'altitudeM');
          const code = encode2D(lng, lat, level);
          return { code, level, cell: decode2D(code).cell, ...(h === undefined ? {} : { code3d: encode3D(lng, lat, h, level) }) };
        }),
    );

    app.get(
      '/grid/beidou/:code',
      {
        config: { permission: 'network.read' },
        schema: {
          tags: ['grid'],
          summary: 'Decode a 2D or 3D BeiDou grid code to its cell (and height range)',
          params: Type.Object({ code: Type.String({ maxLength: 40 }) }),
          response: { 200: GridDecodedSchema, ...errors },
        },
      },
      async (req) =>
        grid(() => {
          const code = req.params.code.toUpperCase();
          // a 3D code carries its height sign after the hemisphere: N0 50J…; a 2D code does not: N50J…
          if (/^[NS][01]\d\d[A-V]/.test(code)) {
            const d = decode3D(code);
            return { code, dimensions: 3 as const, level: d.level, code2d: d.code2d, cell: d.cell, heightLowerM: d.heightLowerM, heightUpperM: d.heightUpperM };
          }
          const d = decode2D(code);
          return { code, dimensions: 2 as const, level: d.level, cell: d.cell };
        }),
    );

    app.post(
      '/grid/beidou/cover',
      {
        config: { permission: 'network.read' },
        bodyLimit: 256 * 1024,
        schema: {
          tags: ['grid'],
          summary: 'The grid cells (2D, or 3D with a height band) that cover a footprint',
          body: Type.Object(
            { outline: OutlineSchema, level: Type.Integer({ minimum: 1, maximum: 10 }), altitudeLowerM: Type.Optional(Type.Number()), altitudeUpperM: Type.Optional(Type.Number()) },
            { additionalProperties: false },
          ),
          response: { 200: GridCoverSchema, ...errors },
        },
      },
      async (req) =>
        grid(() => {
          const b = req.body;
          if ((b.altitudeLowerM === undefined) !== (b.altitudeUpperM === undefined)) throw new ApiError('VALIDATION_FAILED', 'give both altitudeLowerM and altitudeUpperM, or neither');
          const codes = b.altitudeLowerM === undefined ? coverOutline(b.outline, b.level) : coverVolume(b.outline, b.altitudeLowerM, b.altitudeUpperM as number, b.level);
          return { level: b.level, count: codes.length, codes };
        }),
    );

    app.get(
      '/zones/ed269',
      {
        config: { permission: 'network.read' },
        schema: {
          tags: ['airspace'],
          summary: 'All zones as EUROCAE ED-269',
          querystring: Type.Object({ wrapper: Type.Optional(Type.Union([Type.Literal('features'), Type.Literal('UASZoneList')])) }, { additionalProperties: false }),
          response: { 200: ExchangeDocumentSchema, ...errors },
        },
      },
      async (req) => toEd269(listZones(ctx, {}), req.query.wrapper ?? 'features'),
    );

    app.post(
      '/zones/ed269',
      {
        config: { permission: 'zone.import', bodyLimitByRole: { operator: 8 * 1_048_576 } },
        bodyLimit: 16 * 1_048_576,
        schema: { tags: ['airspace'], summary: 'Import ED-269 zones (admin or A station): all or nothing; plans they touch are re-checked', response: { 201: ZonesImportedSchema, ...errors } },
      },
      async (req, reply) => {
        return reply.status(201).send(importEd269(ctx, req.principal, req.body));
      },
    );

    app.get(
      '/flight-plans/:id/astm',
      {
        config: { permission: 'plan.read' },
        schema: { tags: ['flight plans'], summary: 'A plan as ASTM F3548 volumes', params: Type.Object({ id: Type.String({ maxLength: 80 }) }), response: { 200: AstmPlanSchema, ...errors } },
      },
      async (req) => {
        const p = getPlan(ctx, req.principal, req.params.id);
        return { id: p.id, state: p.state, priority: p.priority, volumes: p.volumes.map(volumeToAstm) };
      },
    );

    app.post(
      '/flight-plans/astm',
      {
        config: { permission: 'plan.submit' },
        bodyLimit: 512 * 1024,
        schema: {
          tags: ['flight plans'],
          summary: 'Submit a plan given as ASTM F3548 volumes (used as given)',
          body: Type.Object(
            {
              aircraft: Type.Object({ registration: Type.String({ minLength: 1, maxLength: 40 }), category: CategorySchema }, { additionalProperties: false }),
              mission: MissionSchema,
              priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
              departure: Type.Optional(Type.String({ maxLength: 80 })),
              arrival: Type.Optional(Type.String({ maxLength: 80 })),
              remarks: Type.Optional(Type.String({ maxLength: 2000 })),
              volumes: Type.Array(Type.Unknown(), { minItems: 1, maxItems: 50 }),
            },
            { additionalProperties: false },
          ),
          response: { 201: FlightPlanSchema, ...errors },
        },
      },
      async (req, reply) => {
        const converted = req.body.volumes.map((v, i) => astmToVolume(v, `volumes[${i}]`));
        const problems = converted.flatMap((c) => c.problems);
        if (problems.length) throw new ApiError('INVALID_ASTM_VOLUME', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
        const { volumes: _v, ...rest } = req.body;
        quota.take(req.principal.id, 1, companyOf(req.principal));
        const r = submitPlan(ctx, req.principal, { ...rest, volumes: converted.map((c) => c.volume as NonNullable<typeof c.volume>) });
        return reply.status(201).send(r.body as FlightPlan);
      },
    );

    app.get(
      '/export/zones.geojson',
      { config: { permission: 'network.read' }, schema: { tags: ['exports'], summary: 'Zones as GeoJSON', response: { 200: ExchangeDocumentSchema, ...errors } } },
      async (_req, reply) => reply.type('application/geo+json').send(zonesGeoJson(listZones(ctx, {}))),
    );
    app.get(
      '/export/landing-points.geojson',
      { config: { permission: 'network.read' }, schema: { tags: ['exports'], summary: 'Landing points as GeoJSON', response: { 200: ExchangeDocumentSchema, ...errors } } },
      async (_req, reply) => reply.type('application/geo+json').send(landingPointsGeoJson(ctx.airspace.landingPoints.values().sort((a, b) => a.id.localeCompare(b.id)))),
    );
    app.get(
      '/export/plans.geojson',
      {
        config: { permission: 'plan.read' },
        schema: {
          tags: ['exports'],
          summary: 'Plan volumes you may see, as GeoJSON',
          querystring: Type.Object({ state: Type.Optional(Type.String({ pattern: '^[a-z,]+$', maxLength: 100 })) }, { additionalProperties: false }),
          response: { 200: ExchangeDocumentSchema, ...errors },
        },
      },
      async (req, reply) => reply.type('application/geo+json').send(plansGeoJson(listPlans(ctx, req.principal, { state: req.query.state?.split(','), limit: 5000 }))),
    );
    app.get(
      '/export/flights.csv',
      {
        config: { permission: 'plan.read' },
        schema: {
          tags: ['exports'],
          summary: 'Flight records you may see, as CSV',
          querystring: Type.Object({ state: Type.Optional(Type.String({ pattern: '^[a-z,]+$', maxLength: 100 })) }, { additionalProperties: false }),
          response: { 200: ExchangeDocumentSchema, ...errors },
        },
      },
      async (req, reply) =>
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="flights.csv"')
          .send(flightsCsv(listPlans(ctx, req.principal, { state: req.query.state?.split(','), limit: 5000 }))),
    );
  };
