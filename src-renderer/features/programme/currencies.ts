/**
 * Local currencies in the UI: a code, an annual inflation rate and one exchange rate per programme
 * year, quoted as people quote them: "655.957 XOF per 1 EUR" (local units per reporting unit).
 * Pure: tested in Node.
 */
import {
  CURRENCY_CODE,
  currencyExponent,
  dec,
  div,
  formatDecimal,
  fromInt,
  type Locale,
  mul,
  parseNonNegativeDecimal,
  type Rational,
  roundHalfEven,
} from '../../../src-shared/money';
import type { Currency, Model } from '../../../src-shared/model';
import { parseInflation, type FieldResult } from './programmeFields';

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

/**
 * The rate in force in programme year `year` (1-based): the year's own rate, or the last one
 * given before it (a rate carries on until a new one is set). Null when none is set.
 */
export function rateForYear(c: Currency, year: number): string | null {
  for (let i = Math.min(year, c.rates.length) - 1; i >= 0; i--) {
    const r = c.rates[i];
    if (r !== undefined) return r;
  }
  return null;
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

/** The currencies a line can be entered in: the reporting currency first, then the local ones. */
export function lineCurrencies(model: Pick<Model, 'programme' | 'currencies'>): string[] {
  return [model.programme.reportingCurrency, ...model.currencies.map((c) => c.code)];
}

/**
 * A unit cost (minor units of `from`) in the currency `to`, at the year-1 rates, rounded half to
 * even: a line switched from EUR to XOF keeps (to the franc) the same value instead of having its
 * digits read in another currency. Where a rate is missing, the amount keeps its major units.
 */
export function convertUnitCost(
  unitCost: number,
  from: string,
  to: string,
  model: Pick<Model, 'programme' | 'currencies'>,
): number {
  if (from === to) return unitCost;
  const rate = (code: string): Rational | null => {
    if (code === model.programme.reportingCurrency) return fromInt(1);
    const c = model.currencies.find((x) => x.code === code);
    const r = c ? rateForYear(c, 1) : null;
    return r ? dec(r) : null;
  };
  const scale = (code: string) => fromInt(10n ** BigInt(currencyExponent(code)));
  const major = div(fromInt(unitCost), scale(from));
  const rFrom = rate(from);
  const rTo = rate(to);
  const converted = rFrom && rTo ? mul(div(major, rFrom), rTo) : major;
  return Number(roundHalfEven(mul(converted, scale(to))));
}
