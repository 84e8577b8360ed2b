/**
 * Airspace editions (like an aeronautical information cycle): a draft collects changes to zones
 * and landing points; a second operator reviews it; the A station publishes it with an effective
 * time, at which every accepted change takes effect at once and the plans it touches are
 * re-checked. Editions are numbered when published, in the order they take effect.
 */
import { Type, type Static, type TProperties } from '@sinclair/typebox';
import { LandingPointInputSchema, LandingPointPatchSchema, LandingPointSchema } from './landing-point.js';
import { ZoneSchema } from './zone.js';

export const EDITION_STATUSES = ['draft', 'reviewed', 'scheduled', 'effective', 'withdrawn', 'failed'] as const;
export type EditionStatus = (typeof EDITION_STATUSES)[number];

/** proposed: adopted from the planner, waiting for an operator; only accepted changes are published. */
export const CHANGE_STATUSES = ['proposed', 'accepted', 'declined'] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

const Id = Type.String({ minLength: 1, maxLength: 80 });
const Evidence = Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]));

const StatusSchema = Type.Union(CHANGE_STATUSES.map((s) => Type.Literal(s)));
const COMMON = {
  note: Type.Optional(Type.String({ maxLength: 500 })),
  status: Type.Optional(StatusSchema),
  /** what the change was adopted from: proposal kind, its reference and figures */
  origin: Type.Optional(Type.Object({ kind: Type.String({ maxLength: 40 }), ref: Type.String({ maxLength: 200 }), evidence: Type.Optional(Evidence) }, { additionalProperties: false })),
};
const STORED = { index: Type.Integer({ minimum: 0 }), status: StatusSchema, addedBy: Type.String() };
const NewLandingPoint = Type.Object({ ...LandingPointInputSchema.properties, id: Type.Optional(Id) }, { additionalProperties: false });

/** One schema per op, with the fields every change carries; `zone.change` replaces the zone with the same id. */
function changeUnion<P extends TProperties>(extra: P) {
  const o = { additionalProperties: false } as const;
  return Type.Union([
    Type.Object({ op: Type.Literal('zone.add'), zone: ZoneSchema, ...extra }, o),
    Type.Object({ op: Type.Literal('zone.change'), zone: ZoneSchema, ...extra }, o),
    Type.Object({ op: Type.Literal('zone.withdraw'), zoneId: Id, ...extra }, o),
    Type.Object({ op: Type.Literal('landing-point.add'), landingPoint: NewLandingPoint, ...extra }, o),
    Type.Object({ op: Type.Literal('landing-point.change'), landingPointId: Id, patch: LandingPointPatchSchema, ...extra }, o),
    Type.Object({ op: Type.Literal('landing-point.retire'), landingPointId: Id, ...extra }, o),
  ]);
}

/** A change as filed: the op, and optionally a note and (adopted changes) its status and evidence. */
export const ChangeInputSchema = changeUnion(COMMON);
export type ChangeInput = Static<typeof ChangeInputSchema>;
export type ChangeOp = ChangeInput['op'];

export const EditionChangeSchema = changeUnion({ ...COMMON, ...STORED });
export type EditionChange = Static<typeof EditionChangeSchema>;

export const EditionInputSchema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    changes: Type.Optional(Type.Array(ChangeInputSchema, { maxItems: 5000 })),
  },
  { additionalProperties: false },
);
export type EditionInput = Static<typeof EditionInputSchema>;

/** What taking effect did: plans re-checked and what became of them; changes that no longer applied. */
export const EditionOutcomeSchema = Type.Object({
  rechecked: Type.Integer({ minimum: 0 }),
  revoked: Type.Array(Type.String()),
  suspended: Type.Array(Type.String()),
  rejected: Type.Array(Type.String()),
  unchanged: Type.Array(Type.String()),
  skipped: Type.Array(Type.Object({ index: Type.Integer(), why: Type.String() })),
});
export type EditionOutcome = Static<typeof EditionOutcomeSchema>;

const At = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);
export const EditionSchema = Type.Object({
  id: Type.String(),
  /** the edition's number, given when published (1, 2, …): edition n is the airspace after 1…n */
  number: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
  title: Type.String(),
  status: Type.Union(EDITION_STATUSES.map((s) => Type.Literal(s))),
  changes: Type.Array(EditionChangeSchema),
  origin: Type.Union([Type.Object({ kind: Type.String(), ref: Type.String() }), Type.Null()]),
  createdBy: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  /** everyone who added or decided a change: none of them may review it */
  editors: Type.Array(Type.String()),
  reviewedBy: Type.Union([Type.String(), Type.Null()]),
  reviewedAt: At,
  reviewComment: Type.Union([Type.String(), Type.Null()]),
  publishedBy: Type.Union([Type.String(), Type.Null()]),
  publishedAt: At,
  effectiveAt: At,
  appliedAt: At,
  withdrawnAt: At,
  outcome: Type.Union([EditionOutcomeSchema, Type.Null()]),
  /** why a scheduled edition could not take effect (status failed); it may be published again */
  failure: Type.Optional(Type.String()),
  /** effective editions: the landing points it changed or retired, as they were before */
  pointsBefore: Type.Optional(Type.Array(LandingPointSchema)),
});
export type Edition = Static<typeof EditionSchema>;

export const ReviewInputSchema = Type.Object(
  { verdict: Type.Union([Type.Literal('approve'), Type.Literal('return')]), comment: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);
export const PublishInputSchema = Type.Object({ effectiveAt: Type.String({ format: 'date-time' }) }, { additionalProperties: false });
export const ChangeDecisionSchema = Type.Object({ status: Type.Union([Type.Literal('accepted'), Type.Literal('declined')]) }, { additionalProperties: false });

/** The preview: per accepted change, the plans it touches and what re-checking them now would do. */
export const EditionPreviewSchema = Type.Object({
  editionId: Type.String(),
  atMs: Type.Integer(),
  changes: Type.Array(
    Type.Object({
      index: Type.Integer(),
      op: Type.String(),
      ref: Type.String(),
      plans: Type.Array(Type.String()),
      hiddenPlans: Type.Optional(Type.Integer({ minimum: 0, description: 'touched plans the asker may not see' })),
    }),
  ),
  outcome: EditionOutcomeSchema,
});
export type EditionPreview = Static<typeof EditionPreviewSchema>;
