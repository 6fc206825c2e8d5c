/**
 * A line's quantities month by month, exact, in the form the amounts phase computes fastest: one
 * common denominator and a safe-integer numerator per month (what every driver gives for ordinary
 * inputs), or, when a numerator does not fit in a double exactly or the months' denominators
 * differ, one rational per month. Either way the value of month m is exact; no binary float ever
 * stands for a quantity (numerators are integers below 2^53, which doubles hold exactly).
 */
import { add, fromInt, rat, type Rational, ZERO } from '../money';
import type { Derivation } from './result';

export interface QuantityPlan {
  /** The common denominator of `nums` (positive). */
  den: bigint;
  /**
   * Numerator per month, index 0 = month 1 (0: nothing bought); null when `exact` holds the plan.
   * A plan built on an engine's scratch buffer (PlanBuilder) reads that buffer: it is valid until
   * the next plan is begun on it, and what outlives it is its LinePlan (below).
   */
  nums: readonly number[] | Float64Array | null;
  /** Exact quantity per month, when the months do not share a denominator or a numerator is too large. */
  exact: (Rational | null)[] | null;
  derivation: Derivation;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function fits(n: bigint): boolean {
  return n <= MAX_SAFE && n >= -MAX_SAFE;
}

/**
 * Builds a plan month by month: scaled integers while they fit, rationals from the first that does
 * not. The numerators are written into the builder's buffer: an engine keeps one builder and begins
 * every line's plan on it (begin() zeroes the buffer), so a plan it finishes is only read until the
 * next line's plan begins.
 */
export class PlanBuilder {
  private den: bigint | null = null;
  private nums: Float64Array | null;
  private exact: (Rational | null)[] | null = null;
  private readonly buffer: Float64Array;

  constructor(readonly months: number) {
    this.buffer = new Float64Array(months);
    this.nums = this.buffer;
  }

  /** Starts a new plan on this builder: nothing bought yet (the last plan's buffer is zeroed). */
  begin(): this {
    this.den = null;
    this.nums = this.buffer.fill(0);
    this.exact = null;
    this.lastFactor = null;
    this.lastFactorN = 0;
    return this;
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

  /** Month `index` buys the whole number `n`: as set(index, n / 1), without making that rational when it fits. */
  setWhole(index: number, n: number): void {
    if (this.nums && (this.den === null || this.den === 1n) && Number.isSafeInteger(n)) {
      if (index < 0 || index >= this.months) return;
      this.den = 1n;
      this.nums[index] = n;
      return;
    }
    this.set(index, fromInt(n));
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
    const nums = this.nums as Float64Array;
    const den = this.den ?? 1n;
    const exact = new Array<Rational | null>(nums.length);
    for (let i = 0; i < nums.length; i++) {
      const n = nums[i] as number;
      exact[i] = n === 0 ? null : rat(BigInt(n), den);
    }
    this.exact = exact;
    this.nums = null;
  }

  /** The plan. The same object each time (one per builder): like its buffer, valid until begin(). */
  finish(derivation: Derivation): QuantityPlan {
    const plan = this.plan;
    if (this.nums) {
      plan.den = this.den ?? 1n;
      plan.nums = this.nums;
      plan.exact = null;
    } else {
      plan.den = 1n;
      plan.nums = null;
      plan.exact = this.exact;
    }
    plan.derivation = derivation;
    return plan;
  }

  private readonly plan: QuantityPlan = { den: 1n, nums: null, exact: null, derivation: { code: '', params: {} } };
}

/** ⌈a ÷ b⌉ for whole numbers a ≥ 0, b > 0 below 2^53 (exact: the quotient is corrected by its remainder). */
export function ceilDiv(a: number, b: number): number {
  let q = Math.floor(a / b);
  while (q * b < a) q++;
  while (q > 0 && (q - 1) * b >= a) q--;
  return q;
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
  const nums = plan.nums;
  if (nums) {
    // Summed in doubles while the sum stays a safe integer (it always does for ordinary plans).
    let sum = 0;
    let safe = true;
    for (let i = 0; i < nums.length; i++) {
      sum += nums[i] as number;
      if (!Number.isSafeInteger(sum)) {
        safe = false;
        break;
      }
    }
    let s = 0n;
    if (safe) s = BigInt(sum);
    else for (let i = 0; i < nums.length; i++) if (nums[i] !== 0) s += BigInt(nums[i] as number);
    return s === 0n ? ZERO : rat(s, plan.den);
  }
  return (plan.exact ?? []).reduce<Rational>((acc, q) => (q ? add(acc, q) : acc), ZERO);
}

/** Quantities as floats, for display only (never summed into money): always a new array. */
export function planFloats(plan: QuantityPlan): number[] {
  const nums = plan.nums;
  if (nums) {
    const out = new Array<number>(nums.length);
    if (plan.den === 1n) {
      for (let i = 0; i < nums.length; i++) out[i] = nums[i] as number;
      return out;
    }
    const d = Number(plan.den);
    for (let i = 0; i < nums.length; i++) {
      const n = nums[i] as number;
      out[i] = n === 0 ? 0 : n / d;
    }
    return out;
  }
  return (plan.exact ?? []).map((q) => (q ? Number(q.n) / Number(q.d) : 0));
}

/**
 * What the rest of a compute, and the engine's cache, keep of a line's plan once its amounts are
 * computed: the derivation, the quantities as floats (for the result) and, for a community line
 * (its reach), the exact total quantity. Unlike a plan, it never reads a scratch buffer.
 */
export interface LinePlan {
  derivation: Derivation;
  quantities: number[];
  total: Rational | null;
}
