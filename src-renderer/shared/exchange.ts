/**
 * Exchange rates as the screens read them: the rate in force in a programme year, the currencies
 * a line can be entered in, and a unit cost converted from one of them to another. Used by the
 * currencies section (programme) and the budget grid. Pure: tested in Node.
 */
import type { Currency, Model } from '../../src-shared/model';
import { currencyExponent, dec, div, fromInt, mul, type Rational, roundHalfAway } from '../../src-shared/money';

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

/** The currencies a line can be entered in: the reporting currency first, then the local ones. */
export function lineCurrencies(model: Pick<Model, 'programme' | 'currencies'>): string[] {
  return [model.programme.reportingCurrency, ...model.currencies.map((c) => c.code)];
}

/**
 * A unit cost (minor units of `from`) in the currency `to`, at the year-1 rates, rounded by the
 * product's one rule (ties away from zero): a line switched from EUR to XOF keeps (to the franc)
 * the same value instead of having its digits read in another currency. Where a rate is missing,
 * the amount keeps its major units.
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
  return Number(roundHalfAway(mul(converted, scale(to))));
}
