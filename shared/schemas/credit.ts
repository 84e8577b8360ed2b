/** Industry credit (行业信用体系): a company's score, tier and the events that explain it. */
import { Type, type Static } from '@sinclair/typebox';
import { CREDIT_EVENT_KINDS, CREDIT_MAX, CREDIT_MIN, CREDIT_TIERS } from '../rules/credit-tier.js';

export const CreditTierSchema = Type.Union(CREDIT_TIERS.map((t) => Type.Literal(t)));

export const CreditEventSchema = Type.Object(
  {
    seq: Type.Integer({ description: 'order of the event in the append-only credit table' }),
    at: Type.String({ format: 'date-time', description: 'when its cause happened (server time)' }),
    kind: Type.Union(CREDIT_EVENT_KINDS.map((k) => Type.Literal(k))),
    delta: Type.Integer({ description: 'applied to the score (the rule delta, bounded so the score stays within 0..1000)' }),
    ref: Type.String({ description: 'what it is about: a plan id, an adjustment id, or for a tier change the event that caused it' }),
    ruleDelta: Type.Integer({ description: "the rule table's delta (or the adjustment asked for)" }),
    scoreAfter: Type.Integer({ minimum: CREDIT_MIN, maximum: CREDIT_MAX }),
    tierAfter: CreditTierSchema,
    reason: Type.String({ description: 'why, in words' }),
    actor: Type.String({ description: 'who recorded it: system:credit, or the principal who adjusted' }),
    source: Type.Optional(Type.String({ description: 'the record that caused it: an alert id, an audit sequence number' })),
  },
  { additionalProperties: false },
);
export type CreditEvent = Static<typeof CreditEventSchema>;

export const CreditEffectSchema = Type.Union([
  Type.Null(),
  Type.Object(
    {
      code: Type.Union([Type.Literal('CREDIT_REVIEW'), Type.Literal('COMPANY_SUSPENDED')]),
      effect: Type.Union([Type.Literal('approval'), Type.Literal('reject')]),
      message: Type.String(),
    },
    { additionalProperties: false },
  ),
]);

export const CreditSchema = Type.Object(
  {
    companyId: Type.String(),
    /** the company's registered name */
    companyName: Type.Optional(Type.String()),
    score: Type.Integer({ minimum: CREDIT_MIN, maximum: CREDIT_MAX }),
    tier: CreditTierSchema,
    /** what the tier does to the company's next plans (null: nothing) */
    effect: CreditEffectSchema,
    /** all events of the company; `events` holds the latest `limit` of them, oldest first */
    total: Type.Integer({ minimum: 0 }),
    events: Type.Array(CreditEventSchema),
  },
  { additionalProperties: false },
);
export type Credit = Static<typeof CreditSchema>;

export const CreditAdjustInputSchema = Type.Object(
  {
    delta: Type.Integer({ minimum: -1000, maximum: 1000, description: 'non-zero; the score stays within 0..1000' }),
    reason: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type CreditAdjustInput = Static<typeof CreditAdjustInputSchema>;

export const CreditAdjustedSchema = Type.Object(
  {
    companyId: Type.String(),
    /** the company's registered name */
    companyName: Type.Optional(Type.String()),
    score: Type.Integer({ minimum: CREDIT_MIN, maximum: CREDIT_MAX }),
    tier: CreditTierSchema,
    /** the adjustment, and the tier change it caused if any */
    events: Type.Array(CreditEventSchema, { minItems: 1, maxItems: 2 }),
  },
  { additionalProperties: false },
);
export type CreditAdjusted = Static<typeof CreditAdjustedSchema>;
