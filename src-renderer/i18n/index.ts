/**
 * A small typed i18n layer: `translate(locale, key, params)` over two dictionaries with the same
 * keys, plus translation of the error codes used by src-shared (money parsing, model schemas, API
 * errors, engine diagnostics) into specific sentences. Pure: no DOM, no React.
 */
import type { ApiError } from '../../src-shared/api';
import type { Locale } from '../../src-shared/money';
import { isNetworkError } from '../api/errors';
import { en, type MessageKey, type Messages } from './en';
import { fr } from './fr';

export type { MessageKey, Messages } from './en';
export type Params = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: Params) => string;

export const LOCALES = ['en', 'fr'] as const satisfies readonly Locale[];
export const dictionaries: Readonly<Record<Locale, Messages>> = { en, fr };

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : String(v);
  });
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  return interpolate(dictionaries[locale][key], params);
}

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

/**
 * A field error code (e.g. 'number.grouping', 'window.outside', 'text.required') as a specific
 * sentence. `context` selects a more specific message when one exists: `errors.<context>.<code>`
 * is tried before `errors.<code>`.
 */
export function errorText(locale: Locale, code: string, params: Params = {}, context?: string): string {
  let effective = code;
  if (code === 'number.tooManyDecimals' && params.currency !== undefined && Number(params.max) === 0) {
    effective = 'number.noDecimals';
  }
  const candidates = [context ? `errors.${context}.${effective}` : '', `errors.${effective}`, 'errors.value.invalid'];
  for (const key of candidates) {
    if (key && isMessageKey(key)) return translate(locale, key, params);
  }
  return translate(locale, 'errors.value.invalid');
}

/** An error that came back from main, as a sentence in the user's language. */
export function apiErrorText(locale: Locale, error: ApiError): string {
  const t = translator(locale);
  if (isNetworkError(error)) return t('apiError.network');
  if (error.code === 'validation' && error.fields) {
    const first = Object.entries(error.fields)[0];
    // Deleting a profile, funding source or currency that lines still use: main's English
    // sentence names the lines ("2 budget lines use it, the first being …"); other languages get
    // the translated refusal.
    const inUse = first ? /^(profile|funder|currency)\.inUse$/.exec(first[1]) : null;
    if (inUse) {
      if (locale === 'en' && error.message) return error.message;
      const key = `apiError.inUse.${inUse[1] ?? ''}`;
      if (isMessageKey(key)) return t(key);
    }
    if (first) {
      const [path, code] = first;
      const field = path.split('.').pop() ?? path;
      return t('apiError.validationField', { field: fieldLabel(locale, field), reason: errorText(locale, code) });
    }
  }
  if (error.code === 'unavailable') return t('apiError.unavailable', { detail: error.message });
  const key = `apiError.${error.code}`;
  if (isMessageKey(key)) return t(key);
  return error.message;
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
