/**
 * The indirect cost base (DESIGN §4): what the programme's indirect cost rate is applied to, month
 * by month. Written once, here; totals.ts applies it (`overheads` in percentages.ts), the checks
 * (src-shared/checks/donor.ts) compare the donors' caps with the same figures.
 *
 * - `direct`: the direct cost of the lines eligible for indirect costs (the eligible base).
 * - `directPlusContingency`: that plus the contingency reserve (the EU grant budget: indirect
 *   costs of up to 7 % of the *total* direct eligible costs, which include the reserve). So the
 *   contingency is computed first, on its own base, and then enters the indirect base.
 * - `mtdc`: the US modified total direct costs (2 CFR 200.1): the eligible base less the lines
 *   flagged as equipment, rent or participant support costs, and less the part of each subaward
 *   above USD 50,000.
 *
 * Decision: the whole contingency reserve enters the EU base (the reserve is one of the direct
 *   eligible costs of the EU budget), whichever lines it was computed on.
 * Decision: a line's MTDC exclusion only counts when the line is eligible for indirect costs: a
 *   line outside the eligible base has nothing to be taken out of it.
 * Decision: the USD 50,000 of a subaward is counted on the line's cumulated cost, month by month
 *   (the first USD 50,000 it spends count, what it spends after does not), each month converted at
 *   its programme year's USD rate, as the line's own amounts are (a missing year takes the last
 *   rate given, as amounts.ts does). Where USD can be converted (the reporting currency is USD, or
 *   USD is one of the programme's currencies), exactly; where it cannot, the whole subaward is left
 *   out of the base — never more indirect costs than the rule allows — and the checks say so,
 *   naming the lines (`subawardsUnconverted`), and ask for a USD rate.
 */
import { currencyExponent, dec, div, fromInt, mul, type Rational, rat, roundHalfAway, sub, ZERO } from '../money';
import type { BudgetLine, Model } from '../model';

/** 2 CFR 200.1, "Modified Total Direct Cost (MTDC)": up to the first $50,000 of each subaward. */
export const SUBAWARD_MTDC_USD = 50_000;

export interface IndirectBaseInfo {
  /** The programme's base, as computed. */
  kind: Model['programme']['indirectBase'];
  /** The base the indirect costs were computed on (sum of its months). */
  amount: number;
  /** The modified total direct costs, whatever the programme's base (what the US checks compare with). */
  mtdc: number;
  /** Subaward lines whose first USD 50,000 could not be counted: no USD rate in the programme. */
  subawardsUnconverted: string[];
}

/**
 * Per month, the part of the eligible direct cost that the MTDC leave out (0 everywhere when no
 * line is flagged), and the subaward lines it could not convert.
 */
export function mtdcExclusions(
  model: Model,
  ordered: readonly BudgetLine[],
  months: readonly (number[] | undefined)[],
): { excluded: number[]; unconverted: string[] } {
  const D = model.programme.durationMonths;
  const excluded = new Array<number>(D).fill(0);
  const unconverted: string[] = [];
  for (let i = 0; i < ordered.length; i++) {
    const line = ordered[i] as BudgetLine;
    if (!line.eligibleIndirect || line.mtdcExclusion === 'none') continue;
    const lm = months[i];
    if (!lm) continue;
    const n = Math.min(D, lm.length);
    if (line.mtdcExclusion !== 'subaward') {
      for (let m = 0; m < n; m++) excluded[m] = (excluded[m] as number) + (lm[m] as number);
      continue;
    }
    const counted = subawardCounted(model, lm.slice(0, n));
    if (counted === null) unconverted.push(line.id);
    for (let m = 0; m < n; m++) {
      excluded[m] = (excluded[m] as number) + (lm[m] as number) - (counted?.[m] ?? 0);
    }
  }
  return { excluded, unconverted };
}

/**
 * USD per reporting unit in programme year `y` (0-based), or null when USD cannot be converted.
 * Rates are stored as local units per 1 reporting unit, so a USD local currency's rate is it.
 */
function usdRate(model: Model, y: number): Rational | null {
  if (model.programme.reportingCurrency === 'USD') return rat(1n);
  const usd = model.currencies.find((c) => c.code === 'USD');
  const r = usd ? (usd.rates[y] ?? usd.rates[usd.rates.length - 1]) : undefined;
  return r === undefined ? null : dec(r);
}

/**
 * The months of a subaward line that count in the MTDC: its amounts until USD 50,000 have been
 * spent, in reporting minor units (the month that crosses the threshold counts its part up to it,
 * rounded to the minor unit, ties away from zero). null when USD cannot be converted.
 */
function subawardCounted(model: Model, lm: readonly number[]): number[] | null {
  const scale = 10n ** BigInt(currencyExponent(model.programme.reportingCurrency));
  let leftUsd: Rational = fromInt(SUBAWARD_MTDC_USD);
  const out = new Array<number>(lm.length).fill(0);
  for (let m = 0; m < lm.length; m++) {
    const a = lm[m] as number;
    if (a <= 0 || leftUsd.n <= 0n) continue;
    const rate = usdRate(model, Math.floor(m / 12));
    if (rate === null) return null;
    // What is left of the USD 50,000, in reporting minor units at this year's rate.
    const leftMinor = Number(roundHalfAway(mul(div(leftUsd, rate), fromInt(scale))));
    const counted = Math.min(a, leftMinor);
    out[m] = counted;
    leftUsd = sub(leftUsd, mul(rat(BigInt(counted), scale), rate));
    if (counted === leftMinor) leftUsd = ZERO;
  }
  return out;
}

/** Σ of a month array. */
function total(a: readonly number[]): number {
  let s = 0;
  for (const v of a) s += v;
  return s;
}

/**
 * The base of each month for the programme's setting, and what the result reports of it.
 * `contingency`: the reserve's months (computed first: the EU base includes it).
 */
export function indirectBaseMonths(
  model: Model,
  eligibleIndirect: readonly number[],
  contingency: readonly number[],
  exclusions: { excluded: number[]; unconverted: string[] },
): { base: number[]; info: IndirectBaseInfo } {
  const kind = model.programme.indirectBase;
  const D = eligibleIndirect.length;
  const mtdcMonths = new Array<number>(D);
  for (let m = 0; m < D; m++) mtdcMonths[m] = (eligibleIndirect[m] as number) - (exclusions.excluded[m] ?? 0);
  let base: number[];
  if (kind === 'directPlusContingency') {
    base = new Array<number>(D);
    for (let m = 0; m < D; m++) base[m] = (eligibleIndirect[m] as number) + (contingency[m] ?? 0);
  } else if (kind === 'mtdc') {
    base = mtdcMonths;
  } else {
    base = [...eligibleIndirect];
  }
  return {
    base,
    info: { kind, amount: total(base), mtdc: total(mtdcMonths), subawardsUnconverted: exclusions.unconverted },
  };
}
