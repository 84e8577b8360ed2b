/** GET /api/v1/health: liveness and the server's clock. */
import { Type, type Static } from '@sinclair/typebox';

export const HealthSchema = Type.Object(
  {
    status: Type.Literal('ok'),
    /** the server's clock (simulated time when the simulation runs), ISO */
    now: Type.String({ format: 'date-time' }),
    simulation: Type.Object({ enabled: Type.Boolean(), speed: Type.Number(), running: Type.Boolean() }),
    scenario: Type.String(),
    uptimeS: Type.Number(),
    stations: Type.Object({ A: Type.Integer(), B: Type.Integer(), X: Type.Integer() }),
    landingPoints: Type.Integer(),
    zones: Type.Integer(),
    bookedPlans: Type.Integer(),
    stream: Type.Object({ clients: Type.Integer() }),
    /** where the live pipeline's conformance monitor runs; `failure`: why its worker thread was given up */
    monitor: Type.Object({ thread: Type.Union([Type.Literal('worker'), Type.Literal('main')]), failure: Type.Optional(Type.String()) }),
    /** which server answered (several may serve one database) */
    instance: Type.String(),
    store: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
    /** with PostgreSQL: whether this server is the primary, and how far behind the others' changes it is */
    cluster: Type.Optional(
      Type.Object({
        primary: Type.Boolean(),
        primaryInstance: Type.Union([Type.String(), Type.Null()]),
        lastSeq: Type.Integer(),
        lagMs: Type.Object({ last: Type.Union([Type.Number(), Type.Null()]), p50: Type.Union([Type.Number(), Type.Null()]), p99: Type.Union([Type.Number(), Type.Null()]), samples: Type.Integer() }),
      }),
    ),
    mapStyleUrl: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type Health = Static<typeof HealthSchema>;
