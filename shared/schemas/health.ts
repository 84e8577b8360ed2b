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
    mapStyleUrl: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type Health = Static<typeof HealthSchema>;
