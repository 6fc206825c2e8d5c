/** Field schemas shared by every part of the model. Error messages are i18n codes. */
import { z } from 'zod';
import { fieldMessage } from '../api/codes';
import { CURRENCY_CODE, isCanonicalDecimal, MAX_MINOR } from '../money';

export const decimalString = z.string().refine(isCanonicalDecimal, fieldMessage('number.invalid'));

/** A share or rate between 0 and 1 inclusive, as an exact decimal string. */
export const shareString = decimalString.refine(
  (s) => !s.startsWith('-') && (s === '1' || s.startsWith('0')),
  fieldMessage('share.range'),
);

export const nonNegativeDecimal = decimalString.refine((s) => !s.startsWith('-'), fieldMessage('number.negative'));

export const minorAmount = z
  .number()
  .int(fieldMessage('number.notInteger'))
  .min(0, fieldMessage('number.negative'))
  .max(MAX_MINOR, fieldMessage('number.tooLarge'));

export const monthString = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, fieldMessage('month.invalid'));

export const currencyCode = z.string().regex(CURRENCY_CODE, fieldMessage('currency.invalid'));

export const text = (max: number) => z.string().max(max, fieldMessage('text.tooLong'));
export const nameText = z.string().trim().min(1, fieldMessage('text.required')).max(200, fieldMessage('text.tooLong'));
