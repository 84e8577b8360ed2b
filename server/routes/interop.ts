/** BeiDou grid codes, ED-269 zones, ASTM volumes and exports. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { decode2D, encode2D, GridCodeError } from '../../shared/grid/beidou-code.js';
import { coverOutline, coverVolume } from '../../shared/grid/beidou-cover.js';
import { decode3D, encode3D } from '../../shared/grid/beidou-height.js';
import { astmToVolume, volumeToAstm } from '../../shared/io/astm-volumes.js';
import { parseEd269, toEd269 } from '../../shared/io/ed269.js';
import { flightsCsv, landingPointsGeoJson, plansGeoJson, zonesGeoJson } from '../../shared/io/exports.js';
import { ErrorSchema } from '../../shared/schemas/api.js';
import { MissionSchema } from '../../shared/schemas/flight-plan.js';
import { OutlineSchema, type OutlineInput } from '../../shared/schemas/geometry.js';
import { CategorySchema } from '../../shared/schemas/zone.js';
import type { FlightPlanInput } from '../../shared/schemas/flight-plan.js';
import { ApiError } from '../errors.js';
import { isAStationOperator, requireRole } from '../services/access.js';
import type { ServiceContext } from '../services/context.js';
import { getPlan, listPlans, submitPlan } from '../services/plan-service.js';
import { listZones, publishZones } from '../services/zone-service.js';
import { parseNumber } from './query.js';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

function grid<T>(f: () => T): T {
  try { return f(); } catch (e) {
    if (e instanceof GridCodeError) throw new ApiError(e.code, e.message, undefined, 400);
    throw e;
  }
}

export const interopRoutes = (ctx: ServiceContext): FastifyPluginAsync => async (app) => {
  app.get<{ Querystring: { lng: string; lat: string; level?: string; altitudeM?: string } }>('/grid/beidou', {
    schema: { tags: ['grid'], summary: 'BeiDou grid location code (GB/T 39409-2020) of a point; 3D code when altitudeM is given',
      querystring: Type.Object({ lng: Type.String({ maxLength: 30 }), lat: Type.String({ maxLength: 30 }), level: Type.Optional(Type.String({ pattern: '^(10|[1-9])$' })), altitudeM: Type.Optional(Type.String({ maxLength: 30 })) }, { additionalProperties: false }),
      response: errors },
  }, async (req) => grid(() => {
    const lng = parseNumber(req.query.lng, 'lng') as number, lat = parseNumber(req.query.lat, 'lat') as number;
    const level = Number(req.query.level ?? 8);
    const h = parseNumber(req.query.altitudeM, 'altitudeM');
    const code = encode2D(lng, lat, level);
    return { code, level, cell: decode2D(code).cell, ...(h === undefined ? {} : { code3d: encode3D(lng, lat, h, level) }) };
  }));

  app.get<{ Params: { code: string } }>('/grid/beidou/:code', {
    schema: { tags: ['grid'], summary: 'Decode a 2D or 3D BeiDou grid code to its cell (and height range)', params: Type.Object({ code: Type.String({ maxLength: 40 }) }), response: errors },
  }, async (req) => grid(() => {
    const code = req.params.code.toUpperCase();
    // a 3D code carries its height sign after the hemisphere: N0 50J…; a 2D code does not: N50J…
    if (/^[NS][01]\d\d[A-V]/.test(code)) {
      const d = decode3D(code);
      return { code, dimensions: 3, level: d.level, code2d: d.code2d, cell: d.cell, heightLowerM: d.heightLowerM, heightUpperM: d.heightUpperM };
    }
    const d = decode2D(code);
    return { code, dimensions: 2, level: d.level, cell: d.cell };
  }));

  app.post<{ Body: { outline: OutlineInput; level: number; altitudeLowerM?: number; altitudeUpperM?: number } }>('/grid/beidou/cover', {
    schema: { tags: ['grid'], summary: 'The grid cells (2D, or 3D with a height band) that cover a footprint',
      body: Type.Object({ outline: OutlineSchema, level: Type.Integer({ minimum: 1, maximum: 10 }), altitudeLowerM: Type.Optional(Type.Number()), altitudeUpperM: Type.Optional(Type.Number()) }, { additionalProperties: false }),
      response: errors },
  }, async (req) => grid(() => {
    const b = req.body;
    if ((b.altitudeLowerM === undefined) !== (b.altitudeUpperM === undefined)) throw new ApiError('VALIDATION_FAILED', 'give both altitudeLowerM and altitudeUpperM, or neither', undefined, 400);
    const codes = b.altitudeLowerM === undefined ? coverOutline(b.outline, b.level) : coverVolume(b.outline, b.altitudeLowerM, b.altitudeUpperM as number, b.level);
    return { level: b.level, count: codes.length, codes };
  }));

  app.get<{ Querystring: { wrapper?: 'features' | 'UASZoneList' } }>('/zones/ed269', {
    schema: { tags: ['airspace'], summary: 'All zones as EUROCAE ED-269', querystring: Type.Object({ wrapper: Type.Optional(Type.Union([Type.Literal('features'), Type.Literal('UASZoneList')])) }, { additionalProperties: false }), response: errors },
  }, async (req) => toEd269(listZones(ctx, {}), req.query.wrapper ?? 'features'));

  app.post('/zones/ed269', {
    bodyLimit: 16 * 1_048_576,
    schema: { tags: ['airspace'], summary: 'Import ED-269 zones (admin or A station): all or nothing; plans they touch are re-checked',
      response: { 201: Type.Object({ imported: Type.Array(Type.String()), affected: Type.Array(Type.Unknown()) }), ...errors } },
  }, async (req, reply) => {
    requireRole(req.principal, 'operator');
    if (req.principal.role === 'operator' && !isAStationOperator(req.principal, ctx.aStationId)) throw new ApiError('FORBIDDEN', 'the A station imports airspace data');
    const { zones, problems } = parseEd269(req.body);
    const clash = zones.filter((z) => ctx.airspace.zones.has(z.id) || ctx.zones.get(z.id)).map((z) => ({ path: z.id, message: `zone ${z.id} already exists` }));
    if (problems.length || clash.length) throw new ApiError('INVALID_ED269', `${problems.length + clash.length} problem(s); nothing was imported`, [...problems, ...clash], 400);
    const results = publishZones(ctx, req.principal, zones, 'import');
    return reply.status(201).send({ imported: zones.map((z) => z.id), affected: results.flatMap((r) => r.affected) });
  });

  app.get<{ Params: { id: string } }>('/flight-plans/:id/astm', {
    schema: { tags: ['flight plans'], summary: 'A plan as ASTM F3548 volumes', params: Type.Object({ id: Type.String({ maxLength: 80 }) }), response: errors },
  }, async (req) => {
    const p = getPlan(ctx, req.principal, req.params.id);
    return { id: p.id, state: p.state, priority: p.priority, volumes: p.volumes.map(volumeToAstm) };
  });

  app.post<{ Body: { aircraft: FlightPlanInput['aircraft']; mission: FlightPlanInput['mission']; priority?: number; departure?: string; arrival?: string; remarks?: string; volumes: unknown[] } }>('/flight-plans/astm', {
    schema: { tags: ['flight plans'], summary: 'Submit a plan given as ASTM F3548 volumes (used as given)',
      body: Type.Object({ aircraft: Type.Object({ registration: Type.String({ minLength: 1, maxLength: 40 }), category: CategorySchema }, { additionalProperties: false }),
        mission: MissionSchema, priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })), departure: Type.Optional(Type.String({ maxLength: 80 })),
        arrival: Type.Optional(Type.String({ maxLength: 80 })), remarks: Type.Optional(Type.String({ maxLength: 2000 })),
        volumes: Type.Array(Type.Unknown(), { minItems: 1, maxItems: 50 }) }, { additionalProperties: false }),
      response: errors },
  }, async (req, reply) => {
    const converted = req.body.volumes.map((v, i) => astmToVolume(v, `volumes[${i}]`));
    const problems = converted.flatMap((c) => c.problems);
    if (problems.length) throw new ApiError('INVALID_ASTM_VOLUME', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems, 400);
    const { volumes: _v, ...rest } = req.body;
    const r = submitPlan(ctx, req.principal, { ...rest, volumes: converted.map((c) => c.volume as NonNullable<typeof c.volume>) });
    return reply.status(r.status).send(r.body);
  });

  app.get('/export/zones.geojson', { schema: { tags: ['exports'], summary: 'Zones as GeoJSON', response: errors } },
    async (_req, reply) => reply.type('application/geo+json').send(zonesGeoJson(listZones(ctx, {}))));
  app.get('/export/landing-points.geojson', { schema: { tags: ['exports'], summary: 'Landing points as GeoJSON', response: errors } },
    async (_req, reply) => reply.type('application/geo+json').send(landingPointsGeoJson(ctx.airspace.landingPoints.values().sort((a, b) => a.id.localeCompare(b.id)))));
  app.get<{ Querystring: { state?: string } }>('/export/plans.geojson', {
    schema: { tags: ['exports'], summary: 'Plan volumes you may see, as GeoJSON', querystring: Type.Object({ state: Type.Optional(Type.String({ pattern: '^[a-z,]+$', maxLength: 100 })) }, { additionalProperties: false }), response: errors },
  }, async (req, reply) => reply.type('application/geo+json').send(plansGeoJson(listPlans(ctx, req.principal, { state: req.query.state?.split(','), limit: 5000 }))));
  app.get<{ Querystring: { state?: string } }>('/export/flights.csv', {
    schema: { tags: ['exports'], summary: 'Flight records you may see, as CSV', querystring: Type.Object({ state: Type.Optional(Type.String({ pattern: '^[a-z,]+$', maxLength: 100 })) }, { additionalProperties: false }), response: errors },
  }, async (req, reply) => reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="flights.csv"')
    .send(flightsCsv(listPlans(ctx, req.principal, { state: req.query.state?.split(','), limit: 5000 }))));
};
