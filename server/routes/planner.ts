/** Planner: rollout studies (run, list, read, HTML report) and the usage evaluation of recorded traffic. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ScenarioBundle } from '../../shared/io/scenario-features.js';
import { ErrorSchema } from '../../shared/schemas/api.js';
import { ExchangeDocumentSchema } from '../../shared/schemas/responses.js';
import { RolloutRecordSchema, RolloutRequestSchema, UsageQuerySchema, type RolloutRecordMessage } from '../../shared/schemas/planner.js';
import { ApiError } from '../errors.js';
import { reportHtml } from '../planner/report-html.js';
import { studyTitle } from '../planner/report-text.js';
import type { RolloutJobs } from '../planner/rollout-jobs.js';
import { rolloutOptionsFromRequest } from '../planner/rollout-request.js';
import type { RolloutResult } from '../planner/run-rollout.js';
import type { TrackUsageRecorder } from '../planner/track-usage.js';
import { assertAllowed, assertCanCancelStudy } from '../policy/access-policy.js';
import { usageReport } from '../services/usage-service.js';
import { adoptRollout, adoptUsage, NOT_ADOPTED_CODES } from '../services/edition-adopt.js';
import { EditionSchema } from '../../shared/schemas/edition.js';
import type { ServiceContext } from '../services/context.js';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 429: ErrorSchema };
const Id = Type.Object({ id: Type.String({ maxLength: 40 }) });
/** the most simulated flights a day one phase may carry (a study stays within minutes) */
export const MAX_FLIGHTS_PER_DAY = 30_000;
const ADOPTABLE = ['corridor', 'zone-schedule', 'landing-point-capacity'] as const;

export const plannerRoutes =
  (ctx: ServiceContext, jobs: RolloutJobs, tracks: TrackUsageRecorder, scenario: ScenarioBundle): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    const record = (id: string) => {
      const r = jobs.get(id);
      if (!r) throw new ApiError('NOT_FOUND', `no rollout study ${id}`);
      return r;
    };

    app.post(
      '/planner/rollouts',
      {
        config: { permission: 'planner.study' },
        bodyLimit: 8 * 1_048_576,
        schema: {
          tags: ['planner'],
          summary: 'Start a landing-point rollout study (placement, coverage, base stations, a simulated day of traffic per phase)',
          body: RolloutRequestSchema,
          response: { 202: RolloutRecordSchema, ...errors },
        },
      },
      async (req, reply) => {
        const options = rolloutOptionsFromRequest(req.body);
        const biggest = Math.max(...options.phases);
        if (options.traffic && biggest * options.traffic.flightsPerPointPerDay > MAX_FLIGHTS_PER_DAY) {
          throw new ApiError(
            'VALIDATION_FAILED',
            `${biggest} points × ${options.traffic.flightsPerPointPerDay} flights is more than ${MAX_FLIGHTS_PER_DAY.toLocaleString('en')} flights a day to simulate; lower the demand or run without traffic`,
          );
        }
        const name = req.body.name ?? `${options.strategy} ${options.phases.join('/')} seed ${options.seed}`;
        return reply.status(202).send(jobs.submit(req.principal.id, name, options, req.body.weights) as RolloutRecordMessage);
      },
    );

    app.get(
      '/planner/rollouts',
      {
        config: { permission: 'planner.study' },
        schema: { tags: ['planner'], summary: 'Rollout studies, newest first, with their progress or per-phase summary', response: { 200: Type.Array(RolloutRecordSchema), ...errors } },
      },
      async () => {
        return jobs.list() as RolloutRecordMessage[];
      },
    );

    app.get(
      '/planner/rollouts/:id',
      {
        config: { permission: 'planner.study' },
        schema: {
          tags: ['planner'],
          summary: 'A rollout study; once done, with its full result (sites, stations, phases, coverage cells, usage)',
          params: Id,
          response: { 200: ExchangeDocumentSchema, ...errors },
        },
      },
      async (req, reply) => {
        const r = record(req.params.id);
        const result = r.state === 'done' ? jobs.result(r.id) : undefined;
        return reply.type('application/json').send(`{"record":${JSON.stringify(r)},"result":${result ?? 'null'}}`);
      },
    );

    app.post(
      '/planner/rollouts/:id/cancel',
      {
        config: { permission: 'planner.study' },
        schema: { tags: ['planner'], summary: 'Stop a queued or running study', params: Id, response: { 200: RolloutRecordSchema, ...errors } },
      },
      async (req) => {
        assertCanCancelStudy(req.principal, record(req.params.id));
        return jobs.cancel(req.params.id, req.principal.id) as RolloutRecordMessage;
      },
    );

    app.get(
      '/planner/rollouts/:id/report.html',
      {
        config: { permission: 'planner.study' },
        schema: {
          tags: ['planner'],
          summary: 'The self-contained HTML report of a finished study (Chinese by default, `lang=en` for English)',
          params: Id,
          querystring: Type.Object({ lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')])) }, { additionalProperties: false }),
          response: { 200: ExchangeDocumentSchema, ...errors },
        },
      },
      async (req, reply) => {
        const r = record(req.params.id);
        if (r.state !== 'done') throw new ApiError('CONFLICT', `study ${r.id} is ${r.state}; the report exists once it is done`, { state: r.state });
        const result = JSON.parse(jobs.result(r.id) as string) as RolloutResult;
        const lang = req.query.lang ?? 'zh';
        return reply.type('text/html; charset=utf-8').send(reportHtml(result, scenario, `${lang === 'zh' ? '渝空' : 'Yukong'} — ${studyTitle(r.name, lang)}`, lang));
      },
    );

    app.get(
      '/planner/usage',
      {
        config: { permission: 'planner.usage' },
        schema: {
          tags: ['planner'],
          summary: 'Evaluation of recorded traffic: H3 utilisation by hour, busiest cells and landing points, zones that turned demand away, suggested adjustments',
          querystring: UsageQuerySchema,
          response: { 200: ExchangeDocumentSchema, ...errors },
        },
      },
      async (req) => usageReport(ctx, tracks, scenario, req.principal, req.query),
    );

    const Adopted = Type.Object({
      edition: EditionSchema,
      notAdopted: Type.Array(Type.Object({ kind: Type.String(), ref: Type.String(), code: Type.Union(NOT_ADOPTED_CODES.map((c) => Type.Literal(c))), why: Type.String() })),
    });
    app.post(
      '/planner/rollouts/:id/adopt',
      {
        config: { permission: 'edition.draft' },
        schema: {
          tags: ['planner', 'airspace'],
          summary: "A phase's new sites as a draft edition of landing points (each proposed, to be accepted or declined)",
          params: Id,
          body: Type.Object({ phase: Type.Integer({ minimum: 1, maximum: 5000, description: 'the phase by its number of points, as in the study' }) }, { additionalProperties: false }),
          response: { 201: Adopted, ...errors },
        },
      },
      async (req, reply) => {
        const r = record(req.params.id);
        if (r.state !== 'done') throw new ApiError('CONFLICT', `study ${r.id} is ${r.state}; its sites can be adopted once it is done`, { state: r.state });
        const result = JSON.parse(jobs.result(r.id) as string) as RolloutResult;
        return reply.status(201).send(adoptRollout(ctx, req.principal, r.id, result, req.body.phase));
      },
    );
    app.post(
      '/planner/usage/adopt',
      {
        config: { permission: 'edition.draft' },
        schema: {
          tags: ['planner', 'airspace'],
          summary: "The usage evaluation's proposals (corridors, weekly openings, capacity) as a draft edition, each proposed",
          body: Type.Composite(
            [Type.Omit(UsageQuerySchema, ['top']), Type.Object({ kinds: Type.Optional(Type.Array(Type.Union(ADOPTABLE.map((k) => Type.Literal(k))), { minItems: 1, maxItems: 3 })) })],
            { additionalProperties: false },
          ),
          response: { 201: Adopted, ...errors },
        },
      },
      async (req, reply) => {
        assertAllowed(req.principal, 'planner.usage');
        const { kinds, ...q } = req.body;
        const report = usageReport(ctx, tracks, scenario, req.principal, { ...q, top: '500' });
        return reply.status(201).send(adoptUsage(ctx, req.principal, report, kinds));
      },
    );
  };
