/**
 * A small typed i18n layer: `translate(locale, key, params)` over two dictionaries with the same
 * keys, plus translation of the codes that come from src-shared (money parsing, model schemas,
 * API errors, engine diagnostics, check findings) into specific sentences, and counts through
 * Intl.PluralRules. Pure: no DOM, no React.
 */
import type { ApiError, FieldCode } from '../../src-shared/api';
import { formatDecimal, type Locale } from '../../src-shared/money';
import { isNetworkError } from '../api/errors';
import { en, type MessageKey, type Messages } from './en';
import { fr } from './fr';
import { plural } from '../../src-shared/text/plural';
import { interpolate } from '../../src-shared/text/interpolate';

export type { MessageKey, Messages } from './en';
export { plural, type PluralForms } from '../../src-shared/text/plural';
export {
  ERROR_TEXT_CODES,
  type ErrorTextCode,
  FIELD_CONTEXTS,
  type FieldContext,
  UI_FIELD_CODES,
  type UiFieldCode,
} from './codes';
export type Params = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: Params) => string;

export const LOCALES = ['en', 'fr'] as const satisfies readonly Locale[];
export const dictionaries: Readonly<Record<Locale, Messages>> = { en, fr };

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

export { interpolate };

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  return interpolate(dictionaries[locale][key], params);
}

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

/** Keys of the messages written in two forms, `<base>.one` and `<base>.other`. */
export type PluralBase = {
  [K in MessageKey]: K extends `${infer B}.one` ? (`${B}.other` extends MessageKey ? B : never) : never;
}[MessageKey];

/** The key of `base`'s form for `n` in `locale` ('level.lines' -> 'level.lines.one' or '.other'). */
export function pluralKey(locale: Locale, n: number, base: PluralBase): MessageKey {
  return plural<MessageKey>(locale, n, { one: `${base}.one`, other: `${base}.other` });
}

/** "1 line", "3 lines", "0 ligne", "1 240 lignes": `{n}` is the count, formatted for `locale`. */
export function translateCount(locale: Locale, base: PluralBase, n: number, params?: Params): string {
  return translate(locale, pluralKey(locale, n, base), { n: formatDecimal(String(n), locale), ...params });
}

/**
 * A field error code (e.g. 'number.grouping', 'window.outside', 'text.required') as a specific
 * sentence. `context` selects a more specific message when one exists: `errors.<context>.<code>`
 * is tried before `errors.<code>`. The code is a string because it may come from main as data;
 * an unknown one gives the generic sentence, never the code.
 */
export function errorText(locale: Locale, code: string, params: Params = {}, context?: string): string {
  let effective = code;
  if (code === 'number.tooManyDecimals' && params.currency !== undefined && Number(params.max) === 0) {
    effective = 'number.noDecimals';
  }
  const candidates = [context ? `errors.${context}.${effective}` : '', `errors.${effective}`];
  for (const key of candidates) {
    if (key && isMessageKey(key)) return translate(locale, key, params);
  }
  return translate(locale, 'errors.value.invalid');
}

/**
 * Field codes whose text is a whole sentence (a refusal of the command as a whole, not of a value):
 * shown on its own, not after the field's label. The planner writes it in the language asked
 * (ApiError.lang; src-shared/commands/refusals.ts) with more (how many lines, which one first), so
 * it is shown as it is when that is the window's language.
 */
const WHOLE_SENTENCE_CODES: ReadonlySet<string> = new Set<FieldCode>([
  'profile.inUse',
  'funder.inUse',
  'partner.inUse',
  'currency.inUse',
  'duration.linesOutside',
  'duration.profilesOutside',
]);

/** An error that came back from main, as a sentence in the user's language. */
export function apiErrorText(locale: Locale, error: ApiError): string {
  const t = translator(locale);
  if (isNetworkError(error)) return t('apiError.network');
  if (error.code === 'validation' && error.fields) {
    const first = Object.entries(error.fields)[0];
    if (first) {
      const [path, code] = first;
      if (WHOLE_SENTENCE_CODES.has(code)) {
        return error.lang === locale && error.message ? error.message : errorText(locale, code);
      }
      const field = path.split('.').pop() ?? path;
      return t('apiError.validationField', {
        field: fieldLabel(locale, field),
        reason: errorText(locale, code, {}, 'main'),
      });
    }
  }
  if (error.code === 'unavailable') {
    // Main's detail is English unless it says otherwise (ApiError.lang): not put in another language's sentence.
    const detail = (error.lang ?? 'en') === locale ? error.message : '';
    return t('apiError.unavailable', { detail }).trim();
  }
  // Main's refusals to open or edit a file come written in the user's language (see ApiError.lang):
  // shown as they are, with their details; otherwise the short text of the code.
  if (error.lang === locale && error.message) return error.message;
  const key = `apiError.${error.code}`;
  if (isMessageKey(key)) return t(key);
  return error.message;
}

/**
 * Why a long job (export, file check) failed, in the user's language: main's sentence when it was
 * written in that language (ApiError.lang), otherwise the text of its code; never English in a
 * French window.
 */
export function jobFailureText(locale: Locale, error: ApiError | null, message: string | null): string {
  if (error) return apiErrorText(locale, error);
  return locale === 'en' ? (message ?? '') : translate(locale, 'apiError.internal');
}

/** Human label of a model field, for validation errors that name a field. */
export function fieldLabel(locale: Locale, field: string): string {
  const candidates = [`col.${field}`, `prog.field.${field}`];
  for (const key of candidates) if (isMessageKey(key)) return translate(locale, key);
  return field;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dtf(locale: Locale, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const k = locale + JSON.stringify(opts);
  let f = dateFormats.get(k);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', opts);
    dateFormats.set(k, f);
  }
  return f;
}

/** "14:02" from an ISO time. */
export function formatTime(iso: string, locale: Locale): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : dtf(locale, { hour: '2-digit', minute: '2-digit' }).format(d);
}

/** "24 Nov 2025, 14:02" from an ISO time. */
export function formatDateTime(iso: string, locale: Locale): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? ''
    : dtf(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d);
}

/** "24 November 2025" / "24 novembre 2025" from an ISO time. */
export function formatDate(iso: string, locale: Locale): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : dtf(locale, { day: 'numeric', month: 'long', year: 'numeric' }).format(d);
}

/** "Mar 2025" / "mars 2025" from "2025-03". */
export function formatMonth(yyyymm: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})$/.exec(yyyymm);
  if (!m) return yyyymm;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
  return dtf(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** Picks the starting locale from the browser's languages, before settings have loaded. */
export function guessLocale(languages: readonly string[]): Locale {
  for (const l of languages) {
    const base = l.toLowerCase().split('-')[0];
    if (base === 'fr') return 'fr';
    if (base === 'en') return 'en';
  }
  return 'en';
}
