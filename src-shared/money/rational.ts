/**
 * Exact arithmetic for the engine. Every rate, share and quantity is an exact decimal
 * (a string such as "0.228"); the engine turns them into rationals of bigints so that no
 * binary float ever touches money. Values are rounded to minor units exactly once
 * (see `roundHalfAway`).
 */

/** An exact rational number n/d with d > 0. Not normalised (gcd is costly and not needed). */
export interface Rational {
  readonly n: bigint;
  readonly d: bigint;
}

export const ZERO: Rational = { n: 0n, d: 1n };
export const ONE: Rational = { n: 1n, d: 1n };

export function rat(n: bigint | number, d: bigint | number = 1n): Rational {
  const nn = BigInt(n);
  const dd = BigInt(d);
  if (dd === 0n) throw new RangeError('denominator is zero');
  return dd < 0n ? { n: -nn, d: -dd } : { n: nn, d: dd };
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  // Both below 2^53 (nearly always): Euclid in doubles is exact there (remainders of safe integers
  // are safe integers), and much faster than in bigint.
  if (x <= MAX_SAFE && y <= MAX_SAFE) {
    let p = Number(x);
    let q = Number(y);
    while (q !== 0) {
      const t = p % q;
      p = q;
      q = t;
    }
    return BigInt(p);
  }
  while (y !== 0n) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

/** a + b over the least common denominator, so running sums do not grow without bound. */
export function add(a: Rational, b: Rational): Rational {
  if (a.d === b.d) return { n: a.n + b.n, d: a.d };
  const g = gcd(a.d, b.d);
  return { n: a.n * (b.d / g) + b.n * (a.d / g), d: (a.d / g) * b.d };
}

export function sub(a: Rational, b: Rational): Rational {
  return add(a, { n: -b.n, d: b.d });
}

export function mul(a: Rational, b: Rational): Rational {
  return { n: a.n * b.n, d: a.d * b.d };
}

export function div(a: Rational, b: Rational): Rational {
  if (b.n === 0n) throw new RangeError('division by zero');
  return rat(a.n * b.d, a.d * b.n);
}

export function cmp(a: Rational, b: Rational): -1 | 0 | 1 {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

export function isZero(a: Rational): boolean {
  return a.n === 0n;
}

/** Smallest integer >= a. */
export function ceil(a: Rational): bigint {
  const q = a.n / a.d; // truncates toward zero
  const r = a.n % a.d;
  return r > 0n ? q + 1n : q;
}

/** Largest integer <= a. */
export function floor(a: Rational): bigint {
  const q = a.n / a.d;
  const r = a.n % a.d;
  return r < 0n ? q - 1n : q;
}

/**
 * THE rounding rule of the whole product (DESIGN §4): to the nearest integer, and a tie (exactly
 * half-way) away from zero: 2.5 → 3, −2.5 → −3, 2.4999… → 2. It is the rule of Council Regulation
 * (EC) No 1103/97, art. 5 (an amount that is "exactly half-way" is "rounded up", its magnitude here
 * for a negative amount) and of spreadsheets' ROUND (Excel, LibreOffice Calc), so that a workbook
 * recalculated by a spreadsheet gives the app's cents. Used once per line-month to reach minor
 * units of the reporting currency. It replaced round-half-to-even (issue 11), by which a workbook
 * recalculated with ROUND could differ from the app by a cent on every tie.
 */
export function roundHalfAway(a: Rational): bigint {
  return roundHalfAwayParts(a.n, a.d);
}

/** roundHalfAway(n ÷ d) for d > 0, without allocating a rational (the engine's exact paths). */
export function roundHalfAwayParts(n: bigint, d: bigint): bigint {
  const neg = n < 0n;
  const m = neg ? -n : n;
  let q = m / d;
  if ((m - q * d) * 2n >= d) q += 1n;
  return neg ? -q : q;
}

/**
 * roundHalfAway(n ÷ d) in doubles, for whole numbers n and d > 0 that are safe integers (below
 * 2^53): the remainder (`%` is exact on doubles) and the quotient of what is left are exact, so is
 * the result. Never −0.
 */
export function roundHalfAwayWhole(n: number, d: number): number {
  const m = Math.abs(n);
  const r = m % d;
  let q = (m - r) / d;
  if (2 * r >= d) q += 1;
  return n < 0 && q !== 0 ? -q : q;
}

export function pow(a: Rational, k: number): Rational {
  let r = ONE;
  for (let i = 0; i < k; i++) r = mul(r, a);
  return r;
}

export function fromInt(n: number | bigint): Rational {
  return { n: BigInt(n), d: 1n };
}

/** For display only (charts, percentages); never used for money. */
export function toNumber(a: Rational): number {
  return Number(a.n) / Number(a.d);
}
