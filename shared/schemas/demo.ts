/**
 * Demo sign-in (a local demo install only): who one may sign in as with one click. Identities are
 * codes and ids; the client words them.
 */
import { Type, type Static } from '@sinclair/typebox';

export const DEMO_ROLES = ['operator', 'pilot', 'company-admin', 'planner', 'viewer'] as const;

export const DemoIdentitySchema = Type.Object(
  {
    /** stable: `operator:A-CQ`, `operator:B-500103`, `pilot:CQ-LOGI`, `company-admin:CQ-LOGI`, `planner`, `viewer` */
    id: Type.String(),
    role: Type.Union(DEMO_ROLES.map((r) => Type.Literal(r))),
    stationId: Type.Optional(Type.String()),
    stationKind: Type.Optional(Type.Union([Type.Literal('A'), Type.Literal('B')])),
    companyId: Type.Optional(Type.String()),
    /** the station's or company's own name (data, as registered) */
    name: Type.String(),
  },
  { additionalProperties: false },
);
export type DemoIdentity = Static<typeof DemoIdentitySchema>;

export const DemoListSchema = Type.Object(
  {
    /** false: demo sign-in is off (not a local demo install); identities is then empty */
    enabled: Type.Boolean(),
    identities: Type.Array(DemoIdentitySchema),
  },
  { additionalProperties: false },
);

export const DemoSignInInputSchema = Type.Object({ identity: Type.String({ minLength: 1, maxLength: 120 }) }, { additionalProperties: false });
