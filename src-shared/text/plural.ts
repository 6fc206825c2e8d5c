/**
 * Singular or plural, the way each language decides it (Intl.PluralRules): English uses the
 * singular for exactly 1; French for 0, 1 and anything below 2 (0,5 ; 1,5). The dictionaries
 * have two forms, so any other category (French 'many', for a million) takes the plural.
 */
import type { Locale } from '../money';

export interface PluralForms<T> {
  one: T;
  other: T;
}

const rules = new Map<Locale, Intl.PluralRules>();

function rulesFor(locale: Locale): Intl.PluralRules {
  let r = rules.get(locale);
  if (!r) {
    r = new Intl.PluralRules(locale === 'fr' ? 'fr-FR' : 'en-GB');
    rules.set(locale, r);
  }
  return r;
}

/** The form of `forms` that `n` takes in `locale`. */
export function plural<T>(locale: Locale, n: number, forms: PluralForms<T>): T {
  return rulesFor(locale).select(n) === 'one' ? forms.one : forms.other;
}
