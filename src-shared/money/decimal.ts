/**
 * Exact decimals as canonical strings ("0.07", "12.5", "-3"). They are what the model stores for
 * rates, shares and quantities. Parsing never goes through a binary float.
 */
import { type Rational, rat } from './rational';

/** A canonical decimal string: optional minus, digits, optional fraction without trailing zeros. */
export type DecimalString = string;

const CANONICAL = /^-?(0|[1-9]\d*)(\.\d*[1-9])?$/;

export function isCanonicalDecimal(s: string): boolean {
  return CANONICAL.test(s) && s !== '-0';
}

/** Parses a plain decimal ("12.50", "-0.5", "3") to a rational. Returns null when it is not one. */
export function decimalToRational(s: string): Rational | null {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return null;
  const frac = m[3] ?? '';
  const digits = BigInt((m[2] ?? '0') + frac);
  const n = m[1] === '-' ? -digits : digits;
  return rat(n, 10n ** BigInt(frac.length));
}

/**
 * How far the engine reads a decimal exactly: READ_SCALE digits after the point, READ_INT_DIGITS
 * before it. The schemas accept far less (src-shared/model/limits.ts: 6 or 8 decimals, 15 digits),
 * and what sensitivity and Monte-Carlo runs derive from accepted values (a value × a factor of 6
 * decimals) stays within these too. Beyond them (a file edited by hand), dec() reads the value
 * rounded to READ_SCALE decimals (ties away from zero) and clamped to ±10^READ_INT_DIGITS, so that no
 * stored string can make the arithmetic slow; the engine reports such a value (`value.outOfBounds`).
 */
export const READ_SCALE = 24;
export const READ_INT_DIGITS = 30;

/** Whether dec() reads `s` exactly (within READ_SCALE and READ_INT_DIGITS). */
export function readsExactly(s: string): boolean {
  // Short strings cannot hold more digits than either bound (READ_SCALE < READ_INT_DIGITS).
  if (s.length <= READ_SCALE + 1) return true;
  const point = s.indexOf('.');
  const int = (point < 0 ? s : s.slice(0, point)).replace(/^-?0*/, '');
  return int.length <= READ_INT_DIGITS && (point < 0 || s.length - point - 1 <= READ_SCALE);
}

/** `s` as dec() reads it when it is beyond READ_SCALE or READ_INT_DIGITS (see above); null if not a decimal. */
function readBounded(s: string): Rational | null {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return null;
  const neg = m[1] === '-';
  const int = (m[2] ?? '0').replace(/^0+(?=\d)/, '');
  if (int.length > READ_INT_DIGITS)
    return rat(neg ? -(10n ** BigInt(READ_INT_DIGITS)) : 10n ** BigInt(READ_INT_DIGITS));
  const frac = m[3] ?? '';
  const kept = frac.slice(0, READ_SCALE);
  let digits = BigInt(int + kept);
  if (frac.length > READ_SCALE && frac.charCodeAt(READ_SCALE) - 48 >= 5) digits += 1n;
  return rat(neg ? -digits : digits, 10n ** BigInt(kept.length));
}

/** Like decimalToRational, for values already validated by the model schemas (bounded: see READ_SCALE). */
export function dec(s: DecimalString): Rational {
  let r = parsed.get(s);
  if (r) return r;
  r = (readsExactly(s) ? decimalToRational(s) : readBounded(s)) ?? undefined;
  if (!r) throw new RangeError(`not a decimal: ${JSON.stringify(s)}`);
  // The engine reads the same few decimals (quantities, rates, shares) at every compute.
  if (parsed.size >= PARSED_MAX) parsed.clear();
  parsed.set(s, Object.freeze(r));
  return r;
}

/** Parsed decimals by their text (rationals are values: frozen, shared). Cleared when full. */
const parsed = new Map<string, Rational>();
const PARSED_MAX = 4096;

/** Canonical form of a plain decimal string: strips leading zeros, trailing fraction zeros, "-0". */
export function canonicalDecimal(s: string): DecimalString | null {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return null;
  const int = (m[2] ?? '0').replace(/^0+(?=\d)/, '');
  const frac = (m[3] ?? '').replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  if (/^0(\.0*)?$/.test(body)) return '0';
  return (m[1] === '-' ? '-' : '') + body;
}

/** Number of digits after the point. */
export function decimalScale(s: DecimalString): number {
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

/** Exact decimal string of a rational whose denominator divides a power of ten (else null). */
export function rationalToDecimal(r: Rational, maxScale = 30): DecimalString | null {
  for (let s = 0; s <= maxScale; s++) {
    const p = 10n ** BigInt(s);
    if ((r.n * p) % r.d === 0n) {
      const v = (r.n * p) / r.d;
      const neg = v < 0n;
      const digits = (neg ? -v : v).toString().padStart(s + 1, '0');
      const body = s === 0 ? digits : `${digits.slice(0, -s)}.${digits.slice(-s)}`;
      return canonicalDecimal((neg ? '-' : '') + body);
    }
  }
  return null;
}
