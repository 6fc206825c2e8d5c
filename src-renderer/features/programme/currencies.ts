/**
 * Local currencies in the UI: a code, an annual inflation rate and one exchange rate per programme
 * year, quoted as people quote them: "655.957 XOF per 1 EUR" (local units per reporting unit).
 * Pure: tested in Node.
 */
import {
  cmp,
  CURRENCY_CODE,
  dec,
  div,
  formatDecimal,
  fromInt,
  type Locale,
  mul,
  ONE,
  parseNonNegativeDecimal,
} from '../../../src-shared/money';
import type { Currency, Model } from '../../../src-shared/model';
import { rateForYear } from '../../shared/exchange';
import type { FieldResult } from '../../shared/fields';
import { parseInflation } from './programmeFields';

/** Programme years (1-based count) of a programme of `months` months; rates exist for at most 10. */
export function programmeYears(months: number): number {
  return Math.min(10, Math.max(1, Math.ceil(months / 12)));
}

/** A currency code typed by a person: three letters, upper-cased, not the reporting currency nor one already listed. */
export function parseCurrencyCode(input: string, model: Pick<Model, 'programme' | 'currencies'>): FieldResult<string> {
  const code = input.trim().toUpperCase();
  if (!CURRENCY_CODE.test(code)) return { ok: false, code: 'currency.invalid' };
  if (code === model.programme.reportingCurrency) {
    return { ok: false, code: 'currency.isReporting', params: { code } };
  }
  if (model.currencies.some((c) => c.code === code)) return { ok: false, code: 'currency.exists', params: { code } };
  return { ok: true, value: code };
}

/** An exchange rate typed by a person: a positive decimal, at most 8 decimals. */
export function parseRate(input: string, locale: Locale): FieldResult<string> {
  const r = parseNonNegativeDecimal(input, locale, 8);
  if (!r.ok) return { ...r, context: 'exchangeRate' };
  if (r.value === '0') return { ok: false, code: 'number.positive', params: { input: input.trim() } };
  return { ok: true, value: r.value };
}

/** The currency with the rate of programme year `year` set (earlier missing years take it too). */
export function withRate(c: Currency, year: number, rate: string): Currency {
  const rates = [...c.rates];
  while (rates.length < year - 1) rates.push(rateForYear(c, rates.length + 1) ?? rate);
  rates[year - 1] = rate;
  return { ...c, rates };
}

/** A new local currency with one rate for every programme year. */
export function newCurrency(code: string, rate: string, years: number): Currency {
  return { code, rates: Array.from({ length: years }, () => rate), inflation: '0' };
}

/** The currency with a new inflation rate typed in percent. */
export function withInflation(c: Currency, input: string, locale: Locale): FieldResult<Currency> {
  const r = parseInflation(input, locale);
  return r.ok ? { ok: true, value: { ...c, inflation: r.value } } : r;
}

/** The text of a rate cell. */
export function rateText(c: Currency, year: number, locale: Locale): string {
  const r = c.rates[year - 1];
  return r === undefined ? '' : formatDecimal(r, locale);
}

/**
 * Fixed pegs people type by heart, local units per 1 reporting unit. The CFA francs (XOF, West
 * Africa; XAF, Central Africa) have been pegged to the euro at 655.957 since 1999 (the franc's
 * 1:100 parity with the French franc); a rate far from it is almost always a slip.
 */
const FIXED_PEGS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  EUR: { XOF: '655.957', XAF: '655.957' },
};

/** The known fixed peg of `code` against `reporting` (local per reporting unit), if any. */
export function fixedPeg(code: string, reporting: string): string | null {
  return FIXED_PEGS[reporting]?.[code] ?? null;
}

export interface RateWarning {
  key: 'currency.rateGrouping' | 'currency.rateJumpPeg' | 'currency.rateJumpYear';
  params: Record<string, string>;
}

/** Group separators of each locale, as parseDecimal reads them (a French point is one, too). */
const GROUPED_ONCE: Record<Locale, RegExp> = {
  en: /^(\d{1,3}),(\d{3})$/,
  fr: /^(\d{1,3})[ .\u00a0\u202f](\d{3})$/,
};

/**
 * A rate that parsed but is probably not what was meant, to be confirmed before it is saved:
 * - "655,957" in English (or "655.957" in French) reads as 655957 through the thousands
 *   separator: "did you mean 655.957?" (the decimal reading, in the user's locale);
 * - a rate more than ten times above or below the known fixed peg (XOF, XAF to EUR), or the rate
 *   in force in the previous programme year.
 * Null when the rate looks plausible. `value` is the parsed rate (canonical decimal).
 */
export function rateWarning(
  input: string,
  value: string,
  ctx: { code: string; reporting: string; previous: string | null; locale: Locale },
): RateWarning | null {
  const base = {
    input: input.trim(),
    value: formatDecimal(value, ctx.locale),
    code: ctx.code,
    reporting: ctx.reporting,
  };
  const grouped = GROUPED_ONCE[ctx.locale].exec(input.trim());
  if (grouped) {
    const suggestion = formatDecimal(`${grouped[1]}.${grouped[2]}`, ctx.locale);
    return { key: 'currency.rateGrouping', params: { ...base, suggestion } };
  }
  const far = (ref: string): boolean => {
    const ratio = div(dec(value), dec(ref));
    return cmp(ratio, fromInt(10)) > 0 || cmp(mul(ratio, fromInt(10)), ONE) < 0;
  };
  const peg = fixedPeg(ctx.code, ctx.reporting);
  if (peg !== null && far(peg)) {
    return { key: 'currency.rateJumpPeg', params: { ...base, ref: formatDecimal(peg, ctx.locale) } };
  }
  if (ctx.previous !== null && far(ctx.previous)) {
    return { key: 'currency.rateJumpYear', params: { ...base, ref: formatDecimal(ctx.previous, ctx.locale) } };
  }
  return null;
}
