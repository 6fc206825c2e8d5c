import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src-shared/api';
import { en } from '../../src-renderer/i18n/en';
import { fr } from '../../src-renderer/i18n/fr';
import { apiErrorText, errorText, guessLocale, isMessageKey, translate } from '../../src-renderer/i18n';
import { networkError } from '../../src-renderer/api/errors';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('French has exactly the English keys', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });

  it('no message is empty, and both languages use the same placeholders', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(en[key].trim(), key).not.toBe('');
      expect(fr[key].trim(), key).not.toBe('');
      expect(placeholders(fr[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('French is actually translated (most messages differ from English)', () => {
    const keys = Object.keys(en) as (keyof typeof en)[];
    const same = keys.filter((k) => en[k] === fr[k]);
    expect(same.length / keys.length).toBeLessThan(0.15);
  });

  it('interpolates parameters', () => {
    expect(translate('en', 'top.savedAt', { time: '14:02' })).toBe('All changes saved · 14:02');
    expect(translate('fr', 'level.total', { level: 'Structurel' })).toBe('Total Structurel');
  });
});

describe('error codes become specific sentences', () => {
  const codes = [
    'number.empty',
    'number.invalid',
    'number.grouping',
    'number.tooManyDecimals',
    'number.negative',
    'number.tooLarge',
    'number.notInteger',
    'number.outOfRange',
    'share.range',
    'month.invalid',
    'month.range',
    'currency.invalid',
    'text.required',
    'text.tooLong',
    'duration.range',
    'window.outside',
    'window.endBeforeStart',
    'file.badName',
    'number.positive',
    'staff.minAboveMax',
    'staff.maxBelowMin',
    'inflation.range',
    'currency.isReporting',
    'currency.exists',
    'currency.duplicate',
    'rates.required',
  ];
  it.each(codes)('%s has its own message in both languages', (code) => {
    expect(isMessageKey(`errors.${code}`)).toBe(true);
    for (const locale of ['en', 'fr'] as const) {
      expect(errorText(locale, code, { input: 'x', min: 1, max: 36, start: 3, end: 5 })).not.toBe(
        translate(locale, 'errors.value.invalid'),
      );
    }
  });

  it('the grouping message quotes what was typed', () => {
    expect(errorText('en', 'number.grouping', { input: '12,5,0' })).toContain('“12,5,0”');
    expect(errorText('fr', 'number.grouping', { input: '12,5,0' })).toMatch(/«\s12,5,0\s»/);
  });

  it('prefers a field-specific message when one exists', () => {
    expect(errorText('en', 'number.negative', {}, 'unitCost')).toMatch(/unit cost cannot be negative/i);
    expect(errorText('en', 'number.negative', {}, 'nothingSpecific')).toBe(translate('en', 'errors.number.negative'));
  });

  it('a currency without decimals gets its own message', () => {
    expect(errorText('en', 'number.tooManyDecimals', { max: 0, currency: 'XOF' })).toMatch(/XOF has no decimals/);
    expect(errorText('en', 'number.tooManyDecimals', { max: 2, currency: 'EUR' })).toMatch(/at most 2 decimals/);
  });

  it('an unknown code falls back to a generic sentence, never to the code', () => {
    expect(errorText('fr', 'no.such.code')).toBe(translate('fr', 'errors.value.invalid'));
  });

  it.each(ERROR_CODES)('API error %s is translated', (code) => {
    const text = apiErrorText('fr', { code, message: 'English text from main' });
    expect(text).not.toContain('English text from main');
    expect(text.length).toBeGreaterThan(10);
  });

  it('a feature not available here: main’s detail in English, not inside a French sentence', () => {
    const error = { code: 'unavailable' as const, message: 'File dialogs are only available in the desktop app.' };
    expect(apiErrorText('en', error)).toBe(`This is not available here. ${error.message}`);
    expect(apiErrorText('fr', error)).toBe(translate('fr', 'apiError.unavailable', { detail: '' }).trim());
  });

  it('names the field of a validation error', () => {
    const text = apiErrorText('en', {
      code: 'validation',
      message: '',
      fields: { 'patch.unitCost': 'number.negative' },
    });
    expect(text).toBe('Unit cost: The value cannot be negative.');
  });

  it.each(['profile', 'funder', 'currency'] as const)(
    'deleting a %s still in use: the detailed sentence when it is in the window’s language, else the code’s text',
    (what) => {
      const error = {
        code: 'validation' as const,
        message: `The thing cannot be deleted: 2 budget lines use it, the first being "X". Nothing was changed.`,
        fields: { [what === 'currency' ? 'code' : 'id']: `${what}.inUse` as const },
        lang: 'en' as const,
      };
      expect(apiErrorText('en', error)).toBe(error.message);
      expect(apiErrorText('fr', error)).toBe(translate('fr', `errors.${what}.inUse`));
      const fr = {
        ...error,
        message: 'La chose ne peut pas être supprimée\u00a0: 2\u00a0lignes…',
        lang: 'fr' as const,
      };
      expect(apiErrorText('fr', fr)).toBe(fr.message);
      expect(apiErrorText('en', fr)).toBe(translate('en', `errors.${what}.inUse`));
      // Without a language (an older main), the code's own text.
      expect(apiErrorText('en', { ...error, lang: undefined })).toBe(translate('en', `errors.${what}.inUse`));
    },
  );

  it('main’s refusal to open a file, written in the user’s language, is shown with its details', () => {
    const fr = {
      code: 'newerVersion' as const,
      message: '«\u00a0a.rcs\u00a0» a été enregistré par une version plus récente…',
      lang: 'fr' as const,
    };
    expect(apiErrorText('fr', fr)).toBe(fr.message);
    expect(apiErrorText('en', fr)).toBe(translate('en', 'apiError.newerVersion'));
    expect(apiErrorText('fr', { code: 'damaged', message: 'damaged' })).toBe(translate('fr', 'apiError.damaged'));
  });

  it('a transport failure says the app did not answer', () => {
    expect(apiErrorText('en', networkError(new Error('fetch failed')))).toBe(translate('en', 'apiError.network'));
  });

  it('guesses the starting language from the browser', () => {
    expect(guessLocale(['fr-CA', 'en'])).toBe('fr');
    expect(guessLocale(['de-DE', 'en-GB'])).toBe('en');
    expect(guessLocale([])).toBe('en');
  });
});
