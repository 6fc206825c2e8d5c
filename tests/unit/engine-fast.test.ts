/**
 * The fast path (src-shared/engine/amounts.ts) equals the exact path, to the minor unit: month by
 * month on random quantities and factors (extreme magnitudes, constructed ties, years without a
 * rate), and on whole random programmes (every total, line and month) against an engine that
 * computes everything in bigint.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine, ratToString, roundRunning } from '../../src-shared/engine';
import { planAmounts } from '../../src-shared/engine/amounts';
import type { QuantityPlan } from '../../src-shared/engine/plan';
import { mul, type Rational } from '../../src-shared/money';
import { generateModel } from '../bench/generate';

/** The definition: each month's exact product, rounded by the running-total rule. */
function reference(nums: readonly number[], den: bigint, perYear: readonly (Rational | null)[], unit = 1): number[] {
  return roundRunning(
    nums.map((n, m) => {
      const k = perYear[Math.floor(m / 12)];
      return n === 0 || !k ? null : mul(mul({ n: BigInt(n), d: den }, k), { n: BigInt(unit), d: 1n });
    }),
  );
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
const numerator = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 0, max: 100 }),
  fc.integer({ min: 0, max: 2 ** 31 }),
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
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

  it('on ties: amounts that land exactly on one half, month after month', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 9 }),
        (unit, months, spread) => {
          // `spread` × 2 months sharing an odd number of halves: .5 at every other month.
          const nums = new Array<number>(months).fill(2 * unit + 1);
          const den = 2n * BigInt(spread);
          const perYear: Rational[] = Array.from({ length: 5 }, () => ({ n: BigInt(spread), d: 1n }));
          expect(planAmounts(plan(nums, den), perYear).amounts).toEqual(reference(nums, den, perYear));
        },
      ),
      { numRuns: 500, seed: 11 },
    );
  });

  it('near the limit of the fast path, on either side of it', () => {
    for (const n of [2 ** 49, 2 ** 50 - 1, 2 ** 50, 2 ** 51 + 1, Number.MAX_SAFE_INTEGER]) {
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
});
