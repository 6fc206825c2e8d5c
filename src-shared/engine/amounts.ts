/**
 * The amounts phase: quantity × unit cost × the year's currency factor, rounded by THE rule (the
 * running total is rounded to the nearest minor unit, ties away from zero, at each month; the
 * month's amount is the step between two rounded running totals; see compute.ts). Everything here
 * is exact.
 *
 * Fast path, exact by proof: a line's running total is accumulated in doubles, with a bound on its
 * error computed as it goes (every numerator is an integer below 2^53, so each term is off by at
 * most a few ulps, and each addition by one). The rounding of a month is decided in doubles only
 * when the bound puts the exact value on one side of the half-way point; a month whose approximate
 * value lies within the bound of .5 (ties, which spread schedules make often, and near-ties) is
 * decided exactly, in bigint, from a running exact sum kept up to that month: the doubles never
 * decide a tie, so the tie rule is applied in one place (roundHalfAwayParts). Lines whose values
 * could reach 2^50 minor units, or whose quantities do not share a denominator, take the exact
 * path for every month. Both paths give the same amounts to the cent: tests/unit/engine-fast.test.ts
 * checks it on random programmes with extreme values and constructed ties of either sign.
 */
import {
  add,
  currencyExponent,
  dec,
  fromInt,
  gcd,
  mul,
  pow,
  rat,
  type Rational,
  roundHalfAway,
  roundHalfAwayParts,
  ZERO,
} from '../money';
import type { Model } from '../model';
import type { QuantityPlan } from './plan';

/** Rounds a sequence of exact amounts by the running-total rule. */
export function roundRunning(exact: readonly (Rational | null)[]): number[] {
  const out = new Array<number>(exact.length).fill(0);
  let cum: Rational = ZERO;
  let prev = 0n;
  for (let i = 0; i < exact.length; i++) {
    const x = exact[i];
    if (!x || x.n === 0n) continue;
    cum = add(cum, x);
    const r = roundHalfAway(cum);
    out[i] = Number(r - prev);
    prev = r;
  }
  return out;
}

export function reduce(r: Rational): Rational {
  const g = gcd(r.n, r.d);
  return g > 1n ? { n: r.n / g, d: r.d / g } : r;
}

/**
 * Per (currency, year): the factor that turns a unit cost in the currency's minor units into
 * reporting minor units, inflation included. null when the currency cannot be converted.
 */
export function currencyFactors(model: Model): Map<string, (Rational | null)[]> {
  const { programme } = model;
  const years = Math.ceil(programme.durationMonths / 12);
  const repExp = currencyExponent(programme.reportingCurrency);
  const out = new Map<string, (Rational | null)[]>();
  const reportingInfl = add(fromInt(1), dec(programme.inflation));
  out.set(
    programme.reportingCurrency,
    Array.from({ length: years }, (_, y) => reduce(pow(reportingInfl, y))),
  );
  for (const c of model.currencies) {
    if (c.code === programme.reportingCurrency) continue;
    const infl = add(fromInt(1), dec(c.inflation));
    const shift = repExp - currencyExponent(c.code);
    const factors: (Rational | null)[] = [];
    for (let y = 0; y < years; y++) {
      const rateStr = c.rates[y] ?? c.rates[c.rates.length - 1];
      if (!rateStr) {
        factors.push(null);
        continue;
      }
      const rate = dec(rateStr);
      // local minor -> reporting minor: × 10^shift ÷ rate
      const exp = shift >= 0 ? rat(10n ** BigInt(shift)) : rat(1n, 10n ** BigInt(-shift));
      const conv = rat(exp.n * rate.d, exp.d * rate.n);
      factors.push(reduce(mul(pow(infl, y), conv)));
    }
    out.set(c.code, factors);
  }
  return out;
}

/** The unit cost times each year's factor, reduced cheaply (the factors are reduced already). */
export function perYearFactors(unitCost: number, factors: readonly (Rational | null)[]): (Rational | null)[] {
  const unit = BigInt(unitCost);
  return factors.map((x) => {
    if (!x) return null;
    const g = gcd(unit, x.d);
    return g > 1n ? { n: (unit / g) * x.n, d: x.d / g } : { n: unit * x.n, d: x.d };
  });
}

/**
 * A factors array's common scale: L, the lcm of its years' denominators, and each year's numerator
 * over L (0 for a year without a factor), so that year y's factor is mult[y] ÷ L. Worked out once
 * per array (one per currency and compute, or per percentage line) for the fast path's ties,
 * rather than once per line that meets one.
 */
const SCALES = new WeakMap<readonly (Rational | null)[], { L: bigint; mult: readonly bigint[] }>();
function scaleOf(factors: readonly (Rational | null)[]): { L: bigint; mult: readonly bigint[] } {
  let scale = SCALES.get(factors);
  if (!scale) {
    let L = 1n;
    for (const k of factors) if (k) L = (L / gcd(L, k.d)) * k.d;
    scale = { L, mult: factors.map((k) => (k ? k.n * (L / k.d) : 0n)) };
    SCALES.set(factors, scale);
  }
  return scale;
}

const U = 2 ** -53;
/** Approximate values must stay below this for their floor and fraction to be exact in doubles. */
const FAST_LIMIT = 2 ** 50;

/**
 * The amounts of one line: each month's quantity × the unit cost × the factor of its year (12
 * months a year), rounded by the running-total rule. `missingRate`: a month bought something in a
 * year without a factor (that month costs nothing; the caller reports it). `total`: the amounts'
 * sum, when the fast path gives it (its last running total).
 */
export function planAmounts(
  plan: QuantityPlan,
  factors: readonly (Rational | null)[],
  unitCost = 1,
  fastPath = true,
): { amounts: number[]; missingRate: boolean; total?: number } {
  if (plan.nums) {
    const fast = fastPath ? fastAmounts(plan.nums, plan.den, factors, unitCost) : null;
    if (fast) return fast;
    return exactScaled(plan.nums, plan.den, perYearFactors(unitCost, factors));
  }
  const perYear = perYearFactors(unitCost, factors);
  const exact = plan.exact ?? [];
  let missingRate = false;
  const products = exact.map((q, m) => {
    if (!q || q.n === 0n) return null;
    const k = perYear[Math.floor(m / 12)];
    if (!k) {
      missingRate = true;
      return null;
    }
    return mul(q, k);
  });
  return { amounts: roundRunning(products), missingRate };
}

/** The common denominator L of (den × each used year's factor) and each year's multiplier over L. */
function scaled(
  nums: ArrayLike<number>,
  den: bigint,
  perYear: readonly (Rational | null)[],
): { L: bigint; mult: bigint[] } {
  let lcm = 1n;
  const used = new Set<number>();
  for (let m = 0; m < nums.length; m++) {
    if (nums[m] === 0) continue;
    const y = Math.floor(m / 12);
    const k = perYear[y];
    if (!k || used.has(y)) continue;
    used.add(y);
    lcm = (lcm / gcd(lcm, k.d)) * k.d;
  }
  return { L: lcm * den, mult: perYear.map((k) => (k ? k.n * (lcm / k.d) : 0n)) };
}

/** The exact path for a scaled plan: one bigint multiply, add and divide per month. */
function exactScaled(
  nums: ArrayLike<number>,
  den: bigint,
  perYear: readonly (Rational | null)[],
): { amounts: number[]; missingRate: boolean } {
  const D = nums.length;
  const amounts = new Array<number>(D).fill(0);
  let missingRate = false;
  const { L, mult } = scaled(nums, den, perYear);
  let cum = 0n;
  let prev = 0n;
  for (let m = 0; m < D; m++) {
    const n = nums[m] as number;
    if (n === 0) continue;
    const y = Math.floor(m / 12);
    if (!perYear[y]) {
      missingRate = true;
      continue;
    }
    cum += BigInt(n) * (mult[y] as bigint);
    const r = roundHalfAwayParts(cum, L);
    amounts[m] = Number(r - prev);
    prev = r;
  }
  return { amounts, missingRate };
}

/**
 * The fast path (see the file's comment), or null when the line's values reach FAST_LIMIT.
 * Exactness argument: f_y = unit × k.n ÷ (k.d × den) is computed in doubles with six roundings
 * (the conversions of k.n, k.d and den, two products and a division; the unit cost is a safe
 * integer), so it is within 6u (relative; u = 2^-53) of the exact factor; each term n × f_y adds
 * one more rounding (7u); each running addition adds at most u × |partial sum|. With T the sum of
 * the terms' magnitudes so far and k the number of terms, the approximate running total is within
 * (k + 8) × u × T × 1.01 of the exact one. A month is rounded in doubles only when its
 * approximate value's fraction is further than that bound from one half.
 */
function fastAmounts(
  nums: ArrayLike<number>,
  den: bigint,
  factors: readonly (Rational | null)[],
  unitCost: number,
): { amounts: number[]; missingRate: boolean; total: number } | null {
  const D = nums.length;
  const dens = Number(den);
  // Every month is written below (0 when nothing is bought, or on a year without a rate), so the
  // array needs no fill first.
  const amounts = new Array<number>(D);
  let missingRate = false;
  let x = 0; // approximate running total, in minor units
  let magnitude = 0; // sum of the terms' magnitudes so far
  let terms = 0;
  let prev = 0; // the last rounded running total
  let exact: ExactRunning | null = null;
  // Year by year (12 months each): the year's factor in doubles once, then its months.
  for (let y = 0, from = 0; from < D; y++, from += 12) {
    const to = Math.min(D, from + 12);
    const k = y < factors.length ? factors[y] : undefined;
    if (!k) {
      for (let m = from; m < to; m++) {
        if (nums[m] !== 0) missingRate = true;
        amounts[m] = 0;
      }
      continue;
    }
    const fy = (unitCost * Number(k.n)) / (Number(k.d) * dens);
    for (let m = from; m < to; m++) {
      const n = nums[m] as number;
      if (n === 0) {
        amounts[m] = 0;
        continue;
      }
      const term = n * fy;
      x += term;
      magnitude += Math.abs(term);
      // Past FAST_LIMIT (or a factor that is not a finite number) doubles no longer hold the running
      // total's whole part and fraction exactly: the exact path takes the whole line.
      if (!(magnitude < FAST_LIMIT)) return null;
      terms++;
      const err = (terms + 8) * ERR * magnitude;
      const fl = Math.floor(x);
      const frac = x - fl;
      let r: number;
      if (frac - 0.5 > err) r = fl + 1;
      else if (0.5 - frac > err) r = fl;
      else {
        // Too close to one half to tell in doubles: decide exactly.
        exact ??= exactRunning(factors, den, unitCost);
        r = exactUpTo(exact, nums, factors, m);
      }
      amounts[m] = r - prev;
      prev = r;
    }
  }
  // Σ amounts: the months are the steps between rounded running totals (safe integers here), so
  // they add up to the last one.
  return { amounts, missingRate, total: prev };
}

/** u × 1.01: the fast path's error bound per term and magnitude (see fastAmounts). */
const ERR = U * 1.01;

/**
 * The fast path's exact running total, caught up only when a month cannot be decided in doubles:
 * Σ n × mult[year] over the months up to `upTo`, the line's value being that × the unit cost ÷ L.
 */
interface ExactRunning {
  L: bigint;
  mult: readonly bigint[];
  unit: bigint;
  cum: bigint;
  upTo: number;
}

function exactRunning(factors: readonly (Rational | null)[], den: bigint, unitCost: number): ExactRunning {
  const scale = scaleOf(factors);
  return { L: scale.L * den, mult: scale.mult, unit: BigInt(unitCost), cum: 0n, upTo: -1 };
}

/** The running total up to month m (0-based), rounded exactly (ties away from zero). */
function exactUpTo(
  exact: ExactRunning,
  nums: ArrayLike<number>,
  factors: readonly (Rational | null)[],
  m: number,
): number {
  for (let k = exact.upTo + 1; k <= m; k++) {
    const nk = nums[k] as number;
    const yk = Math.floor(k / 12);
    if (nk !== 0 && factors[yk]) exact.cum += BigInt(nk) * (exact.mult[yk] as bigint);
  }
  exact.upTo = m;
  return Number(roundHalfAwayParts(exact.cum * exact.unit, exact.L));
}
