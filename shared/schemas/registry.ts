/**
 * The real-name registry (as the national UOM platform requires): companies, their aircraft,
 * pilots with licences, and third-party liability insurance. Inputs and records.
 */
import { Type, type Static } from '@sinclair/typebox';
import { CategorySchema } from './zone.js';

const Id = Type.String({ minLength: 1, maxLength: 80, pattern: '^[A-Za-z0-9_.-]+$' });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (the whole day, Beijing time)' });

/** What a company is allowed more than others; granted by the admin or the A station. */
export const CREDENTIALS = ['emergency', 'public-service', 'commercial'] as const;
export type Credential = (typeof CREDENTIALS)[number];
export const CredentialSchema = Type.Union(CREDENTIALS.map((c) => Type.Literal(c)));

export const CompanyInputSchema = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    uscc: Type.String({ minLength: 18, maxLength: 18, description: 'unified social credit code (统一社会信用代码), with its check character' }),
    kind: Type.Optional(Type.String({ maxLength: 40, description: 'logistics, inspection, sightseeing, agriculture, emergency-service, …' })),
  },
  { additionalProperties: false },
);
export type CompanyInput = Static<typeof CompanyInputSchema>;

export const CompanySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  uscc: Type.String(),
  kind: Type.Optional(Type.String()),
  credentials: Type.Array(CredentialSchema),
  suspended: Type.Boolean(),
  createdAt: Type.String(),
});
export type Company = Static<typeof CompanySchema>;

export const CredentialsInputSchema = Type.Object(
  { grant: Type.Optional(Type.Array(CredentialSchema, { maxItems: 3 })), revoke: Type.Optional(Type.Array(CredentialSchema, { maxItems: 3 })), reason: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);

export const AircraftInputSchema = Type.Object(
  {
    registration: Type.String({ minLength: 3, maxLength: 40, pattern: '^[A-Za-z0-9-]+$' }),
    serial: Type.String({ minLength: 1, maxLength: 80 }),
    model: Type.String({ minLength: 1, maxLength: 120 }),
    category: CategorySchema,
    mtowKg: Type.Number({ exclusiveMinimum: 0, maximum: 20_000 }),
    companyId: Id,
  },
  { additionalProperties: false },
);
export type AircraftInput = Static<typeof AircraftInputSchema>;
export const AircraftSchema = Type.Composite([AircraftInputSchema, Type.Object({ registeredAt: Type.String() })]);
export type Aircraft = Static<typeof AircraftSchema>;

export const LICENCE_CLASSES = ['VLOS', 'BVLOS'] as const;
export const LicenceSchema = Type.Object(
  {
    number: Type.String({ minLength: 1, maxLength: 60 }),
    class: Type.Union(LICENCE_CLASSES.map((c) => Type.Literal(c))),
    categories: Type.Array(CategorySchema, { minItems: 1, maxItems: 5 }),
    expires: Day,
  },
  { additionalProperties: false },
);
export type Licence = Static<typeof LicenceSchema>;

export const PilotInputSchema = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }), companyId: Id, licence: Type.Optional(LicenceSchema), expiresAt: Type.Optional(Type.String({ format: 'date-time' })) },
  { additionalProperties: false },
);
export type PilotInput = Static<typeof PilotInputSchema>;
export const PilotSchema = Type.Object({ id: Type.String(), name: Type.String(), companyId: Type.String(), licence: Type.Optional(LicenceSchema), revoked: Type.Boolean(), createdAt: Type.String() });
export type Pilot = Static<typeof PilotSchema>;
export const PilotCreatedSchema = Type.Composite([PilotSchema, Type.Object({ token: Type.String() })]);

export const InsuranceInputSchema = Type.Object(
  {
    companyId: Id,
    registration: Type.Union([Type.String({ minLength: 3, maxLength: 40 }), Type.Null()], { description: 'one aircraft, or null for the whole fleet' }),
    insurer: Type.String({ minLength: 1, maxLength: 200 }),
    policyNo: Type.String({ minLength: 1, maxLength: 80 }),
    thirdPartyCny: Type.Integer({ minimum: 1, maximum: 1_000_000_000 }),
    validFrom: Type.String({ format: 'date-time' }),
    validTo: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type InsuranceInput = Static<typeof InsuranceInputSchema>;
export const InsuranceSchema = Type.Composite([InsuranceInputSchema, Type.Object({ id: Type.String(), createdAt: Type.String() })]);
export type Insurance = Static<typeof InsuranceSchema>;

/** A scenario's registry file (`registry.json`): loaded into an empty registry at start. */
export interface RegistryDocument {
  note: string;
  companies: (CompanyInput & { credentials: Credential[] })[];
  aircraft: AircraftInput[];
  pilots: { id: string; name: string; companyId: string; licence?: Licence }[];
  insurance: InsuranceInput[];
}
