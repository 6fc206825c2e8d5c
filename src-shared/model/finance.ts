/**
 * Currencies, funding sources and communities (DESIGN §3). Exchange rates are stored as the
 * number of units of the local currency for ONE unit of the reporting currency, the way people
 * quote them ("655.957 XOF per EUR"); one rate per programme year. Inflation is an annual rate per
 * currency, applied to unit costs from programme year 2 on: factor (1 + i)^(year - 1).
 */
import { z } from 'zod';
import { add, cmp, dec, fromInt, isCanonicalDecimal, type Rational, ZERO } from '../money';
import { fieldMessage } from '../api/codes';
import { boundedDecimal, currencyCode, minorAmount, nameText, shareString } from './schemas-base';

/** An exchange rate: above 0, below 10^12, at most 8 decimals (limits.ts). */
export const positiveDecimal = boundedDecimal('exchangeRate').refine(
  (s) => !s.startsWith('-') && s !== '0',
  fieldMessage('number.positive'),
);

/** Annual inflation as a share; may be negative (deflation) but above -100 %, and at most 1,000 %. */
export const inflationString = boundedDecimal('inflation').refine(
  // (zod runs every refinement, also after one failed: the value may not be a decimal at all here.)
  (s) => !isCanonicalDecimal(s) || (s.startsWith('-') ? /^-0\./.test(s) : cmp(dec(s), TEN) <= 0),
  fieldMessage('inflation.range'),
);
const TEN = fromInt(10);

export const currencySchema = z.object({
  code: currencyCode,
  /** Local units per 1 reporting unit, per programme year (index 0 = year 1). The reporting currency has none. */
  rates: z.array(positiveDecimal).max(10),
  /** Annual inflation as a share ("0.03" = 3 %); may be negative (deflation) but above -1. */
  inflation: inflationString,
});
export type Currency = z.infer<typeof currencySchema>;

export const FUNDER_TYPES = ['donor', 'coFinancier', 'government', 'returnee', 'partner'] as const;
export type FunderType = (typeof FUNDER_TYPES)[number];
export const FUNDER_STATUSES = ['confirmed', 'pipeline', 'hypothetical'] as const;
export type FunderStatus = (typeof FUNDER_STATUSES)[number];

export const funderFieldsSchema = z.object({
  name: nameText,
  type: z.enum(FUNDER_TYPES),
  status: z.enum(FUNDER_STATUSES),
  /** Optional ceiling in reporting-currency minor units. */
  ceiling: minorAmount.nullable(),
  /**
   * The source makes its contribution conditional on others matching it (match funding, e.g. "we
   * pay 1 for every 1 raised elsewhere"): what the FCDO profile flags (schema v6).
   */
  conditionalOnMatch: z.boolean(),
});
export type FunderFields = z.infer<typeof funderFieldsSchema>;

export const funderSchema = funderFieldsSchema.extend({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  position: z.number().int().min(0),
});
export type Funder = z.infer<typeof funderSchema>;

/** A line's split across funding sources. Empty = all to the main donor (first donor-type source). */
export const fundingShareSchema = z.object({
  funderId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  share: shareString,
});
export type FundingShare = z.infer<typeof fundingShareSchema>;

/** The exact sum of a split's shares (1 = 100 %): the planner, the engine and the editor use it. */
export function shareSum(funding: readonly Pick<FundingShare, 'share'>[]): Rational {
  let s: Rational = ZERO;
  for (const f of funding) s = add(s, dec(f.share));
  return s;
}
