/**
 * A line's quantities month by month, exact, in the form the amounts phase computes fastest: one
 * common denominator and a safe-integer numerator per month (what every driver gives for ordinary
 * inputs), or, when a numerator does not fit in a double exactly or the months' denominators
 * differ, one rational per month. Either way the value of month m is exact; no binary float ever
 * stands for a quantity (numerators are integers below 2^53, which doubles hold exactly).
 */
import { add, rat, type Rational, ZERO } from '../money';
import type { Derivation } from './result';

export interface QuantityPlan {
  /** The common denominator of `nums` (positive). */
  den: bigint;
  /** Numerator per month, index 0 = month 1 (0: nothing bought); null when `exact` holds the plan. */
  nums: number[] | null;
  /** Exact quantity per month, when the months do not share a denominator or a numerator is too large. */
  exact: (Rational | null)[] | null;
  derivation: Derivation;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function fits(n: bigint): boolean {
  return n <= MAX_SAFE && n >= -MAX_SAFE;
}

/** Builds a plan month by month: scaled integers while they fit, rationals from the first that does not. */
export class PlanBuilder {
  private den: bigint | null = null;
  private nums: number[] | null;
  private exact: (Rational | null)[] | null = null;

  constructor(private readonly months: number) {
    this.nums = new Array<number>(months).fill(0);
  }

  /** Month `index` (0-based) buys `q` (replacing what it held). */
  set(index: number, q: Rational): void {
    if (index < 0 || index >= this.months) return;
    if (this.nums) {
      if (this.den === null) this.den = q.d;
      if (q.d === this.den && fits(q.n)) {
        this.nums[index] = Number(q.n);
        return;
      }
      this.toExact();
    }
    (this.exact as (Rational | null)[])[index] = q.n === 0n ? null : q;
  }

  /** Months start..last (0-based, inclusive) each buy `q`: checked once, filled as numbers. */
  fill(start: number, last: number, q: Rational): void {
    if (this.nums && (this.den === null || this.den === q.d) && fits(q.n)) {
      if (this.den === null) this.den = q.d;
      const n = Number(q.n);
      for (let i = Math.max(0, start); i <= last && i < this.months; i++) this.nums[i] = n;
      return;
    }
    for (let i = start; i <= last; i++) this.set(i, q);
  }

  private lastFactor: Rational | null = null;
  private lastFactorN = 0;

  /** Month `index` buys `factor` × `k` (k a whole number): without a bigint where the product fits. */
  setMultiple(index: number, factor: Rational, k: number): void {
    if (this.nums && (this.den === null || this.den === factor.d)) {
      if (factor !== this.lastFactor) {
        this.lastFactor = factor;
        this.lastFactorN = fits(factor.n) ? Number(factor.n) : NaN;
      }
      const n = this.lastFactorN * k;
      if (Number.isSafeInteger(n) && index >= 0 && index < this.months) {
        if (this.den === null) this.den = factor.d;
        this.nums[index] = n;
        return;
      }
    }
    this.set(index, { n: factor.n * BigInt(k), d: factor.d });
  }

  private toExact(): void {
    const nums = this.nums as number[];
    const den = this.den ?? 1n;
    this.exact = nums.map((n) => (n === 0 ? null : rat(BigInt(n), den)));
    this.nums = null;
  }

  finish(derivation: Derivation): QuantityPlan {
    if (this.nums) return { den: this.den ?? 1n, nums: this.nums, exact: null, derivation };
    return { den: 1n, nums: null, exact: this.exact, derivation };
  }
}

/** ⌈a ÷ b⌉ for whole numbers a ≥ 0, b > 0 below 2^53 (exact: the quotient is corrected by its remainder). */
export function ceilDiv(a: number, b: number): number {
  let q = Math.floor(a / b);
  while (q * b < a) q++;
  while (q > 0 && (q - 1) * b >= a) q--;
  return q;
}

/** An empty plan (the line buys nothing). */
export function emptyPlan(months: number, derivation: Derivation): QuantityPlan {
  return { den: 1n, nums: new Array<number>(months).fill(0), exact: null, derivation };
}

/** The plan of amounts given as whole numbers per month (a percentage line's base). */
export function integerPlan(amounts: readonly number[], derivation: Derivation): QuantityPlan {
  return { den: 1n, nums: [...amounts], exact: null, derivation };
}

/** The exact quantity of month `index` (0-based), or null. */
export function planAt(plan: QuantityPlan, index: number): Rational | null {
  if (plan.nums) {
    const n = plan.nums[index] ?? 0;
    return n === 0 ? null : rat(BigInt(n), plan.den);
  }
  return plan.exact?.[index] ?? null;
}

/** The exact total quantity over the programme. */
export function planTotal(plan: QuantityPlan): Rational {
  if (plan.nums) {
    // Summed in doubles while the sum stays a safe integer (it always does for ordinary plans).
    let sum = 0;
    let safe = true;
    for (const n of plan.nums) {
      sum += n;
      if (!Number.isSafeInteger(sum)) {
        safe = false;
        break;
      }
    }
    let s = 0n;
    if (safe) s = BigInt(sum);
    else for (const n of plan.nums) if (n !== 0) s += BigInt(n);
    return s === 0n ? ZERO : rat(s, plan.den);
  }
  return (plan.exact ?? []).reduce<Rational>((acc, q) => (q ? add(acc, q) : acc), ZERO);
}

/** Quantities as floats, for display only (never summed into money). */
export function planFloats(plan: QuantityPlan): number[] {
  if (plan.nums) {
    // Whole quantities are their own floats (the plan's array is never changed once built).
    if (plan.den === 1n) return plan.nums;
    const d = Number(plan.den);
    return plan.nums.map((n) => (n === 0 ? 0 : n / d));
  }
  return (plan.exact ?? []).map((q) => (q ? Number(q.n) / Number(q.d) : 0));
}
