/** The real-name registry: companies, credentials, aircraft, pilots, insurance. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { ErrorSchema } from '../../shared/schemas/api.js';
import {
  AircraftInputSchema,
  AircraftSchema,
  CompanyInputSchema,
  CompanySchema,
  CredentialsInputSchema,
  InsuranceInputSchema,
  InsuranceSchema,
  PilotCreatedSchema,
  PilotInputSchema,
  PilotSchema,
} from '../../shared/schemas/registry.js';
import type { ServiceContext } from '../services/context.js';
import { changeCredentials, companyRecords, readCompany, registerAircraft, registerCompany, registerInsurance, registerPilot } from '../services/registry-service.js';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const tags = ['registry'];
const Id = Type.Object({ id: Type.String({ maxLength: 80 }) });
const ByCompany = Type.Object({ companyId: Type.Optional(Type.String({ maxLength: 80 })) }, { additionalProperties: false });

export const registryRoutes =
  (ctx: ServiceContext): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.post(
      '/companies',
      {
        config: { permission: 'company.create' },
        bodyLimit: 16 * 1024,
        schema: { tags, summary: 'Register a company by its unified social credit code (admin)', body: CompanyInputSchema, response: { 201: CompanySchema, ...errors } },
      },
      async (req, reply) => reply.status(201).send(registerCompany(ctx, req.principal, req.body)),
    );
    app.get(
      '/companies/:id',
      { config: { permission: 'company.read' }, schema: { tags, summary: 'A company: operators, and the company itself', params: Id, response: { 200: CompanySchema, ...errors } } },
      async (req) => readCompany(ctx, req.principal, req.params.id),
    );
    app.post(
      '/companies/:id/credentials',
      {
        config: { permission: 'company.credentials' },
        bodyLimit: 16 * 1024,
        schema: {
          tags,
          summary: 'Grant or revoke credentials (emergency, public-service, commercial): admin or the A station',
          params: Id,
          body: CredentialsInputSchema,
          response: { 200: CompanySchema, ...errors },
        },
      },
      async (req) => changeCredentials(ctx, req.principal, req.params.id, req.body),
    );
    app.post(
      '/aircraft',
      {
        config: { permission: 'registry.manage' },
        bodyLimit: 16 * 1024,
        schema: { tags, summary: "Register an aircraft by real name (the company's admin)", body: AircraftInputSchema, response: { 201: AircraftSchema, ...errors } },
      },
      async (req, reply) => reply.status(201).send(registerAircraft(ctx, req.principal, req.body)),
    );
    app.get(
      '/aircraft',
      {
        config: { permission: 'registry.read' },
        schema: { tags, summary: 'Registered aircraft (your company; operators: any)', querystring: ByCompany, response: { 200: Type.Object({ aircraft: Type.Array(AircraftSchema) }), ...errors } },
      },
      async (req) => ({ aircraft: companyRecords(ctx, req.principal, req.query.companyId, 'aircraft') }),
    );
    app.post(
      '/pilots',
      {
        config: { permission: 'registry.manage' },
        bodyLimit: 16 * 1024,
        schema: { tags, summary: "Register a pilot with its licence (the company's admin); answers the pilot's token once", body: PilotInputSchema, response: { 201: PilotCreatedSchema, ...errors } },
      },
      async (req, reply) => reply.status(201).send(registerPilot(ctx, req.principal, req.body)),
    );
    app.get(
      '/pilots',
      {
        config: { permission: 'registry.read' },
        schema: { tags, summary: "A company's pilots and licences", querystring: ByCompany, response: { 200: Type.Object({ pilots: Type.Array(PilotSchema) }), ...errors } },
      },
      async (req) => ({ pilots: companyRecords(ctx, req.principal, req.query.companyId, 'pilots') }),
    );
    app.post(
      '/insurance',
      {
        config: { permission: 'registry.manage' },
        bodyLimit: 16 * 1024,
        schema: { tags, summary: 'Register a third-party liability policy (one aircraft, or the fleet)', body: InsuranceInputSchema, response: { 201: InsuranceSchema, ...errors } },
      },
      async (req, reply) => reply.status(201).send(registerInsurance(ctx, req.principal, req.body)),
    );
    app.get(
      '/insurance',
      {
        config: { permission: 'registry.read' },
        schema: { tags, summary: "A company's insurance policies", querystring: ByCompany, response: { 200: Type.Object({ insurance: Type.Array(InsuranceSchema) }), ...errors } },
      },
      async (req) => ({ insurance: companyRecords(ctx, req.principal, req.query.companyId, 'insurance') }),
    );
  };
