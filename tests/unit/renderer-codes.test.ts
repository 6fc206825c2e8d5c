/**
 * Every code that crosses to the UI has a text in both languages. The dictionaries are typed by
 * the code unions, so most gaps do not compile; these tests catch what the typecheck cannot see:
 * an empty or untranslated text, a text that needs parameters main does not send, a schema
 * message that bypasses the typed helper, and two sections that would overwrite each other.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, FIELD_CODES, type FieldCode, isFieldCode } from '../../src-shared/api';
import { CHECK_CODES } from '../../src-shared/checks';
import { validationFailure } from '../../src-shared/commands/validation';
import { DIAGNOSTIC_CODES } from '../../src-shared/engine';
import {
  currencySchema,
  funderFieldsSchema,
  lineFieldsSchema,
  profileFieldsSchema,
  programmeSchema,
} from '../../src-shared/model';
import {
  apiErrorText,
  ERROR_TEXT_CODES,
  errorText,
  isMessageKey,
  type MessageKey,
  translate,
  UI_FIELD_CODES,
} from '../../src-renderer/i18n';
import { en } from '../../src-renderer/i18n/en';
import { fr } from '../../src-renderer/i18n/fr';

const root = path.resolve(__dirname, '../..');

/** Texts that are rightly the same in both languages (none today). */
const SAME_IN_BOTH: ReadonlySet<MessageKey> = new Set<MessageKey>([]);

const kinds: [string, string, readonly string[]][] = [
  ['API error', 'apiError', ERROR_CODES],
  ['field', 'errors', ERROR_TEXT_CODES],
  ['check finding', 'checks', CHECK_CODES],
  ['engine diagnostic', 'checks', DIAGNOSTIC_CODES],
];

describe.each(kinds)('every %s code has an English and a French text', (_kind, prefix, codes) => {
  it.each([...codes])('%s', (code) => {
    const key = `${prefix}.${code}`;
    expect(isMessageKey(key), key).toBe(true);
    if (!isMessageKey(key)) return;
    expect(en[key].trim(), key).not.toBe('');
    expect(fr[key].trim(), key).not.toBe('');
    if (!SAME_IN_BOTH.has(key)) expect(fr[key], `${key} is not translated`).not.toBe(en[key]);
  });
});

describe('the code lists', () => {
  it('have no duplicates, and findings and diagnostics do not share a key', () => {
    for (const [, , codes] of kinds) expect(new Set(codes).size).toBe(codes.length);
    const checks = new Set<string>(CHECK_CODES);
    expect(DIAGNOSTIC_CODES.filter((c) => checks.has(c))).toEqual([]);
  });

  it('field texts are exactly the codes main sends and the renderer’s own', () => {
    const texts = Object.keys(en)
      .filter((k) => k.startsWith('errors.'))
      .map((k) => k.slice('errors.'.length))
      .filter((c) => (ERROR_TEXT_CODES as readonly string[]).includes(c));
    expect(new Set(texts)).toEqual(new Set([...FIELD_CODES, ...UI_FIELD_CODES]));
  });
});

describe('a field code main sends, as the UI shows it', () => {
  const generic = { en: translate('en', 'errors.value.invalid'), fr: translate('fr', 'errors.value.invalid') };
  it.each([...FIELD_CODES])('%s: a specific sentence with nothing left to fill', (code) => {
    for (const locale of ['en', 'fr'] as const) {
      // As main sends it: the English sentence, and a field map with no parameters.
      const failure = validationFailure({ name: code });
      const text = apiErrorText(locale, failure.toApiError());
      expect(text, `${locale} ${code}`).not.toMatch(/\{\w+\}/);
      expect(text).not.toContain(code);
      if (code !== 'value.invalid') expect(text).not.toContain(generic[locale]);
      if (locale === 'fr') expect(text).not.toContain(failure.message);
    }
  });

  it.each([...FIELD_CODES])('%s: main’s English sentence is specific too', (code) => {
    const { message } = validationFailure({ name: code });
    if (code !== 'value.invalid') expect(message).not.toContain('is not an acceptable value');
    expect(message).toMatch(/^The name .+\. Nothing was saved\.$/);
  });

  it('an unknown code is never shown as such', () => {
    const text = apiErrorText('fr', {
      code: 'validation',
      message: 'x',
      fields: { name: 'no.such' as FieldCode },
    });
    expect(text).toContain(translate('fr', 'errors.value.invalid'));
    expect(errorText('en', 'no.such')).toBe(translate('en', 'errors.value.invalid'));
  });
});

describe('schema messages are field codes', () => {
  const files = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
      const full = path.join(dir, d.name);
      if (d.isDirectory()) return files(full);
      return d.name.endsWith('.ts') ? [full] : [];
    });

  it('no zod message in src-shared or src-main is a code-shaped literal that bypasses fieldMessage()', () => {
    const offenders: string[] = [];
    for (const file of [...files(path.join(root, 'src-shared')), ...files(path.join(root, 'src-main'))]) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/message:\s*'([A-Za-z]+(?:\.[A-Za-z]+)+)'/g)) {
        offenders.push(`${path.relative(root, file)}: ${m[1]}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('what the schemas say about bad values is a field code or zod’s own sentence', () => {
    const bad = [
      programmeSchema.safeParse({ title: '', reportingCurrency: 'eur', startMonth: '2025-13', durationMonths: 0.5 }),
      programmeSchema.safeParse({ durationMonths: 999, indirectRate: '-1', communities: -1, inflation: '-1.5' }),
      lineFieldsSchema.safeParse({ name: 'x'.repeat(300), unitCost: -1, driver: { kind: 'perArrival', offset: 99 } }),
      profileFieldsSchema.safeParse({ personsPerUnit: '0', arrivals: 1.5, arrivalStart: 0, durationMonths: 200 }),
      currencySchema.safeParse({ code: 'X', rates: ['0', 'abc'], inflation: '-2' }),
      funderFieldsSchema.safeParse({ name: ' ', ceiling: -5 }),
    ];
    const messages = new Set<string>();
    for (const r of bad) {
      expect(r.success).toBe(false);
      for (const issue of r.error?.issues ?? []) messages.add(issue.message);
    }
    const codes = [...messages].filter((m) => !m.includes(' '));
    expect(codes.filter((m) => !isFieldCode(m))).toEqual([]);
    // The crafted values do reach our own codes, not only zod's sentences.
    expect(codes.length).toBeGreaterThan(8);
  });
});
