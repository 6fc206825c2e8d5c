/**
 * Money is an integer number of minor units of its currency (cents for EUR, francs for XOF).
 * The brand stops a plain number (a quantity, a float) from being passed where money is expected.
 */
export type Minor = number & { readonly __brand: 'Minor' };

/** Largest magnitude we accept for one amount: safely inside 2^53 with room for sums. */
export const MAX_MINOR = 10 ** 15;

export function minor(n: number | bigint): Minor {
  const v = typeof n === 'bigint' ? Number(n) : n;
  if (!Number.isSafeInteger(v)) throw new RangeError(`not an integer amount of minor units: ${String(n)}`);
  return v as Minor;
}

export function isMinor(n: unknown): n is Minor {
  return typeof n === 'number' && Number.isSafeInteger(n);
}

export function sumMinor(values: Iterable<number>): Minor {
  let s = 0;
  for (const v of values) s += v;
  return minor(s);
}

/**
 * ISO 4217 minor-unit exponents for the currencies a reintegration budget meets most. Anything
 * else is assumed to have 2 decimals (the ISO default for most currencies).
 */
const EXPONENTS: Readonly<Record<string, number>> = {
  XOF: 0,
  XAF: 0,
  GNF: 0,
  JPY: 0,
  KRW: 0,
  VND: 0,
  UGX: 0,
  RWF: 0,
  DJF: 0,
  KMF: 0,
  CLP: 0,
  PYG: 0,
  XPF: 0,
  VUV: 0,
  ISK: 0,
  BIF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  MRU: 2,
  MGA: 2,
};

export function currencyExponent(code: string): number {
  return EXPONENTS[code] ?? 2;
}

export const CURRENCY_CODE = /^[A-Z]{3}$/;
