/** Field schemas shared by every part of the model. Error messages are i18n codes. */
import { z } from 'zod';
import { CURRENCY_CODE, isCanonicalDecimal, MAX_MINOR } from '../money';

export const decimalString = z.string().refine(isCanonicalDecimal, { message: 'number.invalid' });

/** A share or rate between 0 and 1 inclusive, as an exact decimal string. */
export const shareString = decimalString.refine((s) => !s.startsWith('-') && (s === '1' || s.startsWith('0')), {
  message: 'share.range',
});

export const nonNegativeDecimal = decimalString.refine((s) => !s.startsWith('-'), { message: 'number.negative' });

export const minorAmount = z
  .number()
  .int({ message: 'number.notInteger' })
  .min(0, { message: 'number.negative' })
  .max(MAX_MINOR, { message: 'number.tooLarge' });

export const monthString = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month.invalid' });

export const currencyCode = z.string().regex(CURRENCY_CODE, { message: 'currency.invalid' });

export const text = (max: number) => z.string().max(max, { message: 'text.tooLong' });
export const nameText = z.string().trim().min(1, { message: 'text.required' }).max(200, { message: 'text.tooLong' });
