/** Field schemas shared by every part of the model. Error messages are i18n codes. */
import { z } from 'zod';
import { fieldMessage } from '../api/codes';
import { CURRENCY_CODE, isCanonicalDecimal, MAX_MINOR } from '../money';
import { DECIMAL_BOUNDS, type DecimalKind, decimalBoundBroken, hasInvalidCharacters } from './limits';

export const decimalString = z.string().refine(isCanonicalDecimal, fieldMessage('number.invalid'));

/**
 * A decimal string within its kind's bounds (limits.ts): too many digits after the point is
 * `number.maxDecimals6` / `number.maxDecimals8`, too many before it `number.tooLarge`. zod runs
 * every refinement, also after one failed: these and the ones chained after them check only what is
 * a decimal (`number.invalid` says the rest), and never throw.
 */
export function boundedDecimal(kind: DecimalKind) {
  const bound = DECIMAL_BOUNDS[kind];
  return decimalString
    .refine(
      (s) => !isCanonicalDecimal(s) || decimalBoundBroken(s, bound) !== 'scale',
      fieldMessage(bound.scale === 6 ? 'number.maxDecimals6' : 'number.maxDecimals8'),
    )
    .refine((s) => !isCanonicalDecimal(s) || decimalBoundBroken(s, bound) !== 'int', fieldMessage('number.tooLarge'));
}

/** A share or rate between 0 and 1 inclusive, as an exact decimal string. */
export const shareString = boundedDecimal('share').refine(
  (s) => !s.startsWith('-') && (s === '1' || s.startsWith('0')),
  fieldMessage('share.range'),
);

/** A quantity (or a count per unit): 0 or more, below 10^15, at most 6 decimals. */
export const nonNegativeDecimal = boundedDecimal('quantity').refine(
  (s) => !s.startsWith('-'),
  fieldMessage('number.negative'),
);

/** A quantity above 0 (persons per unit, cases per staff, returnees per project). */
export const positiveQuantity = boundedDecimal('quantity').refine(
  (s) => !s.startsWith('-') && s !== '0',
  fieldMessage('number.positive'),
);

export const minorAmount = z
  .number()
  .int(fieldMessage('number.notInteger'))
  .min(0, fieldMessage('number.negative'))
  .max(MAX_MINOR, fieldMessage('number.tooLarge'));

export const monthString = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, fieldMessage('month.invalid'));

export const currencyCode = z.string().regex(CURRENCY_CODE, fieldMessage('currency.invalid'));

/** A free text of at most `max` characters (notes, justification): line breaks and tabs allowed. */
export const text = (max: number) =>
  z
    .string()
    .max(max, fieldMessage('text.tooLong'))
    .refine((s) => !hasInvalidCharacters(s, true), fieldMessage('text.invalidCharacters'));

/** A one-line text (a label, an author): no line breaks. */
export const lineText = (max: number) =>
  z
    .string()
    .max(max, fieldMessage('text.tooLong'))
    .refine((s) => !hasInvalidCharacters(s, false), fieldMessage('text.invalidCharacters'));

export const nameText = z
  .string()
  .trim()
  .min(1, fieldMessage('text.required'))
  .max(200, fieldMessage('text.tooLong'))
  .refine((s) => !hasInvalidCharacters(s, false), fieldMessage('text.invalidCharacters'));
