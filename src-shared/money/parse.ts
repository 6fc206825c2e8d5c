/**
 * Locale-aware parsing of what a person types. Returns either a canonical decimal string or a
 * specific error code (translated by the UI; see src-shared/i18n). Never goes through a float.
 */
import { canonicalDecimal, decimalScale, type DecimalString } from './decimal';
import { currencyExponent, MAX_MINOR, type Minor } from './minor';

export type Locale = 'en' | 'fr';

export type ParseErrorCode =
  | 'number.empty'
  | 'number.invalid'
  | 'number.grouping'
  | 'number.tooManyDecimals'
  | 'number.negative'
  | 'number.tooLarge'
  | 'number.notInteger'
  | 'number.outOfRange'
  | 'number.ratio';

export type ParseResult<T> =
  { ok: true; value: T } | { ok: false; code: ParseErrorCode; params?: Record<string, string | number> };

interface Separators {
  decimal: string;
  groups: readonly string[];
}

const SEPARATORS: Record<Locale, Separators> = {
  en: { decimal: '.', groups: [','] },
  // French writes 1 234,56: the group separator is a (narrow) no-break space or a plain space.
  fr: { decimal: ',', groups: [' ', '\u00a0', '\u202f', '.'] },
};

/**
 * Parses "1,234.5" (en) or "1 234,5" (fr) into "1234.5". Grouping is optional but, when used,
 * must be in groups of three: "12,5,0" is refused with `number.grouping`, not silently read.
 * A point in French input is accepted as the decimal separator when no comma is present and the
 * value cannot be a grouped integer ("12.5"), since many people type it from habit.
 */
export function parseDecimal(input: string, locale: Locale): ParseResult<DecimalString> {
  return quoting(input, readDecimal(input, locale));
}

/**
 * Every refusal of the parsers below carries what was typed (trimmed, as `input`), so a message
 * can quote it: “12,5,0” is not a number. The outermost parser's text wins ("12 %", not "12").
 */
function quoting<T>(input: string, r: ParseResult<T>): ParseResult<T> {
  return r.ok ? r : { ...r, params: { ...r.params, input: input.trim() } };
}

function readDecimal(input: string, locale: Locale): ParseResult<DecimalString> {
  let s = input.trim().replace(/^\+/, '');
  if (s === '') return { ok: false, code: 'number.empty' };
  let sign = '';
  if (s.startsWith('-') || s.startsWith('\u2212')) {
    sign = '-';
    s = s.slice(1).trim();
  }
  const sep = SEPARATORS[locale];
  let decimalSep = sep.decimal;
  let groups = sep.groups;
  if (locale === 'fr' && !s.includes(',') && /^\d+\.\d{1,2}$|^\d+\.\d{4,}$|^\d{4,}\.\d+$/.test(s)) {
    decimalSep = '.';
    groups = [' ', '\u00a0', '\u202f'];
  }
  const parts = s.split(decimalSep);
  if (parts.length > 2) return { ok: false, code: 'number.invalid' };
  const intPart = parts[0] ?? '';
  const fracPart = parts[1];
  if (fracPart !== undefined && !/^\d+$/.test(fracPart)) return { ok: false, code: 'number.invalid' };
  let digits = intPart;
  const groupRe = new RegExp(`[${groups.map(escapeClass).join('')}]`);
  if (groupRe.test(intPart)) {
    const chunks = intPart.split(groupRe);
    const [first, ...rest] = chunks;
    if (!first || !/^\d{1,3}$/.test(first) || rest.some((c) => !/^\d{3}$/.test(c))) {
      return { ok: false, code: 'number.grouping' };
    }
    digits = chunks.join('');
  }
  if (digits === '' && fracPart !== undefined) digits = '0';
  if (!/^\d+$/.test(digits)) return { ok: false, code: 'number.invalid' };
  const plain = `${sign}${digits}${fracPart !== undefined ? `.${fracPart}` : ''}`;
  const canon = canonicalDecimal(plain);
  if (canon === null) return { ok: false, code: 'number.invalid' };
  if (digits.replace(/^0+/, '').length > 15) return { ok: false, code: 'number.tooLarge' };
  return { ok: true, value: canon };
}

function escapeClass(c: string): string {
  return c.replace(/[\]\\^-]/g, '\\$&');
}

/** A money amount typed by a person, in the given currency, to integer minor units. */
export function parseMoney(
  input: string,
  locale: Locale,
  currency: string,
  opts: { allowNegative?: boolean } = {},
): ParseResult<Minor> {
  return quoting(input, readMoney(input, locale, currency, opts));
}

function readMoney(
  input: string,
  locale: Locale,
  currency: string,
  opts: { allowNegative?: boolean },
): ParseResult<Minor> {
  const d = parseDecimal(input, locale);
  if (!d.ok) return d;
  const exp = currencyExponent(currency);
  if (decimalScale(d.value) > exp) {
    return { ok: false, code: 'number.tooManyDecimals', params: { max: exp, currency } };
  }
  if (!opts.allowNegative && d.value.startsWith('-')) return { ok: false, code: 'number.negative' };
  const [i, f = ''] = d.value.replace('-', '').split('.');
  const v = BigInt((i ?? '0') + f.padEnd(exp, '0'));
  if (v > BigInt(MAX_MINOR)) return { ok: false, code: 'number.tooLarge' };
  const n = Number(d.value.startsWith('-') ? -v : v);
  return { ok: true, value: n as Minor };
}

/** A non-negative exact decimal with at most `maxScale` decimals (quantities, rates). */
export function parseNonNegativeDecimal(input: string, locale: Locale, maxScale = 6): ParseResult<DecimalString> {
  const d = parseDecimal(input, locale);
  if (!d.ok) return d;
  if (d.value.startsWith('-')) return quoting(input, { ok: false, code: 'number.negative' });
  if (decimalScale(d.value) > maxScale) {
    return quoting(input, { ok: false, code: 'number.tooManyDecimals', params: { max: maxScale } });
  }
  return d;
}

/**
 * A percentage typed as "7" or "7,5" (meaning 7 % / 7.5 %) to the exact share "0.07" / "0.075".
 */
export function parsePercent(input: string, locale: Locale, max = 100): ParseResult<DecimalString> {
  return quoting(input, readPercent(input, locale, max));
}

function readPercent(input: string, locale: Locale, max: number): ParseResult<DecimalString> {
  const d = parseNonNegativeDecimal(input.replace(/\s*%\s*$/, ''), locale, 4);
  if (!d.ok) return d;
  const [i, f = ''] = d.value.split('.');
  const n = BigInt((i ?? '0') + f);
  const scale = f.length + 2;
  if (n * 100n > BigInt(max) * 10n ** BigInt(scale)) {
    return { ok: false, code: 'number.outOfRange', params: { min: 0, max } };
  }
  const digits = n.toString().padStart(scale + 1, '0');
  const share = canonicalDecimal(`${digits.slice(0, -scale)}.${digits.slice(-scale)}`);
  return share === null ? { ok: false, code: 'number.invalid' } : { ok: true, value: share };
}

/** A whole number within [min, max]. */
export function parseInteger(input: string, locale: Locale, min: number, max: number): ParseResult<number> {
  const d = parseDecimal(input, locale);
  if (!d.ok) return d;
  if (d.value.includes('.')) return quoting(input, { ok: false, code: 'number.notInteger' });
  const n = Number(d.value);
  if (n < min || n > max) return quoting(input, { ok: false, code: 'number.outOfRange', params: { min, max } });
  return { ok: true, value: n };
}

/**
 * A matching ratio as people write it, programme's part first: "1+1", "1:1", "50/50", "25/75",
 * "1×3" (or "1x3", "1*3"). Both parts positive, at most 6 decimals. `number.ratio` otherwise
 * ("1+", "0/50", "a+b").
 */
export function parseRatio(
  input: string,
  locale: Locale,
): ParseResult<{ programmePart: DecimalString; partnerPart: DecimalString }> {
  const m = /^\s*([^+:/×x*]+?)\s*[+:/×x*]\s*([^+:/×x*]+?)\s*$/i.exec(input);
  type Ratio = { programmePart: DecimalString; partnerPart: DecimalString };
  const fail: ParseResult<Ratio> = quoting<Ratio>(input, { ok: false, code: 'number.ratio' });
  if (!m) return fail;
  const a = parseNonNegativeDecimal(m[1] ?? '', locale, 6);
  const b = parseNonNegativeDecimal(m[2] ?? '', locale, 6);
  if (!a.ok || !b.ok || a.value === '0' || b.value === '0') return fail;
  if (Number(a.value) > 999_999 || Number(b.value) > 999_999) return fail;
  return { ok: true, value: { programmePart: a.value, partnerPart: b.value } };
}
