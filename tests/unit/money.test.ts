import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundRunning } from '../../src-shared/engine';
import {
  add,
  allocate,
  allocateSafe,
  canonicalDecimal,
  dec,
  decimalToRational,
  formatDecimal,
  formatMinor,
  gcd,
  parseDecimal,
  parseInteger,
  parseMoney,
  parsePercent,
  rat,
  rationalToDecimal,
  roundHalfAway,
  roundHalfAwayParts,
  roundHalfAwayWhole,
  shareToPercentString,
} from '../../src-shared/money';

describe('roundHalfAway (THE rounding rule: ties away from zero, as Regulation 1103/97 art. 5 and ROUND)', () => {
  /** The rule written out on the magnitude: ⌊|n| ÷ d + ½⌋, with the sign put back. */
  const reference = (n: bigint, d: bigint): bigint => {
    const m = n < 0n ? -n : n;
    const r = (2n * m + d) / (2n * d);
    return n < 0n ? -r : r;
  };

  it('rounds a tie away from zero on either side, anything else to the nearest', () => {
    const cases: [bigint, bigint, bigint][] = [
      [5n, 2n, 3n], // 2.5 -> 3
      [7n, 2n, 4n], // 3.5 -> 4
      [-5n, 2n, -3n], // -2.5 -> -3
      [-7n, 2n, -4n], // -3.5 -> -4
      [1n, 2n, 1n], // 0.5 -> 1
      [-1n, 2n, -1n], // -0.5 -> -1
      [255n, 10n, 26n], // 25.5 cents (EUR 0.25 × 1.02) -> 26
      [-255n, 10n, -26n],
      [251n, 100n, 3n], // 2.51 -> 3
      [249n, 100n, 2n], // 2.49 -> 2
      [-249n, 100n, -2n], // -2.49 -> -2
      [-251n, 100n, -3n],
      [10n, 3n, 3n], // 3.333 -> 3
      [20n, 3n, 7n], // 6.667 -> 7
      [-20n, 3n, -7n],
      [0n, 7n, 0n],
      [6n, 3n, 2n], // whole numbers stay
      [-6n, 3n, -2n],
    ];
    for (const [n, d, want] of cases) {
      expect(roundHalfAway(rat(n, d)), `${n}/${d}`).toBe(want);
      expect(roundHalfAwayParts(n, d), `${n}/${d}`).toBe(want);
    }
    // A negative denominator is normalised by rat(): -5 / -2 is 2.5.
    expect(roundHalfAway(rat(-5n, -2n))).toBe(3n);
    expect(roundHalfAway(rat(5n, -2n))).toBe(-3n);
  });

  it('is symmetric: round(-x) = -round(x), and within one half of the exact value, ties at exactly one half (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        (n, d) => {
          const r = roundHalfAway(rat(n, d));
          expect(roundHalfAway(rat(-n, d))).toBe(-r);
          const diff2 = (r * d - n) * 2n; // 2 × (r − n/d) × d
          expect(diff2 <= d && diff2 >= -d).toBe(true);
          // Exactly one half off only on a tie, and then away from zero (|r| > |n/d|).
          if (diff2 === d || diff2 === -d) expect(r > 0n ? diff2 === d : diff2 === -d).toBe(true);
          expect(r).toBe(reference(n, d));
        },
      ),
      { numRuns: 3000, seed: 13 },
    );
  });

  it('rounds constructed ties of either sign away from zero, huge values included (bigint, beyond 2^53)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.bigInt({ min: 0n, max: 2n ** 200n })),
        fc.oneof(fc.bigInt({ min: 1n, max: 1000n }), fc.bigInt({ min: 1n, max: 2n ** 90n })),
        fc.boolean(),
        (k, h, negative) => {
          // (2k + 1) × h ÷ 2h is exactly k + ½.
          const n = (2n * k + 1n) * h;
          const d = 2n * h;
          expect(roundHalfAway(rat(negative ? -n : n, d))).toBe(negative ? -(k + 1n) : k + 1n);
          expect(roundHalfAwayParts(negative ? -n : n, d)).toBe(negative ? -(k + 1n) : k + 1n);
        },
      ),
      { numRuns: 2000, seed: 17 },
    );
    // By hand, far past 2^53: (2^80 + 1) ÷ 2 → 2^79 + 1; its negative → −(2^79 + 1).
    expect(roundHalfAway(rat(2n ** 80n + 1n, 2n))).toBe(2n ** 79n + 1n);
    expect(roundHalfAway(rat(-(2n ** 80n) - 1n, 2n))).toBe(-(2n ** 79n) - 1n);
    expect(roundHalfAway(rat(10n ** 30n * 2n + 1n, 2n))).toBe(10n ** 30n + 1n);
  });

  it('roundHalfAwayWhole (doubles) equals it on safe integers of either sign, ties and the limits included', () => {
    const whole = fc.oneof(
      fc.integer({ min: -1000, max: 1000 }),
      fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
      fc.constantFrom(0, 1, -1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 52 + 1, -(2 ** 52) - 1),
      fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
    );
    const divisor = fc.oneof(
      fc.constantFrom(1, 2, 10, 1_000_000),
      fc.integer({ min: 1, max: 1000 }).map((x) => 2 * x),
      fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
    );
    fc.assert(
      fc.property(whole, divisor, (n, d) => {
        const r = roundHalfAwayWhole(n, d);
        expect(r).toBe(Number(reference(BigInt(n), BigInt(d))));
        expect(Object.is(r, -0)).toBe(false);
      }),
      { numRuns: 5000, seed: 19 },
    );
    expect(roundHalfAwayWhole(2_500_000, 1_000_000)).toBe(3);
    expect(roundHalfAwayWhole(-2_500_000, 1_000_000)).toBe(-3);
    expect(roundHalfAwayWhole(-499_999, 1_000_000)).toBe(0);
    expect(Object.is(roundHalfAwayWhole(-499_999, 1_000_000), 0)).toBe(true);
  });
});

describe("the running-total rule (roundRunning): a line's months add up to its exact total, rounded", () => {
  it('the running sums of the steps are the exact running totals rounded, each step within a unit of its month, signs and ties included (property)', () => {
    const month = fc.oneof(
      // Halves, so that running totals land on ties of either sign.
      fc.integer({ min: -40, max: 40 }).map((k) => rat(BigInt(k), 2n)),
      fc
        .tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 1000n }))
        .map(([n, d]) => rat(n, d)),
      fc.constant(null),
    );
    fc.assert(
      fc.property(fc.array(month, { maxLength: 60 }), (xs) => {
        const steps = roundRunning(xs);
        expect(steps).toHaveLength(xs.length);
        let exact = rat(0n);
        let sum = 0n;
        xs.forEach((x, i) => {
          const step = BigInt(steps[i] as number);
          if (x === null) {
            expect(step).toBe(0n);
            return;
          }
          exact = add(exact, x);
          sum += step;
          // Each rounded running total is the exact one rounded by THE rule…
          expect(sum).toBe(roundHalfAway(exact));
          // …so each month is within one minor unit of its exact amount (exactly one only when the
          // running total crosses from one tie to another of the other sign: +½ then −½).
          const off = step * x.d - x.n;
          expect(off <= x.d && off >= -x.d).toBe(true);
        });
      }),
      { numRuns: 2000, seed: 23 },
    );
  });

  it('by hand: three months of half a cent are 1, 0, 1 (running totals 0.5 → 1, 1 → 1, 1.5 → 2), and their negatives', () => {
    expect(roundRunning([rat(1n, 2n), rat(1n, 2n), rat(1n, 2n)])).toEqual([1, 0, 1]);
    expect(roundRunning([rat(-1n, 2n), rat(-1n, 2n), rat(-1n, 2n)])).toEqual([-1, 0, -1]);
    // Two months of 2.5: running 2.5 → 3, then 5 → 5 (half-to-even, the earlier rule, gave 2 then 3).
    expect(roundRunning([rat(5n, 2n), rat(5n, 2n)])).toEqual([3, 2]);
  });
});

describe('gcd', () => {
  /** Euclid in bigint only: the reference for gcd's doubles path below 2^53. */
  const reference = (a: bigint, b: bigint): bigint => {
    let x = a < 0n ? -a : a;
    let y = b < 0n ? -b : b;
    while (y !== 0n) [x, y] = [y, x % y];
    return x;
  };
  const MAX = 2n ** 53n - 1n;

  it('equals Euclid in bigint, on both sides of 2^53 and with signs and zeros', () => {
    const around = fc.oneof(
      fc.bigInt({ min: -MAX, max: MAX }),
      fc.bigInt({ min: MAX - 1000n, max: MAX + 1000n }),
      fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }),
      fc.constantFrom(0n, 1n, -1n, MAX, MAX + 1n, -MAX),
    );
    fc.assert(
      fc.property(around, around, (a, b) => {
        expect(gcd(a, b)).toBe(reference(a, b));
      }),
      { numRuns: 3000 },
    );
    expect(gcd(2n ** 52n * 3n, 2n ** 40n * 9n)).toBe(2n ** 40n * 3n);
    expect(gcd(655957n * 1000n, 10n ** 9n)).toBe(1000n);
  });
});

describe('allocate (largest remainder)', () => {
  it('splits 100 in thirds as 34/33/33', () => {
    expect(allocate(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
  });
  it('gives all to the first part when every weight is zero', () => {
    expect(allocate(7n, [0n, 0n])).toEqual([7n, 0n]);
  });
  it('parts always add up to the total and stay within one unit of their exact share (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 6n }), { minLength: 1, maxLength: 12 }),
        (total, weights) => {
          const parts = allocate(total, weights);
          expect(parts.reduce((s, p) => s + p, 0n)).toBe(total);
          const wsum = weights.reduce((s, w) => s + w, 0n);
          if (wsum > 0n) {
            parts.forEach((p, i) => {
              const exactTimesW = total * (weights[i] as bigint); // p ≈ exactTimesW / wsum
              const diff = p * wsum - exactTimesW;
              expect(diff < wsum && diff > -wsum).toBe(true);
            });
          }
        },
      ),
    );
  });
});

describe('allocateSafe (the same allocation in doubles)', () => {
  it('gives exactly the parts allocate gives wherever it answers, ties included (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -(2 ** 40), max: 2 ** 40 })),
        fc.array(fc.oneof(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 2 ** 20 })), {
          minLength: 1,
          maxLength: 12,
        }),
        (total, weights) => {
          const safe = allocateSafe(total, weights);
          const exact = allocate(
            BigInt(total),
            weights.map((w) => BigInt(w)),
          ).map(Number);
          if (safe !== null) expect(safe).toEqual(exact);
          else expect(Math.abs(total) * weights.reduce((s, w) => s + w, 0)).toBeGreaterThan(Number.MAX_SAFE_INTEGER);
        },
      ),
      { numRuns: 3000, seed: 5 },
    );
    expect(allocateSafe(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateSafe(2 ** 52, [3, 5])).toBeNull();
  });
});

describe('decimals', () => {
  it('canonicalises and round-trips exactly', () => {
    expect(canonicalDecimal('007.500')).toBe('7.5');
    expect(canonicalDecimal('-0.000')).toBe('0');
    expect(rationalToDecimal(dec('0.228'))).toBe('0.228');
    expect(rationalToDecimal(rat(1n, 3n))).toBeNull();
  });
  it('decimal -> rational -> decimal is the identity on canonical strings (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 12 }), (m, s) => {
        const r = rat(m, 10n ** BigInt(s));
        const str = rationalToDecimal(r);
        expect(str).not.toBeNull();
        const back = decimalToRational(str as string);
        expect(back && back.n * r.d === r.n * back.d).toBe(true);
      }),
    );
  });
});

describe('parsing what people type', () => {
  it('reads English and French numbers', () => {
    expect(parseDecimal('1,234.5', 'en')).toEqual({ ok: true, value: '1234.5' });
    expect(parseDecimal('1 234,5', 'fr')).toEqual({ ok: true, value: '1234.5' });
    expect(parseDecimal('1\u202f234,50', 'fr')).toEqual({ ok: true, value: '1234.5' });
    expect(parseDecimal('12.5', 'fr')).toEqual({ ok: true, value: '12.5' });
    expect(parseDecimal('-3', 'en')).toEqual({ ok: true, value: '-3' });
  });
  it('refuses "12,5,0" with a specific reason in both locales', () => {
    expect(parseDecimal('12,5,0', 'en')).toMatchObject({ ok: false, code: 'number.grouping' });
    expect(parseDecimal('12,5,0', 'fr')).toMatchObject({ ok: false, code: 'number.invalid' });
  });
  it('carries what was typed (trimmed) with every refusal, so a message can quote it', () => {
    expect(parseDecimal(' 12,5,0 ', 'en')).toMatchObject({ ok: false, params: { input: '12,5,0' } });
    expect(parsePercent('12.5.0', 'fr')).toMatchObject({ ok: false, params: { input: '12.5.0' } });
    expect(parseMoney('12abc', 'en', 'EUR')).toMatchObject({ ok: false, params: { input: '12abc' } });
  });
  it('refuses junk, empty input and 1,23 grouping', () => {
    expect(parseDecimal('', 'en')).toMatchObject({ ok: false, code: 'number.empty' });
    expect(parseDecimal('12abc', 'en')).toMatchObject({ ok: false, code: 'number.invalid' });
    expect(parseDecimal('1,23', 'en')).toMatchObject({ ok: false, code: 'number.grouping' });
    expect(parseDecimal('1e5', 'en')).toMatchObject({ ok: false, code: 'number.invalid' });
  });
  it('parses money to minor units without floats', () => {
    expect(parseMoney('0.1', 'en', 'EUR')).toEqual({ ok: true, value: 10 });
    expect(parseMoney('1 234,56', 'fr', 'EUR')).toEqual({ ok: true, value: 123456 });
    expect(parseMoney('655957', 'en', 'XOF')).toEqual({ ok: true, value: 655957 });
    expect(parseMoney('10.5', 'en', 'XOF')).toMatchObject({ ok: false, code: 'number.tooManyDecimals' });
    expect(parseMoney('1.005', 'en', 'EUR')).toMatchObject({ ok: false, code: 'number.tooManyDecimals' });
    expect(parseMoney('-5', 'en', 'EUR')).toMatchObject({ ok: false, code: 'number.negative' });
    expect(parseMoney('99999999999999999', 'en', 'EUR')).toMatchObject({ ok: false });
  });
  it('parses percentages to exact shares', () => {
    expect(parsePercent('7', 'en')).toEqual({ ok: true, value: '0.07' });
    expect(parsePercent('7,5 %', 'fr')).toEqual({ ok: true, value: '0.075' });
    expect(parsePercent('22.8', 'en')).toEqual({ ok: true, value: '0.228' });
    expect(parsePercent('101', 'en')).toMatchObject({ ok: false, code: 'number.outOfRange' });
  });
  it('parses integers in range', () => {
    expect(parseInteger('36', 'en', 1, 120)).toEqual({ ok: true, value: 36 });
    expect(parseInteger('1.5', 'en', 1, 120)).toMatchObject({ ok: false, code: 'number.notInteger' });
    expect(parseInteger('121', 'en', 1, 120)).toMatchObject({ ok: false, code: 'number.outOfRange' });
  });
  it('money survives format -> parse in both locales (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 13 }), fc.constantFrom('en' as const, 'fr' as const), (n, loc) => {
        expect(parseMoney(formatMinor(n, 'EUR', loc), loc, 'EUR')).toEqual({ ok: true, value: n });
      }),
    );
  });
});

describe('formatting', () => {
  it('formats minor units exactly per locale', () => {
    expect(formatMinor(123456789, 'EUR', 'en')).toBe('1,234,567.89');
    expect(formatMinor(-5, 'EUR', 'en')).toBe('-0.05');
    expect(formatMinor(1500, 'XOF', 'en')).toBe('1,500');
    expect(formatMinor(123456, 'EUR', 'fr').replace(/\s/g, ' ')).toBe('1 234,56');
    expect(formatDecimal('1234.5', 'en')).toBe('1,234.5');
    expect(shareToPercentString('0.075', 'en')).toBe('7.5');
    expect(shareToPercentString('0.228', 'fr')).toBe('22,8');
  });
});
