/** Differences for display: "+1,250.00" / "−300.00" / "0.00", and "+12.5%" of a reference. */
import { formatMinor, type Locale } from '../../src-shared/money';

/** A difference in minor units with its sign (a typographic minus), exact. */
export function signedMinor(amount: number, currency: string, locale: Locale): string {
  const body = formatMinor(Math.abs(amount), currency, locale);
  return amount > 0 ? `+${body}` : amount < 0 ? `\u2212${body}` : body;
}

const signedPercent = new Map<Locale, Intl.NumberFormat>();

/** A share of a reference with its sign, one decimal ("—" when there is no reference: null). */
export function formatDeltaPercent(p: number | null, locale: Locale): string {
  if (p === null) return '—';
  let f = signedPercent.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
      style: 'percent',
      signDisplay: 'exceptZero',
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    });
    signedPercent.set(locale, f);
  }
  return f.format(p);
}
