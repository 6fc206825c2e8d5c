import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src-shared/checks/types';
import { compute } from '../../src-shared/engine';
import {
  countFindings,
  countsText,
  destination,
  findingParams,
  findingText,
  groupFindings,
  opensDetails,
} from '../../src-renderer/shared/findings';
import { isMessageKey } from '../../src-renderer/i18n';
import { broken, findingsOf, otherDonors, principleBreakers, runChecks } from './check-models';
import { en as en_ } from '../../src-renderer/i18n/en';

const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('every finding becomes a sentence in both languages', () => {
  const all = findingsOf([broken(), ...otherDonors(), ...principleBreakers()]);
  const codes = [...new Set(all.map((f) => f.code))].sort();

  it('the crafted programmes reach every finding the dictionary has a message for, and no other', () => {
    expect(new Set(all.map((f) => f.group))).toEqual(new Set(['donor', 'principles', 'integrity']));
    const ui =
      /^checks\.(heading|intro|group\.|groupEmpty|allClear|severity\.|source|goTo|place\.|unknown|count\.|conversion\.|where\.|setting\.)/;
    const messages = Object.keys(en_)
      .filter((k) => k.startsWith('checks.') && !ui.test(k))
      .map((k) => k.slice('checks.'.length))
      .sort();
    expect(codes).toEqual(messages);
  });

  it.each(codes)('%s has its own message, and no placeholder is left unfilled', (code) => {
    expect(isMessageKey(`checks.${code}`), `checks.${code}`).toBe(true);
    const model = [broken(), ...otherDonors(), ...principleBreakers()].find((m) =>
      runChecks(m, compute(m)).some((f) => f.code === code),
    )!;
    const f = runChecks(model, compute(model)).find((x) => x.code === code)!;
    for (const locale of ['en', 'fr'] as const) {
      const text = findingText(f, model, locale);
      expect(text).not.toMatch(/\{\w+\}/);
      expect(text).not.toContain(code);
    }
  });

  it('formats amounts (minor units) in the reporting currency, rates as percentages', () => {
    const model = broken();
    const findings = runChecks(model, compute(model));
    const indirect = findings.find((f) => f.code === 'donor.indirectAbove')!;
    expect(findingText(indirect, model, 'en')).toBe('The indirect cost rate is 8 %, above the 7 % this donor allows.');
    const ceiling = findings.find((f) => f.code === 'funder.ceilingExceeded')!;
    const params = findingParams(ceiling, model, 'en');
    expect(params.ceiling).toBe('0.01 USD');
    expect(String(params.used)).toMatch(/^[\d,]+\.\d\d USD$/);
    const sum = findings.find((f) => f.code === 'funding.sum')!;
    expect(findingText(sum, model, 'en')).toBe('The funding shares of “cash” add up to 60 %, not 100 %.');
    expect(nb(findingText(sum, model, 'fr'))).toBe(
      'Les parts de financement de « cash » totalisent 60 % et non 100 %.',
    );
  });

  it('an unknown code still says something, naming the code', () => {
    const f: Finding = {
      id: 'x',
      severity: 'note',
      group: 'integrity',
      // Findings are typed; this one stands for a code from a newer engine the dictionary lacks.
      code: 'brand.new' as Finding['code'],
      params: {},
      target: null,
      sourceKey: 'integrity',
      source: 's',
    };
    expect(findingText(f, broken(), 'en')).toBe('Check “brand.new”.');
  });
});

describe('where a finding takes the person', () => {
  it('a line goes to the budget, settings to their screens', () => {
    expect(destination({ kind: 'line', lineId: 'L1' })).toEqual({ screen: 'budget', lineId: 'L1' });
    expect(destination({ kind: 'programme', field: 'indirectRate' })).toEqual({
      screen: 'programme',
      focusId: 'programme-indirectRate',
    });
    expect(destination({ kind: 'profile', profileId: 'P1' })).toEqual({ screen: 'caseload', focusId: 'profile-P1' });
    expect(destination({ kind: 'funder', funderId: 'F1' })).toEqual({ screen: 'funding', focusId: 'funder-F1' });
    expect(destination({ kind: 'currency', code: 'XOF' })).toEqual({ screen: 'programme', focusId: 'currency-XOF' });
    expect(destination(null)).toBeNull();
  });

  it('a funding-split finding opens the line’s details too', () => {
    const model = broken();
    const sum = runChecks(model, compute(model)).find((f) => f.code === 'funding.sum')!;
    expect(sum.target).toEqual({ kind: 'line', lineId: 'cash' });
    expect(opensDetails(sum)).toBe(true);
    const zero = runChecks(model, compute(model)).find((f) => f.code === 'line.zeroCost')!;
    expect(opensDetails(zero)).toBe(false);
  });
});

describe('counts and groups', () => {
  const f = (id: string, severity: Finding['severity'], group: Finding['group']): Finding => ({
    id,
    severity,
    group,
    code: 'funder.none',
    params: {},
    target: null,
    sourceKey: 'integrity',
    source: '',
  });
  const list = [
    f('a', 'note', 'donor'),
    f('b', 'error', 'donor'),
    f('c', 'warning', 'integrity'),
    f('d', 'note', 'donor'),
  ];

  it('groups findings, most severe first, keeping the engine’s order otherwise', () => {
    const g = groupFindings(list);
    expect(g.donor.map((x) => x.id)).toEqual(['b', 'a', 'd']);
    expect(g.principles).toEqual([]);
    expect(g.integrity.map((x) => x.id)).toEqual(['c']);
  });

  it('says how many of each, with singular and plural in each language', () => {
    const c = countFindings(list);
    expect(c).toEqual({ error: 1, warning: 1, note: 2, total: 4 });
    expect(countsText(c, 'en')).toBe('1 error · 1 warning · 2 notes');
    expect(countsText(c, 'fr')).toBe('1 erreur · 1 avertissement · 2 remarques');
    expect(countsText(countFindings([]), 'en')).toBe('');
  });
});
