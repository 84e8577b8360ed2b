/** A price before filing (报价): one line per element, integer fen (shared/pricing/quote.ts computes it). */
import { Type } from '@sinclair/typebox';

export const QuoteLineSchema = Type.Object(
  {
    element: Type.Union([Type.Literal('airspace'), Type.Literal('peak'), Type.Literal('movement'), Type.Literal('surveillance'), Type.Literal('exemption'), Type.Literal('cancellation')]),
    ref: Type.String(),
    quantity: Type.Number(),
    unit: Type.Union([Type.Literal('km2h'), Type.Literal('fen'), Type.Literal('movement'), Type.Literal('min'), Type.Literal('flight')]),
    rateFen: Type.Number({ description: 'fen per unit; for the peak surcharge, the percentage' }),
    amountFen: Type.Integer(),
  },
  { additionalProperties: false },
);

export const QuoteSchema = Type.Object(
  {
    tariffVersion: Type.String(),
    totalFen: Type.Integer(),
    lines: Type.Array(QuoteLineSchema),
  },
  { additionalProperties: false },
);
