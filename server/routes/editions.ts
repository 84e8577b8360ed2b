/** Airspace editions: drafts, changes, review, publication, preview, the difference and the airspace as of any edition. */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorSchema } from '../../shared/schemas/api.js';
import {
  ChangeDecisionSchema,
  ChangeInputSchema,
  EDITION_STATUSES,
  EditionInputSchema,
  EditionPreviewSchema,
  EditionSchema,
  PublishInputSchema,
  ReviewInputSchema,
} from '../../shared/schemas/edition.js';
import { ExchangeDocumentSchema } from '../../shared/schemas/responses.js';
import type { ServiceContext } from '../services/context.js';
import {
  addChanges,
  airspaceOf,
  createEdition,
  decideChange,
  decideChanges,
  diffOf,
  readEdition,
  listEditions,
  editionActions,
  viewOf,
  previewOf,
  publishEdition,
  reviewEdition,
  withdrawEdition,
} from '../services/edition-service.js';

const tags = ['airspace'];
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const Id = Type.Object({ id: Type.String({ minLength: 1, maxLength: 80 }) });
const BODY_LIMIT = 8 * 1024 * 1024; // an edition of a thousand zone changes

export const editionRoutes =
  (ctx: ServiceContext): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    const base = '/airspace/editions';
    app.get(
      base,
      {
        config: { permission: 'network.read' },
        schema: {
          tags,
          summary: 'Airspace editions, newest first (drafts, reviewed, scheduled, effective, withdrawn)',
          querystring: Type.Object({ status: Type.Optional(Type.Union(EDITION_STATUSES.map((s) => Type.Literal(s)))) }, { additionalProperties: false }),
          response: {
            200: Type.Object({
              editions: Type.Array(EditionSchema),
              /** by edition id: what the caller may do with it now (review, publish, withdraw), as the policy decides */
              may: Type.Record(Type.String(), Type.Object({ review: Type.Boolean(), publish: Type.Boolean(), withdraw: Type.Boolean() })),
            }),
            ...errors,
          },
        },
      },
      async (req) => {
        const editions = listEditions(ctx, req.query.status);
        const view = viewOf(ctx);
        return { editions, may: Object.fromEntries(editions.map((e) => [e.id, editionActions(ctx, req.principal, e, view)])) };
      },
    );
    app.post(
      base,
      {
        config: { permission: 'edition.draft' },
        bodyLimit: BODY_LIMIT,
        schema: { tags, summary: 'A draft edition with changes to zones and landing points', body: EditionInputSchema, response: { 201: EditionSchema, ...errors } },
      },
      async (req, reply) => reply.status(201).send(createEdition(ctx, req.principal, req.body)),
    );
    app.get(
      `${base}/:id`,
      { config: { permission: 'network.read' }, schema: { tags, summary: 'One edition with its changes', params: Id, response: { 200: EditionSchema, ...errors } } },
      async (req) => readEdition(ctx, req.params.id),
    );
    app.post(
      `${base}/:id/changes`,
      {
        config: { permission: 'edition.draft' },
        bodyLimit: BODY_LIMIT,
        schema: {
          tags,
          summary: 'Add changes to a draft (a reviewed edition goes back to draft)',
          params: Id,
          body: Type.Object({ changes: Type.Array(ChangeInputSchema, { minItems: 1, maxItems: 5000 }) }, { additionalProperties: false }),
          response: { 200: EditionSchema, ...errors },
        },
      },
      async (req) => addChanges(ctx, req.principal, req.params.id, req.body.changes),
    );
    app.patch(
      `${base}/:id/changes/:index`,
      {
        config: { permission: 'edition.draft' },
        schema: {
          tags,
          summary: 'Accept or decline one change (adopted proposals arrive as proposed)',
          params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 80 }), index: Type.String({ pattern: '^[0-9]{1,6}$' }) }),
          body: ChangeDecisionSchema,
          response: { 200: EditionSchema, ...errors },
        },
      },
      async (req) => decideChange(ctx, req.principal, req.params.id, Number(req.params.index), req.body.status),
    );
    app.patch(
      `${base}/:id/changes`,
      {
        config: { permission: 'edition.draft' },
        schema: {
          tags,
          summary: 'Accept or decline several changes at once (all or none)',
          params: Id,
          body: Type.Object(
            { status: Type.Union([Type.Literal('accepted'), Type.Literal('declined')]), indexes: Type.Array(Type.Integer({ minimum: 0 }), { minItems: 1, maxItems: 5000 }) },
            { additionalProperties: false },
          ),
          response: { 200: EditionSchema, ...errors },
        },
      },
      async (req) => decideChanges(ctx, req.principal, req.params.id, req.body.indexes, req.body.status),
    );
    app.post(
      `${base}/:id/review`,
      {
        config: { permission: 'edition.review' },
        schema: {
          tags,
          summary: 'Review a draft: approve it for publication or return it (an operator who did not edit it)',
          params: Id,
          body: ReviewInputSchema,
          response: { 200: EditionSchema, ...errors },
        },
      },
      async (req) => reviewEdition(ctx, req.principal, req.params.id, req.body.verdict, req.body.comment),
    );
    app.post(
      `${base}/:id/publish`,
      {
        config: { permission: 'edition.publish' },
        schema: {
          tags,
          summary: 'Publish a reviewed edition with its effective time (the A station); it gets its number and takes effect then',
          params: Id,
          body: PublishInputSchema,
          response: { 200: EditionSchema, ...errors },
        },
      },
      async (req) => publishEdition(ctx, req.principal, req.params.id, req.body.effectiveAt),
    );
    app.post(
      `${base}/:id/withdraw`,
      { config: { permission: 'edition.draft' }, schema: { tags, summary: 'Withdraw an edition before it takes effect', params: Id, response: { 200: EditionSchema, ...errors } } },
      async (req) => withdrawEdition(ctx, req.principal, req.params.id),
    );
    app.get(
      `${base}/:id/preview`,
      {
        config: { permission: 'edition.draft' },
        schema: { tags, summary: 'Which plans each accepted change touches, and what re-checking them would do', params: Id, response: { 200: EditionPreviewSchema, ...errors } },
      },
      async (req) => previewOf(ctx, req.principal, req.params.id),
    );
    app.get(
      `${base}/:id/diff`,
      {
        config: { permission: 'network.read' },
        schema: { tags, summary: 'What the edition changes, as GeoJSON (each zone or point before and after)', params: Id, response: { 200: ExchangeDocumentSchema, ...errors } },
      },
      async (req, reply) => reply.type('application/geo+json').send(diffOf(ctx, req.params.id)),
    );
    app.get(
      '/airspace/as-of/:number',
      {
        config: { permission: 'network.read' },
        schema: {
          tags,
          summary: 'The zones of record as of an edition number (0: before any edition), as GeoJSON',
          params: Type.Object({ number: Type.String({ pattern: '^[0-9]{1,9}$', description: 'edition number; 0 is the airspace before any edition' }) }),
          response: { 200: ExchangeDocumentSchema, ...errors },
        },
      },
      async (req, reply) => reply.type('application/geo+json').send(airspaceOf(ctx, Number(req.params.number))),
    );
  };
