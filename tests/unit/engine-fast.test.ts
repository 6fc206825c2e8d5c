/**
 * The fast path (src-shared/engine/amounts.ts) equals the exact path, to the minor unit: month by
 * month on random quantities and factors (extreme magnitudes, constructed ties, years without a
 * rate), and on whole random programmes (every total, line and month) against an engine that
 * computes everything in bigint.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine, ratToString } from '../../src-shared/engine';
import { planAmounts } from '../../src-shared/engine/amounts';
import type { QuantityPlan } from '../../src-shared/engine/plan';
import type { Rational } from '../../src-shared/money';
import { generateModel } from '../bench/generate';

/** The rule written out: n ÷ d (d > 0) to the nearest integer, a tie away from zero. */
function halfAway(n: bigint, d: bigint): bigint {
  const m = n < 0n ? -n : n;
  const r = (2n * m + d) / (2n * d);
  return n < 0n ? -r : r;
}

/**
 * The definition, written independently of the engine: each month's exact product, summed as a
 * running total over a common denominator, each running total rounded (ties away from zero), the
 * month's amount the step between two rounded running totals.
 */
function reference(nums: readonly number[], den: bigint, perYear: readonly (Rational | null)[], unit = 1): number[] {
  let cumN = 0n;
  let cumD = 1n;
  let prev = 0n;
  return nums.map((n, m) => {
    const k = perYear[Math.floor(m / 12)];
    if (n === 0 || !k) return 0;
    const xn = BigInt(n) * k.n * BigInt(unit);
    const xd = den * k.d;
    cumN = cumN * xd + xn * cumD;
    cumD *= xd;
    const r = halfAway(cumN, cumD);
    const step = Number(r - prev);
    prev = r;
    return step;
  });
}

function plan(nums: number[], den: bigint): QuantityPlan {
  return { den, nums, exact: null, derivation: { code: 'fixed', params: {} } };
}

const bigNat = (max: bigint) => fc.bigInt({ min: 1n, max });
const factor = fc.oneof(
  fc.record({ n: fc.bigInt({ min: 0n, max: 10n ** 6n }), d: bigNat(10n ** 6n) }),
  fc.record({ n: fc.bigInt({ min: 0n, max: 10n ** 20n }), d: bigNat(10n ** 18n) }),
  fc.record({ n: bigNat(2n ** 70n), d: bigNat(2n ** 90n) }),
  fc.constant(null),
);
// Quantities are never negative in a model, but the paths must agree on either sign (a negative
// running total rounds its ties away from zero too): both signs are drawn.
const numerator = fc.oneof(
  fc.constant(0),
  fc.integer({ min: -100, max: 100 }),
  fc.integer({ min: 0, max: 2 ** 31 }),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 }),
  fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
);

describe('the fast path equals the exact path', () => {
  it('on random quantities and factors, extreme magnitudes included', () => {
    fc.assert(
      fc.property(
        fc.array(numerator, { minLength: 1, maxLength: 120 }),
        fc.oneof(bigNat(12n), bigNat(10n ** 9n), bigNat(2n ** 80n)),
        fc.array(factor, { minLength: 10, maxLength: 10 }),
        fc.oneof(
          fc.constant(1),
          fc.integer({ min: 0, max: 1_000_000 }),
          fc.integer({ min: 0, max: 2 ** 40 }),
          fc.constant(Number.MAX_SAFE_INTEGER),
        ),
        (nums, den, perYear, unit) => {
          const fast = planAmounts(plan(nums, den), perYear, unit);
          const exact = planAmounts(plan(nums, den), perYear, unit, false);
          expect(fast.amounts).toEqual(exact.amounts);
          expect(fast.missingRate).toBe(exact.missingRate);
          expect(exact.amounts).toEqual(reference(nums, den, perYear, unit));
        },
      ),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('on ties: amounts that land exactly on one half, month after month, of either sign', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 9 }),
        fc.boolean(),
        (unit, months, spread, negative) => {
          // `spread` × 2 months sharing an odd number of halves: .5 at every other month.
          const nums = new Array<number>(months).fill((negative ? -1 : 1) * (2 * unit + 1));
          const den = 2n * BigInt(spread);
          const perYear: Rational[] = Array.from({ length: 5 }, () => ({ n: BigInt(spread), d: 1n }));
          const fast = planAmounts(plan(nums, den), perYear).amounts;
          expect(fast).toEqual(reference(nums, den, perYear));
          expect(fast).toEqual(planAmounts(plan(nums, den), perYear, 1, false).amounts);
          // By hand, the first month: ±(unit + ½) rounds away from zero to ±(unit + 1).
          expect(fast[0]).toBe((negative ? -1 : 1) * (unit + 1));
        },
      ),
      { numRuns: 500, seed: 11 },
    );
  });

  it('on ties of both signs in one line: odd halves of random sign, huge and small, the running total crossing zero', () => {
    // Month by month ±(odd) ÷ 2 × unit: every month the running total moves by a whole number and a
    // half, so every other running total is a tie, positive or negative as the signs fall.
    const half = fc.oneof(
      fc.constant(0),
      fc.integer({ min: -50, max: 50 }).map((k) => 2 * k + 1),
      fc.integer({ min: -(2 ** 40), max: 2 ** 40 }).map((k) => 2 * k + 1),
      fc.integer({ min: -(2 ** 51), max: 2 ** 51 }).map((k) => 2 * k + 1),
    );
    fc.assert(
      fc.property(
        fc.array(half, { minLength: 1, maxLength: 72 }),
        fc.oneof(
          fc.constant(1),
          fc.integer({ min: 1, max: 1_000_000 }).map((u) => 2 * u + 1),
        ),
        fc.oneof(fc.constant(1n), fc.bigInt({ min: 1n, max: 10n ** 6n })),
        (nums, unit, k) => {
          // den 2k with every year's factor k: each month is n × unit ÷ 2, an odd number of halves.
          const den = 2n * k;
          const perYear: Rational[] = Array.from({ length: 6 }, () => ({ n: k, d: 1n }));
          const fast = planAmounts(plan(nums, den), perYear, unit);
          const exact = planAmounts(plan(nums, den), perYear, unit, false);
          expect(fast.amounts).toEqual(exact.amounts);
          expect(exact.amounts).toEqual(reference(nums, den, perYear, unit));
        },
      ),
      { numRuns: 1000, seed: 29 },
    );
    // By hand: +2.5, −5 (running −2.5), +5 (running 2.5), −2.5 (running 0): 3, −6, 6, −3.
    const nums = [5, -10, 10, -5];
    const perYear: Rational[] = [{ n: 1n, d: 1n }];
    expect(planAmounts(plan(nums, 2n), perYear).amounts).toEqual([3, -6, 6, -3]);
    expect(planAmounts(plan(nums, 2n), perYear, 1, false).amounts).toEqual([3, -6, 6, -3]);
  });

  it('near the limit of the fast path, on either side of it', () => {
    for (const n of [2 ** 49, 2 ** 50 - 1, 2 ** 50, 2 ** 51 + 1, Number.MAX_SAFE_INTEGER].flatMap((x) => [x, -x])) {
      const nums = [n, n, 1, n];
      const perYear: Rational[] = [{ n: 1n, d: 3n }];
      expect(planAmounts(plan(nums, 1n), perYear).amounts).toEqual(reference(nums, 1n, perYear));
    }
  });

  it('on whole random programmes: every line, month and total', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const model = generateModel({ lines: 150, months: 24 + seed * 12, seed });
      const fast = createEngine().compute(structuredClone(model));
      const exact = createEngine({ fastPath: false }).compute(structuredClone(model));
      expect(fast).toEqual(exact);
    }
  });
});

describe('derivation numbers', () => {
  /** The definition: whole millionths (floor), trailing zeros dropped. */
  function reference(r: Rational): string {
    const scaled = (r.n * 1_000_000n) / r.d;
    const neg = scaled < 0n;
    const digits = (neg ? -scaled : scaled).toString().padStart(7, '0');
    const s = `${digits.slice(0, -6)}.${digits.slice(-6)}`.replace(/\.?0+$/, '');
    return (neg ? '-' : '') + s;
  }

  it('ratToString agrees with its definition, small and huge', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.bigInt({ min: 0n, max: 2n ** 80n })),
        fc.oneof(fc.bigInt({ min: 1n, max: 1000n }), fc.bigInt({ min: 1n, max: 2n ** 60n })),
        (n, d) => {
          expect(ratToString({ n, d })).toBe(reference({ n, d }));
        },
      ),
      { numRuns: 3000, seed: 3 },
    );
  });

  it('ratToString writes every millionth as its definition does (trailing zeros dropped without a regex)', () => {
    const wrong: string[] = [];
    for (const whole of [0n, 7n]) {
      for (let f = 0n; f < 1_000_000n; f++) {
        const r = { n: whole * 1_000_000n + f, d: 1_000_000n };
        if (ratToString(r) !== reference(r)) wrong.push(`${whole}+${f}/10^6`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});
