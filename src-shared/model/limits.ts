/**
 * The limits of what a programme may hold (issue 13): every value the app accepts stays computable,
 * exactly and quickly. Written once here; the schemas (schemas-base.ts and the model's files), the
 * line checks (model.ts) and the engine (compute.ts, amounts.ts) read them, and the README's
 * "Limits" paragraph says the same in words.
 *
 * Decision: the largest amount is MAX_AMOUNT = 10^15 minor units of the reporting currency
 * (10 trillion euros or dollars, 10^15 CFA francs, 10^12 Kuwaiti dinars): any unit cost, any
 * line's total and the programme's total with overheads. It is far below 2^53 (about 9 × 10^15),
 * so every sum of the budget's amounts, which are whole and never negative, is a safe integer and
 * exact in doubles as long as the programme's total is within it. A command that makes a line cost
 * more by itself (a fixed quantity × its unit cost) is refused with `amount.tooLarge`.
 *
 * Decision: what the engine does with a programme beyond it (quantities from drivers and caseload,
 * inflation and exchange rates can make a line exceed the bound without any one value doing so, and a
 * hand-edited file can hold anything): it never throws and never shows an inexact total.
 * - a line (a percentage line too) whose amounts are not whole numbers within MAX_AMOUNT costs
 *   nothing, and carries the error diagnostic `amount.tooLarge`;
 * - when the programme's total with overheads exceeds MAX_AMOUNT, every amount is 0 and the error
 *   diagnostic `total.tooLarge` (lineId null) says why: no wrong total is ever shown.
 *
 * Decision: decimal strings (rates, shares, quantities) are bounded per field, in digits before and
 * after the point (DECIMAL_BOUNDS below), at the schema: the same schemas check commands and files
 * read from disk. Digits after the point follow what the screens let a person type (a percentage
 * with 4 decimals is a share with 6; exchange rates 8), and no decimal string is longer than
 * MAX_DECIMAL_CHARS. A refusal says the bound: `number.maxDecimals6` ("Enter at most 6 digits after
 * the point"), `number.maxDecimals8`, or `number.tooLarge`.
 *
 * Decision: inflation factors are exact and computed once per currency and programme year:
 * (1 + i)^(y − 1) with i of at most 6 digits after the point, so a factor has at most 54 digits after
 * the point in year 10 (MAX_DURATION 120 months) and every rational the engine makes stays small.
 *
 * Decision: a stored value outside its bounds (a file written by hand or by another tool) is never a
 * throw and never a freeze. The engine reads a decimal exactly up to READ_SCALE (24) digits after the
 * point and READ_INT_DIGITS (30) before it (money/decimal.ts `dec`: room for what sensitivity and
 * Monte-Carlo runs derive, a value × a factor of 6 decimals); a longer one is read rounded to 24
 * decimals, ties away from zero, or clamped to 10^30, and the engine reports the error diagnostic
 * `value.outOfBounds` naming the field (compute.ts). Amounts beyond MAX_AMOUNT are handled as above.
 *
 * Text: every text field refuses lone UTF-16 surrogates (which the file cannot store as written)
 * and control characters (`text.invalidCharacters`); long texts (notes, justifications) may hold
 * line breaks and tabs, names may not.
 */
import { MAX_MINOR } from '../money';

/** The largest amount, in minor units of the reporting currency (see the file's comment). */
export const MAX_AMOUNT = MAX_MINOR;

/** Digits before the point (`int`) and after it (`scale`) a decimal field may hold. */
export interface DecimalBound {
  readonly int: number;
  readonly scale: 6 | 8;
}

/**
 * Per kind of field:
 * - quantity: quantities, outputs and beneficiaries per unit, persons per unit, cases per staff,
 *   returnees per project (below 10^15, 6 decimals);
 * - share: shares and rates between 0 and 1 (funding, take-up, overheads, percentage lines,
 *   synergies, confidence; 6 decimals, i.e. a percentage with 4);
 * - inflation: a yearly rate from above −1 to 10 (−100 % to 1,000 %), 6 decimals;
 * - exchangeRate: local units for one reporting unit, below 10^12, 8 decimals.
 */
export const DECIMAL_BOUNDS = {
  quantity: { int: 15, scale: 6 },
  share: { int: 1, scale: 6 },
  inflation: { int: 2, scale: 6 },
  exchangeRate: { int: 12, scale: 8 },
} as const satisfies Record<string, DecimalBound>;
export type DecimalKind = keyof typeof DECIMAL_BOUNDS;

/** No decimal string is longer (sign, 15 digits, point, 8 decimals fit). */
export const MAX_DECIMAL_CHARS = 32;

/** The digits before and after the point of a plain decimal string (sign dropped). */
function digits(s: string): { int: number; scale: number } {
  const body = s.startsWith('-') ? s.slice(1) : s;
  const point = body.indexOf('.');
  if (point < 0) return { int: body === '0' ? 0 : body.length, scale: 0 };
  const int = body.slice(0, point);
  return { int: int === '0' ? 0 : int.length, scale: body.length - point - 1 };
}

/** Whether a canonical decimal string keeps within `bound` (and MAX_DECIMAL_CHARS). */
export function withinDecimalBound(s: string, bound: DecimalBound): boolean {
  if (s.length > MAX_DECIMAL_CHARS) return false;
  const d = digits(s);
  return d.int <= bound.int && d.scale <= bound.scale;
}

/** Which bound a string breaks: 'scale' (too many decimals), 'int' (too large), or null. */
export function decimalBoundBroken(s: string, bound: DecimalBound): 'scale' | 'int' | null {
  const d = digits(s);
  if (d.scale > bound.scale) return 'scale';
  if (d.int > bound.int || s.length > MAX_DECIMAL_CHARS) return 'int';
  return null;
}

/**
 * Lone UTF-16 surrogates, and control characters (C0 but tab, line feed and carriage return when
 * `multiline`; DEL; C1).
 */
// eslint-disable-next-line no-control-regex
const CONTROL_SINGLE = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_MULTI = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export function hasInvalidCharacters(s: string, multiline: boolean): boolean {
  if ((multiline ? CONTROL_MULTI : CONTROL_SINGLE).test(s)) return true;
  // A well-formed string has every high surrogate followed by a low one, and no low one alone.
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c >= 0xdc00) return true;
    const next = s.charCodeAt(i + 1);
    if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
    i++;
  }
  return false;
}
