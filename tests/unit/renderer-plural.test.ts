import { describe, expect, it } from 'vitest';
import { en } from '../../src-renderer/i18n/en';
import { plural, pluralKey, translateCount } from '../../src-renderer/i18n';

const forms = { one: 'one', other: 'other' } as const;
const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('plural(locale, n, forms) follows Intl.PluralRules', () => {
  it.each([
    [0, 'other'],
    [1, 'one'],
    [1.5, 'other'],
    [2, 'other'],
    [21, 'other'],
    [1_000_000, 'other'],
  ] as const)('English: %s -> %s', (n, form) => {
    expect(plural('en', n, forms)).toBe(form);
  });

  it.each([
    [0, 'one'],
    [1, 'one'],
    [0.5, 'one'],
    [1.5, 'one'],
    [2, 'other'],
    [21, 'other'],
    // CLDR's French 'many' (a million) takes the plural form: the dictionaries have two.
    [1_000_000, 'other'],
  ] as const)('French: %s -> %s', (n, form) => {
    expect(plural('fr', n, forms)).toBe(form);
  });
});

describe('counted messages', () => {
  it('pick their form and format the count', () => {
    expect(translateCount('en', 'currency.lines', 1)).toBe('1 line');
    expect(translateCount('en', 'currency.lines', 0)).toBe('0 lines');
    expect(translateCount('en', 'level.lines', 1240)).toBe('1,240 lines');
    expect(translateCount('fr', 'currency.lines', 0)).toBe('0 ligne');
    expect(translateCount('fr', 'currency.lines', 1)).toBe('1 ligne');
    expect(nb(translateCount('fr', 'level.lines', 1240))).toBe('1 240 lignes');
    expect(pluralKey('fr', 1, 'checks.count.error')).toBe('checks.count.error.one');
    expect(pluralKey('en', 0, 'checks.count.error')).toBe('checks.count.error.other');
  });

  it('every .one message has its .other', () => {
    const keys = new Set(Object.keys(en));
    const ones = [...keys].filter((k) => k.endsWith('.one'));
    expect(ones.length).toBeGreaterThan(3);
    for (const k of ones) expect(keys.has(`${k.slice(0, -4)}.other`), k).toBe(true);
  });

  it('no message picks its number by hand (…One / …Other keys)', () => {
    // level.countOne stays until LevelSection (being rewritten) moves to translateCount('level.lines').
    const handMade = Object.keys(en).filter((k) => /(One|Other)$/.test(k));
    expect(handMade).toEqual(['level.countOne']);
  });
});

describe('French typography', () => {
  it('a no-break space before : ; ? ! » and %, and after «', async () => {
    const { fr } = await import('../../src-renderer/i18n/fr');
    const bad: string[] = [];
    for (const [k, v] of Object.entries(fr)) {
      if (/[^\u00a0\u202f(][:;?!»%]|«[^\u00a0\u202f]/.test(v)) bad.push(`${k}: ${v}`);
    }
    expect(bad).toEqual([]);
  });
});
