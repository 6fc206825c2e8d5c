/**
 * Local currencies in the UI: a code, an annual inflation rate and one exchange rate per programme
 * year, quoted as people quote them: "655.957 XOF per 1 EUR" (local units per reporting unit).
 * Pure: tested in Node.
 */
import { CURRENCY_CODE, formatDecimal, type Locale, parseNonNegativeDecimal } from '../../../src-shared/money';
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
  if (!r.ok) return { ok: false, code: r.code, params: { ...r.params, input: input.trim() }, context: 'exchangeRate' };
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
