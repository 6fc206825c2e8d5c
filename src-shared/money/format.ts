/** Formatting for display, at the edges only (Intl). Never parsed back. */
import { dec, rationalToDecimal, type DecimalString } from './decimal';
import { fromInt, mul } from './rational';
import { currencyExponent } from './minor';
import type { Locale } from './parse';

const cache = new Map<string, Intl.NumberFormat>();

function nf(locale: Locale, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = locale + JSON.stringify(opts);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', opts);
    cache.set(key, f);
  }
  return f;
}

/** "1,234.56" / "1 234,56" from minor units; exact (string arithmetic, no division by float). */
export function formatMinor(amount: number, currency: string, locale: Locale, withCode = false): string {
  const exp = currencyExponent(currency);
  const neg = amount < 0;
  const digits = Math.abs(amount)
    .toString()
    .padStart(exp + 1, '0');
  const intPart = digits.slice(0, digits.length - exp);
  const frac = exp > 0 ? digits.slice(-exp) : '';
  const grouped = nf(locale, { useGrouping: true, maximumFractionDigits: 0 }).format(BigInt(intPart));
  const dsep = locale === 'fr' ? ',' : '.';
  const body = frac ? `${grouped}${dsep}${frac}` : grouped;
  const s = (neg ? '-' : '') + body;
  return withCode ? `${s} ${currency}` : s;
}

/** Shows an exact decimal in the user's locale without losing digits. */
export function formatDecimal(value: DecimalString, locale: Locale): string {
  const neg = value.startsWith('-');
  const [i = '0', f] = value.replace('-', '').split('.');
  const grouped = nf(locale, { useGrouping: true, maximumFractionDigits: 0 }).format(BigInt(i));
  const dsep = locale === 'fr' ? ',' : '.';
  return (neg ? '-' : '') + grouped + (f ? dsep + f : '');
}

/** "0.075" -> "7.5" (for a field that is entered in percent), exact. */
export function shareToPercentString(share: DecimalString, locale: Locale): string {
  const pct = rationalToDecimal(mul(dec(share), fromInt(100)));
  return formatDecimal(pct ?? '0', locale);
}

/**
 * "0.075" -> "7.5 %" / "7,5 %": the share in percent with its sign, a no-break space between them
 * (a line never breaks between the number and the sign, in either language).
 */
export function shareToPercentText(share: DecimalString, locale: Locale): string {
  return `${shareToPercentString(share, locale)}\u00a0%`;
}

export function formatPercent(ratio: number, locale: Locale, digits = 1): string {
  return nf(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(ratio);
}
