/** Planner API messages: rollout study requests and records, usage evaluation queries. */
import { Type, type Static } from '@sinclair/typebox';

export const RolloutRequestSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    phases: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 5000 }), { minItems: 1, maxItems: 8 })),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31 })),
    strategy: Type.Optional(Type.Union([Type.Literal('coverage'), Type.Literal('random')])),
    radiusKm: Type.Optional(Type.Number({ minimum: 0.5, maximum: 50 })),
    droneRangeKm: Type.Optional(Type.Number({ minimum: 1, maximum: 200 })),
    stationRadiusKm: Type.Optional(Type.Number({ minimum: 1, maximum: 50 })),
    keepExisting: Type.Optional(Type.Boolean()),
    traffic: Type.Optional(Type.Boolean({ description: 'simulate one day of traffic per phase (default true)' })),
    flightsPerPointPerDay: Type.Optional(Type.Number({ minimum: 0, maximum: 50 })),
    /** the planner's own candidate sites */
    sites: Type.Optional(
      Type.Array(
        Type.Object(
          {
            id: Type.String({ minLength: 1, maxLength: 80 }),
            name: Type.Optional(Type.String({ maxLength: 200 })),
            location: Type.Tuple([Type.Number({ minimum: -180, maximum: 180 }), Type.Number({ minimum: -90, maximum: 90 })]),
          },
          { additionalProperties: false },
        ),
        { maxItems: 5000 },
      ),
    ),
    /** township code → demand weight (population or demand); 1 for townships not listed */
    weights: Type.Optional(Type.Record(Type.String({ pattern: '^[0-9]{6,12}$' }), Type.Number({ minimum: 0, maximum: 1e9 }), { additionalProperties: false, maxProperties: 5000 })),
  },
  { additionalProperties: false },
);
export type RolloutRequest = Static<typeof RolloutRequestSchema>;

const N = Type.Number();
export const PhaseTrafficSchema = Type.Object({
  flightsRequested: N,
  flightsApproved: N,
  flightsRejected: N,
  rejectedByReason: Type.Record(Type.String(), N),
  flightsPending: N,
  flightsFlown: N,
  suggestionsTaken: N,
  meanDelayS: N,
  conflictsPer1000: N,
  conflictsAtLandingPointsPct: N,
  lossOfSeparationPer1000: N,
  slotUtilisationMeanPct: N,
  slotUtilisationPeakPct: N,
  peakCellHourFlights: N,
  peakCellHourUtilisationPct: N,
  peakCell: Type.Union([Type.String(), Type.Null()]),
  surveillancePct: N,
  flightsPreempted: N,
  /** what the simulated day earns under the tariff, in fen (absent in studies made before pricing) */
  revenue: Type.Optional(
    Type.Object({
      totalFen: N,
      byElement: Type.Record(Type.String(), N),
      byRecipient: Type.Object({ aStation: N, bStations: N, landingPoints: N, surveillance: N }),
      perFlight: Type.Object({ flights: N, meanFen: N, p10Fen: N, p50Fen: N, p90Fen: N }),
    }),
  ),
});

/** One phase of a rollout study, as in summary.json. */
export const PhaseSummarySchema = Type.Object({
  points: N,
  districtsCovered: N,
  districtsTotal: N,
  townshipsWithinRPct: N,
  demandWithinRPct: N,
  radiusKm: N,
  meanDistanceKm: N,
  p90DistanceKm: N,
  baseStations: N,
  networkComponents: N,
  largestComponentPct: N,
  relaysToConnect: N,
  baselineTownshipsWithinRPct: N,
  traffic: Type.Union([PhaseTrafficSchema, Type.Null()]),
});
export type PhaseSummary = Static<typeof PhaseSummarySchema>;

export const ROLLOUT_STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;

export const RolloutProgressSchema = Type.Object({ step: Type.String(), phase: Type.Optional(Type.Integer()), fraction: Type.Number() });

export const RolloutRecordSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  createdBy: Type.String(),
  createdAt: Type.String(),
  finishedAt: Type.Optional(Type.String()),
  state: Type.Union(ROLLOUT_STATES.map((s) => Type.Literal(s))),
  options: Type.Unknown(),
  error: Type.Optional(Type.String()),
  progress: Type.Optional(RolloutProgressSchema),
  /** one entry per phase (points, districtsCovered, townshipsWithinRPct, baseStations, traffic...) */
  summary: Type.Optional(Type.Array(PhaseSummarySchema)),
});
export type RolloutRecordMessage = Static<typeof RolloutRecordSchema>;

export const UsageQuerySchema = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    resolution: Type.Optional(Type.String({ pattern: '^(5|6|7|8|9)$' })),
    capacityPerCellHour: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,3}$' })),
    /** how many of the busiest cells, cell-hours, points and zones to list (default 20, at most 500) */
    top: Type.Optional(Type.String({ pattern: '^([1-9][0-9]{0,1}|[1-4][0-9]{2}|500)$' })),
  },
  { additionalProperties: false },
);
